from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from replacements.access import has_verified_email, searcher_required
from replacements.digest import UNSUBSCRIBE
from replacements.emails import notify_contact
from replacements.filters import ReplacementFilter
from replacements.forms import AvailabilityForm, ContactForm, ProfessionalCheckForm, ProfileForm
from replacements.matching import current_periods, with_coverage
from replacements.models import (
    Availability,
    ProfessionalCheck,
    ReplacementContact,
    ReplacementProfile,
)
from vsa_portal.ratelimit import Limit, client_address, hit_all
from vsa_portal.search import filtered, paginate, querystring_without_page

PAGE_SIZE = 20
CONTACTS_PER_CLIENT = Limit("replacement-contact-client", 5, 600)
CONTACTS_PER_SENDER = Limit("replacement-contact-sender", 10, 3600)


@require_GET
@searcher_required
def search(request):
    filterset = ReplacementFilter(request.GET or None, queryset=ReplacementProfile.objects.all())
    if filterset.is_bound:
        filterset.form.is_valid()
    place, km, kind = filterset.place
    page = paginate(
        request,
        filtered(filterset).prefetch_related(current_periods(place, km, kind)),
        PAGE_SIZE,
    )
    start, end = filterset.need
    with_coverage(page.object_list, start, end)
    return render(
        request,
        "replacements/search.html",
        {
            "filter": filterset,
            "page": page,
            "need": (start, end),
            "querystring": querystring_without_page(request),
        },
    )


def listed_profile(pk):
    return get_object_or_404(
        ReplacementProfile.objects.listed()
        .select_related("user", "profession")
        .prefetch_related(current_periods()),
        pk=pk,
    )


@require_GET
@searcher_required
def detail(request, pk):
    profile = listed_profile(pk)
    return render(request, "replacements/detail.html", {"profile": profile, "form": ContactForm()})


@require_POST
@searcher_required
def contact(request, pk):
    profile = listed_profile(pk)
    form = ContactForm(request.POST)
    if profile.user_id == request.user.pk:
        form.add_error(None, _("Vous ne pouvez pas vous écrire à vous-même."))
    if not form.is_valid():
        return render(
            request, "replacements/detail.html", {"profile": profile, "form": form}, status=400
        )
    if not hit_all(
        (CONTACTS_PER_CLIENT, client_address(request)),
        (CONTACTS_PER_SENDER, request.user.pk),
    ):
        form.add_error(
            None, _("Trop de messages envoyés en peu de temps : réessayez dans une heure.")
        )
        return render(
            request, "replacements/detail.html", {"profile": profile, "form": form}, status=429
        )
    with transaction.atomic():
        saved = ReplacementContact.objects.create(
            profile=profile, sender=request.user, **form.cleaned_data
        )
        ReplacementProfile.objects.filter(pk=profile.pk).update(
            contacts_count=F("contacts_count") + 1
        )
        notify_contact(saved, request)
    messages.success(
        request, _("Votre message a été transmis. Vous allez recevoir une copie par e-mail.")
    )
    return redirect(profile.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    """The remplaçant's own listing: profile, availability, confirmation, consent."""
    profile = ReplacementProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.user = request.user
        profile.save()
        messages.success(request, _("Votre profil de remplaçant est enregistré."))
        return redirect("replacements:my_profile")
    periods = []
    if profile:
        periods = list(
            profile.availabilities.current().select_related("centre").prefetch_related("communes")
        )
    return render(
        request,
        "replacements/my_profile.html",
        {
            "profile": profile,
            "form": form,
            "periods": periods,
            "availability_form": AvailabilityForm() if profile else None,
            "has_verified_email": has_verified_email(request.user),
        },
        status=400 if form.errors else 200,
    )


def own_profile(request):
    return get_object_or_404(ReplacementProfile, user=request.user)


@login_required
@require_POST
def add_availability(request):
    profile = own_profile(request)
    form = AvailabilityForm(request.POST)
    if not form.is_valid():
        periods = list(profile.availabilities.current().select_related("centre"))
        return render(
            request,
            "replacements/my_profile.html",
            {
                "profile": profile,
                "form": ProfileForm(instance=profile),
                "periods": periods,
                "availability_form": form,
                "has_verified_email": has_verified_email(request.user),
            },
            status=400,
        )
    availability = form.save(commit=False)
    availability.profile = profile
    availability.save()
    form.save_m2m()
    profile.confirm()
    messages.success(request, _("Disponibilité ajoutée."))
    return redirect("replacements:my_profile")


@login_required
@require_POST
def delete_availability(request, pk):
    availability = get_object_or_404(Availability, pk=pk, profile__user=request.user)
    availability.delete()
    messages.success(request, _("Disponibilité retirée."))
    return redirect("replacements:my_profile")


@login_required
@require_POST
def confirm(request):
    own_profile(request).confirm()
    messages.success(
        request, _("Merci : votre annonce reste affichée pendant les trois prochains mois.")
    )
    return redirect("replacements:my_profile")


@login_required
@require_POST
def withdraw(request):
    own_profile(request).withdraw_consent()
    messages.success(
        request,
        _("Votre profil n’est plus présenté aux médecins. Vous pouvez le remettre à tout moment."),
    )
    return redirect("replacements:my_profile")


@login_required
@require_http_methods(["GET", "POST"])
def professional_check(request):
    """A physician gives their RPPS number to be allowed to search."""
    existing = ProfessionalCheck.objects.filter(user=request.user).first()
    form = ProfessionalCheckForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        check = form.save(commit=False)
        check.user = request.user
        check.save()
        messages.success(request, _("Numéro RPPS enregistré."))
        return redirect("replacements:search")
    return render(
        request,
        "replacements/professional_check.html",
        {"form": form, "has_verified_email": has_verified_email(request.user)},
        status=400 if form.errors else 200,
    )


@never_cache  # reached by the link of a subscriber's e-mail
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """From the link of a digest: no login needed, a confirmation button (GET changes nothing)."""
    return UNSUBSCRIBE.page(
        request,
        token,
        queryset=ReplacementProfile.objects.all(),
        stop=lambda profile: ReplacementProfile.objects.filter(pk=profile.pk).update(
            digest_opt_in=False
        ),
        template="replacements/unsubscribe.html",
    )
