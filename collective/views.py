import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collective.forms import ContactForm
from collective.models import News, TeamMember, Testimonial
from organisations.enums import OrganisationKind
from organisations.models import Organisation
from outbox.services import queue_email
from vsa_portal.search import paginate

CONTACT_RATE_WINDOW = 3600  # seconds


NEWS_PAGE_SIZE = 10
LANDING_NEWS_COUNT = 3


def organization_jsonld(request, partners):
    """The portal as a schema.org Organization, its public partners as members (demo ones
    left out: they are not facts)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.PORTAL["NAME"],
        "alternateName": settings.PORTAL["SHORT_NAME"],
        "url": request.build_absolute_uri("/"),
        "parentOrganization": {"@type": "Organization", "name": settings.PORTAL["PUBLISHER"]},
        "areaServed": settings.PORTAL["TERRITORY"],
        "member": [
            {
                "@type": "Organization",
                "name": partner.name,
                **({"url": partner.website} if partner.website else {}),
            }
            for partner in partners
            if not partner.is_demo
        ],
    }
    if settings.PORTAL["CONTACT_EMAIL"]:
        data["email"] = settings.PORTAL["CONTACT_EMAIL"]
    return data


@require_GET
def landing(request):
    # read only when the page's content is not kept ({% public_fragment %} in the template)
    partners = SimpleLazyObject(
        lambda: list(
            Organisation.objects.filter(is_public=True)
            .exclude(kind=OrganisationKind.LANDLORD)
            .order_by("-is_founding_member", "name", "pk")
        )
    )
    return render(
        request,
        "collective/landing.html",
        {
            # called by the template, within the fragment
            "organization": lambda: organization_jsonld(request, partners),
            "partners": partners,
            "team": TeamMember.objects.select_related("organisation"),
            "testimonials": Testimonial.objects.shown().select_related("commune")[:6],
            "news": News.objects.latest()[:LANDING_NEWS_COUNT],
        },
    )


@require_GET
def news_list(request):
    return render(
        request,
        "collective/news_list.html",
        {"page": paginate(request, News.objects.latest(), NEWS_PAGE_SIZE), "querystring": ""},
    )


@require_GET
def news_detail(request, pk, slug):
    news = get_object_or_404(News.objects.latest(), pk=pk)
    if slug != news.url_slug:
        return redirect(news, permanent=True)
    return render(request, "collective/news_detail.html", {"news": news})


class NewsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("collective:news_list")

    def title(self):
        return _("Les actualités du collectif %(name)s") % {"name": settings.PORTAL["SHORT_NAME"]}

    def subtitle(self):
        return _("Les nouvelles des partenaires de la santé %(territory)s") % {
            "territory": settings.PORTAL["TERRITORY_WITH_PREPOSITION"]
        }

    def items(self):
        return News.objects.latest()[:20]

    def item_title(self, item):
        return f"{item.title} (démo)" if item.is_demo else item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name if item.organisation else settings.PORTAL["PUBLISHER"]


news_feed = NewsFeed()


@require_GET
def key_figures(request):
    from collective import figures

    result = figures.key_figures()
    if request.GET.get("format") == "csv":
        return csv_response("chiffres-cles.csv", figures.csv_lines(result))
    chart = figures.bar_chart([(str(year), installed) for year, _s, installed in result.years])
    return render(
        request,
        "collective/key_figures.html",
        {"key_figures": result, "small_count": figures.SMALL_COUNT, "chart": chart},
    )


@require_GET
def yearly_report(request):
    """The funders' report of one year (?annee=), printable; a year the service did not exist
    in is a 404."""
    from collective import figures

    years = figures.report_years()
    year = request.GET.get("annee", "")
    if not year:
        year = years[0]
    elif not year.isdigit() or int(year) not in years:
        raise Http404(_("Le rapport de cette année n’existe pas."))
    report = figures.yearly_report(int(year), years=years)
    return render(
        request,
        "collective/yearly_report.html",
        {"report": report, "small_count": figures.SMALL_COUNT, "today": timezone.localdate()},
    )


def csv_response(filename, lines):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet software reads the accents
    csv.writer(response).writerows(lines)
    return response


@require_GET
def observatory(request):
    from collective import observatory as obs

    sort = request.GET.get("tri", obs.DEFAULT_SORT)
    if sort not in obs.SORTS:
        sort = obs.DEFAULT_SORT
    rows = obs.commune_rows(sort)
    if request.GET.get("format") == "csv":
        return csv_response("observatoire-medecins.csv", obs.csv_lines(rows))
    return render(
        request,
        "collective/observatory.html",
        {
            "rows": rows,
            "epcis": obs.epci_rows(rows),
            "map": obs.choropleth(rows),
            "department": obs.department_figures(rows),
            "vintage": obs.vintage(rows),
            "cpts": obs.cpts_rows(rows),
            "has_apl": any(row.apl is not None for row in rows),
            "has_ages": any(row.gp_60_plus is not None for row in rows),
            "kinds_on_map": [kind for kind, _count in rows[0].items] if rows else [],
            "sort": sort,
            "export_querystring": f"tri={sort}",
            "sorts": [
                ("commune", _("commune")),
                ("medecins", _("nombre de médecins")),
                ("densite", _("densité")),
                ("population", _("population")),
            ],
        },
    )


@require_GET
def legal_notice(request):
    return render(request, "collective/legal_notice.html")


@require_GET
def personal_data(request):
    return render(
        request,
        "collective/personal_data.html",
        {"registration_retention_days": settings.REGISTRATION_RETENTION_DAYS},
    )


@require_GET
def accessibility(request):
    return render(request, "collective/accessibility.html")


@require_GET
def data_sources(request):
    """The attributions of the territory folder's data (territory.toml, [[sources]])."""
    return render(
        request, "collective/data_sources.html", {"sources": settings.TERRITORY["sources"]}
    )


def _contact_rate_key(request):
    return f"contact-page:{request.META.get('REMOTE_ADDR', '')}"


def _over_contact_limit(request):
    """Whether this client address sent too many messages this hour. The cache degrades: with
    Redis down, nobody is limited and every message is still saved."""
    return (cache.get(_contact_rate_key(request)) or 0) >= settings.CONTACT_RATE_LIMIT


def _count_contact(request):
    key = _contact_rate_key(request)
    cache.set(key, (cache.get(key) or 0) + 1, timeout=CONTACT_RATE_WINDOW)


def notify_contact_message(contact_message):
    # The project lead's addresses (the setting, else the administrators), as for offers.
    from accounts.roles import project_lead_emails

    recipients = project_lead_emails()
    if not recipients:
        return None  # saved: the project lead reads it in the admin
    return queue_email(
        to=recipients,
        reply_to=[contact_message.email],
        subject=(
            f"[{settings.PORTAL['SHORT_NAME']}] Page Contact : "
            f"{contact_message.get_subject_display()} — {contact_message.name}"
        ),
        body=render_to_string(
            "collective/emails/contact.txt",
            {"contact": contact_message, "portal": settings.PORTAL},
        ),
    )


def _contact_page(request, form, status=200):
    context = {"form": form, "retention_days": settings.CONTACT_MESSAGE_RETENTION_DAYS}
    return render(request, "collective/contact.html", context, status=status)


@require_http_methods(["GET", "POST"])
def contact(request):
    if request.method == "GET":
        return _contact_page(request, ContactForm())
    form = ContactForm(request.POST)
    if _over_contact_limit(request):
        form.is_valid()  # keeps what was typed, with its errors if any
        form.add_error(
            None,
            _(
                "Vous avez envoyé plusieurs messages en peu de temps : réessayez dans une heure. "
                "Votre texte est conservé ci-dessous."
            ),
        )
        return _contact_page(request, form, status=429)
    if not form.is_valid():
        return _contact_page(request, form, status=400)
    with transaction.atomic():
        contact_message = form.save()
        notify_contact_message(contact_message)
    _count_contact(request)
    messages.success(
        request,
        _(
            "Merci, votre message est bien parvenu à la cheffe de projet santé : elle vous répond "
            "par e-mail."
        ),
    )
    return redirect("collective:contact")
