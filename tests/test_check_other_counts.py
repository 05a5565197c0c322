"""check: a figure of another count, another measure or another time is no contradiction. Each
source and draft is written for the test, in the shape of a false "inconsistent" seen on held-out
texts once more facts of one text were filed under one subject."""

from __future__ import annotations

import pytest
from helpers import checker_of

SOURCE = ("ESKDALE, 3 May 2026 – Road crashes in Eskdale killed 31 people in 2025, the Eskdale Safety Board "
          "said. Figures published by the board show that 402 people were seriously hurt last year.\n")


def verdicts(source: str, draft: str, tmp_path, **kw) -> list[tuple[str, str]]:
    checker = checker_of(source, tmp_path, **kw)
    return [(f.verdict, f.reason.split(";")[0]) for f in checker.check_text(draft, "d.md")]


@pytest.mark.parametrize(("draft", "expected"), [
    # the injured are no count of deaths, though the crash sentence shares more words with the draft
    ("About 400 people were seriously hurt on Eskdale's roads in 2025.", ("consistent", "states about 400")),
    ("In Eskdale, road crashes killed 35 people in 2025.", ("inconsistent", "states 35")),
    ("Road deaths in Eskdale fell to 31 in 2025.", ("consistent", "states 31")),
    # a count of a part (pedestrians) against the whole (people): no contradiction either way
    ("Nine pedestrians were killed on Eskdale's roads in 2025.",
     ("unverified", "no claim in the ledger covers this statement")),
])
def test_a_death_toll_is_compared_only_with_a_sentence_that_speaks_of_deaths(draft, expected, tmp_path):
    assert verdicts(SOURCE, draft, tmp_path, publisher="Eskdale Safety Board", published="2026-05-03") \
        == [expected]


def test_a_year_before_the_noun_it_dates_is_the_figures_time(tmp_path):
    source = "Turnout in the Tarnby council election was 38.4%, the returning officer said.\n"
    found = verdicts(source, "Turnout at Tarnby's 2018 council election was 31.2%.", tmp_path,
                     publisher="Tarnby Post", published="2026-05-08")
    assert found[0] == ("unverified", "states 31.2% for 2018")
    assert "inconsistent" not in [v for v, _ in found]


def test_a_figures_own_date_at_the_end_of_a_month_is_no_target_date(tmp_path):
    source = ("The number of patients waiting for surgery in the Tarn Health Board area fell to 52,300 at the end "
              "of June. The board aims to have no patient waiting more than a year by the end of March 2028.\n")
    found = verdicts(source, "Tarn Health Board's surgical waiting list fell to 52,300 at the end of June 2027.",
                     tmp_path, publisher="Tarn Health Board", published="2027-07-20")
    assert found == [("consistent", "states 52,300")]


def test_a_definite_noun_carries_no_bare_noun_subject_it_does_not_name(tmp_path):
    source = ("The council spent £90,000 on a library scheme at Brook Lane, the Tarn Post reported. "
              "Brook Lane School's budget for 2026/27 is £2.4 million.\n")
    found = verdicts(source, "The council spent £90,000 on a library scheme.\n\nThe school's £2.8 million budget "
                     "is its largest.", tmp_path, publisher="Tarn Post", published="2026-02-01")
    assert [v for v, _ in found] == ["consistent", "unverified"]


COUNTS = ("The number of households on the housing register in the Marlston district rose to 7,950 at the end of "
          "August. Recorded crimes in Ravensholm fell to 18,240 in 2026, and the number of burglaries fell to "
          "1,320. Road crashes in Eskby killed 31 people in 2025, and there were 28 fatal crashes. Marlston "
          "District Council employs 4,100 staff.\n")


@pytest.mark.parametrize(("draft", "expected"), [
    # a bare figure keeps what the words before it say it counts
    ("The number of households on Marlston's housing register rose to 7,950 at the end of August 2026.",
     "consistent"),
    ("Marlston had 7,950 empty homes at the end of August.", "unverified"),
    ("Marlston district's population rose to 7,950.", "unverified"),
    ("Ravensholm recorded 1,320 burglaries in 2026.", "consistent"),
    ("Ravensholm recorded 18,240 burglaries in 2026.", "inconsistent"),  # the source's burglaries: 1,320
    # a count of a part agrees no more than it contradicts; people of any kind may be the staff
    ("Road crashes in Eskby killed 31 pedestrians in 2025.", "unverified"),
    ("There were 31 fatal crashes in Eskby in 2025.", "unverified"),
    ("Marlston District Council employs 5,000 people.", "inconsistent"),
])
def test_a_count_is_compared_only_with_a_count_of_the_same_things(draft, expected, tmp_path):
    found = verdicts(COUNTS, draft, tmp_path, publisher="Tarn Post", published="2026-09-10")
    assert max((v for v, _ in found), key=["consistent", "unverified", "contested", "inconsistent"].index) \
        == expected


def test_a_national_figure_in_the_source_is_not_filed_under_the_school_before_it(tmp_path):
    source = "Brook Lane School's pass rate at GCSE was 81% in 2026. The national average was 67%.\n"
    checker = checker_of(source, tmp_path, publisher="Tarn Post", published="2026-08-20")
    assert {c.value.amount: c.subject.name for c in checker.ledger.claims} == {81.0: "Brook Lane School",
                                                                              67.0: "national average"}
    found = checker.check_text("Brook Lane School's pass rate at GCSE was 67% in 2026.", "d.md")
    assert [f.verdict for f in found] == ["inconsistent"]


def test_a_relation_to_a_checked_figure_is_checked_only_where_the_source_states_it(tmp_path):
    source = "At Brook Lane School, 72% of pupils passed, above the national figure of 64%.\n"
    checker = checker_of(source, tmp_path, publisher="Tarn Post", published="2026-08-20")
    below = checker.check_text("Brook Lane School's pupils did worse than average, below the national figure "
                               "of 64%.", "d.md")
    assert [(f.verdict, f.reason) for f in below][0] == ("unverified", 'no claim in the ledger covers "below"')
    above = checker.check_text("Brook Lane School's results were above the national figure of 64%.", "d.md")
    assert [f.verdict for f in above] == ["consistent"]


def test_a_count_a_day_is_no_count_of_the_year(tmp_path):
    source = "Tarn Police received 401,500 emergency calls during the year, about 1,100 a day.\n"
    checker = checker_of(source, tmp_path, publisher="Tarn Police", published="2026-07-01")
    assert [f.verdict for f in checker.check_text("Tarn Police received about 1,100 emergency calls a day.",
                                                  "d.md")] == ["consistent"]
    assert [f.verdict for f in checker.check_text("Tarn Police received 1,300 emergency calls a day.",
                                                  "d.md")] == ["inconsistent"]


def test_a_date_beside_another_figure_is_not_judged_by_a_date_the_source_gives_another_event(tmp_path):
    source = ("Mr Ode said the province would hire 120 more rangers for 2027 and would buy three more fire "
              "engines by 2029.\n")
    checker = checker_of(source, tmp_path, publisher="Tarn Fire Service", published="2026-11-04")
    found = checker.check_text("The province will hire 120 more rangers for 2027.", "d.md")
    assert "inconsistent" not in [f.verdict for f in found]


CRIME = ("Recorded crimes in Ashby fell to 18,240 in 2025, and the number of burglaries in Dunmore fell to "
         "1,320. The number of households on the Brenford housing register rose to 7,950 in March 2026. Of these, "
         "1,240 households were in temporary accommodation. Kestrel Academy's GCSE pass rate of 58% was below "
         "the national figure of 61%.\n")


def test_a_clause_names_its_own_place_and_a_part_has_its_own_property(tmp_path):
    checker = checker_of(CRIME, tmp_path, publisher="Tarn Post", published="2026-04-01")
    made = {c.value.amount: (c.subject.name, c.property) for c in checker.ledger.claims if c.value.kind == "quantity"}
    assert made[1320.0][0] == "Dunmore"
    assert made[1240.0][1] != made[7950.0][1]


@pytest.mark.parametrize("draft", [
    "Ashby's total fell to 18,240 in 2025.",  # the figure and its verb say nothing of what is counted
    "Brenford had 1,240 households on its housing register in March 2026.",  # a part is no whole
    "The national GCSE pass rate was 58%.",  # the academy's figure
    "Kestrel Academy's GCSE pass rate exceeded the national figure of 61%.",
])
def test_no_look_alike_count_or_relation_is_consistent(draft, tmp_path):
    checker = checker_of(CRIME, tmp_path, publisher="Tarn Post", published="2026-04-01")
    found = [f.verdict for f in checker.check_text(draft, "d.md")]
    assert max(found, key=["consistent", "unverified", "contested", "inconsistent"].index) != "consistent"


def test_a_claim_found_by_its_words_is_of_its_own_subject_not_of_a_place_its_sentence_mentions(tmp_path):
    source = ("Inflation in Ostmark, Veltria's largest trading partner, rose to 6.2% in October 2026. Veltria's own "
              "inflation rate eased to 2.1%.\n")
    checker = checker_of(source, tmp_path, publisher="Central Bank of Veltria", published="2026-11-10")
    assert [f.verdict for f in checker.check_text("Inflation in Veltria rose to 6.2% in October 2026.", "d.md")] \
        == ["unverified"]
    assert [f.verdict for f in checker.check_text("Inflation in Ostmark rose to 6.2% in October 2026.", "d.md")] \
        == ["consistent"]


def test_the_publishers_own_place_is_covered_only_where_the_claim_names_no_other_place(tmp_path):
    own = checker_of("Annual consumer price inflation fell to 3.1% in January from 3.6% in December.\n", tmp_path,
                     publisher="Central Bank of Veltria", published="2026-02-12")
    assert [f.verdict for f in own.check_text("Annual consumer price inflation in Veltria fell to 3.1% in "
                                              "January 2026.", "d.md")] == ["consistent"]
    other = checker_of("MARNHAM, 4 March 2026 - Marnham Town Council approved a budget of £42 million for 2026-27.\n",
                       tmp_path, publisher="Tollard Evening Post", published="2026-03-04")
    found = other.check_text("Marnham Town Council in Tollard approved a budget of £42 million for 2026-27.", "d.md")
    assert ("unverified", 'no claim in the ledger covers "Tollard"') in [(f.verdict, f.reason) for f in found]


def test_people_may_be_a_count_of_staff_but_never_of_households(tmp_path):
    source = "The Tarn Warm Homes scheme supported 3,400 households in 2025. The scheme employs 120 staff.\n"
    checker = checker_of(source, tmp_path, publisher="Tarn Trust", published="2026-03-01")
    assert [f.verdict for f in checker.check_text("The Tarn Warm Homes scheme supported 3,400 people in 2025.",
                                                  "d.md")] == ["unverified"]
    assert [f.verdict for f in checker.check_text("The Tarn Warm Homes scheme employs 150 people.", "d.md")] \
        == ["inconsistent"]


def test_a_national_average_a_figure_is_compared_with_is_the_nations(tmp_path):
    source = "At Brook Lane School, 71% of pupils passed in 2025, against a national average of 67%.\n"
    checker = checker_of(source, tmp_path, publisher="Tarn Post", published="2026-03-01")
    assert {c.value.amount: c.subject.name for c in checker.ledger.claims if c.value.kind == "quantity"} \
        == {71.0: "Brook Lane School", 67.0: "national average"}


def test_a_cued_property_needs_no_verb_of_its_name(tmp_path):
    # funds_raised is cued by "donations" too: it is no partitive count that must say "raised"
    source = "The Halden Trust's visitor donations rose to £612,000 in 2025 from £148,000.\n"
    draft = "The Halden Trust's visitor donations more than quadrupled, to £{}, in 2025."
    assert verdicts(source, draft.format("612,000"), tmp_path) == [("consistent", "states £612,000")]
    assert verdicts(source, draft.format("712,000"), tmp_path) == [("inconsistent", "states £712,000")]


def test_a_figure_is_an_aim_by_its_own_words_not_by_anothers_in_its_sentence(tmp_path):
    source = ("Tarnby Water said it had cut leakage to 104 megalitres a day in 2026. Its leakage target for "
              "2027 is 95 megalitres a day.\n")
    bought = "Tarnby Water will buy up to 30 megalitres a day in 2027, at an expected cost of about £1.2 million."
    assert [v for v, _ in verdicts(source, bought, tmp_path, published="2026-08-01")] == ["unverified"]
    aimed = "Tarnby Water aims to cut leakage to 90 megalitres a day by 2027."
    assert verdicts(source, aimed, tmp_path, published="2026-08-01") == [("inconsistent", "states 90")]
