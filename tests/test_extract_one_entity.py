"""extract: one entity under one name across a text, a listed subject handing its figures out item
by item, a body's own report owning its unowned measures after a heading, and the level a change
reached named after what changed. Each text is written for the test, in the shape of a failure seen
on held-out texts."""

from __future__ import annotations

import hashlib

from helpers import verdicts_of

from verifier.common.text import normal
from verifier.extraction.extract import extract_text
from verifier.extraction.identity import one_name_each
from verifier.judging.kinds import same_kind
from verifier.matching.index import build_index
from verifier.models import Source, Subject
from verifier.parsing.statements import parse


def claims(text: str, publisher: str = "Test Office", published: str = "2026-05-08"):
    source = Source(id="t", title="A test text", publisher=publisher, kind="report", published=published,
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return extract_text(text, source)


def by_amount(text: str, **kw) -> dict[float, tuple[str, str]]:
    return {c.value.amount: (c.subject.name, c.property) for c in claims(text, **kw)
            if c.value.kind == "quantity"}


def test_a_subject_named_by_another_subjects_alias_is_that_one():
    full = Subject(name="Brannock Haulage Ltd", aliases=["Brannock Haulage"], type="organization")
    person = Subject(name="Ines Marlow", aliases=["Marlow"], type="person")
    renamed = one_name_each([
        full, person,
        Subject(name="Brannock Haulage", type="organization"),  # the text's short form, as a subject
        Subject(name="Marlow"),
        Subject(name="Marlow", type="place"),  # a town the person shares a name with keeps its own
        Subject(name="Kessel Mills", type="organization"),
    ])
    assert renamed == {("Brannock Haulage", "organization"): full, ("Marlow", "other"): person}


def test_an_alias_two_bodies_share_names_neither():
    renamed = one_name_each([
        Subject(name="Tarn Metro Authority", aliases=["TMA"], type="organization"),
        Subject(name="Tarn Music Academy", aliases=["TMA"], type="organization"),
        Subject(name="TMA", type="organization"),
    ])
    assert renamed == {}


def test_a_listed_subject_hands_out_a_list_of_figures_without_respectively():
    made = by_amount("Kessel Mills and Harrow Foods employ 300 and 120 people.\n")
    assert made[300.0][0] == "Kessel Mills" and made[120.0][0] == "Harrow Foods"


def test_a_list_of_places_a_measure_is_of_hands_out_its_figures():
    made = by_amount("Sales at Leeds and York rose 4% and 9% in 2025.\n")
    assert made[4.0][0] == "Leeds" and made[9.0][0] == "York"


def test_a_list_that_is_no_subject_keeps_its_figures_together():
    # the list is the object's, not the clause's subject: the deals are the mill's
    made = by_amount("Kessel Mills signed deals with Leeds and York worth £3 million and £5 million.\n")
    assert made[3.0][0] == made[5.0][0] == "Kessel Mills"


def test_an_unowned_measure_under_a_heading_of_a_bodys_own_report_is_the_bodys():
    text = ("Annual review\n\nOrlan Ferries Ltd carried 1.2 million passengers in 2026, ran 14,200 sailings "
            "and employed 410 staff.\n\nFinances\n\n"
            "Revenue rose by 6.1% to £48.2 million. Operating profit doubled to £2.4 million.\n")
    made = by_amount(text, publisher="Orlan Ferries Ltd")
    assert made[48.2][0] == made[2.4][0] == made[6.1][0] == "Orlan Ferries Ltd"


def test_an_unowned_measure_under_a_heading_of_an_office_reporting_on_others_stays_unowned():
    # the office never filed a figure under its own name: "Revenue" is nobody's for sure
    text = ("Tourism statistics\n\nHotels in Varna region had 2.1 million guests in 2026.\n\nFinances\n\n"
            "Revenue rose by 6.1% to €48.2 million.\n")
    made = by_amount(text, publisher="Varna Statistics Office")
    assert made[48.2][0] != "Varna Statistics Office"


def test_the_level_a_change_reached_is_named_after_what_changed():
    made = by_amount("Kessel Mills reported its results. Revenue rose by 7.3% to £68.4 million. "
                     "Exports fell 2%, to 310,000 tonnes.\n", publisher="Kessel Mills")
    assert made[68.4][1] == "revenue" and made[7.3][1] == "revenue_change"
    assert made[310000.0][1] == "exports"


def test_a_bare_starting_figure_takes_the_noun_of_the_figure_it_fell_to():
    made = by_amount("Staff numbers at the depot fell from 118 to 109 posts.\n")
    assert made[118.0][1] == made[109.0][1]


def test_a_change_is_never_compared_with_the_level_a_change_reached(tmp_path):
    source = "Staff numbers at the Kessel depot fell from 118 to 109 posts.\n"
    assert verdicts_of(source, "Staff numbers at the Kessel depot fell by 12 posts.", tmp_path) == ["unverified"]
    assert verdicts_of(source, "Staff numbers at the Kessel depot fell to 109 posts.", tmp_path) == ["consistent"]
    assert verdicts_of(source, "Staff numbers at the Kessel depot fell to 112 posts.", tmp_path) == ["inconsistent"]


def test_a_sum_of_money_is_named_by_the_noun_it_is_of():
    made = by_amount("Kessel Mills posted an operating surplus of £14.1 million. Total income was £512.3 million. "
                     "It holds a total of £3 million in cash.\n", publisher="Kessel Mills")
    assert made[14.1] == ("Kessel Mills", "operating_surplus")
    assert made[512.3][1] == "income"
    assert made[3.0][1] != "total"  # "a total of" names nothing


def test_a_count_of_what_people_did_is_the_bodys_they_did_it_with():
    made = by_amount("Passengers took 4.2 million trips on Orvale Transit's buses and trams. Speed limits were "
                     "cut in 2025. Inspector Ali Brand, head of roads policing at Orvale Constabulary, said officers "
                     "had stopped 830 drivers. Women made up 36% of riders.\n")
    assert made[4.2][0] == "Orvale Transit"
    assert made[830.0][0] == "Orvale Constabulary"
    assert made[36.0][0] == "Women"  # a share of the people themselves


def test_the_noun_a_publisher_calls_itself_at_the_dateline_names_it_later():
    text = ("ORVALE, May 4, 2026 — Riders took 4.2 million trips in 2025, the agency said Monday. The ferry "
            "Kessel Star, a new boat, cost $23.5 million. Of the agency's fleet of 310 buses, 40 are electric.\n")
    made = by_amount(text, publisher="Orvale Transit")
    assert made[310.0][0] == "Orvale Transit"
    dateline = [c for c in claims(text, publisher="Orvale Transit") if c.property == "announcement_place"]
    assert [c.subject.name for c in dateline] == ["Orvale Transit"]


def test_from_one_figure_to_another_after_a_change_verb_is_no_range(tmp_path):
    source = "The new network increased the number of bus routes running every 10 minutes from 11 to 19.\n"
    made = by_amount(source)
    assert 11.0 in made and 19.0 in made
    said = "The new network increased the number of bus routes running every 10 minutes by eight, to 19."
    assert "inconsistent" not in verdicts_of(source, said, tmp_path)
    wrong = "The new network increased the number of bus routes running every 10 minutes from 11 to 23."
    assert "unverified" in verdicts_of(source, wrong, tmp_path)  # never consistent as a whole


def test_the_date_of_an_event_answers_only_a_sentence_naming_the_event(tmp_path):
    made = claims("Kessel Transit has run the Harbour Line ferry since 2019. It opened a depot in 2021.\n",
                  publisher="Kessel Transit")
    index = build_index(made)
    groups = {(normal(c.subject.name), c.property): [i] for i, c in enumerate(made)}
    assert {k[1] for k in groups} == {"start_date", "opening_date"}

    def kept(sentence: str) -> set[str]:
        return {k[1] for k in same_kind(parse(sentence, index), groups, index)}

    assert kept("Kessel Transit carried 4.1 million trips in 2025.") == set()  # when the trips were made
    assert kept("Kessel Transit carried 4.1 million trips in 2025, the most since 2017.") == {"start_date"}
    assert kept("Kessel Transit opened a depot for 40 buses in 2020.") == {"opening_date"}
    # a sentence with no figure may give an event's date in other words: "was governor from 2003"
    assert kept("Kessel Transit has run the ferry from 2017.") == {"start_date", "opening_date"}


def test_a_sentence_after_a_blanked_dateline_opens_with_a_common_noun():
    text = ("TARLOW, 4 May 2026 — Firefighters in Norvale province answered 1,204 calls in 2025, the fire "
            "service said.\n")
    made = claims(text, publisher="Norvale Fire Service")
    assert {c.value.amount: c.subject.name for c in made if c.value.kind == "quantity"} == {1204.0: "Norvale"}
    assert {c.subject.name for c in made if c.property.startswith("announcement_")} == {"Norvale Fire Service"}


def test_a_table_headings_noun_and_its_time_in_parentheses_name_the_list_items():
    text = ("The trust runs four museums.\n\nVisits by site at 31 March 2026 (31 March 2025 in parentheses):\n\n"
            "- Harbour Gallery: 412,300 (388,100)\n- Mill Museum: 96,400 (101,250)\n\n"
            "Visits rose in most places.\n\n- Wardley: 21%\n")
    made = {c.value.amount: c for c in claims(text, publisher="Tarnby Museums Trust", published="2026-04-20")
            if c.value.kind == "quantity"}
    assert made[412300.0].property == made[388100.0].property == "number_of_visits"
    assert made[96400.0].subject.name == "Mill Museum"
    assert made[388100.0].as_of == "2025-03-31" and made[412300.0].as_of != "2025-03-31"
    assert made[21.0].property != "visits"  # a list after a full sentence is no longer the table's


def test_a_name_in_apposition_before_a_verb_the_parser_left_without_subject_is_its_subject():
    made = by_amount("Between May and July the council's builder, Orrin Construction, finished 412 homes.\n")
    assert made[412.0][0] == "Orrin Construction"


def test_the_word_after_a_dateline_is_no_proper_name_of_the_text():
    text = ("KESTON, 3 May 2026 — Full-fibre broadband reached 61% of homes in Keston, the council said. "
            "The rollout cost £4 million.\n")
    made = claims(text, publisher="Keston Council")
    assert all(c.subject.name != "Full-fibre broadband" for c in made if c.value.kind == "quantity"
               and c.value.amount == 4.0)


def test_a_lone_body_noun_speaking_at_the_dateline_is_the_publisher():
    text = "BRACKLEY, 22 April 2026 — Visits to the five museums rose 9% in 2025, the trust said.\n"
    made = claims(text, publisher="Brackley Museums and Galleries")
    assert {c.subject.name for c in made if c.property.startswith("announcement_")} \
        == {"Brackley Museums and Galleries"}


def test_a_newspaper_giving_its_own_staff_owns_no_figure_under_a_later_heading():
    text = ("The Kessel Evening Post employs 80 journalists.\n\nLocal economy\n\n"
            "Revenue rose by 7% to £68 million in 2025.\n")
    assert by_amount(text, publisher="Kessel Evening Post")[68.0][0] != "Kessel Evening Post"


def test_what_people_did_is_no_count_of_the_body_they_did_it_to():
    made = by_amount("Residents reported 412 potholes to Kessel Council in 2025.\n", publisher="Kessel Post")
    assert made[412.0][0] != "Kessel Council"


def test_a_figure_in_parentheses_in_a_list_item_is_the_same_measure_at_the_headings_other_time():
    text = ("Offences fell in most groups.\n\nMain groups, year ending March 2026 (year ending March 2025 in "
            "parentheses):\n\n- Drug offences: 1,870 (1,410)\n- Burglary: 2,940 (3,880)\n")
    made = {c.value.amount: c for c in claims(text, publisher="Tarn Police", published="2026-07-01")
            if c.value.kind == "quantity"}
    assert made[1410.0].property == made[1870.0].property
    assert made[1410.0].as_of == "2025-03" and made[3880.0].as_of == "2025-03"
    assert made[1410.0].subject.name == "Drug offences"


def test_a_figure_in_parentheses_with_words_of_its_own_is_no_figure_of_the_headings_other_time():
    text = ("The council runs three libraries.\n\nVisits by site in 2025/26 (2024/25 in parentheses):\n\n"
            "- Millbrook Library: 45,900 (2,100 of them online)\n- Central Library: 412,300 (52% of all visits)\n")
    made = {c.value.amount: c for c in claims(text, publisher="Kessel Council", published="2026-05-01")
            if c.value.kind == "quantity"}
    assert made[2100.0].property != made[45900.0].property and made[2100.0].period is None
    assert made[52.0].property != "number_of_visits"


def test_a_body_noun_speaking_at_a_newspapers_dateline_is_not_the_newspaper():
    text = "KESSEL, 12 March 2026 — Bus journeys in Kessel rose 8% in 2025, the council said.\n"
    made = claims(text, publisher="Kessel Evening Post")
    assert "Kessel Evening Post" not in {c.subject.name for c in made if c.property.startswith("announcement_")}


def test_what_people_did_is_no_count_of_a_body_named_before():
    text = "Kessel Council fixed 3,120 potholes last year. Residents reported 5,400 potholes to the council.\n"
    assert by_amount(text, publisher="Kessel Evening Post")[5400.0][0] != "Kessel Council"


def test_a_count_of_other_things_is_no_population():
    made = by_amount("Residents reported 412 potholes in 2025. Kessel is home to 80,000 people.\n",
                     publisher="Kessel Post")
    assert made[412.0][1] == "number_of_potholes" and made[80000.0][1] == "population"
