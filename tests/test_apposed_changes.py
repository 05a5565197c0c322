"""A change set beside the figure it changes ("3,120 meters in 2025, 12% more than in 2024"): a
change of that figure's measure over that figure's time; the year it is compared with is neither
the change's time nor a fact of its own."""

from __future__ import annotations

import hashlib

from helpers import verdicts_of

from verifier.extraction.extract import extract_text
from verifier.models import Source

COUNT = "Pellow Rail repaired 1,840 level crossings in 2025, 9% more than in the same period of 2024.\n"
MONEY = "Ambry Foods reported turnover of £62.5 million for 2025, up 7% on 2024.\n"
POINTS = "Brennock's recycling rate was 46.2% in 2025, 2.5 percentage points higher than in 2024.\n"


def facts(text: str) -> list[tuple[str, object, str | None]]:
    source = Source(id="t", title="A test text", publisher="Test Office", kind="report", published="2026-02-10",
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return [(c.property, getattr(c.value, "amount", None) or c.value.date, c.as_of)
            for c in extract_text(text, source)]


def test_a_percent_more_than_a_year_is_a_change_of_the_count_before_it_over_its_time():
    assert facts(COUNT) == [("number_of_crossings", 1840.0, "2025"), ("crossings_change", 9.0, "2025")]


def test_up_a_percent_on_a_year_is_a_change_of_the_money_before_it():
    assert facts(MONEY) == [("revenue", 62.5, "2025"), ("revenue_change", 7.0, "2025")]  # turnover


def test_points_higher_than_a_year_are_a_change_of_the_rate_before_them():
    made = facts(POINTS)
    assert [(p, a, t) for p, a, t in made if a == 2.5] == [("recycling_rate_change", 2.5, "2025")]
    assert not any(p == "date" for p, _, _ in made)  # 2024 is what 2025 is compared with


def test_a_changed_change_is_inconsistent_and_the_same_one_consistent(tmp_path):
    assert verdicts_of(COUNT, "Pellow Rail repaired 9% more level crossings in 2025 than in 2024.",
                       tmp_path) == ["consistent"]
    assert verdicts_of(COUNT, "Pellow Rail repaired 14% more level crossings in 2025 than in 2024.",
                       tmp_path) == ["inconsistent"]
    assert verdicts_of(MONEY, "Ambry Foods' turnover in 2025 was up 11% on 2024.", tmp_path) == ["inconsistent"]
    assert verdicts_of(MONEY, "Ambry Foods' turnover in 2025 was up 7% on 2024.", tmp_path) == ["consistent"]


def test_a_counted_figure_in_the_year_to_a_day_holds_for_that_year_and_its_baseline_is_a_level():
    text = "Orla Buses carried 3.42 million passengers in the year to 31 March 2026, up 6% from 3.23 million.\n"
    source = Source(id="t", title="A test text", publisher="Test Office", kind="report", published="2026-06-01",
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    made = [(c.property, c.value.amount, c.period and (c.period.start, c.period.end)) for c in extract_text(text, source)]
    assert made == [("number_of_passengers", 3.42, ("2025-04", "2026-03")),
                    ("passengers_change", 6.0, ("2025-04", "2026-03")),
                    ("number_of_passengers", 3.23, None)]


RATE = "Dunmore's jobless rate was 6.3% in May 2027, up 0.5 points from 5.8% a year earlier.\n"


def test_points_beside_a_percentage_are_percentage_points_and_the_baseline_is_a_level():
    source = Source(id="t", title="A test text", publisher="Test Office", kind="report", published="2027-06-20",
                    sha256=hashlib.sha256(RATE.encode()).hexdigest(), path="sources/t.txt")
    made = [(c.property, c.value.amount, c.value.unit, c.as_of) for c in extract_text(RATE, source)]
    assert made == [("jobless_rate", 6.3, "percent", "2027-05"),
                    ("jobless_rate_change", 0.5, "percentage points", "2027-05"),
                    ("jobless_rate", 5.8, "percent", "2026-05")]


def test_a_change_on_a_year_earlier_is_no_figure_per_year(tmp_path):
    said = "In May 2027, Dunmore's jobless rate was up {} on a year earlier."
    assert verdicts_of(RATE, said.format("0.5 percentage points"), tmp_path, published="2027-06-20") \
        == ["consistent"]
    assert verdicts_of(RATE, said.format("0.8 percentage points"), tmp_path, published="2027-06-20") \
        == ["inconsistent"]


def test_a_change_is_never_judged_by_a_level(tmp_path):
    text = "Orlby's occupancy rate was 71.5% in 2026. Orlby's GDP growth was 2.2% in 2026.\n"
    assert verdicts_of(text, "Orlby's occupancy rate rose 1.5% in 2026.", tmp_path, published="2027-02-01") == ["unverified"]
    assert verdicts_of(text, "Orlby's occupancy rate rose to 74% in 2026.", tmp_path, published="2027-02-01") == ["inconsistent"]
    assert verdicts_of(text, "Orlby's GDP rose 2.2% in 2026.", tmp_path, published="2027-02-01") == ["consistent"]  # growth is a change
    assert verdicts_of(text, "Orlby's GDP rose 3.2% in 2026.", tmp_path, published="2027-02-01") == ["inconsistent"]
    # "up" the particle of a verb is no change
    built = "Orlby Energy put up 412 wind turbines in 2026. Pupils made up 23% of Orlby's visitors in 2026.\n"
    assert verdicts_of(built, "Orlby Energy put up 512 wind turbines in 2026.", tmp_path,
                       published="2027-02-01") == ["inconsistent"]
    assert verdicts_of(built, "Pupils made up 23% of Orlby's visitors in 2026.", tmp_path,
                       published="2027-02-01") == ["consistent"]


def test_a_level_is_never_judged_by_a_change_nor_a_change_by_another_measures(tmp_path):
    kw = {"published": "2026-06-01"}
    rate = "Ashby's vacancy rate was 4.4% in 2025, up 2% on 2024.\n"
    assert verdicts_of(rate, "Ashby's vacancy rate was 2% in 2025.", tmp_path, **kw) == ["inconsistent"]  # 4.4%
    assert verdicts_of(rate, "Ashby's vacancy rate rose 2% in 2025.", tmp_path, **kw) == ["consistent"]
    water = "Tolvey Water supplied 64 billion litres in 2025, up 5% on 2024.\n"
    assert verdicts_of(water, "Tolvey Water's leakage rose 5% in 2025.", tmp_path, **kw) == ["unverified"]
    assert verdicts_of(water, "Tolvey Water supplied 5% more litres in 2025 than in 2024.", tmp_path, **kw) \
        == ["consistent"]
    # a change extract could not name answers no sentence that names what changed
    deaths = "Corrin recorded 318 road deaths in 2025, a rate of 6.2 per 100,000 people, up 9% on 2024.\n"
    assert verdicts_of(deaths, "Corrin's population rose 9% in 2025.", tmp_path, **kw) == ["unverified"]


def test_more_than_another_body_is_no_change():
    text = "Larkin Air carried 3.1 million passengers in 2025, 15% more than Fenby Air.\n"
    source = Source(id="t", title="A test text", publisher="Test Office", kind="report", published="2026-06-01",
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    assert not any(c.property.endswith("_change") for c in extract_text(text, source))


def test_index_points_restated_as_a_percentage_stay_points():
    from verifier.parsing.quantities import find_values

    found = [m.value for m in find_values("The Orme 50 index rose 38 points, or 0.5%, to 7,610.")]
    assert [(v.amount, v.unit, v.noun) for v in found if v.amount == 38.0] == [(38.0, None, "points")]


def test_a_figure_said_twice_is_covered_by_the_source_only_as_often_as_it_says_it(tmp_path):
    source = "Hake landings fell 14% to 38,200 tonnes after the quota for the stock was cut by 25% for 2025.\n"
    draft = "Hake landings fell 14% to 38,200 tonnes after the quota for the stock was cut by 14%."
    assert sorted(verdicts_of(source, draft, tmp_path, published="2026-09-01")) \
        == ["consistent", "consistent", "unverified"]
