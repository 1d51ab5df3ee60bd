"""The demography observatory: BPE counts per commune with their vintage, densities computed
from them, a sortable table, a CSV parsed here, a row for Bollène."""

import csv
import io

from collective.observatory import commune_rows, density, department_figures, file_gp_counts
from tests.helpers.queries import assert_max_queries

URL = "/collectif/observatoire/"


def test_the_counts_are_the_bpe_file():
    counts = file_gp_counts()
    assert len(counts) == 151
    assert sum(count for count, _vintage in counts.values()) == 518
    assert sum(1 for count, _vintage in counts.values() if count == 0) == 67
    assert counts["84019"] == (5, "BPE 2020")


def test_density_per_10000_inhabitants():
    assert density(5, 13_000) == 3.8
    assert density(0, 200) == 0
    assert density(3, 0) is None


def test_the_page_shows_each_commune_and_the_department(visitor, territory):
    with assert_max_queries(12):
        response = visitor.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bollène" in body and "(84019)" in body
    assert "BPE 2020" in body
    assert "518" in body
    assert "non disponible" in body  # APL and France are not in the data


def test_sorting_by_density_and_a_bad_sort_falls_back(visitor, territory):
    rows = commune_rows("densite")
    densities = [row.density for row in rows if row.density is not None]
    assert densities == sorted(densities, reverse=True)
    assert visitor.get(URL, {"tri": "n'importe quoi"}).status_code == 200
    assert department_figures(rows)["gp_count"] == 518


def test_the_csv_parses_with_a_row_for_bollene(visitor, territory):
    response = visitor.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    rows = {row["code_insee"]: row for row in reader}
    assert len(rows) == 151
    bollene = rows["84019"]
    assert bollene["commune"] == "Bollène"
    assert bollene["medecins_generalistes"] == "5"
    assert bollene["millesime_medecins"] == "BPE 2020"
    population = int(bollene["population"])
    assert float(bollene["densite_pour_10000_habitants"]) == round(5 * 10_000 / population, 1)


def test_the_choropleth_draws_every_commune_with_a_legend(visitor, territory):
    body = visitor.get(URL).content.decode()
    assert body.count("<path ") == 151
    assert "<title>Bollène : " in body
    assert "aucun médecin" in body and "11 ou plus" in body
