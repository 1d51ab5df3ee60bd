from django import template

from collective.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/collective/dashboard.html", takes_context=True)
def project_lead_dashboard(context):
    request = context["request"]
    return dashboard(request.user)
