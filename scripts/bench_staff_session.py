"""Print a session cookie for the bench's project lead (staff, never a superuser, with an
authenticator app as the admin requires), so that the bench can time the admin's change lists.
Run by scripts/bench.sh with ``manage.py shell -c``, on a database whose name ends in _bench."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

if not settings.DATABASES["default"]["NAME"].endswith("_bench"):
    raise SystemExit("Refusing to make a staff session outside a bench database.")

user, _created = get_user_model().objects.get_or_create(
    email="cheffe-de-projet@bench.invalid",
    defaults={"is_staff": True, "first_name": "Bench", "last_name": "Cheffe"},
)
try:  # the role (a group) where the commit has it, else a superuser (older commits)
    from accounts.roles import PROJECT_LEAD_GROUP

    user.groups.add(Group.objects.get(name=PROJECT_LEAD_GROUP))
except ImportError:
    user.is_superuser = True
    user.save()
try:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
except ImportError:
    pass
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
