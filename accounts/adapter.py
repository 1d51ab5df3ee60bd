from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from outbox.services import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails (address verification, password reset…) go through the outbox like
    every other e-mail of the portal: saved first, sent by Celery, retried, never lost."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        # Every allauth e-mail may carry a secret link (reset, confirmation, login code).
        queue_email(to=message.to, subject=message.subject, body=message.body, contains_secret=True)
