from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from accounts.models import Favorite
from aids.enums import Verdict
from aids.filters import AidFilter
from aids.forms import SimulatorForm
from aids.models import Aid
from aids.simulator import build_facts, by_verdict, simulate
from vsa_portal.search import filtered, paginate, querystring_without_page

PAGE_SIZE = 20
# The support request form (support app) reads ?origine=simulateur and the simulation's answers.
SUPPORT_REQUEST_PATH = "/accompagnement/demande/"


@require_GET
def landing(request):
    return render(
        request,
        "aids/landing.html",
        {"open_count": Aid.objects.open().count()},
    )


@require_GET
def aid_list(request):
    queryset = Aid.objects.published().in_catalogue_order()
    filterset = AidFilter(request.GET or None, queryset=queryset)
    return render(
        request,
        "aids/aid_list.html",
        {
            "filter": filterset,
            "page": paginate(request, lambda: filtered(filterset), PAGE_SIZE, filterset),
            "querystring": querystring_without_page(request),
        },
    )


@require_GET
def aid_detail(request, slug):
    aid = get_object_or_404(Aid.objects.published().prefetch_related("conditions"), slug=slug)
    return render(
        request,
        "aids/aid_detail.html",
        {
            "aid": aid,
            "conditions": list(aid.conditions.all()),
            "is_favorite": Favorite.objects.holds(request.user, aid),
        },
    )


def answers_of(form):
    """The simulation's answers as query parameters, and nothing else of the query string."""
    return [(name, form.data[name][:100]) for name in form.fields if form.data.get(name)]


def support_link(form):
    """The "Être accompagné·e" link, carrying the simulation's answers."""
    return f"{SUPPORT_REQUEST_PATH}?{urlencode([('origine', 'simulateur'), *answers_of(form)])}"


def simulation(request, form):
    """What the simulator answers to a valid form."""
    answers = form.answers()
    facts = build_facts(**answers)
    results = simulate(facts)
    groups = by_verdict(results)
    eligible = groups[Verdict.ELIGIBLE]
    return {
        "facts": facts,
        "results": results,
        "eligible": eligible,
        "to_check": groups[Verdict.TO_CHECK],
        "close_misses": [r for r in groups[Verdict.NOT_ELIGIBLE] if r.is_close_miss],
        "others": [r for r in groups[Verdict.NOT_ELIGIBLE] if not r.is_close_miss],
        "year_one_total": sum(r.year_one for r in eligible if r.year_one is not None),
        # the answers only: the page is kept for everyone who gives them (a fragment keyed by
        # the form), whatever else a first visitor's address carried
        "share_url": request.build_absolute_uri(f"{request.path}?{urlencode(answers_of(form))}"),
        "support_url": support_link(form),
    }


@require_GET
def simulator(request):
    form = SimulatorForm(request.GET or None)
    simulated = form.is_bound and form.is_valid()
    # the page's content is kept per answers and generation ({% public_fragment %} in the
    # template): the rules are applied only when it is not
    return render(
        request,
        "aids/simulator.html",
        {
            "form": form,
            "simulated": simulated,
            "simulation": SimpleLazyObject(lambda: simulation(request, form))
            if simulated
            else None,
        },
    )
