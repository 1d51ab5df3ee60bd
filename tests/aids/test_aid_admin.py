"""The project lead curates the catalogue in the admin; aids unchecked for six months are flagged."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from aids.models import Aid, Condition

CHANGELIST = "admin:aids_aid_changelist"


def test_project_lead_sees_the_aids_and_the_stale_flag(catalogue, project_lead):
    Aid.objects.filter(slug="exoneration-pdsa").update(last_checked=timezone.localdate())
    response = project_lead.get(reverse(CHANGELIST))
    assert response.status_code == 200
    html = response.content.decode()
    assert "À revérifier" in html  # the flag column and the list filter
    stale = project_lead.get(reverse(CHANGELIST), {"verification": "a_revoir"})
    listed = {aid.slug for aid in stale.context["cl"].result_list}
    assert "exoneration-pdsa" not in listed
    assert "aide-installation-zip" in listed
    fresh = project_lead.get(reverse(CHANGELIST), {"verification": "a_jour"})
    assert {aid.slug for aid in fresh.context["cl"].result_list} == {"exoneration-pdsa"}


def test_project_lead_edits_an_aid_and_its_conditions(catalogue, project_lead):
    aid = Aid.objects.get(slug="exoneration-pdsa")
    response = project_lead.get(reverse("admin:aids_aid_change", args=[aid.pk]))
    assert response.status_code == 200
    assert "Conditions" in response.content.decode() or "conditions" in response.content.decode()


def test_a_condition_whose_values_do_not_fit_its_type_is_refused(catalogue):
    import pytest
    from django.core.exceptions import ValidationError

    aid = Aid.objects.get(slug="exoneration-pdsa")
    condition = Condition(aid=aid, type="zone", values=["zipp"], legal_source="Test")
    with pytest.raises(ValidationError) as error:
        condition.full_clean()
    assert "Valeurs inconnues : zipp" in str(error.value)
    with pytest.raises(ValidationError):
        Condition(aid=aid, type="engagement", legal_source="Test").full_clean()


def test_a_closed_aid_needs_its_date(catalogue):
    import pytest
    from django.core.exceptions import ValidationError

    aid = Aid.objects.get(slug="exoneration-pdsa")
    aid.status, aid.closed_since = "fermee", None
    with pytest.raises(ValidationError):
        aid.full_clean()


def test_visitors_and_professionals_stay_out(catalogue, visitor, professional, partner_a):
    for client in (visitor, professional, partner_a):
        assert client.get(reverse(CHANGELIST)).status_code == 302


def test_stale_queryset():
    today = timezone.localdate()
    assert Aid(last_checked=today - timedelta(days=200)).is_stale()
    assert not Aid(last_checked=today - timedelta(days=30)).is_stale()


def test_the_dashboard_counts_the_aids_to_recheck_and_links_to_them(catalogue, project_lead):
    Aid.objects.update(last_checked=timezone.localdate())
    Aid.objects.filter(slug="exoneration-pdsa").update(
        last_checked=timezone.localdate() - timedelta(days=200)
    )
    body = project_lead.get(reverse("admin:index")).content.decode()
    label = "Aides non revérifiées à leur source depuis plus de 6 mois"
    assert label in body
    row = body[body.index(label) : body.index("</tr>", body.index(label))]
    assert ">1<" in row.replace(" ", "")
    link = f"{reverse(CHANGELIST)}?verification=a_revoir"
    assert f'href="{link}"' in body
    stale = project_lead.get(link)
    assert [aid.slug for aid in stale.context["cl"].result_list] == ["exoneration-pdsa"]
