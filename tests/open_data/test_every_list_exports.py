"""Every public list has CSV and JSON links for its current filters, and the files hold exactly
the rows the page counts: offers, events, housing, aids, health facilities and the observatory.
Read from a reuser's side: the files are parsed, never searched as text."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest

from tests.factories import EventFactory, OfferFactory, commune
from tests.helpers.queries import assert_max_queries
from tests.housing.conftest import HousingFactory

# (dataset, its page, filters the page accepts)
LISTS = [
    ("offres", "/exercer/offres/", {"kind": "collaboration"}),
    ("evenements", "/agenda/", {"commune": "bollene"}),
    ("logements", "/s-installer/logements/", {"loyer_max": "500"}),
    ("aides", "/s-installer/aides/", {"niveau": "national"}),
    ("etablissements", "/exercer/etablissements/", {"kind": "centre_hospitalier"}),
]


@pytest.fixture
def content(territory):
    from aids.catalogue import load_catalogue

    load_catalogue()
    OfferFactory(title="Collaboration à Carpentras", kind="collaboration")
    OfferFactory(title="Remplacement à Bollène", kind="remplacement", commune=commune("84019"))
    EventFactory(title="Soirée des internes", commune=commune("84019"))
    EventFactory(title="Rencontre à Orange", commune=commune("84087"))
    HousingFactory(title="Studio à Avignon", rent=450, contact_phone="0611223344")
    HousingFactory(title="T3 à Apt", rent=800, commune=commune("84003"))


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def page_count(response):
    return response.context["page"].paginator.count


@pytest.mark.parametrize(("key", "url", "filters"), LISTS)
@pytest.mark.parametrize("filtered", [False, True])
def test_the_files_hold_the_pages_rows(content, visitor, key, url, filters, filtered):
    params = filters if filtered else {}
    page = visitor.get(url, params)
    assert page.status_code == 200
    expected = page_count(page)
    assert expected > 0
    if filtered:
        assert expected < page_count(visitor.get(url))
    records = list(
        csv.DictReader(io.StringIO(body(visitor.get(f"/donnees-ouvertes/{key}.csv", params))))
    )
    items = json.loads(body(visitor.get(f"/donnees-ouvertes/{key}.json", params)))
    assert len(records) == len(items) == expected
    assert [r["id"] for r in records] == [str(item["id"]) for item in items]
    api = visitor.get(f"/api/v1/{key}/", params).json()
    assert api["count"] == expected
    # the page links both files with its filters
    html = page.content.decode()
    query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    assert f'href="/donnees-ouvertes/{key}.csv{query}"' in html
    assert f'href="/donnees-ouvertes/{key}.json{query}"' in html


def test_the_housing_files_never_hold_the_contact_nor_the_address(content, visitor):
    HousingFactory(title="Maison", address="12 rue Secrète", contact_name="Mme Lucie Fabre")
    for extension in ("csv", "json"):
        text = body(visitor.get(f"/donnees-ouvertes/logements.{extension}"))
        for needle in ("Lucie Fabre", "@exemple.test", "0611223344", "rue Secrète"):
            assert needle not in text


def test_the_observatory_has_a_row_per_commune_with_bollene(territory, visitor):
    from territory.models import Commune

    page = visitor.get("/collectif/observatoire/", {"tri": "densite"})
    rows = page.context["rows"]
    items = json.loads(body(visitor.get("/donnees-ouvertes/observatoire.json", {"tri": "densite"})))
    assert len(items) == len(rows) == Commune.objects.count()
    assert [item["code_insee"] for item in items] == [row.insee_code for row in rows]
    bollene = next(item for item in items if item["code_insee"] == "84019")
    assert bollene["commune"] == "Bollène" and isinstance(bollene["population"], int)
    records = list(
        csv.DictReader(io.StringIO(body(visitor.get("/donnees-ouvertes/observatoire.csv"))))
    )
    assert len(records) == len(rows)
    assert 'href="/donnees-ouvertes/observatoire.json?tri=densite"' in page.content.decode()
    assert visitor.get("/api/v1/observatoire/").json()["count"] == len(rows)
    assert visitor.get("/api/v1/observatoire/1/").status_code == 404
    document = visitor.get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/observatoire/"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["page", "tri"]
    assert "/api/v1/observatoire/{id}/" not in document["paths"]


def test_every_dataset_is_on_the_open_data_page_and_in_the_catalogue(content, visitor):
    html = visitor.get("/donnees-ouvertes/").content.decode()
    catalogue = visitor.get("/donnees-ouvertes/catalogue.json").json()
    keys = {dataset["dct:identifier"] for dataset in catalogue["dcat:dataset"]}
    for key in ("offres", "evenements", "logements", "aides", "etablissements", "observatoire"):
        assert key in keys
        assert f"/donnees-ouvertes/{key}/schema.json" in html
        schema = visitor.get(f"/donnees-ouvertes/{key}/schema.json").json()
        header = next(csv.reader(io.StringIO(body(visitor.get(f"/donnees-ouvertes/{key}.csv")))))
        assert [field["name"] for field in schema["fields"]] == header
        assert schema["primaryKey"] in header


def test_a_bad_filter_on_a_new_dataset_gives_an_empty_file_or_a_400(content, visitor):
    assert json.loads(body(visitor.get("/donnees-ouvertes/aides.json", {"niveau": "x"}))) == []
    bad = visitor.get("/api/v1/etablissements/", {"kind": "inconnu"})
    assert bad.status_code == 400 and "kind" in bad.json()["details"]
    assert visitor.get("/api/v1/logements/", {"page": "zz"}).status_code == 404


def test_the_exports_keep_their_query_budget(content, visitor):
    for _number in range(10):
        HousingFactory()
    for key in ("logements", "aides", "etablissements"):
        with assert_max_queries(8):
            body(visitor.get(f"/donnees-ouvertes/{key}.json"))


def test_the_api_documentation_page(content, visitor):
    response = visitor.get("/api/v1/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("offres", "logements", "aides", "etablissements", "observatoire"):
        assert f"/api/v1/{key}/" in html
    assert "429" in html and "Licence Ouverte" in html


@pytest.mark.parametrize(
    ("key", "url", "filters"),
    [
        ("offres", "/exercer/offres/", {"kind": "collaboration"}),
        ("evenements", "/agenda/", {"commune": "bollene"}),
        ("logements", "/s-installer/logements/", {"loyer_max": "500"}),
    ],
)
def test_the_atom_feeds_accept_the_lists_filters(content, visitor, key, url, filters):
    atom = "{http://www.w3.org/2005/Atom}"
    page = visitor.get(url, filters)
    response = visitor.get(f"/donnees-ouvertes/{key}.atom", filters)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    entries = root.findall(f"{atom}entry")
    assert len(entries) == page_count(page)
    titles = {entry.find(f"{atom}title").text for entry in entries}
    assert titles == {str(item) for item in page.context["page"].object_list}
    assert all(entry.find(f"{atom}link").get("href").startswith("http") for entry in entries)
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    assert f'href="/donnees-ouvertes/{key}.atom?{query}"' in page.content.decode()


def test_lists_without_publication_dates_have_no_feed(content, visitor):
    for key in ("aides", "etablissements", "observatoire", "inconnu"):
        assert visitor.get(f"/donnees-ouvertes/{key}.atom").status_code == 404
