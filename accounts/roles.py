"""The project lead's role: a staff group with exactly the permissions the job needs."""

from django.contrib.auth.models import Group, Permission

PROJECT_LEAD_GROUP = "Cheffe de projet"

# (app, model, actions): everything the project lead curates; nothing about permissions,
# groups or the portal's code. ``change_user`` edits profiles only: the user admin never shows a
# non-superuser the privileges or the password (accounts/admin.py).
PROJECT_LEAD_PERMISSIONS = [
    ("accounts", "profession", ["view", "add", "change"]),
    ("territory", "commune", ["view", "change"]),
    ("territory", "epci", ["view", "change"]),
    ("territory", "cpts", ["view", "add", "change"]),
    ("territory", "healthfacility", ["view", "add", "change", "delete"]),
    ("territory", "zoning", ["view", "add", "change", "delete"]),
    ("territory", "prioritydistrict", ["view", "add", "change", "delete"]),
    ("territory", "ruralrevitalisation", ["view", "add", "change", "delete"]),
    ("territory", "school", ["view", "add", "change", "delete"]),
    ("territory", "railwaystation", ["view", "add", "change", "delete"]),
    ("territory", "territoryhighlight", ["view", "add", "change", "delete"]),
    ("organisations", "organisation", ["view", "add", "change"]),
    ("organisations", "membership", ["view", "add", "change", "delete"]),
    ("organisations", "invitation", ["view", "change"]),
    ("outbox", "outgoingemail", ["view", "change"]),
    ("collective", "contactmessage", ["view", "change"]),
    ("accounts", "user", ["view", "change"]),
    ("accounts", "savedsearch", ["view"]),
]


def project_lead_permissions():
    """The foundations' list, then what each registered kind of content declares."""
    from vsa_portal import kinds

    wanted = list(PROJECT_LEAD_PERMISSIONS)
    for kind in kinds.all_kinds():
        for model, actions in kind.admin_permissions or ():
            wanted.append((kind.app_label, model, list(actions)))
    return wanted


def ensure_project_lead_group(**kwargs):
    """Create or update the group (run after every migrate; idempotent)."""
    group, _created = Group.objects.get_or_create(name=PROJECT_LEAD_GROUP)
    wanted = []
    for app_label, model, actions in project_lead_permissions():
        codenames = [f"{action}_{model}" for action in actions]
        wanted += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    group.permissions.set(wanted)
    return group


def project_lead_emails():
    """Where the project lead reads her mail: the address of the settings, else the active
    staff members of the role (or, without any, the technical administrators)."""
    from django.conf import settings

    from accounts.models import User

    if settings.PORTAL["PROJECT_LEAD_EMAIL"]:
        return [settings.PORTAL["PROJECT_LEAD_EMAIL"]]
    active = User.objects.filter(is_active=True).order_by("email")
    in_role = active.filter(groups__name=PROJECT_LEAD_GROUP, is_staff=True).distinct()
    chosen = in_role if in_role.exists() else active.filter(is_superuser=True)
    return list(chosen.values_list("email", flat=True))
