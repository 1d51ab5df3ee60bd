from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option: a list of 150
    communes costs a fraction of a millisecond instead of several."""

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


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Django's checkboxes, the same HTML, rendered in Python rather than with two templates
    per option (4.7 ms for the nine kinds of offer, 0.3 ms here). Grouped choices are left to
    Django."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _options, _index in context["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(  # each part built by format_html
            format_html(
                '<div><label{}><input type="checkbox" name="{}" value="{}"{}> {}</label></div>',
                flatatt({"for": option["attrs"]["id"]}) if option["attrs"].get("id") else "",
                option["name"],
                str(option["value"]),
                flatatt(option["attrs"]),
                option["label"],
            )
            for _group, group_options, _index in context["optgroups"]
            for option in group_options
        )
        widget_attrs = {
            key: context["attrs"][key] for key in ("id", "class") if context["attrs"].get(key)
        }
        return format_html("<div{}>{}</div>", flatatt(widget_attrs), mark_safe(options))  # noqa: S308


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


class FastInputsRenderer(DjangoTemplates):
    """Django's form renderer, with the one-line ``<input>`` of its plain widgets written in
    Python instead of two templates (input.html and attrs.html: 0.2 ms a field, a quarter of
    the support request form). The same HTML (``tests/vsa_portal/test_search_widgets.py``); any
    other template, or a project's own override of these, is Django's."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return render_input(context["widget"])
        return super().render(template_name, context, request)


def render_input(widget):
    html = [
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
    ]
    if widget["value"] is not None:
        html.append(f' value="{conditional_escape(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        html.append(f" {conditional_escape(name)}")
        if value is not True:
            html.append(f'="{conditional_escape(value)}"')
    html.append(">")
    return mark_safe("".join(html))  # noqa: S308 (every part escaped above)
