import calendar as month_calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Favorite
from agenda.enums import RegistrationStatus
from agenda.filters import EventFilter
from agenda.forms import RegistrationForm
from agenda.ics import calendar
from agenda.jsonld import event_jsonld
from agenda.models import Event
from agenda.registrations import (
    CANCEL_SALT,
    LinkError,
    Outcome,
    cancel,
    confirm,
    register,
    registration_from_confirm_token,
    registration_from_token,
    resend_links,
)
from territory.maps import build_map, kind_layer
from vsa_portal import fragments, kinds
from vsa_portal.ratelimit import Limit, client_address, hit, hit_all
from vsa_portal.search import filtered, paginate, querystring_without_page

# A cancellation link works until the event is over, and never more than a year.
CANCEL_LINK_MAX_AGE = timedelta(days=365)

PAGE_SIZE = 20
EVENTS_PER_DAY = 3
FEED_LIMIT = 200

# The registration form sends e-mail to the address it is given: limits per client and per
# address (counted on every valid request, whatever becomes of it, so that they reveal nothing
# of who is registered), and at most one re-send of a registration's links per quarter hour.
REGISTRATIONS_PER_CLIENT = Limit("agenda-registration-client", 10, 600)
REGISTRATIONS_PER_EMAIL = Limit("agenda-registration-email", 5, 3600)
RESENDS_PER_REGISTRATION = Limit("agenda-registration-resend", 1, 900)


def search(request, queryset):
    filterset = EventFilter(
        request.GET or None, queryset=queryset.select_related("commune", "organisation")
    )
    return filterset, (lambda: filtered(filterset)), querystring_without_page(request)


@require_GET
def landing(request):
    filterset, results, querystring = search(request, Event.objects.upcoming())
    return render(
        request,
        "agenda/event_list.html",
        {
            "filter": filterset,
            "page": paginate(
                request, lambda: results().order_by("starts_at", "pk"), PAGE_SIZE, filterset
            ),
            "querystring": querystring,
            "past": False,
        },
    )


@require_GET
def past(request):
    filterset, results, querystring = search(request, Event.objects.past())
    return render(
        request,
        "agenda/event_list.html",
        {
            "filter": filterset,
            "page": paginate(
                request, lambda: results().order_by("-starts_at", "-pk"), PAGE_SIZE, filterset
            ),
            "querystring": querystring,
            "past": True,
        },
    )


def parse_month(raw):
    today = timezone.localdate()
    if not raw:
        return today.year, today.month, None
    try:
        year, month = (int(part) for part in raw.split("-"))
        date(year, month, 1)
    except ValueError:
        return (
            today.year,
            today.month,
            _("Mois invalide : utilisez la forme AAAA-MM, par exemple 2027-03."),
        )
    if not 2000 <= year <= 2100:
        return today.year, today.month, _("Mois hors de la période couverte par l’agenda.")
    return year, month, None


@require_GET
def month(request):
    year, month_number, error = parse_month(request.GET.get("mois"))
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    tz = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], time.min, tzinfo=tz)
    end = datetime.combine(weeks[-1][-1], time.max, tzinfo=tz)
    params = request.GET.copy()
    params.pop("mois", None)
    # the grid shows each event's time and title: what it reads, and no row of its commune
    shown_fields = ("title", "starts_at", "is_demo")
    filterset = EventFilter(params or None, queryset=Event.objects.published().only(*shown_fields))
    in_month = filtered(filterset).filter(starts_at__range=(start, end))

    def grid():
        """Each week's days with their events: read only when the page's fragment of public
        content is not kept (the template's {% public_fragment %})."""
        # At most a few events per day on the grid, with a link to the day's full list: a
        # busy month stays a small page.
        counts = dict(
            in_month.annotate(day=TruncDate("starts_at", tzinfo=tz))
            .order_by()
            .values("day")
            .annotate(total=Count("pk"))
            .values_list("day", "total")
        )
        shown = (
            in_month.annotate(
                day=TruncDate("starts_at", tzinfo=tz),
                rank=Window(
                    RowNumber(),
                    partition_by=[TruncDate("starts_at", tzinfo=tz)],
                    order_by=[F("starts_at"), F("pk")],
                ),
            )
            .filter(rank__lte=EVENTS_PER_DAY)
            .order_by("starts_at", "pk")
        )
        by_day = {}
        for event in shown:
            by_day.setdefault(event.day, []).append(event)
        return [
            [
                (
                    day,
                    by_day.get(day, []),
                    day.month == month_number,
                    counts.get(day, 0) - len(by_day.get(day, [])),
                )
                for day in week
            ]
            for week in weeks
        ]

    first = date(year, month_number, 1)
    prev_year, prev_month = (year - 1, 12) if month_number == 1 else (year, month_number - 1)
    next_year, next_month = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    return render(
        request,
        "agenda/month.html",
        {
            "first": first,
            "weeks": SimpleLazyObject(grid),
            "previous": f"{prev_year:04d}-{prev_month:02d}",
            "next": f"{next_year:04d}-{next_month:02d}",
            "error": error,
            "filter": filterset,
            "querystring": params.urlencode(),
        },
    )


@require_GET
def event_map(request):
    filterset, _results, querystring = search(request, Event.objects.upcoming())
    return render(
        request,
        "agenda/event_map.html",
        {
            "filter": filterset,
            "map": build_map(
                "carte-agenda",
                _("Les événements à venir sur la carte"),
                [kind_layer(kinds.get("evenements"), querystring, label=_("Événements à venir"))],
                list_links=[(_("les mêmes événements en liste"), f"/agenda/?{querystring}")],
            ),
        },
    )


def published_event(pk):
    return get_object_or_404(
        Event.objects.published().select_related("commune", "organisation"), pk=pk
    )


def detail_context(request, event, form):
    return {
        "event": event,
        "form": form,
        "jsonld": event_jsonld(event, request.build_absolute_uri(event.get_absolute_url())),
        "seats_left": seats_left(event),
        "is_favorite": Favorite.objects.holds(request.user, event),
    }


def seats_left(event):
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(event.capacity - taken, 0)


def registration_form(request):
    user = request.user
    if not user.is_authenticated:
        return RegistrationForm()
    return RegistrationForm(initial={"name": user.get_full_name(), "email": user.email})


def owns_verified_address(user, email):
    """Whether ``email`` is a verified address of the signed-in ``user``."""
    if not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@require_GET
def detail(request, pk, slug):
    event = published_event(pk)
    if slug != event.url_slug:
        return redirect(event, permanent=True)
    event.count_view(request)
    return render(
        request,
        "agenda/event_detail.html",
        detail_context(request, event, registration_form(request)),
    )


@require_POST
def registration(request, pk):
    event = published_event(pk)
    form = RegistrationForm(request.POST)
    if not event.takes_registrations:
        form.add_error(None, _("Cet événement ne prend pas d’inscription sur le portail."))
    if form.errors or not form.is_valid():
        return render(
            request, "agenda/event_detail.html", detail_context(request, event, form), status=400
        )
    email = form.cleaned_data["email"]
    if not hit_all(
        (REGISTRATIONS_PER_CLIENT, client_address(request)), (REGISTRATIONS_PER_EMAIL, email)
    ):
        form.add_error(
            None,
            _("Trop de demandes d’inscription en peu de temps : réessayez dans une heure."),
        )
        return render(
            request, "agenda/event_detail.html", detail_context(request, event, form), status=429
        )
    outcome, saved = register(event.pk, form, verified=owns_verified_address(request.user, email))
    if outcome is Outcome.ALREADY_REGISTERED and hit(RESENDS_PER_REGISTRATION, saved.pk):
        resend_links(saved)
    if outcome is not Outcome.REGISTERED:
        # The same words whether the address was new or already registered.
        messages.info(
            request,
            _(
                "Demande enregistrée : un e-mail part vers l’adresse indiquée. Pour une nouvelle "
                "inscription, suivez le lien qu’il contient pour la confirmer ; aucune place "
                "n’est réservée avant. Si cette adresse est déjà inscrite, vous recevez un "
                "e-mail avec les liens de votre inscription."
            ),
        )
    elif saved.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _("Inscription confirmée : un e-mail avec l’invitation pour votre agenda arrive."),
        )
    else:
        messages.success(
            request,
            _(
                "L’événement est complet : vous êtes sur la liste d’attente, un e-mail vous le confirme."
            ),
        )
    return redirect(event.get_absolute_url() + "#inscription")


@never_cache  # a registrant's own page, reached by the link of their e-mail
def confirm_registration(request, token):
    """From the link of the e-mail: no login; a button (a GET, such as a mail scanner's,
    changes nothing)."""
    registration_, error = registration_from_confirm_token(token)
    if error is LinkError.EXPIRED:
        return render(request, "agenda/confirm.html", {"expired": True}, status=410)
    if registration_ is None:
        return render(request, "agenda/confirm.html", {"invalid": True}, status=404)
    context = {"registration": registration_}
    if request.method == "POST":
        confirmed = confirm(registration_)
        if confirmed is None:
            return render(request, "agenda/confirm.html", {**context, "closed": True}, status=409)
        return render(request, "agenda/confirm.html", {"done": True, "registration": confirmed})
    return render(request, "agenda/confirm.html", context)


@never_cache
def cancel_registration(request, token):
    """From the link of the e-mail: no login; a button (GET changes nothing). The link expires
    when the event is over, and at the latest a year after it was sent."""
    try:
        signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "agenda/cancel.html", {"expired": True}, status=410)
    except signing.BadSignature:
        pass  # forged: registration_from_token says so
    registration_ = registration_from_token(token)
    if registration_ is None:
        return render(request, "agenda/cancel.html", {"invalid": True}, status=404)
    if registration_.event.ends_at < timezone.now():
        return render(request, "agenda/cancel.html", {"expired": True}, status=410)
    if request.method == "POST":
        cancel(registration_)
        return render(request, "agenda/cancel.html", {"done": True, "registration": registration_})
    return render(request, "agenda/cancel.html", {"registration": registration_})


def ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk):
    event = published_event(pk)
    return ics_response(calendar([event], settings.PORTAL_BASE_URL), f"evenement-{event.pk}.ics")


@require_GET
def feed(request):
    """An iCalendar feed of any filtered list, for calendar apps to subscribe to."""
    filterset, results, _querystring = search(request, Event.objects.upcoming())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            _("Filtres invalides : %(errors)s") % {"errors": filterset.errors.as_text()},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    name = _("Agenda — %(name)s") % {"name": settings.PORTAL["NAME"]}
    # the same feed for every subscriber of a search: written once per generation
    body = fragments.kept(
        "agenda-feed",
        [filterset],
        lambda: calendar(
            results().order_by("starts_at", "pk")[:FEED_LIMIT], settings.PORTAL_BASE_URL, name
        ),
    )
    return ics_response(body, "agenda.ics")
