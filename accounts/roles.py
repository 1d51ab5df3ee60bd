"""The project lead's role: a staff group with exactly the permissions the job needs."""

from django.contrib.auth.models import Group, Permission

PROJECT_LEAD_GROUP = "Cheffe de projet"

# (app, model, actions): everything the project lead curates; nothing about permissions,
# groups or the portal's code. ``change_user`` edits profiles only: the user admin never shows a
# non-superuser the privileges or the password (accounts/admin.py).
PROJECT_LEAD_PERMISSIONS = [
    ("offers", "offer", ["view", "add", "change", "delete"]),
    ("offers", "offercontact", ["view", "change"]),
    ("offers", "profession", ["view", "add", "change"]),
    ("territory", "commune", ["view", "change"]),
    ("territory", "epci", ["view", "change"]),
    ("territory", "cpts", ["view", "add", "change"]),
    ("territory", "healthfacility", ["view", "add", "change", "delete"]),
    ("territory", "zoning", ["view", "add", "change", "delete"]),
    ("collective", "organisation", ["view", "add", "change"]),
    ("collective", "membership", ["view", "add", "change", "delete"]),
    ("collective", "invitation", ["view", "change"]),
    ("agenda", "event", ["view", "add", "change", "delete"]),
    ("agenda", "registration", ["view", "change"]),
    ("outbox", "outgoingemail", ["view", "change"]),
    ("accounts", "user", ["view", "change"]),
    ("accounts", "savedsearch", ["view"]),
]


def ensure_project_lead_group(**kwargs):
    """Create or update the group (run after every migrate; idempotent)."""
    group, _created = Group.objects.get_or_create(name=PROJECT_LEAD_GROUP)
    wanted = []
    for app_label, model, actions in PROJECT_LEAD_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        wanted += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    group.permissions.set(wanted)
    return group
