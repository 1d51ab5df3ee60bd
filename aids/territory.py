"""Which aids a commune's territory opens: the territorial conditions (zone, QPV, FRR, listed
communes, EPCI, département) against the commune's latest zoning and its QPVs' own zoning."""

from aids.enums import ConditionType
from aids.models import Aid
from territory.models import RuralRevitalisation, Zoning


def commune_context(commune):
    latest = Zoning.objects.current().filter(commune=commune).first()
    districts = list(commune.priority_districts.all())
    return {
        "zones": {latest.zone} if latest else set(),
        "district_zones": {d.doctors_zone for d in districts if d.doctors_zone},
        "has_districts": bool(districts),
        "frr": RuralRevitalisation.objects.filter(commune=commune).first(),
        "insee": commune.insee_code,
        "siren": commune.epci.siren if commune.epci_id else "",
    }


def territory_met(condition, context):
    values = set(condition.values)
    kind = condition.type
    if kind == ConditionType.ZONE:
        return bool((context["zones"] | context["district_zones"]) & values)
    if kind == ConditionType.ZONE_OR_QPV:
        return bool(context["zones"] & values) or context["has_districts"]
    if kind == ConditionType.QPV:
        return context["has_districts"]
    if kind == ConditionType.FRR:
        frr = context["frr"]
        return frr is not None and (not values or frr.category in values)
    if kind == ConditionType.COMMUNES:
        return context["insee"] in values
    if kind == ConditionType.EPCI:
        return context["siren"] in values
    if kind == ConditionType.DEPARTEMENT:
        return context["insee"][:2] in values
    return True


def applies_in(aid, context):
    """No territorial condition, or every one met somewhere in the commune."""
    return all(territory_met(c, context) for c in aid.conditions.all() if c.is_territorial)


def has_territorial_condition(aid):
    return any(condition.is_territorial for condition in aid.conditions.all())


def aids_meeting_territory(commune, aids=None):
    """Open aids with a territorial condition that the commune meets."""
    aids = Aid.objects.open().prefetch_related("conditions") if aids is None else aids
    context = commune_context(commune)
    return [aid for aid in aids if has_territorial_condition(aid) and applies_in(aid, context)]


def aids_applying_in(queryset, commune):
    """The queryset restricted to the aids possible in the commune (territory-wise)."""
    context = commune_context(commune)
    keep = [aid.pk for aid in queryset.prefetch_related("conditions") if applies_in(aid, context)]
    return queryset.filter(pk__in=keep)
