"""The eligibility simulator: a person's facts against every open aid's conditions."""

from dataclasses import dataclass

from aids.enums import Outcome, Verdict
from aids.models import Aid
from aids.rules import Facts, check
from territory.models import Zoning


@dataclass(frozen=True)
class ConditionResult:
    condition: object
    outcome: str
    fact: str

    @property
    def outcome_label(self):
        return Outcome(self.outcome).label


@dataclass(frozen=True)
class AidResult:
    aid: Aid
    verdict: str
    conditions: tuple

    @property
    def verdict_label(self):
        return Verdict(self.verdict).label

    @property
    def misses(self):
        return [result for result in self.conditions if result.outcome == Outcome.UNMET]

    @property
    def to_check(self):
        return [result for result in self.conditions if result.outcome == Outcome.UNKNOWN]

    @property
    def is_close_miss(self):
        """Not eligible for one reason only: worth telling ("commune en ZAC, pas en ZIP")."""
        return self.verdict == Verdict.NOT_ELIGIBLE and len(self.misses) == 1

    @property
    def year_one(self):
        return self.aid.year_one_estimate() if self.verdict == Verdict.ELIGIBLE else None

    @property
    def period(self):
        return self.aid.period_estimate() if self.verdict == Verdict.ELIGIBLE else None


def territory_context(commune, planned_date):
    """What the territory says about the commune at the planned date (four small queries)."""
    if commune is None:
        return {}
    zonings = Zoning.objects.filter(commune=commune)
    return {
        "zoning": zonings.in_force(planned_date).first(),
        "latest_zoning": zonings.current(planned_date).first(),
        "districts": tuple(commune.priority_districts.order_by("name", "pk")),
        "frr": commune.frr_or_none,
        "epci_siren": commune.epci.siren if commune.epci_id else "",
        "department": commune.insee_code[:2],
    }


def build_facts(commune=None, **answers):
    return Facts(commune=commune, **answers, **territory_context(commune, answers["planned_date"]))


def evaluate(aid, facts):
    results = []
    for condition in aid.conditions.all():
        outcome = check(condition, facts)
        results.append(ConditionResult(condition, outcome.outcome, outcome.fact))
    outcomes = {result.outcome for result in results}
    if Outcome.UNMET in outcomes:
        verdict = Verdict.NOT_ELIGIBLE
    elif Outcome.UNKNOWN in outcomes:
        verdict = Verdict.TO_CHECK
    else:
        verdict = Verdict.ELIGIBLE
    return AidResult(aid, verdict, tuple(results))


def open_aids():
    return Aid.objects.open().prefetch_related("conditions").in_catalogue_order()


def simulate(facts, aids=None):
    """One answer per open aid; closed aids are never offered."""
    aids = open_aids() if aids is None else aids
    return [evaluate(aid, facts) for aid in aids if not aid.is_closed]


def by_verdict(results):
    groups = {verdict: [] for verdict in Verdict.values}
    for result in results:
        groups[result.verdict].append(result)
    return groups
