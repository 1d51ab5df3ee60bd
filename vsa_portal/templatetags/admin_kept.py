"""The admin's parts kept once written: ``{% kept_result_list cl %}`` is Django's
``{% result_list cl %}`` with each row written once per what it shows
(``vsa_portal.admin_lists.kept_results``); ``{% kept_filters cl %}…{% endkept_filters %}`` the
change list's filters, per what they show (``admin_lists.filters_key``);
``{% kept_sidebar_app_list %}`` the navigation sidebar's list of applications, per list and
current link (``vsa_portal.admin_site``)."""

from django import template
from django.contrib import admin
from django.contrib.admin.templatetags.base import InclusionAdminNode

from vsa_portal import admin_lists

register = template.Library()


@register.tag(name="kept_result_list")
def kept_result_list_tag(parser, token):
    return InclusionAdminNode(
        "result_list",
        parser,
        token,
        func=admin_lists.kept_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


@register.simple_tag(takes_context=True)
def kept_sidebar_app_list(context):
    return admin.site.sidebar_app_list(context["request"])  # safe: written by a template


class KeptFiltersNode(template.Node):
    def __init__(self, nodelist, changelist):
        self.nodelist, self.changelist = nodelist, changelist

    def render(self, context):
        key = admin_lists.filters_key(self.changelist.resolve(context))
        if key is None:
            return self.nodelist.render(context)
        written = admin_lists.kept_filters.get(key)
        if written is None:
            written = self.nodelist.render(context)
            admin_lists.kept_filters.put(key, written)
        return written


@register.tag
def kept_filters(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes the change list.")
    nodelist = parser.parse(("endkept_filters",))
    parser.delete_first_token()
    return KeptFiltersNode(nodelist, parser.compile_filter(bits[1]))
