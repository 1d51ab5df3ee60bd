"""Each type of condition has one check function; a few cases that the golden file does not show."""

from datetime import date

from aids.enums import ConditionType, Outcome
from aids.models import Condition
from aids.rules import RULES, Facts, check


def facts(**values):
    return Facts(**{"situation": "installation", "planned_date": date(2026, 6, 1), **values})


def test_every_condition_type_has_exactly_one_rule():
    assert set(RULES) == set(ConditionType.values)


def test_ten_year_rule_for_local_authorities_counts_from_the_agreement():
    rule = Condition(type="regle_des_dix_ans", values=["collectivite"], number=10)
    blocked = check(
        rule, facts(previous_aid_funder="collectivite", previous_aid_date=date(2020, 3, 1))
    )
    assert blocked.outcome == Outcome.UNMET and "1 mars 2030" in blocked.fact
    free = check(
        rule, facts(previous_aid_funder="collectivite", previous_aid_date=date(2016, 1, 1))
    )
    assert free.outcome == Outcome.MET
    other = check(
        rule, facts(previous_aid_funder="assurance_maladie", previous_aid_date=date(2024, 1, 1))
    )
    assert other.outcome == Outcome.MET
    undated = check(rule, facts(previous_aid_funder="collectivite"))
    assert undated.outcome == Outcome.UNKNOWN


def test_days_per_week():
    rule = Condition(type="jours_par_semaine", number=2.5)
    assert check(rule, facts(days_per_week=2)).outcome == Outcome.UNMET
    assert check(rule, facts(days_per_week=3)).outcome == Outcome.MET
    assert check(rule, facts()).outcome == Outcome.UNKNOWN


def test_a_salaried_doctor_has_no_conventional_sector():
    rule = Condition(type="secteur", values=["secteur_1"])
    assert check(rule, facts(mode="centre_sante", sector="secteur_1")).outcome == Outcome.UNMET


def test_a_commitment_never_decides():
    rule = Condition(type="engagement", label="Rester cinq ans.")
    assert check(rule, facts()).outcome == Outcome.COMMITMENT
