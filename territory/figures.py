"""The territory in figures, computed from the data (never typed in)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from territory.enums import FacilityKind, SchoolLevel
from territory.models import CPTS, Commune, HealthFacility, RailwayStation, School
from vsa_portal import fragments


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    demo: int = 0  # how many of them are demo content


FACILITY_FIGURES = [
    (FacilityKind.HOSPITAL, _("centres hospitaliers")),
    (FacilityKind.CLINIC, _("cliniques")),
    (FacilityKind.REHABILITATION, _("centres de soins de suite et de réadaptation")),
    (FacilityKind.PSYCHIATRY, _("sites de psychiatrie")),
    (FacilityKind.MSP, _("maisons de santé pluriprofessionnelles")),
]


def territory_figures():
    """The territory's key figures, counted once per generation of the page cache (they move
    with reference data and demo content, both saved through signals)."""
    return fragments.kept("territory-figures", [], _count_territory_figures)


def _count_territory_figures():
    communes = Commune.objects.aggregate(count=Count("pk"), population=Sum("population"))
    by_kind = {
        kind: (total, demo)
        for kind, total, demo in HealthFacility.objects.order_by()
        .values("kind")
        .annotate(total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
        .values_list("kind", "total", "demo")
    }
    cpts = CPTS.objects.aggregate(total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
    figures = [
        Figure(communes["population"] or 0, _("habitants")),
        Figure(communes["count"], _("communes")),
    ]
    for kind, label in FACILITY_FIGURES:
        total, demo = by_kind.get(kind, (0, 0))
        figures.append(Figure(total, label, demo))
    figures.append(Figure(cpts["total"], _("CPTS"), cpts["demo"]))
    return figures


def living_here_figures():
    """The figures of the "Vivre et exercer" page: care, coordination, trains, schools."""
    population = Commune.objects.aggregate(population=Sum("population"))["population"] or 0
    by_kind = dict(
        HealthFacility.objects.filter(is_demo=False)
        .order_by()
        .values("kind")
        .annotate(total=Count("pk"))
        .values_list("kind", "total")
    )
    by_level = dict(
        School.objects.order_by()
        .values("level")
        .annotate(total=Count("pk"))
        .values_list("level", "total")
    )
    return [
        Figure(population, _("habitants")),
        Figure(by_kind.get(FacilityKind.HOSPITAL, 0), _("centres hospitaliers")),
        Figure(by_kind.get(FacilityKind.CLINIC, 0), _("cliniques")),
        Figure(
            by_kind.get(FacilityKind.REHABILITATION, 0),
            _("centres de soins de suite et de réadaptation"),
        ),
        Figure(CPTS.objects.filter(is_demo=False).count(), _("CPTS")),
        Figure(RailwayStation.objects.count(), _("gares de voyageurs")),
        Figure(by_level.get(SchoolLevel.MIDDLE, 0), _("collèges")),
        Figure(by_level.get(SchoolLevel.HIGH, 0), _("lycées")),
    ]
