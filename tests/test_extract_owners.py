"""extract: whose figure it is when the sentence's subject is a measure, a title or a body that
refers back. Each text is written for the test, in the shape of a failure seen on held-out texts."""

from __future__ import annotations

import hashlib

from helpers import checker_of

from verifier.extraction.extract import extract_text
from verifier.models import Source


def claims(text: str, publisher: str = "Test Office", published: str = "2026-05-08"):
    source = Source(id="t", title="A test text", publisher=publisher, kind="report", published=published,
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return extract_text(text, source)


def owners(text: str, **kw) -> dict[float, str]:
    return {c.value.amount: c.subject.name for c in claims(text, **kw) if c.value.kind == "quantity"}


def test_a_count_of_people_in_a_named_area_is_the_areas_and_carries_no_measure_as_topic():
    text = ("The number of households waiting for social housing in the Brinmoor District Council area rose "
            "to 6,420 in March. The number waiting more than two years fell to 810.\n")
    made = owners(text)
    assert made[6420.0] == made[810.0] == "Brinmoor District Council"


def test_a_measure_opening_a_sentence_is_no_topic_for_the_next():
    text = "Halden Rovers won the cup. Attendance was 41.5% on the day. Officials said 512 tickets were void.\n"
    assert owners(text)[512.0] != "Attendance"


def test_a_list_items_first_word_is_no_proper_name():
    text = ("The Ravel Arts Trust reported income of £9.2 million for 2025.\n\nIncome by source:\n\n"
            "- Catering: £2.1 million (£1.8 million)\n- Lettings: £0.9 million\n\n"
            "Catering income fell because a contract ended. Wages rose 6% to £4.4 million.\n")
    made = owners(text)
    assert made[2.1] == "Catering" and made[0.9] == "Lettings"
    assert made[6.0] == made[4.4] == "Ravel Arts Trust"


def test_the_board_after_a_sentence_about_its_chief_is_the_publishers_not_the_persons():
    text = ("Lindqvist Housing Cooperative raised rents by 2% in 2025. Chief executive Mara Holm called the year "
            "difficult. The board proposes a dividend of €20 per member.\n")
    assert owners(text, publisher="Lindqvist Housing Cooperative")[20.0] == "Lindqvist Housing Cooperative"


def test_the_council_after_a_person_stays_as_written_when_another_body_was_named_lately():
    text = ("Brook Lane School was rated good by the Tarn Schools Inspectorate. Councillor Ana Petrov praised the "
            "staff. The council spent £180,000 on a reading scheme.\n")
    assert owners(text, publisher="Tarn Evening Post")[180000.0] == "council"


def test_a_title_split_by_commas_before_a_persons_name_gives_the_person_and_the_role():
    text = ("Sergeant Ola Berg said officers stopped 900 drivers. The region's Police, Fire and Rescue "
            "Commissioner, Ilse Marrow, has pledged £1.5 million for new cameras.\n")
    made = claims(text)
    assert owners(text)[1.5] == "Ilse Marrow"
    assert [(c.value.name, c.value.role) for c in made if c.value.kind == "person"] \
        == [("Ilse Marrow", "Police, Fire and Rescue Commissioner of the region")]


def test_a_possessor_owns_the_count_it_stands_before():
    text = ("Tarnby Borough Council held its elections on Thursday. Turnout varied across the borough's 23 wards, "
            "from 21.5% in Eastfield to 48.2% in Kiln Park.\n")
    made = {c.value.amount: (c.subject.name, c.property) for c in claims(text) if c.value.kind == "quantity"}
    assert made[23.0] == ("Tarnby Borough Council", "number_of_wards")
    assert made[21.5][1] != "number_of_wards" and made[48.2][1] != "number_of_wards"


def test_a_rate_cue_names_no_count():
    props = {c.value.amount: c.property for c in claims("Unemployment fell in two of the province's five "
                                                          "districts. Unemployment was 6.1% in May.\n")}
    assert props[6.1] == "unemployment_rate"
    assert props[2.0] != "unemployment_rate" and props[5.0] != "unemployment_rate"


def test_a_national_figure_after_a_sentence_about_one_school_is_not_the_schools(tmp_path):
    source = ("Brook Lane School in Tarnby was rated good. Attendance rose to 95.1% in the 2024/25 school year "
              "from 93.4% the year before.\n")
    checker = checker_of(source, tmp_path, publisher="Tarn Evening Post", published="2025-09-01")
    assert {c.subject.name for c in checker.ledger.claims} == {"Brook Lane School"}
    found = checker.check_text("Brook Lane School was rated good by inspectors. The national average "
                               "attendance rate in 2024/25 was 94.2%.\n", "d.md")
    assert [(f.statement.split()[1], f.verdict) for f in found] == [("Lane", "unverified"), ("national", "unverified")]


def test_a_number_set_off_after_a_persons_name_is_that_persons_age():
    text = ("Tarn Water hired Dr. Lena Vos as its chief engineer. Vos, 44, has worked in Oslo since 2015. "
            "\"Pipes are old,\" said Omar Reyes, 58. Brill Foods, 30, is a grocer.\n")
    made = [(c.subject.name, c.property, c.value.amount) for c in claims(text) if c.value.kind == "quantity"]
    assert ("Lena Vos", "age", 44.0) in made and ("Omar Reyes", "age", 58.0) in made
    assert [p for _, p, a in made if a == 30.0] != ["age"]


def test_a_headlines_clause_is_no_topic_for_the_text():
    text = ("Tarnby names first housing director as council backs $2.1 million shelter grant\n\n"
            "TARNBY, 4 March 2026 — The City of Tarnby has appointed Ada Rusk as its first director of housing, "
            "the mayor's office said on Wednesday.\n\nRusk, 39, will be paid $120,000 a year.\n")
    made = {c.value.amount: c.subject.name for c in claims(text, publisher="Tarnby Courier")
            if c.value.kind == "quantity"}
    assert made[39.0] == made[120000.0] == "Ada Rusk"
    assert all("names first" not in c.subject.name for c in claims(text, publisher="Tarnby Courier"))


def test_a_count_before_a_share_gives_the_share_no_property_of_its_count():
    props = {c.value.amount: c.property for c in claims(
        "Road crashes in Tarnby killed 31 people in 2025, down from 40 in 2024.\n") if c.value.kind == "quantity"}
    assert props == {31.0: "deaths", 40.0: "deaths"}


def test_a_month_opening_a_measure_names_no_topic():
    text = ("Tarn Airport handled 4 million passengers in 2025, the most since December 2019. December traffic "
            "rose 5% to 300,000 passengers. Its cargo volumes fell 2%.\n")
    assert owners(text)[2.0] == "Tarn Airport"


def test_events_in_a_place_are_the_places_and_the_dateline_speaker_is_no_topic():
    text = ("TARNBY, 3 May 2026 – Road crashes in Eskdale killed 22 people in 2025, the Eskdale Safety Board said "
            "on Tuesday. Figures published by the board show that 310 people were seriously hurt.\n")
    made = owners(text, publisher="Eskdale Safety Board")
    assert made[22.0] == made[310.0] == "Eskdale"


def test_two_parts_compared_leave_the_topic_with_the_whole():
    text = ("Tarn Health Board's two hospitals saw 9,200 attendances in May. Kelso General had the lowest "
            "figure, at 61.2%, while Moss Vale reached 84.0%. A total of 640 patients waited more than 12 hours.\n")
    made = owners(text, publisher="Tarn Health Board")
    assert made[61.2] == "Kelso General" and made[84.0] == "Moss Vale"
    assert made[640.0] == "Tarn Health Board"


def test_a_baseline_is_compared_with_the_count_not_with_the_duration_it_counts_by():
    made = {c.value.amount: (c.subject.name, c.property) for c in claims(
        "At Tarn Hospital, 1,127 patients waited more than 12 hours, down from 1,486 in April.\n")
        if c.value.kind == "quantity"}
    assert made[1486.0][1] == made[1127.0][1] == "number_of_patients"
    assert made[1486.0][0] == made[1127.0][0]



def test_a_person_is_known_by_the_last_name_too():
    made = claims("Chief executive Ines Marlow-Kade said the year was hard. Marlow-Kade, 52, joined in 2019.\n")
    people = [c.subject for c in made if c.property == "role"]
    assert people and "Marlow-Kade" in people[0].aliases


def test_a_count_in_a_named_place_is_the_places_and_a_word_inside_a_name_names_no_one():
    text = ("Builders started work on 980 new homes in Kelvardy in the second quarter. In the 12 months to June, "
            "3,700 homes were started. Builders were less upbeat, the Kelvardy Home Builders Federation said.\n")
    made = owners(text, publisher="Kelvardy Statistics Office", published="2026-08-20")
    assert made[980.0] == made[3700.0] == "Kelvardy"


def test_it_in_what_a_body_says_of_itself_is_that_body():
    text = ("Ostmark Transit carried 41 million passengers in 2025. Wendle Energy said it had installed 3,120 "
            "smart meters since 1 March.\n")
    assert owners(text)[3120.0] == "Wendle Energy"


def test_it_in_what_a_titled_person_or_a_plural_says_is_not_the_speaker():
    text = ("The Harlow Bridge reopened in May. Ms Tamsin Quayle said it would cost £7 million a year. "
            "Engineers said it would carry 16,000 vehicles a day.\n")
    made = owners(text)
    assert made[7.0] != "Ms Tamsin Quayle" and made[7.0] != "Tamsin Quayle"
    assert made[16000.0] != "Engineers"


def test_the_company_is_the_body_named_last_even_one_only_quoted():
    text = ("Output at the Brask Quarry fell to 61,000 tonnes, Tollin Aggregates said. \"We expect a better "
            "year,\" said Ms Ida Wren, its director. The company said it had hired 140 drivers in 2025. The firm "
            "paid £2 million in fines.\n")
    made = owners(text)
    assert made[140.0] == made[2.0] == "Tollin Aggregates"


def test_a_company_is_known_without_its_legal_form(tmp_path):
    from helpers import verdicts_of

    text = "Brannock Haulage Ltd moved 3.4 million tonnes of freight in 2025.\n"
    made = claims(text)
    assert made[0].subject.name == "Brannock Haulage Ltd" and "Brannock Haulage" in made[0].subject.aliases
    assert verdicts_of(text, "Brannock Haulage moved 3.9 million tonnes of freight in 2025.", tmp_path,
                       published="2026-03-01") == ["inconsistent"]


def test_i_in_a_quotation_is_no_subject_and_a_reporters_second_clause_is_its_own():
    text = ("\"I am proud of the crews,\" said Dr Ana Ruiz, Pellham Transport's operations director.\n\n"
            "The operator said it had added 14 buses in 2025 and had cut delays to 6.2 minutes on average.\n")
    made = owners(text)
    assert made[14.0] == made[6.2] == "Pellham Transport"
    assert "I" not in {c.subject.name for c in claims(text)}


def test_a_place_in_the_publishers_name_is_the_place_and_its_change_goes_with_its_count():
    text = "Hotels in Velland recorded 3.2 million nights in 2025, 4.1% more than in 2024.\n"
    assert owners(text, publisher="Statistics Velland") == {3.2: "Velland", 4.1: "Velland"}


def test_years_are_no_count_of_what_was_done_in_a_place():
    text = "Pharmacies in Northside dispensed 412,000 prescriptions in 2025.\n"
    assert owners(text)[412000.0] == "Northside"
    assert owners("Life expectancy in Northside is 74.6 years.\n")[74.6] == "Life expectancy"


def test_the_company_is_the_business_the_last_sentence_named_first_not_a_public_body():
    contractor = ("Maple Utilities repaired 1,950 leaks in 2025. Its contractor, Dray Pipes Ltd, laid 30 km of "
                  "pipe. The contractor said it employed 180 people.\n")
    assert owners(contractor, publisher="Maple Utilities")[180.0] == "Dray Pipes Ltd"
    owner = ("Dunvale Utilities, which owns Brant Water, repaired 2,040 leaks in 2025. The utility said it "
             "employed 1,700 people.\n")
    assert owners(owner, publisher="Brant Water")[1700.0] == "Dunvale Utilities"
    council = ("Halsey Council said it had received 3,300 complaints about Dunvale Utilities in 2025. The company said "
               "it had resolved 3,100 of them.\n")
    assert owners(council)[3100.0] == "Dunvale Utilities"


def test_the_company_in_its_own_report_is_the_publisher_whoever_it_named_last():
    text = ("Orwell Buses Ltd runs 14 routes. In May the board signed a £9 million order with Tarn Coachworks "
            "for 30 buses.\n\nAt the end of the year the company employed 410 drivers.\n")
    assert owners(text, publisher="Orwell Buses Ltd")[410.0] == "Orwell Buses Ltd"
