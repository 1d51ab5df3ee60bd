"""The simulator page: a GET form without JavaScript, shareable, with the support link."""

from urllib.parse import parse_qs, urlparse

from django.urls import reverse

from tests.helpers.queries import assert_max_queries

CADENET_ZIP = {
    "situation": "installation",
    "profession": "medecine-generale",
    "commune": "cadenet",
    "date": "2026-01-02",
    "mode": "liberal_seul",
    "premiere": "oui",
    "qpv": "non",
}


def test_the_empty_form_asks_the_questions(catalogue, visitor):
    response = visitor.get(reverse("aids:simulator"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="get"' in html and "Votre situation" in html
    assert "Résultat de la simulation" not in html


def test_a_simulation_shows_amounts_the_year_one_estimate_and_the_zoning_used(catalogue, visitor):
    with assert_max_queries(12):
        response = visitor.get(reverse("aids:simulator"), CADENET_ZIP)
    html = response.content.decode()
    assert "Zonage utilisé : Cadenet, Zone d’intervention prioritaire (ZIP) (zonage 2022" in html
    assert "10 000 € versés une fois" in html
    assert "première année : 10\u00a0000\u00a0€" in html  # euros: non-breaking spaces
    assert "Estimation pour la première année" in html
    assert "Cadenet est en ZIP au 2 janvier 2026" in html  # the fact used
    assert "Convention médicale 2024" in html  # the rule's source


def test_the_support_link_carries_the_simulation(catalogue, visitor):
    response = visitor.get(reverse("aids:simulator"), CADENET_ZIP)
    link = response.context["simulation"]["support_url"]
    url = urlparse(link)
    assert url.path == "/accompagnement/demande/"
    params = parse_qs(url.query)
    assert params["origine"] == ["simulateur"]
    assert params["commune"] == ["cadenet"] and params["situation"] == ["installation"]
    assert "Être accompagné·e" in response.content.decode()


def test_the_url_is_shareable(catalogue, visitor):
    response = visitor.get(reverse("aids:simulator"), CADENET_ZIP)
    assert "commune=cadenet" in response.context["simulation"]["share_url"]


def test_errors_are_explained_not_raised(catalogue, visitor):
    response = visitor.get(
        reverse("aids:simulator"),
        {"situation": "astronaute", "date": "demain", "jours": "9", "commune": "atlantis"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ne sont pas valides" in html
    assert "Résultat de la simulation" not in html


def test_a_date_of_aid_without_its_funder_is_refused(catalogue, visitor):
    response = visitor.get(
        reverse("aids:simulator"), {"situation": "installation", "aide_date": "2022-01-01"}
    )
    assert "Indiquez qui a versé l’aide" in response.content.decode()


def test_without_a_commune_territorial_conditions_are_to_check(catalogue, visitor):
    response = visitor.get(reverse("aids:simulator"), {"situation": "interne"})
    verdicts = {r.aid.slug: r.verdict for r in response.context["simulation"]["results"]}
    assert verdicts["indemnite-hebergement-internes"] == "a_verifier"
    assert "choisissez la commune du projet" in response.content.decode()


def test_each_set_of_answers_gets_its_own_results_and_an_edited_aid_shows_at_once(
    catalogue, professional
):
    from aids.models import Aid

    url = reverse("aids:simulator")
    cadenet = professional.get(url, CADENET_ZIP).content.decode()
    avignon = professional.get(url, {**CADENET_ZIP, "commune": "avignon"}).content.decode()
    assert "Zonage utilisé : Cadenet" in cadenet and "Zonage utilisé : Avignon" in avignon
    assert "Zonage utilisé : Cadenet" in professional.get(url, CADENET_ZIP).content.decode()
    aid = Aid.objects.get(slug="aide-installation-zip")
    aid.title = "Aide à la première installation en ZIP, nom corrigé"
    aid.save()
    assert "nom corrigé" in professional.get(url, CADENET_ZIP).content.decode()


def test_the_share_link_carries_the_answers_and_nothing_else_of_the_address(catalogue, visitor):
    url = reverse("aids:simulator")
    import html
    import re

    visitor.get(url, {**CADENET_ZIP, "suivi": "campagne-de-quelqu-un"})
    page = visitor.get(url, CADENET_ZIP).content.decode()  # its content kept from the first
    shared = html.unescape(
        re.search(r'id="lien-simulation".*?value="([^"]+)"', page, re.S).group(1)
    )
    query = parse_qs(urlparse(shared).query)
    assert "suivi" not in query
    assert {name: values[0] for name, values in query.items()} == CADENET_ZIP
