"""The public key figures, counted the way Présence médicale 64 publishes them: an installation
counts only when the service supported it (not a simple introduction, nor an installation that
would have happened anyway), demo rows never count, and no count under 5 is shown, so that no
physician can be recognised. Each dimension is shown alone: commune, year and origin are never
crossed."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.enums import OrganisationKind
from organisations.models import Organisation
from support.enums import CameFrom, NeedKind, NeedStatus, PracticeMode, ReferralStatus
from support.models import Dossier, Need, Referral
from vsa_portal import kinds

SMALL_COUNT = 5  # public figures show "moins de 5" below this, never the count itself
YEARS_SHOWN = 3


def shown(value):
    """A count as the public page shows it: a number, or "moins de 5" for 1 to 4."""
    if value is None:
        return _("non disponible")
    if 0 < value < SMALL_COUNT:
        return _("moins de %(n)s") % {"n": SMALL_COUNT}
    return value


@dataclass
class Breakdown:
    title: str
    definition: str
    column: str
    rows: list  # (label, shown value)


@dataclass
class KeyFigures:
    figures: list  # kinds.Figure with the value as shown
    years: list  # (year, supported requests, supported installations), shown
    breakdowns: list  # Breakdown
    median_days: int | None


def _per_year(queryset, date_field):
    return dict(
        queryset.annotate(year=ExtractYear(date_field))
        .order_by("year")
        .values_list("year")
        .annotate(count=Count("pk"))
    )


def protected(counts):
    """The counts of one table as the public sees them. A count from 1 to 4 is "moins de 5";
    and since the table's total is published, a hidden count could be worked out by
    subtraction: while only one count is hidden, or the hidden ones add up to less than 5, the
    smallest shown count is hidden too, as "secret statistique" (secondary suppression)."""
    values = [shown(count) for count in counts]
    hidden = [position for position, value in enumerate(values) if not isinstance(value, int)]
    while hidden and (len(hidden) == 1 or sum(counts[p] for p in hidden) < SMALL_COUNT):
        candidates = [
            position for position, count in enumerate(counts) if count and position not in hidden
        ]
        if not candidates:
            break
        smallest = min(candidates, key=lambda position: (counts[position], position))
        values[smallest] = _("secret statistique")
        hidden.append(smallest)
    return values


def _breakdown(queryset, field, choices, title, definition, column):
    counts = {row[field]: row["count"] for row in queryset.count_by(field)}
    if choices is None:
        pairs = [(label, n) for label, n in counts.items() if label]
    else:
        pairs = [(choice.label, counts.get(choice.value, 0)) for choice in choices]
        pairs = [pair for pair in pairs if pair[1]]
    values = protected([n for _label, n in pairs])
    rows = [(label, value) for (label, _n), value in zip(pairs, values, strict=True)]
    return Breakdown(title=title, definition=definition, column=column, rows=rows)


def key_figures(today=None):
    today = today or timezone.localdate()
    dossiers = Dossier.objects.real()
    answered = dossiers.filter(first_answer_at__isnull=False)
    installations = dossiers.supported_installations().filter(outcome_on__isnull=False)

    supported_per_year = _per_year(answered, "created_at")
    installed_per_year = _per_year(installations, "outcome_on")
    shown_years = range(today.year - YEARS_SHOWN + 1, today.year + 1)
    years = list(
        zip(
            shown_years,
            protected([supported_per_year.get(year, 0) for year in shown_years]),
            protected([installed_per_year.get(year, 0) for year in shown_years]),
            strict=True,
        )
    )
    median = dossiers.median_time_to_first_answer()
    median_days = None if median is None else max(round(median.total_seconds() / 86400), 0)

    referrals = (
        Referral.objects.filter(dossier__is_demo=False)
        .exclude(status__in=[ReferralStatus.CANCELLED, ReferralStatus.AWAITING_AGREEMENT])
        .aggregate(sent=Count("pk"), answered=Count("pk", filter=Q(status=ReferralStatus.ANSWERED)))
    )
    partners = (
        Organisation.objects.filter(is_demo=False).exclude(kind=OrganisationKind.LANDLORD).count()
    )
    housing_found = Need.objects.filter(
        dossier__is_demo=False, kind=NeedKind.HOUSING, status=NeedStatus.DONE
    ).count()
    figures = [
        kinds.Figure(
            _("Médecins et internes accompagnés"),
            sum(supported_per_year.values()),
            _(
                "Demandes d’accompagnement qui ont reçu une première réponse de la cheffe de "
                "projet (un message ou un appel noté), comptées à la date de la demande, depuis "
                "l’ouverture du service."
            ),
        ),
        kinds.Figure(
            _("Installations accompagnées"),
            sum(installed_per_year.values()),
            _(
                "Dossiers clos « installation accompagnée par le service », à la date "
                "d’installation, depuis l’ouverture du service. Une simple mise en relation ou "
                "une installation qui aurait eu lieu de toute façon ne compte pas."
            ),
        ),
        kinds.Figure(
            _("Orientations vers les partenaires"),
            referrals["sent"],
            _(
                "Besoins (logement, emploi du conjoint, garde…) transmis à un partenaire avec "
                "l’accord du demandeur, depuis l’ouverture du service."
            ),
        ),
        kinds.Figure(
            _("Orientations qui ont reçu une réponse"),
            referrals["answered"],
            _("Orientations auxquelles le partenaire a répondu, depuis l’ouverture du service."),
        ),
        kinds.Figure(
            _("Logements trouvés"),
            housing_found,
            _(
                "Besoins de logement des dossiers d’accompagnement clos comme réglés (un "
                "logement a été trouvé), depuis l’ouverture du service."
            ),
        ),
        kinds.Figure(
            _("Organisations partenaires"),
            partners,
            _(
                "Organisations inscrites au collectif, aujourd’hui (les propriétaires "
                "particuliers ne comptent pas)."
            ),
        ),
    ]
    for kind in kinds.with_figures():
        figures += [kinds.Figure(*figure) for figure in kind.figures()]
    figures = [figure._replace(value=shown(figure.value)) for figure in figures]

    breakdowns = [
        _breakdown(
            installations,
            "outcome_mode",
            PracticeMode,
            _("Installations accompagnées par mode d’exercice"),
            _("Depuis l’ouverture du service, à la date d’installation."),
            _("Mode d’exercice"),
        ),
        _breakdown(
            installations,
            "came_from",
            CameFrom,
            _("Installations accompagnées selon l’origine du médecin"),
            _("Où exerçait ou étudiait le médecin avant sa demande, depuis l’ouverture."),
            _("Origine"),
        ),
        _breakdown(
            installations,
            "outcome_commune__name",
            None,
            _("Installations accompagnées par commune"),
            _("Commune d’installation, depuis l’ouverture du service."),
            _("Commune"),
        ),
    ]
    return KeyFigures(figures=figures, years=years, breakdowns=breakdowns, median_days=median_days)


def csv_lines(result):
    """The public figures as CSV rows (the same suppressed values as the page)."""
    yield ["indicateur", "periode", "valeur", "definition"]
    for figure in result.figures:
        yield [figure.label, _("depuis l’ouverture"), figure.value, figure.definition]
    for year, supported, installed in result.years:
        yield [_("Médecins et internes accompagnés"), year, supported, ""]
        yield [_("Installations accompagnées"), year, installed, ""]
    for breakdown in result.breakdowns:
        for label, value in breakdown.rows:
            yield [f"{breakdown.title} : {label}", _("depuis l’ouverture"), value, ""]
    median = "" if result.median_days is None else result.median_days
    yield [_("Délai médian de première réponse (jours)"), _("depuis l’ouverture"), median, ""]


# The yearly report for funders: each indicator of the year against the year before, counted
# as the key figures are (real dossiers only, small counts hidden), and the since-opening figures.


@dataclass
class ReportLine:
    label: str
    definition: str
    this_year: object  # a count as shown
    last_year: object


@dataclass
class YearlyReport:
    year: int
    years: list  # every year the report exists for, most recent first
    lines: list  # ReportLine
    chart: dict  # bar_chart() of supported installations per year
    key_figures: KeyFigures


def first_year(today=None):
    today = today or timezone.localdate()
    first = Dossier.objects.real().order_by("created_at").values_list("created_at", flat=True)
    first = first.first()
    return min(timezone.localtime(first).year, today.year) if first else today.year


def report_years(today=None):
    today = today or timezone.localdate()
    return list(range(today.year, first_year(today) - 1, -1))


def _series(per_year, years):
    """{year: shown count} for every year of the report, protected as one table whose total
    (since opening) is published."""
    values = protected([per_year.get(year, 0) for year in years])
    return dict(zip(years, values, strict=True))


def yearly_report(year, today=None, years=None):
    """``years``: the report's years when the caller already has them (``report_years``)."""
    today = today or timezone.localdate()
    years = years or report_years(today)
    dossiers = Dossier.objects.real()
    referrals = Referral.objects.filter(dossier__is_demo=False)
    indicators = [
        (
            _("Demandes d’accompagnement reçues"),
            _("Demandes reçues par le service, à la date de la demande."),
            _per_year(dossiers, "created_at"),
        ),
        (
            _("Médecins et internes accompagnés"),
            _(
                "Demandes qui ont reçu une première réponse (un message ou un appel noté), à la "
                "date de la demande."
            ),
            _per_year(dossiers.filter(first_answer_at__isnull=False), "created_at"),
        ),
        (
            _("Installations accompagnées"),
            _(
                "Dossiers clos « installation accompagnée par le service », à la date "
                "d’installation ; une simple mise en relation ne compte pas."
            ),
            _per_year(
                dossiers.supported_installations().filter(outcome_on__isnull=False), "outcome_on"
            ),
        ),
        (
            _("Orientations vers les partenaires"),
            _("Besoins transmis à un partenaire avec l’accord du demandeur, à la date d’envoi."),
            _per_year(referrals.filter(sent_at__isnull=False), "sent_at"),
        ),
        (
            _("Réponses des partenaires"),
            _("Orientations auxquelles le partenaire a répondu, à la date de la réponse."),
            _per_year(referrals.filter(answered_at__isnull=False), "answered_at"),
        ),
    ]
    lines, series = [], {}
    for label, definition, per_year in indicators:
        series[label] = _series(per_year, years)
        this_year, last_year = series[label][year], series[label].get(year - 1, 0)
        lines.append(ReportLine(label, definition, this_year, last_year))
    installations = series[_("Installations accompagnées")]
    chart = bar_chart([(str(y), installations[y]) for y in sorted(installations)])
    return YearlyReport(
        year=year, years=years, lines=lines, chart=chart, key_figures=key_figures(today)
    )


CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 200, 12


def bar_chart(series):
    """A vertical bar chart drawn on the server: ``series`` is [(label, shown value)]. A hidden
    value ("moins de 5", "secret statistique") draws no bar, only its words; the page's table
    gives the same values."""
    numbers = [value for _label, value in series if isinstance(value, int)]
    top = max(numbers, default=0) or 1
    width = (CHART_WIDTH - BAR_GAP * (len(series) + 1)) / max(len(series), 1)
    bars = []
    for position, (label, value) in enumerate(series):
        height = round(value * CHART_HEIGHT / top) if isinstance(value, int) else 0
        x = BAR_GAP + position * (width + BAR_GAP)
        bars.append(
            {
                "label": label,
                "value": value,
                "x": round(x, 1),
                "width": round(width, 1),
                "height": height,
                "y": CHART_HEIGHT - height + 20,
                "middle": round(x + width / 2, 1),
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT + 50,
        "base": CHART_HEIGHT + 20,
    }
