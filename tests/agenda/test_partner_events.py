from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Event, Registration
from outbox.models import OutgoingEmail
from tests.agenda.test_registrations import register_and_confirm
from tests.factories import EventFactory, commune
from tests.helpers.admin import publish_from_admin

pytestmark = pytest.mark.django_db


def event_form(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "title": "Soirée d’accueil des internes",
        "kind": "accueil_internes",
        "audiences": ["internes"],
        "starts_at": "2027-05-12T19:00",
        "ends_at": "2027-05-12T22:00",
        "venue": "Chapelle du Collège",
        "commune": commune("84031").pk,
        "description": "Rencontre avec les maîtres de stage du territoire.",
        "registration_mode": "portail",
        "capacity": "40",
        "submit": "1",
        **changes,
    }


def test_partner_submits_an_event_and_the_project_lead_publishes_it(
    partner_a, project_lead, visitor
):
    response = partner_a.post(
        reverse("partners:create", args=["evenements"]), event_form(partner_a.organisation)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.status, event.organisation) == ("submitted", partner_a.organisation)
    assert event.starts_at.hour == 17  # 19:00 in Paris in May is 17:00 UTC
    assert OutgoingEmail.objects.filter(subject__contains="Événement à relire").exists()
    publish_from_admin(project_lead, reverse("admin:agenda_event_changelist"), [event.pk])
    event.refresh_from_db()
    assert event.status == "published"
    assert (
        "Soirée d’accueil des internes" in visitor.get(reverse("agenda:landing")).content.decode()
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2027-05-12T18:00"}, "La fin précède le début"),
        ({"commune": "", "online_url": ""}, "Indiquez une commune"),
        ({"capacity": ""}, "Indiquez le nombre de places"),
        (
            {"registration_mode": "externe", "registration_url": ""},
            "Indiquez le lien d’inscription",
        ),
    ],
)
def test_invalid_event_forms_explain_the_error(partner_a, changes, field):
    response = partner_a.post(
        reverse("partners:create", args=["evenements"]),
        event_form(partner_a.organisation, **changes),
    )
    assert response.status_code == 400
    assert field in response.content.decode()
    assert not Event.objects.exists()


def test_organiser_sees_and_exports_only_its_own_registrations(partner_a, partner_b, visitor):
    mine = EventFactory(organisation=partner_a.organisation)
    theirs = EventFactory(organisation=partner_b.organisation)
    register_and_confirm(visitor, mine, name="Dr Alex", email="alex@exemple.test")
    # A request its address's owner never confirmed is no registration for the organiser.
    visitor.post(
        reverse("agenda:register", args=[mine.pk]),
        {"name": "Dr Vic", "email": "vic@exemple.test", "profile": "interne", "consent": "on"},
    )
    html = partner_a.get(reverse("partners:event_registrations", args=[mine.pk])).content.decode()
    assert "alex@exemple.test" in html
    assert "vic@exemple.test" not in html
    csv_response = partner_a.get(
        reverse("partners:event_registrations", args=[mine.pk]), {"format": "csv"}
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "alex@exemple.test" in csv_response.content.decode("utf-8-sig")
    assert "vic@exemple.test" not in csv_response.content.decode("utf-8-sig")
    assert (
        partner_a.get(reverse("partners:event_registrations", args=[theirs.pk])).status_code == 404
    )
    assert (
        partner_a.get(reverse("partners:edit", args=["evenements", theirs.pk])).status_code == 404
    )
    assert (
        partner_a.post(reverse("partners:withdraw", args=["evenements", theirs.pk])).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "published"


def test_project_lead_exports_registrations_from_the_admin(project_lead, visitor):
    event = EventFactory()
    visitor.post(
        reverse("agenda:register", args=[event.pk]),
        {"name": "Dr Bea", "email": "bea@exemple.test", "profile": "interne", "consent": "on"},
    )
    response = project_lead.post(
        reverse("admin:agenda_event_changelist"),
        {"action": "export_registrations", "_selected_action": [event.pk]},
    )
    assert "bea@exemple.test" in response.content.decode("utf-8-sig")
    assert Registration.objects.count() == 1


def test_visitors_and_professionals_cannot_reach_partner_event_pages(visitor, professional):
    event = EventFactory()
    assert visitor.get(reverse("partners:event_registrations", args=[event.pk])).status_code == 302
    assert (
        professional.get(reverse("partners:event_registrations", args=[event.pk])).status_code
        == 403
    )


def test_event_image_is_re_encoded(partner_a, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (10, 120, 80)).save(buffer, format="JPEG")
    data = event_form(partner_a.organisation)
    data["image"] = SimpleUploadedFile("affiche.jpg", buffer.getvalue())
    assert partner_a.post(reverse("partners:create", args=["evenements"]), data).status_code == 302
    with Image.open(Event.objects.get().image.path) as stored:
        assert max(stored.size) == 800
    bad = event_form(partner_a.organisation, title="Autre")
    bad["image"] = SimpleUploadedFile("affiche.jpg", b"pas une image")
    response = partner_a.post(reverse("partners:create", args=["evenements"]), bad)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"status": "expired"}, id="expired"),
        pytest.param(
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=2) + timedelta(hours=3),
            },
            id="past",
        ),
        pytest.param({"expires_on": timezone.localdate() - timedelta(days=1)}, id="past-expiry"),
    ],
)
def test_an_event_that_is_over_cannot_be_edited_by_its_partner(partner_a, changes):
    over = EventFactory(organisation=partner_a.organisation, title="Forum passé", **changes)
    coming = EventFactory(organisation=partner_a.organisation, title="Forum à venir")
    html = partner_a.get(reverse("partners:home")).content.decode()
    assert reverse("partners:edit", args=["evenements", coming.pk]) in html
    assert reverse("partners:edit", args=["evenements", over.pk]) not in html
    response = partner_a.get(reverse("partners:edit", args=["evenements", over.pk]), follow=True)
    assert "Un événement passé, expiré ou retiré ne se modifie plus." in response.content.decode()
    form = event_form(partner_a.organisation, title="Forum réécrit")
    partner_a.post(reverse("partners:edit", args=["evenements", over.pk]), form)
    over.refresh_from_db()
    assert over.title == "Forum passé"


def test_agenda_search_form_speaks_of_events(visitor):
    for name in ("agenda:landing", "agenda:past", "agenda:map"):
        html = visitor.get(reverse(name), {"du": "pas-une-date"}).content.decode()
        assert "corrigez-les pour afficher les événements" in html
        assert "les offres" not in html
