from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffTwoFactorMiddleware:
    """The admin is reached only through the portal's login (with its second factor), and only
    by staff who have set up an authenticator app (TOTP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if request.path.startswith(admin_root):
            if request.path == reverse("admin:login"):
                target = request.GET.get("next", admin_root)
                if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                    target = admin_root
                return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
            user = request.user
            if user.is_authenticated and user.is_staff and not has_totp(user):
                messages.warning(
                    request,
                    _(
                        "L’administration demande une double authentification : configurez "
                        "une application d’authentification pour continuer."
                    ),
                )
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
