"""The project lead's back office: the dossier page (the admin, with its inlines), the pipeline
board and its export (a staff page inside the admin, so behind the same two-factor login)."""

import csv
import hashlib

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from support import emails
from support.enums import DossierStatus, ReferralStatus
from support.forms import PipelineFilterForm
from support.models import (
    Dossier,
    InstallationStep,
    Message,
    Need,
    Note,
    Referral,
    StaffRead,
    SupportRequest,
)

PIPELINE_PAGE_SIZE = 50


class NeedInline(admin.TabularInline):
    model = Need
    extra = 0
    fields = ["kind", "status", "details", "partner"]
    autocomplete_fields = ["partner"]


class MessageInline(admin.StackedInline):
    model = Message
    extra = 1
    fields = ["body", "from_staff", "author", "created_at"]
    readonly_fields = ["from_staff", "author", "created_at"]
    verbose_name_plural = _("messages échangés avec le demandeur (il les voit)")

    def has_change_permission(self, request, obj=None):
        return False  # a message sent is not rewritten

    def has_delete_permission(self, request, obj=None):
        return False


class NoteInline(admin.StackedInline):
    model = Note
    extra = 1
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = _("notes internes (jamais montrées au demandeur)")


class ReferralInline(admin.StackedInline):
    model = Referral
    extra = 0
    fields = [
        "need",
        "organisation",
        "contact_name",
        "contact_email",
        "question",
        "summary",
        "shares_family_data",
        "status",
        "requester_agreed_at",
        "sent_at",
        "reminded_at",
        "answered_at",
        "answer_yes",
        "answer_text",
    ]
    readonly_fields = [
        "status",
        "requester_agreed_at",
        "sent_at",
        "reminded_at",
        "answered_at",
        "answer_yes",
        "answer_text",
    ]
    autocomplete_fields = ["organisation"]


class DossierForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label=_("Changer le statut"), required=False, choices=[("", "—"), *DossierStatus.choices]
    )
    status_note = forms.CharField(
        label=_("Mot au demandeur avec ce changement (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    class Meta:
        model = Dossier
        fields = ["assignee"]  # the admin passes the fieldsets' fields

    def clean(self):
        data = super().clean()
        to = data.get("new_status")
        changes = to and self.instance.pk and to != self.instance.status
        if changes and DossierStatus(to) not in self.instance.allowed_transitions():
            raise ValidationError(
                _("Un dossier « %(from)s » ne peut pas passer à « %(to)s ».")
                % {"from": self.instance.get_status_display(), "to": DossierStatus(to).label}
            )
        return data


def pseudonym(dossier):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{dossier.pk}".encode()).hexdigest()
    return "P-" + digest[:10]


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    form = DossierForm
    list_display = [
        "reference",
        "first_name",
        "last_name",
        "situation",
        "project",
        "status",
        "assignee",
        "next_action_on",
        "created_at",
        "is_demo",
    ]
    list_filter = [
        "status",
        "situation",
        "project",
        "channel",
        "waiting_for_requester",
        "waiting_for_partner",
        "is_demo",
    ]
    list_select_related = ["assignee"]
    search_fields = ["reference", "email", "last_name", "first_name"]
    autocomplete_fields = ["communes", "outcome_commune", "requester", "assignee"]
    readonly_fields = [
        "reference",
        "status",
        "first_answer_at",
        "last_contact_at",
        "closed_at",
        "consent_given_at",
        "consent_version",
        "created_at",
    ]
    inlines = [NeedInline, MessageInline, NoteInline, ReferralInline]
    fieldsets = [
        (
            _("Suivi"),
            {
                "fields": [
                    "reference",
                    "status",
                    "new_status",
                    "status_note",
                    "assignee",
                    "next_action_on",
                    "next_appointment",
                    "waiting_for_requester",
                    "waiting_for_partner",
                    "channel",
                    "origin",
                    "origin_label",
                ]
            },
        ),
        (
            _("Demandeur"),
            {
                "fields": [
                    "requester",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "profession",
                    "specialty",
                    "situation",
                    "came_from",
                    "call_preference",
                ]
            },
        ),
        (
            _("Projet et famille"),
            {
                "fields": [
                    "project",
                    "project_when",
                    "communes",
                    "anywhere",
                    "mode",
                    "housing",
                    "spouse_job",
                    "children",
                    "childcare",
                    "message",
                ]
            },
        ),
        (
            _("Issue"),
            {"fields": ["outcome", "outcome_commune", "outcome_on", "outcome_mode"]},
        ),
        (
            _("Dates et consentement"),
            {
                "classes": ["collapse"],
                "fields": [
                    "created_at",
                    "first_answer_at",
                    "last_contact_at",
                    "closed_at",
                    "consent_given_at",
                    "consent_version",
                    "is_demo",
                ],
            },
        ),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and object_id:
            dossier = self.get_object(request, object_id)
            if dossier is not None:
                StaffRead.objects.create(dossier=dossier, user=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = DossierStatus.RECEIVED
        super().save_model(request, obj, form, change)
        to = form.cleaned_data.get("new_status")
        if change and to and to != obj.status:
            obj.transition(to, by=request.user, note=form.cleaned_data.get("status_note", ""))
            messages.success(request, _("Statut changé : le demandeur est prévenu par e-mail."))

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            is_new = instance.pk is None
            if isinstance(instance, (Message, Note)) and is_new:
                instance.author = request.user
            if isinstance(instance, Message) and is_new:
                instance.from_staff = True
            if isinstance(instance, Referral) and is_new:
                instance.created_by = request.user
                if instance.shares_family_data:
                    instance.status = ReferralStatus.AWAITING_AGREEMENT
                else:
                    instance.status = ReferralStatus.SENT
                    instance.sent_at = timezone.now()
            instance.save()
            if isinstance(instance, Message) and is_new:
                form.instance.touch_contact(request.user)
                emails.notify_new_message(instance)
            if isinstance(instance, Referral) and is_new:
                if instance.status == ReferralStatus.SENT:
                    emails.send_referral(instance)
                else:
                    messages.info(
                        request,
                        _(
                            "L’orientation partage des données de la famille : elle partira "
                            "quand le demandeur aura accepté, depuis son espace."
                        ),
                    )
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    # --- The pipeline board -----------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "suivi/",
                self.admin_site.admin_view(self.pipeline_view),
                name="support_pipeline",
            ),
            *super().get_urls(),
        ]

    def filtered(self, request):
        form = PipelineFilterForm(request.GET or None)
        queryset = Dossier.objects.select_related("assignee", "profession").order_by(
            "-created_at", "-pk"
        )
        if form.is_valid():
            if form.cleaned_data["status"]:
                queryset = queryset.filter(status=form.cleaned_data["status"])
            if form.cleaned_data["q"]:
                q = form.cleaned_data["q"]
                queryset = queryset.filter(
                    Q(reference__iexact=q)
                    | Q(email__icontains=q)
                    | Q(last_name__icontains=q)
                    | Q(first_name__icontains=q)
                )
        return form, queryset

    def pipeline_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, queryset = self.filtered(request)
        if request.GET.get("format") == "csv":
            return self.export_csv(request, queryset)
        page = Paginator(queryset, PIPELINE_PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return TemplateResponse(
            request,
            "admin/support/pipeline.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Suivi des accompagnements"),
                "opts": self.model._meta,
                "form": form,
                "counts": Dossier.objects.counts_by_status(),
                "due": Dossier.objects.due().count(),
                "page": page,
                "querystring": params.urlencode(),
            },
        )

    def export_csv(self, request, queryset):
        """Pseudonymised unless the staff member says why names are needed (logged)."""
        from vsa_portal.spreadsheets import safe_cell

        reason = request.GET.get("motif", "").strip()
        named = bool(reason)
        if named:
            import logging

            logging.getLogger("support.export").info(
                "Named export of dossiers by user %s: %s", request.user.pk, reason[:200]
            )

        def rows():
            header = ["dossier", "statut", "situation", "projet", "canal", "origine", "reçue le"]
            if named:
                header += ["prénom", "nom", "e-mail"]
            yield header
            for dossier in queryset.iterator(chunk_size=2000):
                row = [
                    dossier.reference if named else pseudonym(dossier),
                    dossier.get_status_display(),
                    dossier.get_situation_display(),
                    dossier.get_project_display(),
                    dossier.get_channel_display(),
                    dossier.origin,
                    timezone.localtime(dossier.created_at).strftime("%d/%m/%Y"),
                ]
                if named:
                    row += [dossier.first_name, dossier.last_name, dossier.email]
                yield [safe_cell(value) for value in row]

        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo(), delimiter=";")
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="accompagnements.csv"'
        return response


@admin.register(InstallationStep)
class InstallationStepAdmin(admin.ModelAdmin):
    list_display = ["title", "who", "position"]
    list_editable = ["position"]


@admin.register(StaffRead)
class StaffReadAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "dossier"]
    list_select_related = ["user", "dossier"]
    readonly_fields = ["at", "user", "dossier"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["dossier", "created_at"]
    list_select_related = ["dossier"]
    readonly_fields = ["dossier", "token", "data", "created_at"]

    def has_add_permission(self, request):
        return False
