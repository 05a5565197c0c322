"""A heading's or a report title's date holds for the undated figures under it ("Highlights: May
2024", "Snapshot (as of 3 June 2024)", "Price Index - May 2024"), and a check of a figure stated
for that time finds it. Texts written for the test."""

from __future__ import annotations

import hashlib

import pytest
from helpers import checker_of

from verifier.extraction.extract import extract_text
from verifier.models import Source


def figures(text: str, title: str = "A test text", published: str = "2024-07-02") -> dict[float, tuple]:
    source = Source(id="t", title=title, publisher="Tarn Energy Office", kind="report", published=published,
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return {c.value.amount: c.period and (c.period.start, c.period.end)
            for c in extract_text(text, source) if c.value.kind == "quantity"}


SNAPSHOT = ("The office opened two more centres on Monday.\n"
            "Response snapshot (as of June 30, 2024)\n"
            "- Nearly 4,100 people in 38 shelters in Tarn County.\n"
            "- More than 600 staff on duty.\n"
            "Recovery outlook\n"
            "Repairs will cost about $12 million.\n")


def test_an_as_of_heading_dates_the_list_below_it_until_the_next_heading():
    found = figures(SNAPSHOT)
    assert found[4100.0] == found[38.0] == found[600.0] == ("2024-06-30", "2024-06-30")
    assert found[12.0] is None  # under another heading


def test_a_masthead_label_dates_the_figures_but_a_release_date_does_not():
    text = ("Tarn Power Update\n\nWith data for May 2024 | Release date: July 2, 2024\n\n"
            "Wholesale prices reached $61 per megawatt-hour in the north.\n")
    assert figures(text) == {61.0: ("2024-05", "2024-05")}
    text = "Tarn Power Update\n\nRelease date: July 2, 2024\n\nWholesale prices reached $61 per megawatt-hour.\n"
    assert figures(text) == {61.0: None}


@pytest.mark.parametrize(("title", "expected"), [
    ("Tarn Price Index - May 2024", ("2024-05", "2024-05")),
    ("Tarn Power Update, with data for May 2024", ("2024-05", "2024-05")),
    ("Ten years after the May 2014 storm", None),  # what the text is about, not when its figures hold
    ("Tarn Price Index - July 2024", None),  # the month of publication itself adds nothing
])  # fmt: skip
def test_a_report_titles_month_before_publication_dates_its_undated_figures(title, expected):
    text = ("The price index rose 2.4 percent. It rose 0.3 percent on the month before. Over the last "
            "12 months it rose 3.1 percent. Fuel prices will rise 1.5 percent.\n")
    found = figures(text, title)
    assert found[2.4] == expected
    # another time than the title's: the month before, a span of 12 months, a forecast
    assert found[0.3] is found[3.1] is found[1.5] is None


def test_a_figure_stated_for_the_headings_date_is_found(tmp_path):
    checker = checker_of(SNAPSHOT, tmp_path, published="2024-07-02")
    [finding] = checker.check_text("As of June 30, 2024, Tarn County had nearly 4,100 people in shelters.", "d.md")
    assert finding.verdict == "consistent"
    [finding] = checker.check_text("As of June 30, 2024, Tarn County had nearly 5,100 people in shelters.", "d.md")
    assert finding.verdict == "inconsistent"


@pytest.mark.parametrize("heading", [
    "Baseline: 2019", "Next review - June 2024", "Next update: 14 June 2024", "Opened: May 2011",
    "Consultation closes: 30 June 2024",
])  # fmt: skip
def test_a_heading_date_that_names_no_data_period_dates_nothing(heading):
    text = f"Tarn rail\n\n{heading}\n\nTarn Rail carried 21.5 million passengers.\n"
    assert figures(text, published="2024-05-14") == {21.5: None}


def test_a_heading_date_stops_where_the_text_names_another_time_or_a_total():
    text = ("Highlights: March 2024\n\n- Rents rose 4.1 percent.\n- The trust has built 2,900 homes in total.\n"
            "In 2019, the trust managed 5,100 homes. At that time the trust employed 210 staff.\n")
    found = figures(text, published="2024-04-15")
    assert found[4.1] == ("2024-03", "2024-03")
    assert found[2900.0] is found[210.0] is None
