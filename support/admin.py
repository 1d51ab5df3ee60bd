"""The project lead's back office: the dossier page (the admin, with its inlines), the pipeline
board and its export (a staff page inside the admin, so behind the same two-factor login)."""

import csv
import hashlib

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from support import emails
from support.documents import check_upload
from support.enums import DossierStatus, Project, ReferralStatus
from support.filters import DossierFilter, view_query
from support.forms import SavedViewForm
from support.models import (
    Document,
    Dossier,
    InstallationStep,
    Label,
    Message,
    Need,
    Note,
    Referral,
    SavedView,
    StaffRead,
    StepDone,
    SupportRequest,
)
from support.views import download
from vsa_portal.admin_lists import LargeTableAdminMixin

PIPELINE_PAGE_SIZE = 50
PATH_PROJECTS = {Project.SETTLE, Project.TAKE_OVER, Project.COLLABORATE}

# Where each dossier of the board stands on the installation path (one subquery per row, run
# only for the page's rows).
steps_done_count = (
    StepDone.objects.filter(dossier=OuterRef("pk"))
    .order_by()
    .values("dossier")
    .annotate(count=Count("pk"))
    .values("count")
)


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


class DocumentAdminForm(forms.ModelForm):
    """A new row takes a file, checked as the requester's are (size, content, antivirus)."""

    upload = forms.FileField(
        label=_("Document (PDF, JPEG ou PNG)"), required=False, widget=forms.FileInput
    )

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["upload"].disabled = True
            self.fields["upload"].widget = forms.HiddenInput()

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and not self.instance.pk:
            self.checked = check_upload(upload)
        return upload


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentAdminForm
    extra = 1
    fields = ["upload", "download_link", "size", "scan_status", "from_staff", "created_at"]
    readonly_fields = ["download_link", "size", "scan_status", "from_staff", "created_at"]
    verbose_name_plural = _("documents (le demandeur les voit ; chaque téléchargement est noté)")

    @admin.display(description=_("fichier"))
    def download_link(self, document):
        if not document.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:support_document_download", args=[document.dossier_id, document.pk]),
            document.name,
        )


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
class DossierAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
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
        "labels",
        "is_demo",
    ]
    list_select_related = ["assignee"]
    search_fields = ["reference", "email", "last_name", "first_name"]
    autocomplete_fields = ["communes", "outcome_commune", "requester", "assignee", "labels"]
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
    inlines = [NeedInline, MessageInline, NoteInline, ReferralInline, DocumentInline]
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
                    "labels",
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
        if formset.model is Document:
            return self.save_documents(request, form, formset)
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

    def save_documents(self, request, form, formset):
        # What the admin's change message reads, as ``formset.save()`` would set it.
        formset.new_objects, formset.changed_objects = [], []
        formset.deleted_objects = [f.instance for f in formset.deleted_forms if f.instance.pk]
        for document_form in formset.forms:
            checked = getattr(document_form, "checked", None)
            if checked is not None and document_form not in formset.deleted_forms:
                upload = document_form.cleaned_data["upload"]
                formset.new_objects.append(
                    Document.store(form.instance, checked, upload.name, by=request.user)
                )
        Document.objects.filter(
            dossier=form.instance, pk__in=[d.pk for d in formset.deleted_objects]
        ).delete_files()

    def document_view(self, request, object_id, pk):
        """A document downloaded by staff: the read is logged with the document."""
        document = get_object_or_404(
            Document.objects.select_related("dossier"), dossier_id=object_id, pk=pk
        )
        if not self.has_view_permission(request, document.dossier):
            raise PermissionDenied
        StaffRead.objects.create(dossier=document.dossier, document=document, user=request.user)
        return download(document)

    # --- The pipeline board -----------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "suivi/",
                self.admin_site.admin_view(self.pipeline_view),
                name="support_pipeline",
            ),
            path(
                "<int:object_id>/documents/<int:pk>/",
                self.admin_site.admin_view(self.document_view),
                name="support_document_download",
            ),
            *super().get_urls(),
        ]

    def filtered(self, request):
        queryset = (
            Dossier.objects.select_related("assignee", "profession")
            .annotate(
                steps_done_count=Coalesce(Subquery(steps_done_count), 0),
                label_names=ArraySubquery(
                    Label.objects.filter(dossiers=OuterRef("pk")).order_by("name").values("name")
                ),
            )
            .order_by("-created_at", "-pk")
        )
        filterset = DossierFilter(request.GET, queryset=queryset)
        return filterset, filterset.qs if filterset.is_valid() else queryset.none()

    def pipeline_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        views = SavedView.objects.filter(user=request.user)
        save_form = SavedViewForm(
            request.POST if request.POST.get("action") == "save_view" else None,
            user=request.user,
            query=view_query(request.GET),
        )
        if request.method == "POST":
            if request.POST.get("action") == "delete_view":
                pk = request.POST.get("view", "")
                if pk.isdigit():
                    views.filter(pk=pk).delete()
                return redirect(request.path)
            if save_form.is_valid():
                save_form.save()
                messages.success(request, _("Vue enregistrée."))
                return redirect(f"{request.path}?{save_form.instance.query}")
        filterset, queryset = self.filtered(request)
        if request.GET.get("format") in ("csv", "xlsx"):
            return self.export(request, queryset, request.GET["format"])
        page = Paginator(queryset, PIPELINE_PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        counts, due = Dossier.objects.board_counts()
        return TemplateResponse(
            request,
            "admin/support/pipeline.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Suivi des accompagnements"),
                "opts": self.model._meta,
                "form": filterset.form,
                "save_form": save_form,
                "saved_views": views,
                "counts": counts,
                "due": due,
                "page": page,
                "path_projects": PATH_PROJECTS,
                "steps_total": InstallationStep.objects.count(),
                "querystring": params.urlencode(),
                "filter_params": [
                    (key, value)
                    for key, values in params.lists()
                    for value in values
                    if key not in ("format", "motif")
                ],
            },
            status=400 if save_form.errors else 200,
        )

    def export(self, request, queryset, file_format):
        """CSV or XLSX, pseudonymised unless the staff member says why names are needed
        (logged)."""
        from vsa_portal.spreadsheets import safe_cell, xlsx_response

        reason = request.GET.get("motif", "").strip()
        named = bool(reason)
        if named:
            import logging

            logging.getLogger("support.export").info(
                "Named export of dossiers by user %s: %s", request.user.pk, reason[:200]
            )

        def rows():
            header = [
                "dossier",
                "statut",
                "profession",
                "situation",
                "projet",
                "vient",
                "canal",
                "origine",
                "reçue le",
                "issue",
            ]
            if named:
                header += ["prénom", "nom", "e-mail"]
            yield header
            for dossier in queryset.iterator(chunk_size=2000):
                row = [
                    dossier.reference if named else pseudonym(dossier),
                    dossier.get_status_display(),
                    dossier.profession.name if dossier.profession_id else "",
                    dossier.get_situation_display(),
                    dossier.get_project_display(),
                    dossier.get_came_from_display(),
                    dossier.get_channel_display(),
                    dossier.origin,
                    timezone.localtime(dossier.created_at).strftime("%d/%m/%Y"),
                    dossier.get_outcome_display(),
                ]
                if named:
                    row += [dossier.first_name, dossier.last_name, dossier.email]
                yield [safe_cell(value) for value in row]

        if file_format == "xlsx":
            return xlsx_response("accompagnements.xlsx", rows(), sheet_title="Accompagnements")

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
    list_display = ["at", "user", "dossier", "document"]
    list_select_related = ["user", "dossier", "document"]
    readonly_fields = ["at", "user", "dossier", "document"]

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


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["name", "dossier_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(dossier_count=Count("dossiers"))

    @admin.display(description=_("dossiers"), ordering="dossier_count")
    def dossier_count(self, label):
        return label.dossier_count
