"""Property tests: whatever the answers, the simulator answers, never offers a closed aid and
never shows a negative amount."""

from datetime import date

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aids.enums import Answer, PracticeMode, PreviousAidFunder, Sector, Situation
from aids.models import Aid
from aids.simulator import build_facts, simulate

COMMUNES = ["avignon", "cadenet", "apt", "vedene", "pertuis", "sault", "orange"]
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

answers = st.fixed_dictionaries(
    {
        "situation": st.sampled_from(Situation.values),
        "planned_date": st.dates(date(2015, 1, 1), date(2035, 12, 31)),
        "profession": st.sampled_from(["", "medecine-generale", "maieutique"]),
        "mode": st.sampled_from(["", *PracticeMode.values]),
        "sector": st.sampled_from(["", *Sector.values]),
        "in_qpv": st.sampled_from(Answer.values),
        "days_per_week": st.none() | st.decimals(0, 7, places=1),
        "first_installation": st.sampled_from(Answer.values),
        "recently_registered": st.sampled_from(Answer.values),
        "secondary_site": st.booleans(),
        "previous_aid_funder": st.sampled_from(["", *PreviousAidFunder.values]),
        "previous_aid_date": st.none() | st.dates(date(2000, 1, 1), date(2035, 1, 1)),
    }
)


@HYPOTHESIS
@given(answers=answers, commune=st.none() | st.sampled_from(COMMUNES))
def test_the_engine_answers_every_open_aid_and_never_a_closed_one(catalogue, answers, commune):
    from territory.models import Commune

    place = Commune.objects.get(slug=commune) if commune else None
    results = simulate(build_facts(commune=place, **answers))
    offered = {result.aid.slug for result in results}
    assert offered == set(Aid.objects.open().values_list("slug", flat=True))
    assert not offered & set(Aid.objects.filter(status="fermee").values_list("slug", flat=True))
    for result in results:
        assert result.verdict in ("eligible", "a_verifier", "non_eligible")
        assert all(item.fact for item in result.conditions)
        for amount in (result.year_one, result.period):
            assert amount is None or amount >= 0


@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "situation",
                "commune",
                "qpv",
                "date",
                "mode",
                "secteur",
                "jours",
                "premiere",
                "inscription",
                "secondaire",
                "aide_anterieure",
                "aide_date",
                "profession",
                "page",
            ]
        ),
        st.text(max_size=30) | st.sampled_from(Situation.values + COMMUNES + ["2026-01-02"]),
    )
)
def test_the_page_never_fails_on_any_querystring(catalogue, visitor, params):
    response = visitor.get(reverse("aids:simulator"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-aid="caim-contrat-aide-installation-2016"' not in html
    assert "-€" not in html and "− €" not in html
