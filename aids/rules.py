"""The rules: one check function per type of condition (rules as data, the aides-jeunes /
OpenFisca way). An aid's conditions are rows; each names its type, its values, its legal source
and date; ``check`` answers, for one person's facts, whether the condition is met, not met, or
to be checked, with the fact it used."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aids.enums import (
    LIBERAL_MODES,
    Answer,
    Audience,
    ConditionType,
    Outcome,
    PracticeMode,
    PreviousAidFunder,
    Sector,
    Situation,
)
from territory.enums import Zone

TEN_YEARS = 10


@dataclass(frozen=True)
class Facts:
    """What the person said, and what the territory says about the commune at the planned date."""

    situation: str
    planned_date: date
    profession: str = ""  # a profession's slug, "" if not said
    mode: str = ""
    sector: str = ""
    commune: object = None
    in_qpv: str = Answer.UNKNOWN
    days_per_week: Decimal | None = None
    first_installation: str = Answer.UNKNOWN
    recently_registered: str = Answer.UNKNOWN
    secondary_site: bool = False
    previous_aid_funder: str = ""
    previous_aid_date: date | None = None
    zoning: object = None  # the order in force at planned_date in the commune, or None
    latest_zoning: object = None  # the latest order that had started (perhaps ended)
    districts: tuple = ()  # the commune's QPVs
    frr: object = None
    epci_siren: str = ""
    department: str = ""


@dataclass(frozen=True)
class Check:
    outcome: str
    fact: str


def met(fact):
    return Check(Outcome.MET, fact)


def unmet(fact):
    return Check(Outcome.UNMET, fact)


def unknown(fact):
    return Check(Outcome.UNKNOWN, fact)


def day(value):
    return date_format(value, "j F Y")


def labels(choices, values):
    names = dict(choices)
    return ", ".join(str(names.get(value, value)) for value in values)


def or_list(items):
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s ou %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def zone_names(values):
    short = {Zone.ZIP: "ZIP", Zone.ZAC: "ZAC", Zone.VIGILANCE: _("zone de vigilance")}
    return or_list(short.get(value, value) for value in values)


def short_zone(zone):
    return {Zone.ZIP: "ZIP", Zone.ZAC: "ZAC", Zone.VIGILANCE: _("zone de vigilance")}.get(
        zone, _("hors zonage")
    )


# --- One check function per type --------------------------------------------------------------


def person_audiences(facts):
    """The audiences the person certainly belongs to, and those that depend on an unknown."""
    situation = facts.situation
    certain, possible = set(), set()
    if situation == Situation.INSTALLING:
        if facts.first_installation == Answer.YES:
            certain.add(Audience.FIRST_INSTALLATION)
        elif facts.first_installation == Answer.NO:
            certain.add(Audience.INSTALLED)
        else:
            possible |= {Audience.FIRST_INSTALLATION, Audience.INSTALLED}
    elif situation == Situation.MSU:
        certain |= {Audience.MSU, Audience.INSTALLED}
    elif situation in Audience.values:
        certain.add(situation)
    return certain, possible


def check_audience(condition, facts):
    wanted = set(condition.values)
    certain, possible = person_audiences(facts)
    situation = Situation(facts.situation).label if facts.situation in Situation.values else "—"
    if certain & wanted:
        return met(_("Votre situation : %(s)s.") % {"s": situation})
    if possible and possible <= wanted:
        return met(_("Votre situation : %(s)s.") % {"s": situation})
    if possible & wanted:
        return unknown(
            _(
                "Votre situation : %(s)s ; l’aide est réservée à : %(w)s. Précisez s’il s’agit de votre première installation."
            )
            % {"s": situation, "w": labels(Audience.choices, condition.values)}
        )
    return unmet(
        _("Votre situation : %(s)s ; l’aide est réservée à : %(w)s.")
        % {"s": situation, "w": labels(Audience.choices, condition.values)}
    )


def check_profession(condition, facts):
    if not facts.profession:
        return unknown(_("Profession non précisée."))
    if facts.profession in condition.values:
        return met(_("Votre profession est concernée."))
    return unmet(_("L’aide ne concerne pas votre profession."))


def no_commune():
    return unknown(_("Commune non précisée : choisissez la commune du projet."))


def zoning_unknown(facts):
    latest = facts.latest_zoning
    if latest is not None and latest.valid_until and latest.valid_until < facts.planned_date:
        return unknown(
            _(
                "Au %(date)s, le %(label)s ne s’applique plus (remplacé le %(replaced)s) et le "
                "nouveau zonage n’est pas encore chargé : à vérifier auprès de l’ARS ou de la "
                "cheffe de projet. Pour mémoire, %(commune)s était en %(zone)s."
            )
            % {
                "date": day(facts.planned_date),
                "label": latest.label,
                "replaced": day(latest.replaced_on),
                "commune": facts.commune.name,
                "zone": short_zone(latest.zone),
            }
        )
    return unknown(
        _("Aucun zonage chargé ne couvre le %(date)s pour %(commune)s : à vérifier.")
        % {"date": day(facts.planned_date), "commune": facts.commune.name}
    )


def commune_zone_fact(facts):
    zoning = facts.zoning
    return _("%(commune)s est en %(zone)s au %(date)s (%(label)s, %(source)s).") % {
        "commune": facts.commune.name,
        "zone": short_zone(zoning.zone),
        "date": day(facts.planned_date),
        "label": zoning.label,
        "source": zoning.source,
    }


def district_zones(facts):
    return {district.doctors_zone for district in facts.districts if district.doctors_zone}


def district_names(facts, wanted):
    return or_list(
        f"« {district.name} » ({short_zone(district.doctors_zone)})"
        for district in facts.districts
        if district.doctors_zone in wanted
    )


def check_zone(condition, facts):
    """The zone at the planned date; inside a QPV, the QPV's own zoning counts."""
    wanted = set(condition.values)
    if facts.commune is None:
        return no_commune()
    zones_in_districts = district_zones(facts)
    if facts.in_qpv == Answer.YES and zones_in_districts:
        if zones_in_districts <= wanted:
            return met(
                _("Votre cabinet est dans un quartier prioritaire classé %(zone)s : %(names)s.")
                % {"zone": zone_names(zones_in_districts), "names": district_names(facts, wanted)}
            )
        if not zones_in_districts & wanted:
            return unmet(
                _("Les quartiers prioritaires de %(commune)s sont en %(zone)s, pas en %(wanted)s.")
                % {
                    "commune": facts.commune.name,
                    "zone": zone_names(zones_in_districts),
                    "wanted": zone_names(wanted),
                }
            )
        return unknown(
            _("Cela dépend du quartier : seuls %(names)s sont en %(wanted)s.")
            % {"names": district_names(facts, wanted), "wanted": zone_names(wanted)}
        )
    if facts.zoning is None:
        return zoning_unknown(facts)
    if facts.zoning.zone in wanted:
        return met(commune_zone_fact(facts))
    if facts.in_qpv == Answer.UNKNOWN and zones_in_districts & wanted:
        return unknown(
            _(
                "%(fact)s Mais si votre cabinet est dans le quartier prioritaire %(names)s, "
                "c’est le zonage du quartier qui compte : indiquez-le."
            )
            % {"fact": commune_zone_fact(facts), "names": district_names(facts, wanted)}
        )
    return unmet(
        _("Commune en %(zone)s, pas en %(wanted)s : %(fact)s")
        % {
            "zone": short_zone(facts.zoning.zone),
            "wanted": zone_names(wanted),
            "fact": commune_zone_fact(facts),
        }
    )


def check_qpv(condition, facts):
    if facts.commune is None:
        return no_commune()
    if not facts.districts:
        return unmet(
            _("%(commune)s n’a pas de quartier prioritaire.") % {"commune": facts.commune.name}
        )
    names = or_list(f"« {district.name} »" for district in facts.districts)
    if facts.in_qpv == Answer.YES:
        return met(
            _("Votre cabinet est dans un quartier prioritaire (%(names)s).") % {"names": names}
        )
    if facts.in_qpv == Answer.NO:
        return unmet(_("Votre cabinet n’est pas dans un quartier prioritaire."))
    return unknown(
        _("Si votre cabinet est dans le quartier prioritaire %(names)s, la condition est remplie.")
        % {"names": names}
    )


def check_zone_or_qpv(condition, facts):
    if facts.commune is None:
        return no_commune()
    zone = check_zone(condition, facts)
    if zone.outcome == Outcome.MET:
        return zone
    qpv = check_qpv(condition, facts)
    if qpv.outcome == Outcome.MET:
        return qpv
    if Outcome.UNKNOWN in (zone.outcome, qpv.outcome):
        return unknown(f"{zone.fact} {qpv.fact}")
    return unmet(f"{zone.fact} {qpv.fact}")


def check_frr(condition, facts):
    if facts.commune is None:
        return no_commune()
    frr = facts.frr
    if frr is None:
        return unmet(
            _("%(commune)s n’est pas classée France Ruralités Revitalisation.")
            % {"commune": facts.commune.name}
        )
    if condition.values and frr.category not in condition.values:
        return unmet(
            _("%(commune)s est classée %(category)s, catégorie que l’aide ne retient pas.")
            % {"commune": facts.commune.name, "category": frr.get_category_display()}
        )
    return met(
        _("%(commune)s est classée %(category)s (liste du %(date)s).")
        % {
            "commune": facts.commune.name,
            "category": frr.get_category_display(),
            "date": day(frr.as_of),
        }
    )


def check_listed(value, values, facts):
    if facts.commune is None:
        return no_commune()
    if value in values:
        return met(
            _("%(commune)s fait partie du territoire de l’aide.") % {"commune": facts.commune.name}
        )
    return unmet(
        _("%(commune)s ne fait pas partie du territoire de l’aide.")
        % {"commune": facts.commune.name}
    )


def check_communes(condition, facts):
    return check_listed(facts.commune and facts.commune.insee_code, condition.values, facts)


def check_epci(condition, facts):
    return check_listed(facts.epci_siren, condition.values, facts)


def check_department(condition, facts):
    return check_listed(facts.department, condition.values, facts)


def check_first_installation(condition, facts):
    if facts.first_installation == Answer.YES:
        return met(_("C’est votre première installation en libéral."))
    if facts.first_installation == Answer.NO:
        return unmet(_("Ce n’est pas votre première installation en libéral."))
    return unknown(_("Précisez s’il s’agit de votre première installation en libéral."))


def check_mode(condition, facts):
    if not facts.mode:
        return unknown(_("Mode d’exercice non précisé."))
    label = PracticeMode(facts.mode).label
    if facts.mode in condition.values:
        return met(_("Vous exercerez : %(mode)s.") % {"mode": label})
    return unmet(
        _("Vous exercerez : %(mode)s ; l’aide demande : %(wanted)s.")
        % {
            "mode": label,
            "wanted": or_list(
                PracticeMode(v).label for v in condition.values if v in PracticeMode.values
            ),
        }
    )


def check_sector(condition, facts):
    if facts.mode and facts.mode not in LIBERAL_MODES:
        return unmet(_("Le secteur conventionnel concerne l’exercice libéral."))
    if not facts.sector:
        return unknown(_("Secteur conventionnel non précisé."))
    label = Sector(facts.sector).label
    if facts.sector in condition.values:
        return met(_("Vous exercerez en %(sector)s.") % {"sector": label})
    return unmet(
        _("%(sector)s : l’aide demande %(wanted)s.")
        % {
            "sector": label,
            "wanted": or_list(Sector(v).label for v in condition.values if v in Sector.values),
        }
    )


def check_min_days(condition, facts):
    minimum = condition.number or Decimal(0)
    if facts.days_per_week is None:
        return unknown(_("Nombre de jours d’exercice par semaine non précisé."))
    values = {"days": f"{facts.days_per_week:g}", "minimum": f"{minimum:g}"}
    if facts.days_per_week >= minimum:
        return met(_("%(days)s jours par semaine (minimum %(minimum)s).") % values)
    return unmet(_("%(days)s jours par semaine, moins que le minimum de %(minimum)s.") % values)


def check_recently_registered(condition, facts):
    if facts.recently_registered == Answer.YES:
        return met(_("Vous êtes inscrit·e à l’Ordre depuis moins d’un an."))
    if facts.recently_registered == Answer.NO:
        return unmet(_("Vous êtes inscrit·e à l’Ordre depuis plus d’un an."))
    return unknown(_("Précisez si vous êtes inscrit·e à l’Ordre depuis moins d’un an."))


def check_secondary_site(condition, facts):
    if facts.secondary_site:
        return met(_("Votre projet est un cabinet secondaire."))
    return unmet(_("Votre projet n’est pas un cabinet secondaire."))


def add_years(value, years):
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def check_ten_year_rule(condition, facts):
    """No new installation aid within ten years of the last one, counted from the agreement
    for local authorities' aids and from the grant for the Assurance maladie's."""
    years = int(condition.number or TEN_YEARS)
    funder = facts.previous_aid_funder
    if not funder:
        return met(_("Aucune aide à l’installation reçue auparavant."))
    funder_label = PreviousAidFunder(funder).label
    if funder not in condition.values:
        return met(
            _("L’aide reçue de %(funder)s ne bloque pas celle-ci.") % {"funder": funder_label}
        )
    if facts.previous_aid_date is None:
        return unknown(
            _("Aide reçue de %(funder)s : indiquez sa date (la règle compte %(years)s ans).")
            % {"funder": funder_label, "years": years}
        )
    until = add_years(facts.previous_aid_date, years)
    values = {"funder": funder_label, "date": day(facts.previous_aid_date), "until": day(until)}
    if facts.planned_date < until:
        return unmet(
            _("Aide reçue de %(funder)s le %(date)s : pas de nouvelle aide avant le %(until)s.")
            % values
        )
    return met(_("Aide reçue de %(funder)s le %(date)s, il y a plus de dix ans.") % values)


def check_from_date(condition, facts):
    start = condition.valid_from
    if start is None or facts.planned_date >= start:
        return met(_("Installation prévue le %(date)s.") % {"date": day(facts.planned_date)})
    return unmet(
        _("Installation prévue le %(date)s, avant l’ouverture de l’aide le %(start)s.")
        % {"date": day(facts.planned_date), "start": day(start)}
    )


def check_document(condition, facts):
    return unknown(condition.label)


def check_commitment(condition, facts):
    return Check(Outcome.COMMITMENT, condition.label)


# --- How each type reads in plain French, and what it accepts ---------------------------------


def describe(condition):
    """The condition in plain French, for the aid's page."""
    if condition.label:
        return condition.label
    kind, values = condition.type, condition.values
    if kind == ConditionType.AUDIENCE:
        return _("Réservée à : %(w)s.") % {"w": labels(Audience.choices, values)}
    if kind == ConditionType.PROFESSION:
        return _("Professions : %(w)s.") % {"w": ", ".join(values)}
    if kind == ConditionType.ZONE:
        return _("Exercer dans une commune (ou un quartier prioritaire) classée en %(z)s.") % {
            "z": zone_names(values)
        }
    if kind == ConditionType.ZONE_OR_QPV:
        return _("Exercer en %(z)s ou dans un quartier prioritaire.") % {"z": zone_names(values)}
    if kind == ConditionType.QPV:
        return _("Exercer dans un quartier prioritaire de la politique de la ville.")
    if kind == ConditionType.FRR:
        return _("Exercer dans une commune classée France Ruralités Revitalisation.")
    if kind in (ConditionType.COMMUNES, ConditionType.EPCI, ConditionType.DEPARTEMENT):
        return _("Exercer sur le territoire de l’aide.")
    if kind == ConditionType.FIRST_INSTALLATION:
        return _("Être votre première installation en libéral.")
    if kind == ConditionType.MODE:
        return _("Mode d’exercice : %(w)s.") % {
            "w": or_list(PracticeMode(v).label for v in values if v in PracticeMode.values)
        }
    if kind == ConditionType.SECTOR:
        return _("Secteur : %(w)s.") % {
            "w": or_list(Sector(v).label for v in values if v in Sector.values)
        }
    if kind == ConditionType.MIN_DAYS:
        return _("Exercer au moins %(n)s jours par semaine.") % {"n": f"{condition.number or 0:g}"}
    if kind == ConditionType.RECENTLY_REGISTERED:
        return _("Être inscrit·e à l’Ordre des médecins depuis moins d’un an.")
    if kind == ConditionType.SECONDARY_SITE:
        return _("Ouvrir un cabinet secondaire.")
    if kind == ConditionType.TEN_YEAR_RULE:
        return _("Ne pas avoir reçu, dans les %(n)s ans, une aide à l’installation de : %(w)s.") % {
            "n": int(condition.number or TEN_YEARS),
            "w": labels(PreviousAidFunder.choices, values),
        }
    if kind == ConditionType.FROM_DATE and condition.valid_from:
        return _("S’installer à partir du %(d)s.") % {"d": day(condition.valid_from)}
    return str(ConditionType(kind).label) if kind in ConditionType.values else ""


@dataclass(frozen=True)
class Rule:
    check: object
    accepted: tuple = ()  # the values the type accepts; () = free (codes) or none
    needs_values: bool = False
    needs_number: bool = False
    needs_label: bool = False
    needs_date: bool = False
    extra: dict = field(default_factory=dict)


RULES = {
    ConditionType.AUDIENCE: Rule(check_audience, tuple(Audience.values), needs_values=True),
    ConditionType.PROFESSION: Rule(check_profession, needs_values=True),
    ConditionType.ZONE: Rule(check_zone, tuple(Zone.values), needs_values=True),
    ConditionType.ZONE_OR_QPV: Rule(check_zone_or_qpv, tuple(Zone.values), needs_values=True),
    ConditionType.QPV: Rule(check_qpv),
    ConditionType.FRR: Rule(check_frr, ("socle", "plus", "beneficiaire")),
    ConditionType.COMMUNES: Rule(check_communes, needs_values=True),
    ConditionType.EPCI: Rule(check_epci, needs_values=True),
    ConditionType.DEPARTEMENT: Rule(check_department, needs_values=True),
    ConditionType.FIRST_INSTALLATION: Rule(check_first_installation),
    ConditionType.MODE: Rule(check_mode, tuple(PracticeMode.values), needs_values=True),
    ConditionType.SECTOR: Rule(check_sector, tuple(Sector.values), needs_values=True),
    ConditionType.MIN_DAYS: Rule(check_min_days, needs_number=True),
    ConditionType.RECENTLY_REGISTERED: Rule(check_recently_registered),
    ConditionType.SECONDARY_SITE: Rule(check_secondary_site),
    ConditionType.TEN_YEAR_RULE: Rule(
        check_ten_year_rule, tuple(PreviousAidFunder.values), needs_values=True
    ),
    ConditionType.FROM_DATE: Rule(check_from_date, needs_date=True),
    ConditionType.DOCUMENT: Rule(check_document, needs_label=True),
    ConditionType.COMMITMENT: Rule(check_commitment, needs_label=True),
}


def check(condition, facts):
    return RULES[condition.type].check(condition, facts)


def validate_condition(condition):
    """The admin's errors for a condition whose values do not fit its type."""
    rule = RULES.get(condition.type)
    if rule is None:
        return {"type": _("Type de condition inconnu.")}
    errors = {}
    if rule.needs_values and not condition.values:
        errors["values"] = _("Ce type de condition demande au moins une valeur.")
    unknown_values = [v for v in condition.values if rule.accepted and v not in rule.accepted]
    if unknown_values:
        errors["values"] = _("Valeurs inconnues : %(v)s. Valeurs possibles : %(ok)s.") % {
            "v": ", ".join(unknown_values),
            "ok": ", ".join(rule.accepted),
        }
    if rule.needs_number and condition.number is None:
        errors["number"] = _("Ce type de condition demande un nombre.")
    if rule.needs_label and not condition.label:
        errors["label"] = _("Rédigez l’énoncé de ce justificatif ou de cet engagement.")
    if rule.needs_date and not condition.valid_from:
        errors["valid_from"] = _("Indiquez la date à partir de laquelle l’aide s’applique.")
    return errors
