"""The catalogue's list and detail pages, from the visitor's side."""

from datetime import date

import pytest
from django.urls import reverse

from aids.enums import AidStatus
from aids.models import Aid
from tests.helpers.queries import assert_max_queries


def slugs(response):
    return [aid.slug for aid in response.context["page"].object_list]


def test_list_shows_open_and_closed_aids_in_catalogue_order(catalogue, visitor):
    with assert_max_queries(12):
        response = visitor.get(reverse("aids:list"))
    assert response.status_code == 200
    listed = slugs(response)
    assert listed[0] == "aide-installation-zip"
    assert "caim-contrat-aide-installation-2016" in listed
    html = response.content.decode()
    assert "Fermée aux nouvelles demandes depuis le 1 janvier 2026" in html
    assert "Vérifiée le 1 février 2026" in html


@pytest.mark.parametrize(
    ("params", "included", "excluded"),
    [
        (
            {"public": "interne"},
            "indemnite-hebergement-internes",
            "indemnite-hebergement-etudiants",
        ),
        (
            {"niveau": "departemental"},
            "medecin-salarie-centres-sante-departement",
            "aide-installation-zip",
        ),
        ({"nature": "exoneration"}, "exoneration-frr", "contrat-engagement-service-public"),
        # Carpentras is in ZAC, has QPVs classed ZIP, is not FRR.
        ({"commune": "carpentras"}, "aide-installation-zip", "exoneration-frr"),
        ({"commune": "vedene"}, "contrat-debut-exercice", "aide-installation-zac"),
    ],
)
def test_filters(catalogue, visitor, params, included, excluded):
    with assert_max_queries(12):
        response = visitor.get(reverse("aids:list"), params)
    listed = slugs(response)
    assert included in listed and excluded not in listed


def test_the_query_count_does_not_grow_with_the_catalogue(catalogue, visitor):
    with assert_max_queries(12) as small:
        visitor.get(reverse("aids:list"), {"commune": "apt"})
    template = Aid.objects.get(slug="exoneration-pdsa")
    for number in range(30):
        template.pk, template.slug = None, f"copie-{number}"
        template.save()
    with assert_max_queries(12) as big:
        visitor.get(reverse("aids:list"), {"commune": "apt"})
    assert len(big) == len(small)


def test_list_paginates(catalogue, visitor):
    template = Aid.objects.get(slug="exoneration-pdsa")
    for number in range(25):
        template.pk, template.slug = None, f"copie-{number}"
        template.save()
    page_two = visitor.get(reverse("aids:list"), {"page": 2})
    assert page_two.status_code == 200
    assert page_two.context["page"].number == 2


def test_bad_filters_give_a_message_not_an_error(catalogue, visitor):
    response = visitor.get(reverse("aids:list"), {"commune": "atlantis", "niveau": "x"})
    assert response.status_code == 200
    assert "ne sont pas valides" in response.content.decode()


def test_detail_shows_amount_conditions_how_to_apply_source_and_check_date(catalogue, visitor):
    aid = Aid.objects.get(slug="aide-installation-zip")
    with assert_max_queries(8):
        response = visitor.get(aid.get_absolute_url())
    html = response.content.decode()
    assert "10 000 € versés une fois" in html
    assert "Exercer dans une commune (ou un quartier prioritaire) classée en ZIP." in html
    assert (
        "Ne pas avoir reçu, dans les 10 ans, une aide à l’installation de : L’Assurance maladie."
        in html
    )
    assert "décret n° 2025-231" in html
    assert "CPAM de Vaucluse" in html
    assert aid.source_url in html
    assert "Vérifié le 1 février 2026." in html


def test_closed_aid_page_says_so(catalogue, visitor):
    html = visitor.get(
        reverse("aids:detail", args=["caim-contrat-aide-installation-2016"])
    ).content.decode()
    assert "Fermée aux nouvelles demandes depuis le 1 janvier 2026." in html
    assert "le simulateur ne la propose plus" in html


def test_a_draft_aid_is_not_public(catalogue, visitor):
    Aid.objects.filter(slug="exoneration-pdsa").update(status=AidStatus.DRAFT)
    assert visitor.get(reverse("aids:detail", args=["exoneration-pdsa"])).status_code == 404
    assert "exoneration-pdsa" not in slugs(visitor.get(reverse("aids:list")))


def test_landing_links_to_the_simulator_and_the_catalogue(catalogue, visitor):
    html = visitor.get(reverse("aids:landing")).content.decode()
    assert reverse("aids:simulator") in html and reverse("aids:list") in html


def test_commune_page_counts_the_aids_its_territory_opens(catalogue, visitor):
    html = visitor.get(reverse("territory:commune_detail", args=["auribeau"])).content.decode()
    # Auribeau: ZAC in 2022 and FRR+: the ZAC aid, transport, two housing aids, the FRR exemption.
    assert "5 aides ouvertes du catalogue ont une condition territoriale" in html
    assert f"{reverse('aids:list')}?commune=auribeau" in html


def test_estimates():
    assert Aid(amount_kind="par_mois", amount_value=1200).year_one_estimate() == 14400
    assert (
        Aid(amount_kind="par_mois", amount_value=300, duration_months=6).year_one_estimate() == 1800
    )
    assert Aid(amount_kind="forfait", amount_value=10000).period_estimate() == 10000
    assert Aid(amount_kind="pourcentage", amount_value=10).year_one_estimate() is None
    assert Aid(amount_kind="texte", last_checked=date(2026, 1, 1)).is_stale(date(2026, 9, 1))
