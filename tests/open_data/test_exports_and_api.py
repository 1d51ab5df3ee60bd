"""Open data and the read-only API, from a reuser's side: the files parse, their rows are the
list's rows for the same filters, no personal field ever leaves, the schema and catalogue
describe them, and the API pages and filters like the lists."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.factories import EventFactory, OfferFactory, commune
from tests.helpers.queries import assert_max_queries

PERSONAL = ("Dr Camille Poster", "@cabinet.test", "contact_")


@pytest.fixture
def content(db):
    OfferFactory(
        title="Collaboration à Carpentras", kind="collaboration", contact_phone="0490000000"
    )
    OfferFactory(title="Remplacement à Bollène", kind="remplacement", commune=commune("84019"))
    OfferFactory(title="Brouillon", status="draft", published_at=None)
    EventFactory(title="Soirée des internes")


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize("params", [{}, {"kind": "collaboration"}, {"commune": "bollene"}])
def test_csv_has_the_lists_rows_for_the_same_filters(content, visitor, params):
    page = visitor.get("/exercer/offres/", params)
    response = visitor.get("/donnees-ouvertes/offres.csv", params)
    assert response["Content-Type"].startswith("text/csv")
    records = list(csv.DictReader(io.StringIO(body(response))))
    assert len(records) == page.context["page"].paginator.count
    assert {r["titre"] for r in records} == {o.title for o in page.context["page"].object_list}


def test_json_export_parses_and_never_holds_a_personal_field(content, visitor):
    text = body(visitor.get("/donnees-ouvertes/offres.json"))
    records = json.loads(text)
    assert len(records) == 2 and "Brouillon" not in text
    assert records[0]["url"].startswith("http://testserver/exercer/offres/")
    for needle in (*PERSONAL, "0490000000"):
        assert needle not in text
    csv_text = body(visitor.get("/donnees-ouvertes/offres.csv"))
    for needle in (*PERSONAL, "0490000000"):
        assert needle not in csv_text


def test_events_export(content, visitor):
    records = json.loads(body(visitor.get("/donnees-ouvertes/evenements.json")))
    assert [r["titre"] for r in records] == ["Soirée des internes"]


def test_an_invalid_filter_exports_nothing_rather_than_failing(content, visitor):
    response = visitor.get(
        "/donnees-ouvertes/offres.json", {"du": "pas-une-date", "start_from": "x"}
    )
    assert json.loads(body(response)) == []


def test_unknown_or_private_datasets_are_404(db, visitor):
    for url in (
        "/donnees-ouvertes/inconnu.csv",
        "/donnees-ouvertes/accompagnements.json",
        "/api/v1/accompagnements/",
        "/donnees-ouvertes/inconnu/schema.json",
    ):
        assert visitor.get(url).status_code == 404


def test_the_schema_describes_every_column(content, visitor):
    schema = visitor.get("/donnees-ouvertes/offres/schema.json").json()
    header = body(visitor.get("/donnees-ouvertes/offres.csv")).splitlines()[0].split(",")
    assert [field["name"] for field in schema["fields"]] == header
    assert schema["licenses"][0]["name"] == "etalab-2.0"
    assert {field["type"] for field in schema["fields"]} <= {
        "string",
        "integer",
        "number",
        "boolean",
        "date",
        "datetime",
    }


def test_the_open_data_page_and_catalogue(content, visitor):
    page = visitor.get("/donnees-ouvertes/").content.decode()
    assert "Licence Ouverte / Open Licence version 2.0" in page
    assert "Fréquence de mise à jour" in page
    assert "/donnees-ouvertes/offres/schema.json" in page
    catalogue = visitor.get("/donnees-ouvertes/catalogue.json").json()
    assert catalogue["@type"] == "dcat:Catalog"
    keys = {dataset["dct:identifier"] for dataset in catalogue["dcat:dataset"]}
    assert {"offres", "evenements"} <= keys


def test_the_lists_link_their_exports_with_the_filters(content, visitor):
    page = visitor.get("/exercer/offres/", {"kind": "collaboration"}).content.decode()
    assert "/donnees-ouvertes/offres.csv?kind=collaboration" in page
    assert (
        "/donnees-ouvertes/evenements.json"
        in visitor.get(reverse("agenda:landing")).content.decode()
    )


def test_api_lists_pages_and_filters(content, visitor):
    with assert_max_queries(12):
        data = visitor.get("/api/v1/offres/").json()
    assert data["count"] == 2 and data["next"] is None
    assert visitor.get("/api/v1/offres/", {"kind": "collaboration"}).json()["count"] == 1
    for _number in range(55):
        OfferFactory()
    first = visitor.get("/api/v1/offres/").json()
    assert len(first["results"]) == 50 and first["pages"] == 2
    second = visitor.get(first["next"]).json()
    assert len(second["results"]) == 7 and second["previous"]


def test_api_detail_and_errors(content, visitor):
    offer = OfferFactory(title="Succession")
    assert visitor.get(f"/api/v1/offres/{offer.pk}/").json()["titre"] == "Succession"
    draft = OfferFactory(status="draft", published_at=None)
    assert visitor.get(f"/api/v1/offres/{draft.pk}/").status_code == 404
    assert visitor.get("/api/v1/offres/", {"page": "99"}).status_code == 404
    bad = visitor.get("/api/v1/offres/", {"start_from": "pas-une-date"})
    assert bad.status_code == 400 and "start_from" in bad.json()["details"]


def test_openapi_document_describes_every_dataset(content, visitor):
    document = visitor.get("/api/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert (
        "/api/v1/offres/" in document["paths"] and "/api/v1/evenements/{id}/" in document["paths"]
    )
    names = {p["name"] for p in document["paths"]["/api/v1/offres/"]["get"]["parameters"]}
    assert {"page", "kind", "commune", "near", "km"} <= names
    # every $ref resolves
    text = json.dumps(document)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "#/')[1:]}:
        node = document
        for segment in ref.split("/"):
            node = node[segment]


def test_job_posting_has_an_identifier(content, visitor):
    offer = OfferFactory(title="Poste salarié")
    page = visitor.get(offer.get_absolute_url()).content.decode()
    assert '"identifier"' in page and f'"value": "{offer.pk}"' in page


def test_the_openapi_document_is_valid_for_a_validator_library(content, visitor):
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    document = visitor.get("/api/v1/openapi.json").json()
    validate(document)  # raises on the first rule the document breaks
    broken = {**document, "paths": {"offres": {"get": {}}}}  # no leading slash, no responses
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_the_openapi_document_keeps_the_rules_of_openapi_3_1(content, visitor):
    """What the validator leaves to us: path parameters match the templates, operation ids are
    unique, every schema's type is a JSON type."""
    document = visitor.get("/api/v1/openapi.json").json()
    assert set(document) >= {"openapi", "info", "paths"}
    assert {"title", "version"} <= set(document["info"])
    operation_ids = []
    json_types = {"string", "integer", "number", "boolean", "null", "array", "object"}

    def check_schema(schema):
        kinds_of = schema.get("type")
        for kind in kinds_of if isinstance(kinds_of, list) else [kinds_of] if kinds_of else []:
            assert kind in json_types
        for child in schema.get("properties", {}).values():
            check_schema(child)
        if "items" in schema:
            check_schema(schema["items"])

    for path, item in document["paths"].items():
        assert path.startswith("/")
        templated = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        for method, operation in item.items():
            assert method in {"get", "put", "post", "delete", "options", "head", "patch"}
            operation_ids.append(operation["operationId"])
            assert operation["responses"]
            for status in operation["responses"]:
                assert status == "default" or (status.isdigit() and len(status) == 3)
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == templated, path
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path", "header", "cookie"}
                assert parameter["in"] != "path" or parameter["required"] is True
                check_schema(parameter["schema"])
    assert len(operation_ids) == len(set(operation_ids))
    for schema in document["components"]["schemas"].values():
        check_schema(schema)


def test_the_api_is_rate_limited_per_client(db, visitor, monkeypatch):
    from vsa_portal import api, ratelimit

    monkeypatch.setattr(api, "RATE_LIMIT", ratelimit.Limit(scope="api-test", count=3, seconds=60))
    for _number in range(3):
        assert visitor.get("/api/v1/offres/").status_code == 200
    refused = visitor.get("/api/v1/evenements/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60" and "réessayez" in refused.json()["erreur"]
    assert refused["Access-Control-Allow-Origin"] == "*"
