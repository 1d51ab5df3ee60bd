"""A search form is rendered once per search and generation, for every visitor, and never shows
another search's values, another language or choices that changed."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Profession
from offers.filters import OfferFilter
from offers.models import Offer
from tests.factories import EventFactory, OfferFactory, commune
from vsa_portal import page_cache
from vsa_portal.fragments import fragment_key, identity

pytestmark = pytest.mark.django_db

LIST = reverse("offers:list")
MAP = reverse("offers:map")


def form_of(response):
    html = response.content.decode()
    start = html.index('<form method="get" class="filters')
    return html[start : html.index("</form>", start)]


def reads_of_professions(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, sum('FROM "offers_profession"' in q["sql"] for q in queries)


def test_a_search_form_is_rendered_once_for_every_visitor_and_page(professional, territory):
    # one read to check the value asked, one to list the choices; then neither: the form, the
    # first page's results and the count are kept, so the search is not even applied
    first, reads = reads_of_professions(professional, LIST + "?profession=orthophonie")
    assert reads == 2
    again, reads = reads_of_professions(professional, LIST + "?profession=orthophonie&page=1")
    assert reads == 0  # the page number is not part of the search
    assert form_of(again) == form_of(first)
    assert '<option value="orthophonie" selected>' in form_of(again)


def test_each_search_shows_its_own_values(professional, territory):
    professional.get(LIST + "?profession=orthophonie")
    other = professional.get(LIST + "?profession=maieutique&kind=succession")
    form = form_of(other)
    assert '<option value="maieutique" selected>' in form
    assert '<option value="orthophonie" selected>' not in form
    assert re.search(r'value="succession"[^>]* checked', form)
    plain = form_of(professional.get(LIST))
    assert " selected>" not in plain.replace('<option value="" selected>', "")
    assert "checked" not in plain


def test_a_form_with_errors_shows_them_from_the_cache_too(professional, territory):
    for _ in range(2):
        response = professional.get(LIST + "?km=50&tri=proches")
        form = form_of(response)
        assert "Certains filtres ne sont pas valides" in form
        assert "Pour trier par distance, choisissez une commune." in form


def test_the_map_and_the_list_keep_their_own_forms(professional, territory):
    professional.get(LIST + "?profession=orthophonie")
    on_map = form_of(professional.get(MAP + "?profession=orthophonie"))
    assert f'action="{MAP}"' in on_map
    assert f'action="{LIST}"' not in on_map


def test_a_new_choice_is_offered_at_the_next_request(professional, territory):
    professional.get(LIST)
    Profession.objects.create(name="Pédicurie-podologie", slug="pedicurie-podologie")
    assert 'value="pedicurie-podologie"' in form_of(professional.get(LIST))


def test_a_new_generation_renders_the_fragment_again(visitor, territory):
    fragment = Template(
        "{% load fragments %}{% public_fragment test value %}{{ shown }}{% endpublic_fragment %}"
    )
    assert fragment.render(Context({"value": 1, "shown": "first"})) == "first"
    assert fragment.render(Context({"value": 1, "shown": "second"})) == "first"
    assert fragment.render(Context({"value": 2, "shown": "second"})) == "second"
    page_cache.new_generation()
    assert fragment.render(Context({"value": 1, "shown": "third"})) == "third"


def test_each_language_has_its_own_fragment(territory):
    with translation.override("fr"):
        french = fragment_key("search-form", [OfferFilter(None, queryset=Offer.objects.all())])
    with translation.override("en"):
        english = fragment_key("search-form", [OfferFilter(None, queryset=Offer.objects.all())])
    assert french != english


def test_a_filterset_stands_for_its_class_and_its_data(territory):
    def of(query):
        return identity(
            OfferFilter(QueryDict(query) if query else None, queryset=Offer.objects.all())
        )

    assert of("kind=succession&kind=remplacement") == of("kind=succession&kind=remplacement")
    assert of("kind=succession") != of("kind=remplacement")
    assert of("kind=succession&kind=remplacement") != of("kind=succession")
    assert of("") != of("kind=")
    assert "offers.filters.OfferFilter" in of("")
    assert of("kind=succession&page=2") == of("kind=succession&page=3")


def offer_titles(response):
    return re.findall(
        r'<h3>\s*<a href="/exercer/offres/[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_a_list_shows_each_page_and_each_search_its_own_results(professional, territory):
    for number in range(23):
        OfferFactory(title=f"Offre {number:02d}", commune=commune("84031"))
    OfferFactory(title="Succession à Avignon", kind="succession", commune=commune("84007"))
    first = offer_titles(professional.get(LIST))
    second = offer_titles(professional.get(LIST + "?page=2"))
    assert len(first) == 20 and len(second) == 4
    assert not set(first) & set(second)
    assert offer_titles(professional.get(LIST + "?kind=succession")) == ["Succession à Avignon"]
    assert offer_titles(professional.get(LIST + "?page=1")) == first


def test_a_published_offer_is_listed_for_a_signed_in_visitor_at_the_next_request(
    professional, territory
):
    OfferFactory(title="Première offre")
    assert offer_titles(professional.get(LIST)) == ["Première offre"]
    OfferFactory(title="Nouvelle offre")
    assert offer_titles(professional.get(LIST)) == ["Nouvelle offre", "Première offre"]
    Offer.objects.filter(title="Première offre").archive()
    assert offer_titles(professional.get(LIST)) == ["Nouvelle offre"]


def test_the_distance_shown_is_the_searchs(professional, territory):
    OfferFactory(title="Carpentras", commune=commune("84031"))
    near_avignon = professional.get(LIST + "?near=avignon&km=50&tri=proches").content.decode()
    near_carpentras = professional.get(LIST + "?near=carpentras&km=50&tri=proches").content.decode()
    assert re.search(r"· [1-9]\d?,\d km", near_avignon)
    assert "· 0,0 km" in near_carpentras


def test_past_and_upcoming_events_keep_their_own_results(professional, territory):
    from django.utils import timezone

    EventFactory(title="À venir")
    EventFactory(
        title="Passé",
        starts_at=timezone.now() - timezone.timedelta(days=30),
        ends_at=timezone.now() - timezone.timedelta(days=30, hours=-3),
    )
    upcoming = professional.get(reverse("agenda:landing")).content.decode()
    past = professional.get(reverse("agenda:past")).content.decode()
    assert "À venir" in upcoming and "Passé" not in upcoming
    assert "Passé" in past and "À venir" not in past


def test_the_month_grid_and_the_feed_show_a_new_event_at_the_next_request(professional, territory):
    from django.utils import timezone

    starts = timezone.localtime() + timezone.timedelta(days=40)
    month = reverse("agenda:month") + f"?mois={starts:%Y-%m}"
    feed = reverse("agenda:feed") + "?kind=formation"
    EventFactory(title="Première formation", starts_at=starts)
    assert "Première formation" in professional.get(month).content.decode()
    assert "Première formation" in professional.get(feed).content.decode()
    EventFactory(title="Deuxième formation", starts_at=starts + timezone.timedelta(hours=1))
    assert "Deuxième formation" in professional.get(month).content.decode()
    assert "Deuxième formation" in professional.get(feed).content.decode()
    other_month = reverse("agenda:month") + f"?mois={starts + timezone.timedelta(days=62):%Y-%m}"
    assert "Première formation" not in professional.get(other_month).content.decode()
    assert (
        "Première formation"
        not in professional.get(feed.replace("formation", "webinaire")).content.decode()
    )


def test_a_row_stands_for_its_table_and_key_and_a_queryset_is_refused(territory):
    from territory.models import Commune

    avignon, carpentras = Commune.objects.filter(slug__in=["avignon", "carpentras"])
    assert identity(avignon) != identity(carpentras)
    twin = Commune(pk=carpentras.pk, name=avignon.name)
    assert identity(twin) == identity(carpentras)
    with pytest.raises(TypeError):
        identity(Commune.objects.all())


@pytest.mark.django_db(transaction=True)
def test_the_generation_moves_again_when_a_save_is_committed(territory):
    from django.db import transaction

    with transaction.atomic():
        OfferFactory(title="Publiée dans une transaction")
        inside = page_cache.generation()
    assert page_cache.generation() > inside


def offer_queries(client, offer):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    return response, [q["sql"] for q in queries if "offers_offer" in q["sql"]]


def test_an_offer_page_rendered_again_only_counts_its_visit(professional, territory):
    offer = OfferFactory(title="Collaboration à Carpentras")
    OfferFactory(title="Une voisine", commune=commune("84031"))
    first, reads = offer_queries(professional, offer)
    assert any(sql.startswith("SELECT") for sql in reads)
    again, reads = offer_queries(professional, offer)
    assert [sql.split()[0] for sql in reads] == ["UPDATE"]  # the visit, nothing read
    html = again.content.decode()
    assert "<h1>Collaboration à Carpentras</h1>" in html and "Une voisine" in html
    contact_form = html[html.index(f'action="{reverse("offers:contact", args=[offer.pk])}"') :]
    assert 'name="csrfmiddlewaretoken"' in contact_form.split("</form>")[0]


def test_an_edited_offer_shows_its_change_and_a_withdrawn_one_is_gone_at_the_next_request(
    professional, territory
):
    offer = OfferFactory(title="Titre d’origine")
    assert "Titre d’origine" in professional.get(offer.get_absolute_url()).content.decode()
    offer.title = "Titre corrigé"
    offer.save()
    assert "<h1>Titre corrigé</h1>" in professional.get(offer.get_absolute_url()).content.decode()
    Offer.objects.filter(pk=offer.pk).archive()
    assert professional.get(offer.get_absolute_url()).status_code == 404


def test_what_someone_typed_in_a_contact_form_is_never_kept_for_others(professional, territory):
    offer = OfferFactory()
    professional.get(offer.get_absolute_url())
    refused = professional.post(
        reverse("offers:contact", args=[offer.pk]),
        {"name": "Dominique Secret", "email": "pas-une-adresse", "message": "Bonjour"},
    )
    assert refused.status_code == 400
    assert "Dominique Secret" in refused.content.decode()
    for client in (professional, Client()):
        assert "Dominique Secret" not in client.get(offer.get_absolute_url()).content.decode()
    redis = page_cache.cache._cache.get_client()
    kept = [
        redis.get(key)
        for key in redis.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*")
    ]
    assert kept and not any(
        b"Dominique Secret" in value for value in kept if isinstance(value, bytes)
    )


def test_a_request_reads_the_generation_once_and_a_save_during_it_is_seen(territory):
    with page_cache.one_generation_per_request():
        first = page_cache.generation()
        page_cache.cache.set(page_cache.GENERATION_KEY, first + 5, timeout=None)
        assert page_cache.generation() == first  # another process's save: the next request
        page_cache.new_generation()  # this request's own save
        assert page_cache.generation() == first + 6
    page_cache.cache.set(page_cache.GENERATION_KEY, first + 10, timeout=None)
    assert page_cache.generation() == first + 10  # outside a request: read each time


def test_a_search_seen_before_is_not_applied_again(professional, territory):
    OfferFactory(title="Collaboration près de Carpentras", kind="collaboration")
    search = LIST + "?kind=collaboration&near=carpentras&km=20&tri=proches"
    first = professional.get(search)
    with CaptureQueriesContext(connection) as queries:
        again = professional.get(search)
    read = [
        q["sql"] for q in queries if "offers_offer" in q["sql"] or "territory_commune" in q["sql"]
    ]
    assert read == []  # neither the offers nor the commune searched around
    assert offer_titles(again) == offer_titles(first) == ["Collaboration près de Carpentras"]
    other = professional.get(search.replace("km=20", "km=5"))
    assert offer_titles(other) == ["Collaboration près de Carpentras"]  # its own search
