"""An admin action that turns messages received elsewhere (the contact page, a school's visit
request) into support dossiers. The rubric that owns the message adds it to its own admin:
support never reads the rubric's models.

    from support.actions import convert_to_dossier

    class ContactMessageAdmin(admin.ModelAdmin):
        actions = [
            convert_to_dossier(
                lambda m: {"last_name": m.name, "email": m.email, "message": m.message},
                channel=Channel.CONTACT_PAGE,
                origin="contact",
                mark_done=lambda m: ContactMessage.objects.filter(pk=m.pk).update(handled=True),
            )
        ]
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from support import services


def convert_to_dossier(fields_of, *, channel, origin="", mark_done=None):
    """``fields_of(item)`` gives the dossier's fields (``email`` required; ``message``,
    ``first_name``, ``last_name``, ``phone``, ``consent_given_at``…); ``mark_done(item)`` records
    on the item that it was converted. A second message from the same address joins the open
    dossier as a note."""

    @admin.action(description=_("Ouvrir un dossier d’accompagnement"))
    def action(modeladmin, request, queryset):
        if not request.user.has_perm("support.add_dossier"):
            raise PermissionDenied
        created = joined = 0
        for item in queryset:
            fields = dict(fields_of(item))
            email = fields.pop("email")
            _dossier, new = services.open_dossier(
                email=email, channel=channel, by=request.user, origin=origin, **fields
            )
            created += new
            joined += not new
            if mark_done is not None:
                mark_done(item)
        parts = []
        if created:
            parts.append(
                ngettext("%(n)s dossier ouvert", "%(n)s dossiers ouverts", created) % {"n": created}
            )
        if joined:
            parts.append(
                ngettext(
                    "%(n)s message ajouté à un dossier en cours",
                    "%(n)s messages ajoutés à des dossiers en cours",
                    joined,
                )
                % {"n": joined}
            )
        if parts:
            modeladmin.message_user(request, " ; ".join(parts) + ".", messages.SUCCESS)

    action.__name__ = f"convert_to_dossier_{origin or channel}"
    return action
