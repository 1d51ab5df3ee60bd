"""One suite over every registered kind of content: what a kind declares in the registry, the
portal must deliver (list and detail pages, sitemap, map layer, favourite, alert, partner
create / edit / withdraw, personal data, demo rows, the project lead's admin). The test-only
kind of ``tests/kindapp`` runs through the same suite with nothing but its registration."""

import json
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db.models import FileField
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Favorite, SavedSearch
from tests.helpers.queries import assert_max_queries
from tests.helpers.sitemap import sitemap_text
from tests.kindapp import kinds as test_kind
from vsa_portal import kinds
from vsa_portal.publication import PublicationStatus

pytestmark = pytest.mark.urls("tests.kindapp.root_urls")

VAUCLUSE_BBOX = "4.6,43.6,5.8,44.5"
KIND_KEYS = [kind.key for kind in kinds.all_kinds()] + [test_kind.KEY]


@pytest.fixture(autouse=True)
def _test_kind_registered():
    test_kind.register()
    yield
    test_kind.unregister()


@pytest.fixture(params=KIND_KEYS)
def kind(request, demo_territory):
    return kinds.get(request.param)


@pytest.fixture
def item(kind):
    """A published demo row of the kind, from the kind's own demo generator; for a kind of
    reference data (no demo, a ``reference`` loader: the aids catalogue), one of its real rows."""
    if kind.demo is None:
        assert kind.reference is not None, "a kind without demo rows loads reference data"
        assert kind.reference() > 0
        found = kind.published().order_by("pk").first()
        assert found is not None, "no published reference row"
        return found
    kind.demo()
    assert kind.model.objects.filter(is_demo=True).exists(), "the demo generator made no row"
    assert not kind.model.objects.filter(is_demo=False).exists(), "demo rows must be labelled"
    visible = kind.published() if kind.public else kind.model.objects.all()
    found = visible.filter(is_demo=True).order_by("pk").first()
    assert found is not None, "no published demo row"
    return found


def test_every_kind_declares_every_piece(kind):
    assert kind.undeclared() == []
    assert kind.gender in ("f", "m")


def test_list_and_detail_pages(kind, item, visitor):
    if not kind.public:
        assert kind.list_url is None and not kind.sitemap
        return
    with assert_max_queries(12):
        response = visitor.get(reverse(kind.list_url))
    assert response.status_code == 200
    assert visitor.get(item.get_absolute_url()).status_code == 200
    item.status = PublicationStatus.DRAFT
    item.save()
    assert visitor.get(item.get_absolute_url()).status_code == 404


def test_sitemap_lists_the_published_items(kind, item, visitor):
    body = sitemap_text(visitor)
    assert (item.get_absolute_url() in body) is bool(kind.sitemap)


def test_map_layer_within_its_bounds(kind, item, visitor):
    if kind.layer is None:
        return
    response = visitor.get(
        reverse("territory:layer", args=[kind.layer.name]), {"bbox": VAUCLUSE_BBOX, "zoom": 14}
    )
    assert response.status_code == 200
    assert len(response.content) <= 100_000
    features = response.json()["features"]
    assert 0 < len(features) <= 500
    assert kind.layer.colour.startswith("#")


def test_favorite(kind, item, professional, professional_user):
    url = reverse("accounts:toggle_favorite", args=[kind.key, item.pk])
    response = professional.post(url)
    if not kind.favorite:
        assert response.status_code == 404
        return
    assert response.status_code == 302
    assert Favorite.objects.filter(
        user=professional_user,
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=item.pk,
    ).exists()
    assert (
        escape(str(item.title)) in professional.get(reverse("accounts:favorites")).content.decode()
    )


def test_alert(kind, item, professional, professional_user):
    response = professional.post(
        reverse("accounts:alerts"),
        {"kind": kind.key, "name": "Mon alerte", "querystring": "", "frequency": "daily"},
    )
    if not kind.alert:
        assert response.status_code == 400
        return
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=professional_user)
    assert saved.kind == kind.key
    from accounts.alerts import new_items

    assert item in new_items(saved, timezone.now() - timedelta(days=3650))


def form_data(kind, instance, organisation, **changes):
    """POST data for the kind's partner form, read back from a form bound to ``instance``."""
    from organisations.models import Organisation

    form = kind.partner.form_class(
        instance=instance, organisations=Organisation.objects.filter(pk=organisation.pk)
    )
    data = {}
    for name, field in form.fields.items():
        model_field = getattr(instance._meta, "get_field", lambda n: None)(name)
        if isinstance(model_field, FileField):
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif hasattr(value, "strftime") and hasattr(field.widget, "format"):
            data[name] = value.strftime(field.widget.format or "%Y-%m-%d")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    data["organisation"] = str(organisation.pk)
    data.update(changes)
    return data


def test_partner_create_edit_withdraw(kind, item, partner_a, partner_b):
    if not kind.partner:
        return
    data = form_data(kind, item, partner_a.organisation, title="Posté par A", submit="1")
    response = partner_a.post(reverse("partners:create", args=[kind.key]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    mine = kind.model.objects.get(title="Posté par A")
    assert mine.status == PublicationStatus.SUBMITTED
    assert mine.organisation == partner_a.organisation
    assert mine.created_by == partner_a.user
    assert mine.submitted_at is not None and mine.withdrawn_at is None

    home = partner_a.get(reverse("partners:home")).content.decode()
    assert "Posté par A" in home

    edited = form_data(kind, mine, partner_a.organisation, title="Modifié par A")
    response = partner_a.post(reverse("partners:edit", args=[kind.key, mine.pk]), edited)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.status) == ("Modifié par A", PublicationStatus.DRAFT)

    # The other organisation cannot see, edit or withdraw it.
    assert "Modifié par A" not in partner_b.get(reverse("partners:home")).content.decode()
    assert partner_b.get(reverse("partners:edit", args=[kind.key, mine.pk])).status_code == 404
    assert partner_b.post(reverse("partners:withdraw", args=[kind.key, mine.pk])).status_code == 404

    partner_a.post(reverse("partners:withdraw", args=[kind.key, mine.pk]))
    mine.refresh_from_db()
    assert mine.status == PublicationStatus.ARCHIVED
    assert mine.withdrawn_at is not None


def test_personal_data_export(kind, item, professional, professional_user):
    response = professional.get(reverse("accounts:download_my_data"))
    data = json.loads(response.content)
    if kind.personal_data:
        assert kind.personal_data.section in data
        assert isinstance(data[kind.personal_data.section], list)
        kind.personal_data.delete(professional_user)


def test_commune_page_shows_the_kind_nearby(kind, item, visitor):
    if not kind.near_commune:
        return
    page = visitor.get(item.commune.get_absolute_url()).content.decode()
    assert f'id="{kind.key}-proches-titre"' in page


def test_the_project_lead_curates_the_kind_in_the_admin(kind, item, project_lead):
    from accounts.roles import ensure_project_lead_group

    ensure_project_lead_group()
    meta = kind.model._meta
    response = project_lead.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    if any(model == meta.model_name for model, _actions in kind.admin_permissions):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_bench_generator_makes_labelled_rows(kind, territory):
    if kind.bench is None:
        return
    import random

    from territory.models import Commune

    communes = list(Commune.objects.all()[:5])
    assert kind.bench(random.Random(1), communes, 3) == 3
    assert kind.model.objects.filter(is_demo=True).count() >= 3


def test_a_registration_that_forgets_a_piece_fails_the_system_check():
    from tests.kindapp.models import Notice

    kinds.register(
        kinds.Kind(
            key="incomplet",
            model=Notice,
            label="annonce",
            label_plural="annonces",
            gender="f",
            public=False,
        )
    )
    # The check Django runs at start-up (called directly: the other checks need no re-run here).
    assert kinds.check_kinds in checks.registry.registry.registered_checks
    try:
        errors = kinds.check_kinds(None)
    finally:
        kinds.unregister("incomplet")
    assert [e.id for e in errors] == ["kinds.E001"]
    assert "layer" in errors[0].msg and "partner" in errors[0].msg


def test_the_test_kind_is_in_the_shared_parts(visitor, demo_territory):
    """The test kind appears where the registry says, with no other change to the portal."""
    kind = kinds.get(test_kind.KEY)
    kind.demo()
    notice = kind.published().first()
    assert notice.get_absolute_url() in sitemap_text(visitor)
    commune_page = visitor.get(notice.commune.get_absolute_url()).content.decode()
    assert "Annonces de test à moins de" in commune_page


def test_an_item_summary_says_its_text_and_may_bring_its_own_template(rf, demo_territory):
    """``item_summary``: a title, a text, a link, and optionally a ``template`` that the page
    renders with the summary (the remplaçants matching a replacement offer, for its poster)."""
    import dataclasses

    from django.template.loader import render_to_string

    kind = kinds.get(test_kind.KEY)
    kind.demo()
    notice = kind.published().order_by("pk").first()

    def summary(item, request):
        if not isinstance(item, kind.model):
            return None
        return {
            "title": "Résumé de test",
            "text": "Ce que le type de test dit de l’annonce.",
            "url": "/ailleurs/",
            "link_label": "Voir ailleurs",
            "template": "kindapp/summary.html",
            "item_pk": item.pk,
            "detail": "Un détail rendu par le gabarit du type.",
        }

    kinds.register(dataclasses.replace(kind, key="resumes-de-test", item_summary=summary))
    try:
        html = render_to_string(
            "includes/kind_summaries.html", {"item": notice}, request=rf.get("/")
        )
    finally:
        kinds.unregister("resumes-de-test")
    assert "Résumé de test" in html and '<a href="/ailleurs/">Voir ailleurs</a>' in html
    assert f'data-summary-of="{notice.pk}"' in html
    assert "Un détail rendu par le gabarit du type." in html


@pytest.mark.parametrize("key", [kind.key for kind in kinds.with_figures()])
def test_key_figures_say_what_they_count(key, demo_territory):
    figures = [kinds.Figure(*figure) for figure in kinds.get(key).figures()]
    assert figures
    for figure in figures:
        assert str(figure.label) and len(str(figure.definition)) > 20
        assert figure.value is None or (isinstance(figure.value, int) and figure.value >= 0)
