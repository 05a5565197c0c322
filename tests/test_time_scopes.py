"""A figure over a period answers only a sentence about that period: the growth of one quarter is
not the next quarter's, and a text's changes are over the period it last set for them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from verifier.config import Tolerance
from verifier.extraction.extract import extract_text
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import Claim, Source

TEXT = (
    "In the third quarter of 2023, exports of Tarnia grew by 0.9% compared with the previous quarter "
    "(after +3.1% in the second quarter of 2023). "
)


def _source(text: str) -> Source:
    return Source(id="tr", title="Trade notes", publisher="Tarnia Statistics", published="2023-11-20",
                  kind="report", sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/tr.txt")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    from verifier.checking.pipeline import Checker

    def claim(cid: str, quote: str, amount: float, start: str, end: str) -> Claim:
        at = TEXT.index(quote)
        return Claim.model_validate({
            "id": cid, "statement": TEXT.strip(), "subject": {"name": "Tarnia"},
            "property": "exports_change_vs_previous_quarter", "status": "verified",
            "value": {"kind": "quantity", "amount": amount, "unit": "percent"},
            "period": {"start": start, "end": end},
            "source": {"id": "tr", "start": at, "end": at + len(quote), "quote": quote},
        })  # fmt: skip

    claims = [claim("q3", "exports of Tarnia grew by 0.9%", 0.9, "2023-07", "2023-09"),
              claim("q2", "after +3.1% in the second quarter of 2023", 3.1, "2023-04", "2023-06")]
    ledger = Ledger(Path(tmp_path_factory.mktemp("l")), {"tr": _source(TEXT)}, claims, {}, _texts={"tr": TEXT})
    return Checker(ledger, Tolerance(), build_index(claims))


def verdicts(checker, text: str) -> list[tuple[str, str | None]]:
    return [(f.verdict, f.claim.id if f.claim else None) for f in checker.check_text(text, "d.txt")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tarnia's exports grew by 0.9% in the third quarter of 2023.", [("consistent", "q3")]),
    ("Tarnia's exports grew by 3.1% in the third quarter of 2023.", [("inconsistent", "q3")]),
    ("Tarnia's exports grew by 3.1% in the second quarter of 2023.", [("consistent", "q2")]),
    ("Between July 2023 and September 2023, Tarnia's exports grew by 0.9%.", [("consistent", "q3")]),
    # a quarter's growth is not the year's, nor the half year's: no figure for that time
    ("For 2023 as a whole, Tarnia's exports grew by 0.9%.", [("unverified", "q3")]),
    ("In 2023, Tarnia's exports grew by 3.1%.", [("unverified", "q3")]),
    ("From July to September 2023, Tarnia's exports grew by 0.9%.", [("consistent", "q3")]),
    # a figure's own date right after it wins over the sentence's opening date
    ("As of November 2023, Tarnia's exports had grown by 3.1% in the second quarter of 2023.",
     [("unverified", None), ("consistent", "q2")]),  # no claim speaks of November: left unchecked
])  # fmt: skip
def test_a_period_in_the_sentence_picks_the_figure_of_that_period(checker, sentence, expected):
    assert verdicts(checker, sentence) == expected


def test_a_period_without_a_figure_is_no_evidence(checker):
    [finding] = checker.check_text("Tarnia's exports grew by 0.9% in the fourth quarter of 2023.", "d.txt")
    assert finding.verdict == "unverified"
    assert finding.reason.startswith("states 0.9% for 2023-10 to 2023-12; the ledger has no figure for that time")


def test_changes_after_a_stated_period_are_over_that_period():
    text = ("In the second quarter of 2024, output of Norvia rose by 1.1%.\n"
            "Output by region\n"
            "Kelmark (+2.4%) grew the most, and Ostra (-0.3%) shrank.\n"
            "Norvia had 4.1 million residents.\n")
    made = extract_text(text, _source(text))
    periods = {c.value.amount: (c.period.start, c.period.end) if c.period else None
               for c in made if c.value.kind == "quantity"}
    assert periods == {1.1: ("2024-04", "2024-06"), 2.4: ("2024-04", "2024-06"),
                       -0.3: ("2024-04", "2024-06"), 4.1: None}  # a count is no change: no period


def test_periods_given_to_the_day_must_be_the_same_days(tmp_path):
    from verifier.checking.pipeline import Checker

    text = "From 1 August 2024 to 31 July 2025, the college enrolled 4,120 students.\n"
    claims = extract_text(text, _source(text))
    ledger = Ledger(tmp_path, {"tr": _source(text)}, claims, {}, _texts={"tr": text})
    checker = Checker(ledger, Tolerance(), build_index(claims))
    same = "From 1 August 2024 to 31 July 2025, the college enrolled 4,120 students."
    nearly = "Between 1 September 2024 and 31 July 2025, the college enrolled 4,120 students."
    assert [f.verdict for f in checker.check_text(same, "d.txt")] == ["consistent"]
    assert [f.verdict for f in checker.check_text(nearly, "d.txt")] == ["unverified"]


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from helpers import checker_of

    text = "Kelby Mills reported its results for 2024. Its revenue rose from €3.8 billion in 2023 to €4.1 " \
           "billion in 2024.\n"
    return checker_of(text, tmp_path_factory.mktemp("y"), published="2025-03-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kelby Mills revenue rose to €4.1 billion in 2024, from €3.8 billion in 2023.", ["consistent", "consistent"]),
    # each figure judged by the group's figure of its own year
    ("Kelby Mills revenue rose to €4.1 billion in 2024, from €3.5 billion in 2023.",
     ["inconsistent", "consistent"]),
    ("Kelby Mills revenue rose to €4.5 billion in 2024, from €3.8 billion in 2023.",
     ["inconsistent", "consistent"]),
    ("Kelby Mills revenue rose from €3.5 billion in 2023 to €4.1 billion in 2024.",
     ["inconsistent", "consistent"]),
])  # fmt: skip
def test_one_group_answers_two_figures_each_of_its_own_year(two_years, sentence, expected):
    assert [f.verdict for f in two_years.check_text(sentence, "d.txt")] == expected


@pytest.mark.parametrize("sentence", [
    "Kelby Mills revenue rose to €4.1 billion in 2024, and its operating profit was €3.8 billion in 2023.",
    "Kelby Mills revenue rose to €4.1 billion in 2024, after the company borrowed €3.8 billion in 2023.",
])
def test_a_dated_figure_of_another_measure_is_no_second_figure_of_the_group(two_years, sentence):
    verdicts = [f.verdict for f in two_years.check_text(sentence, "d.txt")]
    assert "unverified" in verdicts and verdicts.count("consistent") == 1


@pytest.fixture(scope="module")
def baseline_year(tmp_path_factory):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from helpers import checker_of

    text = "Solar panels supplied 38% of the power Tarn Energy sold in 2025, up from 31% in 2024.\n"
    return checker_of(text, tmp_path_factory.mktemp("by"), published="2026-03-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # the year of a baseline, or of another figure of the sentence, is not the time of this one
    ("Solar panels supplied 38% of the power Tarn Energy sold, more than in 2024.", ["consistent"]),
    ("Solar panels supplied 38% of the power Tarn Energy sold, compared with 31% in 2024.",
     ["consistent", "consistent"]),
    ("Solar panels supplied 38% of the power Tarn Energy sold in 2024.", ["inconsistent"]),
])  # fmt: skip
def test_a_baselines_year_does_not_date_the_figure(baseline_year, sentence, expected):
    assert [f.verdict for f in baseline_year.check_text(sentence, "d.txt")] == expected


@pytest.fixture(scope="module")
def budget(tmp_path_factory):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from helpers import checker_of

    text = "Kell Parks opened two sites. Its maintenance budget for 2026 is 4.2 million euros, up from 3.6 " \
           "million euros.\n"
    return checker_of(text, tmp_path_factory.mktemp("bu"), publisher="Kell Parks", published="2026-02-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # the figure the year leads to is the year's; the undated baseline is an earlier one
    ("Kell Parks' maintenance budget for 2026 is 4.2 million euros.", ["consistent"]),
    ("Kell Parks' maintenance budget for 2026 is 3.6 million euros.", ["inconsistent"]),
])  # fmt: skip
def test_an_undated_baseline_is_no_figure_of_the_stated_year(budget, sentence, expected):
    assert [f.verdict for f in budget.check_text(sentence, "d.txt")] == expected


@pytest.fixture(scope="module")
def seats(tmp_path_factory):
    from helpers import checker_of

    text = "The Moorland Party won 14 seats, up from 11.\n"
    return checker_of(text, tmp_path_factory.mktemp("se"), publisher="Moor Post", published="2026-05-10")


@pytest.mark.parametrize(("sentence", "verdict", "reason"), [
    # with no time stated, the figure is the one the source gives now, not its undated baseline
    ("The Moorland Party won 14 seats.", "consistent", 'states 14; the source says 14 seats ("The Moorland '
     'Party won 14 seats", Moor Post, 2026-05-10) [claim s-number-of-seats-1 is unreviewed]'),
    ("The Moorland Party won 17 seats.", "inconsistent", 'states 17; the source says 14 seats ("The Moorland '
     'Party won 14 seats", Moor Post, 2026-05-10) [claim s-number-of-seats-1 is unreviewed]'),
    ("The Moorland Party won 11 seats.", "unverified", 'states 11; the source gives that as an earlier figure, '
     '11 ("up from 11", Moor Post, 2026-05-10), and 14 seats ("The Moorland Party won 14 seats", Moor Post, '
     '2026-05-10) as the later one; the statement does not say when [claim s-number-of-seats-2 is unreviewed]'),
])  # fmt: skip
def test_a_statement_of_no_time_is_judged_by_the_figure_not_its_undated_baseline(seats, sentence, verdict,
                                                                                  reason):
    assert [(f.verdict, f.reason) for f in seats.check_text(sentence, "d.txt")] == [(verdict, reason)]


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    from helpers import checker_of

    text = ("Kestrel Rovers' net debt fell to €18.3 million at 30 June 2026 from €21.6 million a year earlier. "
            "The club signed a €4 million shirt deal with Tarn Air on 2 July 2026.\n")
    return checker_of(text, tmp_path_factory.mktemp("ac"), publisher="Kestrel Post", published="2026-07-03")


@pytest.mark.parametrize(("sentence", "expected"), [
    # "at 30 June 2026" dates the figure; "a year earlier" dates its baseline one year before
    ("Kestrel Rovers' net debt was €21.6 million at 30 June 2025.", ["consistent"]),
    ("Kestrel Rovers' net debt was €18.3 million at 30 June 2025.", ["inconsistent"]),
    ("Kestrel Rovers' net debt was €18.3 million at 30 June 2026.", ["consistent"]),
    ("Kestrel Rovers' net debt was €21.6 million at 30 June 2026.", ["inconsistent"]),
    # "on" a day after a figure is when it was said or done, not when the balance holds
    ("Kestrel Rovers announced net debt of €18.3 million on 2 July 2026.", ["unverified", "consistent"]),
    # a date an event word governs is the event's, not the figure's: the amount's as_of (the day of
    # publication) does not cover it
    ("The club signed a €4 million shirt deal with Tarn Air on 3 July 2026.", ["unverified", "consistent"]),
])  # fmt: skip
def test_a_balance_dated_at_a_day_and_its_baseline_a_year_earlier(accounts, sentence, expected):
    assert [f.verdict for f in accounts.check_text(sentence, "d.txt")] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # "recalled ... in 2024" and "approved ... in 2024" date their counts; they are no event dates
    ("Brask Motors recalled 9,000 cars in 2025.", ["inconsistent"]),
    ("Brask Motors recalled 31,000 cars in 2025.", ["consistent"]),
])  # fmt: skip
def test_a_count_a_verb_takes_keeps_its_year(tmp_path, sentence, expected):
    from helpers import checker_of

    text = "Brask Motors recalled 31,000 cars in 2025, after it recalled 9,000 in 2024.\n"
    checker = checker_of(text, tmp_path, publisher="Brask Post", published="2026-02-01")
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == expected


def test_a_relative_year_at_the_end_of_a_clause_dates_its_one_figure(tmp_path):
    from helpers import checker_of

    text = "Provisional figures show that 614 people were seriously hurt on Brask roads last year.\n"
    checker = checker_of(text, tmp_path, publisher="Brask Roads Office", published="2026-02-12")
    [claim] = [c for c in checker.ledger.claims if c.value.kind == "quantity"]
    assert claim.as_of == "2025"
    assert [f.verdict for f in checker.check_text("In 2025, 614 people were seriously hurt on Brask roads.",
                                                  "d.md")] == ["consistent"]


def test_a_baseline_a_year_before_is_not_the_figure_of_the_later_day(tmp_path):
    from helpers import checker_of

    text = "Tarn Bank had cash of £40 million at 30 June 2026, against £35 million a year before.\n"
    checker = checker_of(text, tmp_path, publisher="Tarn Post", published="2026-07-20")
    said = "Tarn Bank had cash of {} at 30 June {}."
    assert [f.verdict for f in checker.check_text(said.format("£35 million", 2026), "d.md")] == ["inconsistent"]
    assert [f.verdict for f in checker.check_text(said.format("£35 million", 2025), "d.md")] == ["consistent"]


def test_last_year_of_another_clause_does_not_date_the_figure(tmp_path):
    from helpers import checker_of

    text = "Tarn Mills has 44 branches after it bought Lowe Savings last year.\n"
    checker = checker_of(text, tmp_path, publisher="Tarn Post", published="2026-07-20")
    [claim] = [c for c in checker.ledger.claims if c.value.kind == "quantity"]
    assert claim.as_of == "2026-07-20"


@pytest.mark.parametrize(("sentence", "expected"), [
    # an event verb with no figure names its date; one whose object is a figure leaves it the year
    ("Ida Brandt was appointed chief executive of Tarn Foods in June 2023.", ["inconsistent"]),
    ("Ida Brandt was appointed chief executive of Tarn Foods in June 2024.", ["consistent"]),
    ("The Lowe bypass was completed in 2022.", ["inconsistent"]),
    ("Olav Lind was elected mayor of Varna in 2021.", ["inconsistent"]),
    ("Tarn Council approved 2,100 planning applications in 2025.", ["consistent"]),
    ("Tarn Council approved 1,700 planning applications in 2025.", ["inconsistent"]),
])  # fmt: skip
def test_event_verbs_date_events_not_the_counts_they_take(tmp_path, sentence, expected):
    from helpers import checker_of

    text = ("Ida Brandt was appointed chief executive of Tarn Foods in June 2024. The Lowe bypass was completed "
            "in 2023. Olav Lind was elected mayor of Varna in 2022. Tarn Council approved 2,100 planning "
            "applications in 2025 and 1,700 in 2024.\n")
    checker = checker_of(text, tmp_path, publisher="Tarn Post", published="2026-02-01")
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == expected


@pytest.fixture(scope="module")
def monthly(tmp_path_factory):
    from helpers import checker_of

    text = ("The Orlen kettle index stood at 3.6 percent in May, up from the April figure of 2.9 percent. "
            "The Orlen toaster index rose 2.2 percent for the 12 months ending May, against the 2.5 percent "
            "figure in April.\n")
    return checker_of(text, tmp_path_factory.mktemp("mo"), publisher="Orlen Prices Office", published="2031-06-12")


def test_a_month_naming_a_figure_and_a_windows_end_date_the_figure(monthly):
    dated = {c.value.amount: (c.period and (c.period.start, c.period.end)) or c.as_of
             for c in monthly.ledger.claims if c.value.kind == "quantity"}
    assert dated == {3.6: "2031-05", 2.9: "2031-04", 2.2: ("2030-06", "2031-05"), 2.5: "2031-04"}


@pytest.mark.parametrize(("sentence", "expected"), [
    # a month without its year picks the group's figure of that month, not the newest
    ("The Orlen kettle index stood at 2.9 percent in April.", ["consistent"]),
    ("The Orlen kettle index stood at 3.6 percent in May.", ["consistent"]),
    ("The Orlen kettle index stood at 3.6 percent in April.", ["inconsistent"]),
    # the month is not stated by the other figure's claim: the April figure is not May's
    ("The Orlen kettle index stood at 2.9 percent in May.", ["inconsistent"]),
    ("The Orlen toaster index rose 2.2 percent in the 12 months to May 2031.", ["consistent"]),
    ("The Orlen toaster index rose 2.5 percent in the 12 months to May 2031.", ["inconsistent"]),
    ("The Orlen toaster index rose 2.2 percent in the year to May.", ["consistent"]),
    # a window is not its last month, nor a window of another length
    ("The Orlen toaster index rose 2.2 percent in May.", ["unverified"]),
    ("The Orlen toaster index rose 2.2 percent in the three months to May 2031.", ["unverified"]),
    # a month in another year than the source's
    ("The Orlen kettle index stood at 2.9 percent in April last year.", ["unverified", "unverified"]),
    # the month of a baseline is no time of the figure before it
    ("The Orlen kettle index stood at 3.6 percent, up from 3.1 percent in April.", ["unverified", "consistent"]),
])  # fmt: skip
def test_a_month_without_its_year_is_the_time_of_the_figure(monthly, sentence, expected):
    assert [f.verdict for f in monthly.check_text(sentence, "d.md")] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In 2030, Velmark's exports grew by 2.1%, after 1.3% in 2029.", ["consistent", "consistent"]),
    ("In 2030, Velmark's exports grew by 2.1%, after 1.6% in 2029.", ["inconsistent", "consistent"]),
])  # fmt: skip
def test_a_dated_baseline_is_of_its_figures_measure_not_another_group(tmp_path, sentence, expected):
    from helpers import verdicts_of

    # the quarter's change is another group of the same subject: the baseline of 2029 is not its figure
    text = ("In the fourth quarter of 2030, Velmark's exports grew by 0.5% compared with the previous quarter. "
            "For the year 2030 as a whole, Velmark's exports grew by 2.1%, after +1.3% in 2029.\n")
    assert verdicts_of(text, sentence, tmp_path, publisher="Velmark Statistics", published="2031-03-02") == expected


def test_baselines_in_the_previous_unit_and_parts_of_a_stated_year(tmp_path):
    from helpers import checker_of

    text = ("In the third quarter of 2031, Velmark's exports grew by 0.8%, after +0.5% in the previous quarter. "
            "In 2032, Velmark's imports grew by 1.7% in the first quarter, after 0.9% in the previous quarter. "
            "In May 2032, Velmark's wages rose 0.3% in Ostra and 0.6% in Brel, after +0.2% in Ostra and "
            "+0.4% in Brel in the previous month.\n")
    checker = checker_of(text, tmp_path, publisher="Velmark Statistics", published="2032-06-20")
    times = {c.value.amount: (c.period and (c.period.start, c.period.end)) or c.as_of
             for c in checker.ledger.claims if c.value.kind == "quantity"}
    assert times == {0.8: ("2031-07", "2031-09"), 0.5: ("2031-04", "2031-06"), 1.7: ("2032-01", "2032-03"),
                     0.9: ("2031-10", "2031-12"), 0.3: "2032-05", 0.6: "2032-05", 0.2: "2032-04",
                     0.4: "2032-04"}
    # the first quarter's figure is not the year's
    assert [f.verdict for f in checker.check_text("In 2032, Velmark's imports grew by 1.7%.", "d.md")] \
        == ["unverified"]
    said = "In the second quarter of 2031, Velmark's exports grew by {}."
    assert [f.verdict for f in checker.check_text(said.format("0.5%"), "d.md")] == ["consistent"]
    assert [f.verdict for f in checker.check_text(said.format("0.8%"), "d.md")] == ["inconsistent"]


@pytest.mark.parametrize(("text", "published", "sentence", "expected"), [
    # a baseline's month is no time of the figure the sentence gives now
    ("Orlen's bread price index rose to 4.4 percent in October from 3.9 percent in September.\n", "2031-11-14",
     "Orlen's bread price index eased to 3.9 percent, down from the September figure of 4.6 percent.",
     ["unverified", "unverified"]),
    # two figures and one month: the month must be each figure's
    ("Joblessness in Orlen was 6.2 percent in September. Inflation in Orlen was 1.8 percent in October.\n",
     "2031-11-20", "Joblessness in Orlen was 6.2 percent and inflation 1.8 percent in October.",
     ["unverified", "consistent", "consistent"]),
    # "July" read beside a source of 2031 is July 2031, which the source does not give
    ("Orlen's jobless rate was 7.1 percent in July 2030. Orlen's jobless rate was 6.6 percent in August 2031.\n",
     "2031-09-18", "Orlen's jobless rate was 7.1 percent in July.", ["unverified"]),
    # no figure of the group can be compared with the value at that month: no crash, no verdict
    ("Orlen's jobless rate was 6.1 percent in June 2031. Orlen's jobless rate was 1.3 million in July 2031.\n",
     "2031-09-18", "Orlen's jobless rate was 1.3 million in June.", ["unverified"]),
])  # fmt: skip
def test_a_month_without_its_year_never_passes_another_figures_month(tmp_path, text, published, sentence,
                                                                     expected):
    from helpers import verdicts_of

    assert verdicts_of(text, sentence, tmp_path, publisher="Orlen Statistics", published=published) == expected


@pytest.mark.parametrize(("text", "published", "sentence", "expected"), [
    # a window a month longer, shorter or later is another window
    ("Rents in Velmo rose 5.8% in the 12 months to April 2031.\n", "2031-05-20",
     "Rents in Velmo rose 5.8% in the 12 months to May 2031.", ["unverified"]),
    ("Rents in Velmo rose 5.8% in the 12 months to April 2031.\n", "2031-05-20",
     "Rents in Velmo rose 5.8% in the 11 months to April 2031.", ["unverified"]),
    ("Rents in Velmo rose 5.8% in the 12 months to April 2031.\n", "2031-05-20",
     "Rents in Velmo rose 5.8% in the year to April 2031.", ["consistent"]),
    # a figure of a month, dated by its own words, is no figure of a window or of a day
    ("Sales at Kerro rose 4% in April 2031.\n", "2031-05-20",
     "Sales at Kerro rose 4% in the three months to April 2031.", ["unverified"]),
    ("Sales at Kerro rose 4% in April 2031. Sales at Kerro rose 1% in March 2031.\n", "2031-05-20",
     "Sales at Kerro rose 4% on 12 April.", ["unverified", "consistent"]),
    # the year's figure is no figure of one of its months
    ("Car sales in Velmo fell 2.4% in April. Car sales in Velmo rose 6.1% in 2031 so far.\n", "2031-05-20",
     "Car sales in Velmo rose 6.1% in March.", ["unverified"]),
    # a day that exists in no year of the source is no crash
    ("Sales at Kerro rose 4% in February 2031. Sales at Kerro rose 1% in January 2031.\n", "2031-03-20",
     "Sales at Kerro rose 4% on 29 February.", ["unverified", "consistent"]),
    # "in December" beside a source of January is the December before
    ("Inflation in Velmo was 2.2% in December. Inflation in Velmo was 2.6% in November.\n", "2032-01-12",
     "Inflation in Velmo was 2.2% in December.", ["consistent"]),
])  # fmt: skip
def test_windows_months_and_days_answer_only_their_own_time(tmp_path, text, published, sentence, expected):
    from helpers import verdicts_of

    assert verdicts_of(text, sentence, tmp_path, publisher="Velmo Statistics", published=published) == expected


def test_the_year_of_another_figure_and_its_noun_does_not_date_this_one(tmp_path):
    from helpers import checker_of

    text = "The noise limit was broken on 18 nights at Carrow Quay, compared with 33 nights in 2030.\n"
    checker = checker_of(text, tmp_path, publisher="Carrow Council", published="2032-02-10")
    said = "Carrow Quay's noise limit was broken on {} nights in 2030."
    assert [f.verdict for f in checker.check_text(said.format(18), "d.md")] == ["inconsistent"]
    assert [f.verdict for f in checker.check_text(said.format(33), "d.md")] == ["consistent"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Carrow Wells Trust raised £2.31 million in 2030–31.", ["consistent"]),
    ("Carrow Wells Trust raised £1.87 million in 2029–30.", ["consistent"]),
    ("Carrow Wells Trust raised £1.87 million in 2030–31.", ["inconsistent"]),
    ("Carrow Wells Trust raised £2.31 million in 2031.", ["unverified"]),
])  # fmt: skip
def test_a_year_written_across_two_years_is_a_financial_year(tmp_path, sentence, expected):
    from helpers import verdicts_of

    text = ("Between 1 October 2030 and 30 September 2031 we raised £2.31 million, up from £1.87 million the "
            "year before.\n")
    assert verdicts_of(text, sentence, tmp_path, publisher="Carrow Wells Trust", published="2031-11-02") == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a month's change is no change of its year; a count at a day is one of its year
    ("Sales at Vardo rose 4% in 2031.", ["unverified"]),
    ("Sales at Vardo rose 4% in May 2031.", ["consistent"]),
    ("Vardo had 212 shops in 2031.", ["consistent"]),
    # two months: the figure of one is not the other's
    ("Sales at Vardo rose 4% in May and June.", ["unverified", "consistent"]),
    # a rise over a time the source does not state is no rise of the year it was published in
    ("Orders at Vardo grew 9% in 2031.", ["unverified"]),
    ("Orders at Vardo grew 9% over the past three years.", ["consistent"]),
])  # fmt: skip
def test_a_change_answers_only_its_own_span(tmp_path, sentence, expected):
    from helpers import verdicts_of

    text = ("Sales at Vardo rose 4% in May 2031. Vardo had 212 shops at 31 May 2031. Orders at Vardo grew 9% "
            "over the past three years.\n")
    assert verdicts_of(text, sentence, tmp_path, publisher="Vardo Post", published="2031-06-20") == expected


def test_a_cue_between_two_dates_is_the_later_dates(tmp_path):
    from helpers import checker_of

    text = ("Fires in Brenholm destroyed 212 homes in 2031, down from 340 in 2030 and the fewest since "
            "county records began in 1988, the fire service said.\n")
    checker = checker_of(text, tmp_path, publisher="Brenholm Fire Service", published="2032-01-20")
    said = "Fires in Brenholm destroyed 212 homes in 2031, down from {} in 2030."
    assert [f.verdict for f in checker.check_text(said.format(340), "d.md")] == ["consistent", "consistent"]
    assert [f.verdict for f in checker.check_text(said.format(314), "d.md")] == ["inconsistent", "consistent"]


def test_windows_of_every_length_and_the_year_before_a_window(tmp_path):
    from helpers import checker_of

    text = ("Sales in Tarvia rose 2.4% in the 12 months to June 2031, after 1.7% in the previous year. "
            "Wages in Tarvia rose 41% in the 120 months to April 2031. "
            "The population of Tarvia grew 6% in the decade to 2030.\n")
    checker = checker_of(text, tmp_path, publisher="Tarvia Statistics", published="2031-08-01")
    times = {c.value.amount: (c.period.start, c.period.end) for c in checker.ledger.claims if c.period}
    assert times == {2.4: ("2030-07", "2031-06"), 1.7: ("2029-07", "2030-06"), 41.0: ("2021-05", "2031-04"),
                     6.0: ("2021", "2030")}
    assert [f.verdict for f in checker.check_text("Sales in Tarvia rose 1.7% in 2029.", "d.md")] == ["unverified"]
    assert [f.verdict for f in checker.check_text("Wages in Tarvia rose 41% in April 2031.", "d.md")] \
        == ["unverified"]


def test_a_name_in_another_subjects_claim_is_no_match_for_that_name(tmp_path):
    from helpers import checker_of

    # the ledger knows Epsom Halt, but the passengers are Harwell Junction's: no search by words
    text = "Harwell Junction, near Epsom Halt, recorded 2,340 passengers a day in 2030. Epsom Halt has four platforms.\n"
    checker = checker_of(text, tmp_path, publisher="Tarvia Post", published="2031-08-01")
    said = "{} recorded 2,340 passengers a day in 2030."
    assert [f.verdict for f in checker.check_text(said.format("Epsom Halt"), "d.md")] == ["unverified"]
    assert [f.verdict for f in checker.check_text(said.format("Harwell Junction"), "d.md")] == ["consistent"]


def test_a_figure_of_another_measure_after_a_baseline_is_no_baseline(tmp_path):
    from helpers import checker_of

    text = "Noise at Carrow Quay averaged 61.2 dB, down from 63.5 dB in 2030 and about 9% below the limit of 67 dB.\n"
    checker = checker_of(text, tmp_path, publisher="Carrow Council", published="2032-02-10")
    dated = {c.value.amount: c.as_of for c in checker.ledger.claims if c.value.kind == "quantity"}
    assert dated[9.0] == "2032-02-10" and dated[63.5] == "2030"
    said = "Noise at Carrow Quay was about 9% below the limit."
    assert [f.verdict for f in checker.check_text(said, "d.md")] == ["consistent"]


@pytest.mark.parametrize(("sentence", "left"), [
    ("Sales at Kerro rose 4% on 31 April 2031.", "31 April 2031"),
    ("Sales at Kerro rose 4% in the year to 30 February 2031.", "30 February 2031"),
])  # fmt: skip
def test_a_day_no_calendar_has_is_never_checked(tmp_path, sentence, left):
    from helpers import checker_of

    checker = checker_of("Sales at Kerro rose 4% in 2031.\n", tmp_path, publisher="Kerro Post", published="2032-02-01")
    found = [(f.verdict, f.reason) for f in checker.check_text(sentence, "d.md")]
    assert found[0] == ("unverified", f'no claim in the ledger covers "{left}"')


def test_an_impossible_day_written_as_numbers_is_never_checked(tmp_path):
    from helpers import checker_of

    checker = checker_of("Sales at Kerro rose 4% in 2031.\n", tmp_path, publisher="Kerro Post", published="2032-02-01")
    found = [(f.verdict, f.reason) for f in checker.check_text("Sales at Kerro rose 4% on 2031-02-30.", "d.md")]
    assert found[0] == ("unverified", 'no claim in the ledger covers "2031-02-30"')


@pytest.mark.parametrize(("sentence", "expected"), [
    # a fiscal year is when its figures hold, however it is written, and it is no date claim
    ("Orrin Mills had turnover of £96 million in FY2024.", ["consistent"]),
    ("Orrin Mills had turnover of £96 million in the 2023-24 financial year.", ["consistent"]),
    ("Orrin Mills had turnover of £96 million in fiscal 2023.", ["inconsistent"]),
    ("Orrin Mills had turnover of £81 million in fiscal year 2023.", ["consistent"]),
    # a calendar year is not the fiscal year that ends in it: no figure for that time
    ("Orrin Mills had turnover of £96 million in 2024.", ["unverified"]),
])  # fmt: skip
def test_a_fiscal_year_dates_its_figures(tmp_path, sentence, expected):
    from helpers import checker_of

    text = "Orrin Mills had turnover of £96 million in fiscal 2024, against £81 million in FY23.\n"
    checker = checker_of(text, tmp_path, publisher="Orrin Gazette", published="2024-09-02")
    assert sorted({c.value.kind for c in checker.ledger.claims}) == ["quantity"]
    assert [f.verdict for f in checker.check_text(sentence, "d.md")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a clause joined on with no time of its own holds for the time of the figure before it
    ("Orrin's food prices rose 2.2% in March, while its rents fell 0.4%.\n", {2.2: "2025-03", 0.4: "2025-03"}),
    # not the time of a baseline
    ("Orrin's inflation fell to 2.9% in March from 3.3% in February, whereas its jobless rate was 4.1%.\n",
     {2.9: "2025-03", 3.3: "2025-02", 4.1: "2025-03"}),
    # a clause with a time of its own keeps it, and a count joined to a change is no change
    ("Orrin's food prices rose 2.2% in March, while in April its rents fell 0.4%.\n",
     {2.2: "2025-03", 0.4: "2025-05-02"}),
    ("Orrin's exports rose 2.2% in March, and Orrin Freight hired 300 staff.\n", {2.2: "2025-03", 300: "2025-05-02"}),
])  # fmt: skip
def test_a_joined_clause_without_a_time_holds_for_the_time_before_it(tmp_path, text, expected):
    from helpers import checker_of

    checker = checker_of(text, tmp_path, publisher="Orrin Gazette", published="2025-05-02")
    assert {c.value.amount: c.as_of for c in checker.ledger.claims if c.value.kind == "quantity"} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a joined clause with a time of its own, if a relative one, takes none of the clause before
    ("Orrin's exports rose 5.1% last year, but in the previous year they fell 3.3%.\n", {5.1: "2024", 3.3: "2025-05-02"}),
    ("Orrin's jobless rate was 6.0% in March, and a year earlier the rate was 6.8%.\n",
     {6.0: "2025-03", 6.8: "2025-05-02"}),
])  # fmt: skip
def test_a_joined_clause_with_a_relative_time_keeps_its_own(tmp_path, text, expected):
    from helpers import checker_of

    checker = checker_of(text, tmp_path, publisher="Orrin Gazette", published="2025-05-02")
    assert {c.value.amount: c.as_of for c in checker.ledger.claims if c.value.kind == "quantity"} == expected


def test_a_change_before_the_level_it_reached_holds_for_the_levels_time(tmp_path):
    from helpers import checker_of

    text = "Orrin's jobless rate rose 0.4 percentage points to 5.1% in 2025, from 4.7% in 2024.\n"
    checker = checker_of(text, tmp_path, publisher="Orrin Gazette", published="2026-02-02")
    assert {c.value.amount: c.as_of for c in checker.ledger.claims if c.value.kind == "quantity"} \
        == {0.4: "2025", 5.1: "2025", 4.7: "2024"}
    assert [f.verdict for f in checker.check_text("Orrin's jobless rate rose 0.4 percentage points in 2025.",
                                                  "d.md")] == ["consistent"]
