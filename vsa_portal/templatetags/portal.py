import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes as Django's json_script: the JSON can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A <script type="application/ld+json"> block holding ``data``, safely escaped."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def euros(value):
    """An amount in euros, French style: 4 500 €."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", "\u00a0") + "\u00a0€"


@register.simple_tag(takes_context=True)
def kind_summaries(context, item):
    """What other kinds of content say about ``item`` (``Kind.item_summary``)."""
    from vsa_portal import kinds

    request = context.get("request")
    return kinds.item_summaries(item, request) if request is not None else []


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *pairs, current):
    """The page's place in the site, shown and as a schema.org BreadcrumbList: pairs of a label
    and a URL name after the home page, then the current page's title:
    ``{% breadcrumbs _("Exercer") "offers:landing" _("Offres") "offers:list" current=offer.title %}``."""
    from django.urls import reverse
    from django.utils.translation import gettext

    crumbs = [(gettext("Accueil"), reverse("home"))]
    crumbs += [(pairs[i], reverse(pairs[i + 1])) for i in range(0, len(pairs) - 1, 2)]
    request = context["request"]
    elements = [
        {
            "@type": "ListItem",
            "position": position,
            "name": str(label),
            "item": request.build_absolute_uri(url),
        }
        for position, (label, url) in enumerate(crumbs, start=1)
    ]
    elements.append({"@type": "ListItem", "position": len(crumbs) + 1, "name": str(current)})
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": elements,
    }
    return {"crumbs": crumbs, "current": current, "data": data}
