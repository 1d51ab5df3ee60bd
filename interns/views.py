from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Favorite
from accounts.roles import project_lead_emails
from interns.filters import InternshipSiteFilter, housing_kind
from interns.forms import HousingRadiusForm, SchoolVisitForm
from interns.models import Faculty, InternshipSite
from outbox.services import queue_email
from support.enums import Project, Situation
from territory.maps import build_map, facility_layers, kind_layer
from vsa_portal import kinds
from vsa_portal.ratelimit import Limit, client_address, hit_all
from vsa_portal.search import filtered, paginate, querystring_without_page

PAGE_SIZE = 20
HOUSING_RADIUS_KM = 10
OFFERS_RADIUS_KM = 20
NEARBY_ITEMS = 6
VISITS_PER_CLIENT = Limit("school-visit-client", 3, 3600)
VISITS_PER_EMAIL = Limit("school-visit-email", 3, 86400)
AIDS_KIND = "aides"
SITES_KIND = "terrains-de-stage"
# The aids catalogue's own name for the audience, in its list's filter and its queryset verb.
INTERN_AUDIENCE = "interne"


def support_path(site=None):
    """The support request, filled in for an intern looking for an internship (and, from a
    site's page, about that site: the dossier says which)."""
    query = {"origine": "internes", "situation": Situation.INTERN, "projet": Project.INTERNSHIP}
    if site is not None:
        query.update(origine=SITES_KIND, objet=site.pk, commune=site.commune.slug)
    return f"{reverse('support:request')}?{urlencode(query)}"


def aids_for_interns(commune=None):
    """The aids catalogue's open aids for interns, through its registration (never an import):
    the items, and its list filtered for an intern (in the site's commune, when given)."""
    kind = kinds.get(AIDS_KIND)
    if kind is None or not kind.list_url:
        return None
    query = {"public": INTERN_AUDIENCE, **({"commune": commune.slug} if commune else {})}
    published = kind.published()

    def items():  # read by the pages that list them, not by the landing page's link
        if hasattr(published, "for_audience") and hasattr(published, "open"):
            return list(published.open().for_audience(INTERN_AUDIENCE))
        return []

    return {
        "kind": kind,
        "items": SimpleLazyObject(items),
        "url": f"{reverse(kind.list_url)}?{urlencode(query)}",
        "commune_summary": kind.commune_summary(commune)
        if commune and kind.commune_summary
        else None,
    }


def sites_layer(querystring=""):
    return kind_layer(kinds.get(SITES_KIND), querystring)


def site_queryset():
    return InternshipSite.objects.published().select_related("commune", "faculty")


@require_GET
def landing(request):
    filterset = InternshipSiteFilter(queryset=site_queryset())
    list_url = reverse("interns:site_list")
    return render(
        request,
        "interns/landing.html",
        {
            "filter": filterset,
            "site_count": site_queryset().count(),
            "aids": aids_for_interns(),
            "sites_with_housing_url": f"{list_url}?logements_km={HOUSING_RADIUS_KM}"
            if housing_kind()
            else "",
            "housing_km": HOUSING_RADIUS_KM,
            "support_path": support_path(),
            "map": build_map(
                "carte-terrains",
                _("Les terrains de stage sur la carte"),
                [sites_layer(), *facility_layers(checked=())],
                list_links=[(_("les terrains de stage en liste"), list_url)],
            ),
        },
    )


@require_GET
def site_list(request):
    filterset = InternshipSiteFilter(request.GET or None, queryset=site_queryset())
    page = paginate(request, lambda: filtered(filterset), PAGE_SIZE, filterset)
    querystring = querystring_without_page(request)
    housing = housing_kind()
    return render(
        request,
        "interns/site_list.html",
        {
            "filter": filterset,
            "page": page,
            "querystring": querystring,
            "housing_list_url": reverse(housing.list_url) if housing else "",
            "map": build_map(
                "carte-terrains",
                _("Ces terrains de stage sur la carte"),
                [sites_layer(querystring)],
                list_links=[(_("la liste ci-dessus"), "#resultats")],
            ),
        },
    )


@require_GET
def site_detail(request, pk, slug):
    site = get_object_or_404(
        InternshipSite.objects.published().select_related("commune__epci", "faculty", "facility"),
        pk=pk,
    )
    if slug != site.url_slug:
        return redirect(site, permanent=True)
    housing_km = HousingRadiusForm(request.GET).radius(HOUSING_RADIUS_KM)
    housing = kinds.nearby("logements", site.point, housing_km, NEARBY_ITEMS)
    housing_search = None
    if housing:
        query = urlencode({"terrain": site.pk, "km": housing_km})
        housing_search = f"{reverse(housing['kind'].list_url)}?{query}"
    return render(
        request,
        "interns/site_detail.html",
        {
            "site": site,
            "cpts_list": list(site.commune.cpts.all()),
            "housing": housing,
            "housing_search": housing_search,
            "offers": kinds.nearby("offres", site.point, OFFERS_RADIUS_KM, NEARBY_ITEMS),
            "aids": aids_for_interns(site.commune),
            "support_path": support_path(site),
            "is_favorite": Favorite.objects.holds(request.user, site),
        },
    )


@require_GET
def practical(request):
    return render(
        request,
        "interns/practical.html",
        {"aids": aids_for_interns(), "support_path": support_path()},
    )


def pupils_events():
    """Upcoming events for lycéens, through the agenda's registration and its own filter."""
    kind = kinds.get("evenements")
    if kind is None or not kind.alert:
        return None, ""
    filterset = kind.alert.filterset_class({"audience": ["lyceens"]}, queryset=kind.published())
    events = list(filtered(filterset)[:4])
    try:
        agenda_url = f"{reverse(kind.list_url)}?audience=lyceens"
    except NoReverseMatch:
        agenda_url = ""
    return {"kind": kind, "items": events}, agenda_url


def notify_school_visit(visit, request):
    admin_url = request.build_absolute_uri(
        reverse("admin:interns_schoolvisitrequest_change", args=[visit.pk])
    )
    queue_email(
        to=project_lead_emails(),
        reply_to=[visit.email],
        subject=f"[{settings.PORTAL['SHORT_NAME']}] Demande d’intervention en lycée : {visit.school}",
        body=render_to_string(
            "interns/emails/school_visit.txt",
            {"visit": visit, "admin_url": admin_url, "portal": settings.PORTAL},
        ),
    )


def studies(request):
    """Études de médecine, for lycéens and their teachers, with the school visit request."""
    form = SchoolVisitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if hit_all(
                (VISITS_PER_CLIENT, client_address(request)),
                (VISITS_PER_EMAIL, form.cleaned_data["email"]),
            ):
                with transaction.atomic():
                    visit = form.save()
                    notify_school_visit(visit, request)
                messages.success(
                    request,
                    _(
                        "Merci : votre demande est enregistrée. La cheffe de projet santé vous "
                        "répond par e-mail pour convenir d’une date."
                    ),
                )
                return redirect(reverse("interns:studies") + "#demande")
            form.add_error(
                None, _("Trop de demandes envoyées en peu de temps : réessayez plus tard.")
            )
            status = 429
        else:
            status = 400
    events, agenda_url = pupils_events()
    return render(
        request,
        "interns/studies.html",
        {
            "form": form,
            "events": events,
            "agenda_url": agenda_url,
            "faculties": Faculty.objects.order_by("position", "name"),
        },
        status=status,
    )
