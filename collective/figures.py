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
from support.enums import CameFrom, PracticeMode, ReferralStatus
from support.models import Dossier, Referral
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


def _breakdown(queryset, field, choices, title, definition, column):
    counts = {row[field]: row["count"] for row in queryset.count_by(field)}
    if choices is None:
        rows = [(label, shown(n)) for label, n in counts.items() if label]
    else:
        rows = [(choice.label, shown(counts.get(choice.value, 0))) for choice in choices]
        rows = [row for row in rows if row[1] != 0]
    return Breakdown(title=title, definition=definition, column=column, rows=rows)


def key_figures(today=None):
    today = today or timezone.localdate()
    dossiers = Dossier.objects.real()
    answered = dossiers.filter(first_answer_at__isnull=False)
    installations = dossiers.supported_installations().filter(outcome_on__isnull=False)

    supported_per_year = _per_year(answered, "created_at")
    installed_per_year = _per_year(installations, "outcome_on")
    years = [
        (year, shown(supported_per_year.get(year, 0)), shown(installed_per_year.get(year, 0)))
        for year in range(today.year - YEARS_SHOWN + 1, today.year + 1)
    ]
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
