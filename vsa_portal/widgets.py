from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> of flat choices rendered in Python rather than one template per option: a
    list of 150 communes costs a fraction of a millisecond instead of several. Equivalent to
    Django's HTML (the same elements and attributes, not the same whitespace; tested with
    ``parse_html``); ``FastInputsRenderer`` writes Django's own, character for character."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        selected = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{conditional_escape(option_value)}"'
            f"{' selected' if str(option_value) in selected else ''}>"
            f"{conditional_escape(label)}</option>"
            for option_value, label in self.choices
        )
        # every value and label escaped above
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """``FastSelect`` for several values (Django's ``SelectMultiple``, the same HTML)."""


class SuggestInput(forms.TextInput):
    """A search box whose suggestions come from ``url`` (JSON ``{"results": [label, ...]}``)
    as one types, in a <datalist>: without JavaScript it is a plain text field."""

    input_type = "search"

    class Media:
        js = ["js/suggest.js"]

    def __init__(self, url, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.url = url

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-suggestions"
        attrs.update({"list": list_id, "data-suggest-url": str(self.url)})
        return format_html(
            '{}<datalist id="{}"></datalist>', super().render(name, value, attrs, renderer), list_id
        )


# Django's widgets whose template is only "django/forms/widgets/input.html"
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
)  # fmt: skip
SELECT_TEMPLATE = "django/forms/widgets/select.html"
SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
MULTIPLE_INPUT_TEMPLATES = frozenset(
    {"django/forms/widgets/radio.html", "django/forms/widgets/checkbox_select.html"}
)
INPUT_OPTION_TEMPLATES = frozenset(
    {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}
)


class FastInputsRenderer(DjangoTemplates):
    """Django's form renderer, with its plain widgets (inputs, selects, radio buttons and
    checkboxes) written in Python instead of one template per element and per attribute list
    (0.2 ms an input, 0.05 ms an option: a quarter of the support request form). The same HTML,
    character for character (``tests/vsa_portal/test_search_widgets.py``); any other template
    is Django's."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES:
            return _input(widget)
        if template_name == SELECT_TEMPLATE and _options_use(widget, {SELECT_OPTION_TEMPLATE}):
            return _select(widget)
        if template_name in MULTIPLE_INPUT_TEMPLATES and _options_use(
            widget, INPUT_OPTION_TEMPLATES
        ):
            return _multiple_input(widget)
        return super().render(template_name, context, request)


def _options_use(widget, templates):
    """Whether every option of a choice widget is rendered with one of ``templates``."""
    return all(
        option["template_name"] in templates
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


# Each function writes what its template writes, escaped as the template would
# (conditional_escape: what is marked safe stays as it is), with the template's whitespace.


def _attributes(attrs):  # attrs.html
    html = []
    for name, value in attrs.items():
        if value is False:
            continue
        html.append(f" {conditional_escape(name)}")
        if value is not True:
            html.append(f'="{conditional_escape(value)}"')
    return "".join(html)


def _input(widget):  # input.html, stripped as the renderer strips a widget's output
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return mark_safe(  # noqa: S308 (every part escaped)
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attributes(widget["attrs"])}>'
    )


def _select(widget):  # select.html with select_option.html
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        for option in options:
            html.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return mark_safe("".join(html))  # noqa: S308 (every part escaped)


def _input_option(option):  # radio_option.html / checkbox_option.html, with input_option.html
    html = f"{_input(option)}\n"
    if option["wrap_label"]:
        target = option["attrs"].get("id")
        label_for = f' for="{conditional_escape(target)}"' if target else ""
        html = f"<label{label_for}>{html} {conditional_escape(option['label'])}</label>"
    return f"{html}\n\n"


def _multiple_input(widget):  # multiple_input.html (radio.html, checkbox_select.html)
    attrs = widget["attrs"]
    html = ["<div"]
    if attrs.get("id"):
        html.append(f' id="{conditional_escape(attrs["id"])}"')
    if attrs.get("class"):
        html.append(f' class="{conditional_escape(attrs["class"])}"')
    html.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            html.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            html.append("\n  </div>")
    html.append("\n</div>")
    return mark_safe("".join(html))  # noqa: S308 (every part escaped)
