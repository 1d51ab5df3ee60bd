"""The search forms' fast widgets and choices give what Django's own would, faster."""

import pytest
from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html
from django_filters.fields import ModelChoiceField

from offers.filters import OfferFilter
from offers.models import Offer
from territory.models import Commune
from vsa_portal.widgets import FastSelect, FastSelectMultiple

pytestmark = pytest.mark.django_db

CHOICES = [("a", "Médecine <générale>"), ("b", "Pédiatrie & co"), ("c", "Gériatrie")]


@pytest.mark.parametrize("value", [[], ["b"], ["a", "c"]])
def test_checkboxes_are_django_s_own_html(value):
    attrs = {"id": "id_kind", "class": "choices"}
    fast = forms.CheckboxSelectMultiple(choices=CHOICES).render("kind", value, attrs)
    django = forms.CheckboxSelectMultiple(choices=CHOICES).render(
        "kind", value, attrs, renderer=DjangoTemplates()
    )
    assert parse_html(fast) == parse_html(django)
    assert "&lt;générale&gt;" in fast and "Pédiatrie &amp; co" in fast


def test_grouped_checkboxes_are_left_to_django():
    grouped = [("Soins", [("a", "A"), ("b", "B")])]
    fast = forms.CheckboxSelectMultiple(choices=grouped).render("kind", ["a"], {"id": "id_kind"})
    django = forms.CheckboxSelectMultiple(choices=grouped).render(
        "kind", ["a"], {"id": "id_kind"}, renderer=DjangoTemplates()
    )
    assert fast == django


def test_the_select_escapes_values_and_labels():
    html = FastSelect(choices=[('"x"', "<b>gras</b>")]).render("q", '"x"', {"id": "id_q"})
    assert parse_html(html) == parse_html(
        '<select name="q" id="id_q"><option value="&quot;x&quot;" selected>'
        "&lt;b&gt;gras&lt;/b&gt;</option></select>"
    )


def test_named_choices_are_the_model_choices_without_instances(territory):
    form = OfferFilter({}, queryset=Offer.objects.all()).form
    field = form.fields["commune"]
    django_field = ModelChoiceField(
        queryset=field.queryset, to_field_name="slug", empty_label=field.empty_label
    )
    assert list(field.choices) == [(str(value), label) for value, label in django_field.choices]
    assert len(list(field.choices)) == Commune.objects.count() + 1
    assert form.fields["epci"].clean(None) is None


def test_a_chosen_commune_is_still_validated_against_the_rows(territory):
    bound = OfferFilter({"commune": "avignon"}, queryset=Offer.objects.all())
    assert bound.is_valid() and bound.form.cleaned_data["commune"].slug == "avignon"
    forged = OfferFilter({"commune": "atlantide"}, queryset=Offer.objects.all())
    assert not forged.is_valid() and "commune" in forged.errors


def test_connections_plan_without_jit_or_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_select_does_not_escape_a_label_twice():
    from django.utils.safestring import mark_safe

    html = FastSelect(choices=[("a", mark_safe("Sault &amp; Monieux"))]).render("q", "", {})
    assert "Sault &amp; Monieux" in html and "&amp;amp;" not in html


@pytest.mark.parametrize("value", [[], ["b"], ["a", "c"]])
def test_the_multiple_select_is_django_s_own_html(value):
    attrs = {"id": "id_communes", "size": 6, "aria-invalid": "true"}
    fast = FastSelectMultiple(choices=CHOICES).render("communes", value, attrs)
    django = forms.SelectMultiple(choices=CHOICES).render("communes", value, attrs)
    assert parse_html(fast) == parse_html(django)
    assert " multiple" in fast


def test_the_support_request_form_is_django_s_own_html(territory):
    from support.forms import SupportRequestForm

    chosen = [str(pk) for pk in Commune.objects.order_by("name").values_list("pk", flat=True)[:2]]
    data = {"communes": chosen, "situation": "interne"}
    ours, djangos = SupportRequestForm(data), SupportRequestForm(data)
    for name in ("communes", "profession", "situation", "project", "mode", "came_from"):
        field = djangos.fields[name]
        plain = forms.SelectMultiple if name == "communes" else forms.Select
        field.widget = plain(attrs=field.widget.attrs, choices=field.choices)
        assert parse_html(str(ours[name])) == parse_html(str(djangos[name])), name
    assert str(ours["communes"]).count(" selected") == 2
    assert '<option value="interne" selected>' in str(ours["situation"])


INPUTS = [
    forms.TextInput(attrs={"placeholder": 'Les "Tilleuls" & <co>', "maxlength": 200}),
    forms.EmailInput(attrs={"autocomplete": "email", "required": True, "disabled": False}),
    forms.NumberInput(attrs={"min": 1, "max": 200, "step": 0.5}),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.HiddenInput(),
    forms.CheckboxInput(),
    forms.PasswordInput(render_value=True),
    forms.FileInput(attrs={"accept": ".pdf,.jpg"}),
    forms.URLInput(),
    forms.TimeInput(),
]
VALUES = [None, "", 'a "quoted" <b>value</b> & more', 3, 2.5, "2026-12-03", True]


@pytest.mark.parametrize("widget", INPUTS, ids=lambda widget: type(widget).__name__)
def test_plain_inputs_are_rendered_as_django_s_templates_would(widget):
    from django.forms.renderers import DjangoTemplates
    from django.utils.safestring import mark_safe

    from vsa_portal.widgets import FastInputsRenderer

    for value in [*VALUES, mark_safe("d&eacute;j&agrave;")]:
        attrs = {"id": "id_x", "aria-invalid": "true", "aria-describedby": "id_x_error"}
        ours = widget.render("x", value, attrs, renderer=FastInputsRenderer())
        djangos = widget.render("x", value, attrs, renderer=DjangoTemplates())
        assert ours == djangos, (value, ours, djangos)


def test_the_portal_renders_forms_with_the_fast_inputs():
    from django.forms.renderers import get_default_renderer

    from vsa_portal.widgets import FastInputsRenderer

    assert isinstance(get_default_renderer(), FastInputsRenderer)


GROUPED = [
    ("", "Choisir"),
    ("Soins", [("a", "Médecine <générale>"), ("b", "Pédiatrie & co")]),
    ("c", "Autre"),
]
CHOICE_WIDGETS = [
    forms.Select(choices=CHOICES),
    forms.Select(choices=GROUPED, attrs={"class": "wide", "required": True}),
    forms.SelectMultiple(choices=CHOICES, attrs={"size": 6}),
    forms.SelectMultiple(choices=GROUPED),
    forms.NullBooleanSelect(),
    forms.RadioSelect(choices=CHOICES),
    forms.RadioSelect(choices=GROUPED, attrs={"class": "radio-row"}),
    forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"class": "choices"}),
    forms.CheckboxSelectMultiple(choices=GROUPED),
]


@pytest.mark.parametrize("widget", CHOICE_WIDGETS, ids=lambda widget: type(widget).__name__)
@pytest.mark.parametrize("attrs", [{}, {"id": "id_x", "aria-invalid": "true"}])
def test_choices_are_rendered_as_django_s_templates_would(widget, attrs):
    from django.forms.renderers import DjangoTemplates
    from django.utils.safestring import mark_safe

    from vsa_portal.widgets import FastInputsRenderer

    widget.choices = [*widget.choices, ("d", mark_safe("Sault &amp; Monieux"))]
    values = [None, "", "b", "true", "unknown"]
    if not isinstance(widget, forms.NullBooleanSelect):  # one value, never a list
        values += [["a", "c"], ["b", "d"]]
    for value in values:
        ours = widget.render("x", value, attrs, renderer=FastInputsRenderer())
        djangos = widget.render("x", value, attrs, renderer=DjangoTemplates())
        assert ours == djangos, (value, ours, djangos)


def test_the_simulator_offers_the_model_choices_without_instances(territory):
    from django.forms import ModelChoiceField as DjangoModelChoiceField

    from aids.forms import SimulatorForm

    form = SimulatorForm()
    for name in ("commune", "profession"):
        field = form.fields[name]
        django_field = DjangoModelChoiceField(
            queryset=field.queryset, to_field_name="slug", empty_label=field.empty_label
        )
        ours = list(field.choices)
        assert ours == [(str(value), label) for value, label in django_field.choices], name
        assert len(ours) > 1
    bound = SimulatorForm({"situation": "interne", "commune": "avignon"})
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["commune"].insee_code == "84007"
