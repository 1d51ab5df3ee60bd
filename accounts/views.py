from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.alerts import UNSUBSCRIBE
from accounts.forms import ProfileForm, SavedSearchForm
from accounts.models import Favorite, SavedSearch
from accounts.personal_data import delete_account, export_json
from vsa_portal import kinds

FAVORITES_PER_KIND = 100


def favorite_kind(key):
    kind = kinds.get(key)
    if kind is None or not kind.favorite:
        raise Http404
    return kind


@login_required
@require_GET
def favorites(request):
    """The person's favourites, one section per kind that can be a favourite; only what is
    still public shows."""
    sections = []
    for kind in kinds.favorites():
        kept = request.user.favorites.filter(
            content_type=ContentType.objects.get_for_model(kind.model)
        ).values("object_id")
        items = list(kind.published().filter(pk__in=kept).order_by("-pk")[:FAVORITES_PER_KIND])
        sections.append({"kind": kind, "items": items})
    return render(
        request,
        "accounts/favorites.html",
        {"sections": sections, "has_any": any(section["items"] for section in sections)},
    )


@login_required
@require_POST
def toggle_favorite(request, kind, pk):
    kind = favorite_kind(kind)
    item = get_object_or_404(kind.published(), pk=pk)
    content_type = ContentType.objects.get_for_model(kind.model)
    favorite, created = Favorite.objects.get_or_create(
        user=request.user, content_type=content_type, object_id=item.pk
    )
    if created:
        messages.success(request, _("Ajouté à vos favoris."))
    else:
        favorite.delete()
        messages.success(request, _("Retiré de vos favoris."))
    return redirect(item.get_absolute_url())


@login_required
def alerts(request):
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        saved.save()
        messages.success(
            request,
            _("Alerte créée : vous recevrez les nouveautés (%(kind)s) par e-mail.")
            % {"kind": saved.content_kind.label_plural},
        )
        return redirect("accounts:alerts")
    return render(
        request,
        "accounts/alerts.html",
        {"form": form, "saved_searches": request.user.saved_searches.all()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def delete_alert(request, pk):
    get_object_or_404(SavedSearch, pk=pk, user=request.user).delete()
    messages.success(request, _("Alerte supprimée."))
    return redirect("accounts:alerts")


def unsubscribe(request, token):
    """From the link of a digest: no login needed, a confirmation button (GET changes nothing)."""

    def stop(saved_search):
        saved_search.is_active = False
        saved_search.save(update_fields=["is_active"])

    return UNSUBSCRIBE.page(
        request,
        token,
        queryset=SavedSearch.objects.all(),
        stop=stop,
        template="accounts/unsubscribe.html",
        context_name="saved_search",
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profil enregistré."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
@require_GET
def download_my_data(request):
    response = HttpResponse(
        export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-vsa.json"'
    return response


@login_required
def delete_my_account(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "SUPPRIMER":
            messages.error(request, _("Recopiez le mot SUPPRIMER pour confirmer."))
            return render(request, "accounts/delete_account.html", status=400)
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Votre compte est supprimé. Merci d’avoir utilisé le portail."))
        return redirect("home")
    return render(request, "accounts/delete_account.html")
