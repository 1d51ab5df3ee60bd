"""Le collectif: the partners one by one, the team, the news (with its Atom feed and the home
page's section) and the testimonials."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from collective import models as collective_models
from collective.demo import generate_demo_news
from tests.factories import OrganisationFactory, commune
from tests.helpers.queries import assert_max_queries

LANDING = "/collectif/"
NEWS = "/collectif/actualites/"
FEED = "/collectif/actualites/flux.atom"


def news(title, status="published", **fields):
    fields.setdefault("body", "Premier paragraphe.\n\nSecond.")
    item = collective_models.News(title=title, summary="Le chapeau.", **fields)
    if status == "published":
        item.publish()
    else:
        item.status = status
    item.save()
    return item


def test_the_partners_one_by_one_with_their_kind_and_role(visitor, territory):
    OrganisationFactory(
        name="Agence régionale de santé Provence-Alpes-Côte d’Azur",
        kind="ars",
        is_public=True,
        is_founding_member=True,
        role="Finance le poste de cheffe de projet et le zonage.",
    )
    OrganisationFactory(name="CPTS du Comtat", kind="cpts", is_public=True)
    OrganisationFactory(name="Cabinet privé", kind="cabinet")  # not shown
    OrganisationFactory(name="M. Girard", kind="proprietaire", is_public=True)  # never shown
    collective_models.TeamMember.objects.create(
        name="Camille Roux", role="Cheffe de projet santé", email="sante@vaucluse.example"
    )
    with assert_max_queries(12):
        response = visitor.get(LANDING)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Agence régionale de santé Provence-Alpes-Côte d’Azur" in body
    assert "Finance le poste de cheffe de projet" in body
    assert "Agence régionale de santé</p>" not in body  # the kind is its label, with its flags
    assert "membre fondateur" in body
    assert "CPTS du Comtat" in body
    assert "Cabinet privé" not in body and "M. Girard" not in body
    assert "Camille Roux" in body and "mailto:sante@vaucluse.example" in body
    assert reverse("collective:contact") in body
    assert reverse("collective:key_figures") in body


def test_only_published_news_is_shown_and_its_html_is_sanitised(visitor, db):
    news(
        "Soirée des internes",
        body=(
            '<p onclick="x()">Rendez-vous <strong>jeudi</strong> à '
            '<a href="https://exemple.test/">la salle</a>.</p>'
            '<script>alert(1)</script><a href="javascript:alert(2)">piège</a>'
            "<ul><li>Buffet</li></ul><iframe src=x></iframe>"
        ),
    )
    draft = news("Brouillon caché", status="draft")
    body = visitor.get(NEWS).content.decode()
    assert "Soirée des internes" in body and "Brouillon caché" not in body
    published = collective_models.News.objects.get(title="Soirée des internes")
    detail = visitor.get(published.get_absolute_url()).content.decode()
    assert "<strong>jeudi</strong>" in detail and "<li>Buffet</li>" in detail
    assert (
        'href="https://exemple.test/"' in detail and 'rel="noopener noreferrer nofollow"' in detail
    )
    for removed in ("<script", "alert(1)", "onclick", "javascript:", "<iframe"):
        assert removed not in detail, removed
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_a_news_in_plain_text_is_paragraphs_and_markup_free_text_stays_escaped(visitor, db):
    item = news("Texte simple", body="Premier paragraphe, 3 < 5.\n\nSecond paragraphe.")
    detail = visitor.get(item.get_absolute_url()).content.decode()
    assert "<p>Premier paragraphe, 3 &lt; 5.</p>" in detail
    assert "<p>Second paragraphe.</p>" in detail


def test_a_wrong_slug_redirects_and_a_bad_page_number_answers(visitor, db):
    item = news("Une maison de santé ouvre")
    response = visitor.get(f"/collectif/actualites/{item.pk}-autre/")
    assert response.status_code == 301 and response["Location"] == item.get_absolute_url()
    assert visitor.get(NEWS, {"page": "abc"}).status_code == 200


def test_the_news_list_is_paginated_with_a_constant_number_of_queries(visitor, db):
    for number in range(25):
        news(f"Actualité {number}", organisation=OrganisationFactory())
    with assert_max_queries(12):
        response = visitor.get(NEWS)
    assert response.status_code == 200
    assert "Page 1 sur 3" in response.content.decode()


def test_the_atom_feed_parses_and_labels_demo_news(visitor, territory):
    generate_demo_news()
    news("Une vraie actualité")
    response = visitor.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Une vraie actualité" in titles
    assert any(title.endswith("(démo)") for title in titles)


def test_the_home_page_shows_the_latest_news_through_the_registry(visitor, db):
    news("Nouvelles aides à l’installation")
    body = visitor.get("/").content.decode()
    assert "Les actualités du collectif" in body
    assert "Nouvelles aides à l’installation" in body


def test_the_home_page_without_news_has_no_empty_section(visitor, db):
    assert "Les actualités du collectif" not in visitor.get("/").content.decode()


def test_testimonials_need_a_consent_and_the_demo_is_labelled(visitor, territory):
    collective_models.Testimonial.objects.create(
        name="Dr Lina P.",
        quote="Une équipe m’attendait.",
        commune=commune("84031"),
        year=2025,
        mode="msp",
        consent_given_at=date(2025, 6, 1),
        is_published=True,
    )
    collective_models.Testimonial.objects.create(
        name="Dr Caché",
        quote="Pas encore relu.",
        commune=commune("84031"),
        year=2025,
        mode="msp",
        consent_given_at=date(2025, 6, 1),
    )
    body = visitor.get(LANDING).content.decode()
    assert "Dr Lina P., installé·e à Carpentras en 2025 (Maison de santé)" in body
    assert "Dr Caché" not in body


def test_the_demo_is_idempotent_and_labelled(visitor, territory):
    assert generate_demo_news() == 3
    assert generate_demo_news() == 0
    assert not collective_models.News.objects.filter(is_demo=False).exists()
    body = visitor.get(LANDING).content.decode()
    assert body.count("démo") >= 3


@pytest.mark.parametrize(
    "url",
    [
        "admin:collective_news_changelist",
        "admin:collective_teammember_changelist",
        "admin:collective_testimonial_changelist",
    ],
)
def test_the_project_lead_curates_the_collective(project_lead, url, db):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    assert project_lead.get(reverse(url)).status_code == 200


def test_a_news_published_in_the_admin_gets_its_date(project_lead, db):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    response = project_lead.post(
        reverse("admin:collective_news_add"),
        {
            "title": "Publiée depuis l’administration",
            "summary": "Chapeau",
            "body": "Texte",
            "status": "published",
            "rejection_reason": "",
            "image_alt": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = collective_models.News.objects.get()
    assert item.published_at is not None and item.published_at <= timezone.now()


def test_the_collective_is_described_as_an_organization(visitor, db):
    import json
    import re

    OrganisationFactory(name="CPTS Grand Avignon", is_public=True, website="https://cpts.test/")
    OrganisationFactory(name="Organisation de démo", is_public=True, is_demo=True)
    html = visitor.get("/collectif/").content.decode()
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload)
    assert data["@type"] == "Organization" and data["url"] == "http://testserver/"
    assert data["member"] == [
        {"@type": "Organization", "name": "CPTS Grand Avignon", "url": "https://cpts.test/"}
    ]
