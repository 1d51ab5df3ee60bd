"""The admin's parts kept once written: ``{% kept_result_list cl %}`` is Django's
``{% result_list cl %}`` with each row written once per what it shows
(``vsa_portal.admin_lists.kept_results``); ``{% kept_sidebar_app_list %}`` the navigation
sidebar's list of applications, per list and current link (``vsa_portal.admin_site``)."""

from django import template
from django.contrib import admin
from django.contrib.admin.templatetags.base import InclusionAdminNode

from vsa_portal.admin_lists import kept_result_list

register = template.Library()


@register.tag(name="kept_result_list")
def kept_result_list_tag(parser, token):
    return InclusionAdminNode(
        "result_list",
        parser,
        token,
        func=kept_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


@register.simple_tag(takes_context=True)
def kept_sidebar_app_list(context):
    return admin.site.sidebar_app_list(context["request"])  # safe: written by a template
