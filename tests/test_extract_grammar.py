"""extract on real-text shapes: whom each figure is of (from the parse), every fact of a sentence,
and never a crash. Each sentence here is written for the test, in the shape of a failure seen on
real texts (the issue lists them); none is taken from the development corpus."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from verifier.common.lexicon import lexicon
from verifier.errors import DataError
from verifier.extraction.extract import extract_text
from verifier.models import Source


def claims(text: str, published: str | None = "2024-05-02", publisher: str = "Test Office"):
    source = Source(id="t", title="A test text", publisher=publisher, kind="report", published=published,
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return extract_text(text, source)


def facts(text: str, **kw) -> list[tuple]:
    """(subject, value amount/date/name, quote) of every proposal."""
    out = []
    for c in claims(text, **kw):
        v = c.value
        shown = getattr(v, "amount", None) or getattr(v, "date", None) or getattr(v, "name", None) \
            or getattr(v, "rank", None)
        out.append((c.subject.name, shown, c.source.quote))
    return out


def subject_of(text: str, amount: float) -> list[str]:
    return [c.subject.name for c in claims(text) if getattr(c.value, "amount", None) == amount]


# ---------------------------------------------------------------- never a crash


@pytest.mark.parametrize("text", [
    "Of all the regions, Tarn had the lowest rate of new cases in 2021.",
    "The smallest of the three reservoirs holds 4 million cubic metres.",
    "It was the least visited park in the state last year.",
])
def test_last_place_ranks_give_no_rank_claim_and_no_crash(text):
    assert [c for c in claims(text) if c.value.kind == "rank"] == []


def test_a_rate_per_hundred_thousand_makes_a_valid_id():
    made = claims("Measles incidence in Tarnshire was 7.2 per 100,000 persons in 2022.")
    assert [c.id for c in made] == ["t-per-100-000-1"]
    assert made[0].subject.name == "Tarnshire"


def test_runs_of_capitals_stay_linear():
    heading = "AT THE END OF 2020 NORDLAND" + " HAD A VERY LARGE" * 40 + " POPULATION OF 2.4 MILLION."
    assert [c.value.amount for c in claims(heading)] == [2.4]


# ---------------------------------------------------------------- the right subject


def test_a_measure_is_filed_under_the_area_it_is_measured_in():
    text = "In the second quarter of 2023, seasonally adjusted output rose by 0.3% in the euro area and by 0.5% in the EU."
    made = claims(text)
    assert [(c.subject.name, c.value.amount) for c in made] == [("euro area", 0.3), ("EU", 0.5)]
    # the quarter is when the figures hold, not a fact of its own
    assert [(c.period.start, c.period.end) for c in made] == [("2023-04", "2023-06")] * 2


def test_possessor_and_a_sentence_initial_place_are_subjects():
    assert subject_of("Vermont's population grew to 647,000 last year.", 647000) == ["Vermont"]
    assert subject_of("Lesotho has a population of 2.3 million.", 2.3) == ["Lesotho"]


def test_an_attribution_is_its_own_field_not_the_subject():
    [claim] = claims("Ohio lost 12,400 residents, according to the State Statistics Office.")
    assert (claim.subject.name, claim.property) == ("Ohio", "residents_change")
    assert claim.attribution == "State Statistics Office"
    assert [(e.name, e.role) for e in claim.entities] == [("Ohio", "subject"),
                                                          ("State Statistics Office", "attribution")]


@pytest.mark.parametrize("text, subject", [
    # a measure nothing owns names no one: "jobless rate" alone would group with any text's
    ("Nationally, the jobless rate fell to 4.1% in March.", "(unknown)"),
    ("Additionally, Brenton reported 310 new homes.", "Brenton"),
    ("However, Kelso recorded 45 storms.", "Kelso"),
])
def test_openers_are_never_subjects(text, subject):
    assert {c.subject.name for c in claims(text)} == {subject}


@pytest.mark.parametrize("text, place, issuer", [
    ("OSLO, March 3, 2024-The Nordic Grid Agency said demand rose 4%.", "Oslo", "Nordic Grid Agency"),
    ("Bergen, May 2021 - The harbour council approved 12 new berths.", "Bergen", "harbour council"),
    ("LIMA – The Andean Water Board opened 3 plants.", "Lima", "Andean Water Board"),
    ("TARBOROUGH, 9 June 2025 – Bus journeys in the valley rose by 6% last year, the Valley Transit "
     "Board (VTB) said on Monday.", "Tarborough", "Valley Transit Board"),
])
def test_datelines_of_every_dash_shape(text, place, issuer):
    made = claims(text)
    [where] = [c for c in made if c.property == "announcement_place"]
    assert (where.value.name, where.subject.name) == (place, issuer)


def test_an_acronym_in_parentheses_is_an_alias():
    [claim] = claims("The Coastal Flood Authority (CFA) spent $4 million on dunes.")
    assert claim.subject.name == "Coastal Flood Authority"
    assert "CFA" in claim.subject.aliases


def test_the_agency_refers_to_the_last_subject_with_that_noun():
    text = ("The Northern Roads Agency opened in 2001. The bridge is 3 km long. "
            "The agency employs 540 people.")
    assert subject_of(text, 540) == ["Northern Roads Agency"]


def test_a_lone_measure_is_of_the_subject_before():
    text = "GDP in Chile grew by 1.1% in the first quarter of 2022. Compared with a year earlier, GDP increased by 2.4%."
    assert subject_of(text, 2.4) == ["Chile"]


# ---------------------------------------------------------------- every fact of a sentence


def test_respectively_hands_each_figure_to_its_item():
    text = "Among boys and girls, the rates were 12% and 9% of the national average, respectively."
    assert subject_of(text, 12) == ["boys"]
    assert subject_of(text, 9) == ["girls"]
    text = "The Upper Basin and the Lower Plain posted rates of 3.1% and 4.4%, respectively.\n"
    assert subject_of(text, 3.1) == ["Upper Basin"]
    assert subject_of(text, 4.4) == ["Lower Plain"]  # not "Lower Plain posted rates of ..."


def test_figures_in_parentheses_belong_to_the_name_before():
    text = "Output grew most in Oregon (2.1 percent) and Idaho (1.8 percent); Utah and Nevada (both -0.4 percent) shrank."
    found = sorted((c.subject.name, c.value.amount) for c in claims(text))
    assert found == [("Idaho", 1.8), ("Nevada", -0.4), ("Oregon", 2.1), ("Utah", -0.4)]


def test_from_x_in_y1_to_z_in_y2_gives_two_dated_figures():
    made = claims("Across the region, the number of ferry crossings has fallen from 412 in 2011 to 157 in 2019.")
    assert [(c.value.amount, c.as_of) for c in made] == [(412, "2011"), (157, "2019")]


def test_a_period_is_recorded_on_the_figure():
    [claim] = claims("Between July 2015 and July 2016, Kelso gained 2,100 residents.")
    assert claim.subject.name == "Kelso"
    assert (claim.period.start, claim.period.end) == ("2015-07", "2016-07")


def test_a_date_span_is_one_period():
    made = claims("During March 4–November 30, 2021, the clinic treated 9,120 patients.")
    assert [(c.period.start, c.period.end) for c in made] == [("2021-03-04", "2021-11-30")]


@pytest.mark.parametrize("text, name, role", [
    ("Ann Lee, chief of the Housing Statistics Branch, said the count rose.", "Ann Lee",
     "chief of the Housing Statistics Branch"),
    ("The project is run by Team Leader Bo Park.", "Bo Park", "Team Leader"),
    ("The plan was drafted by Regional Coordinator (RC) Tom Hale.", "Tom Hale", "Regional Coordinator"),
    ("Mira and her daughter, Lusa, live at the reserve.", "Lusa", "daughter of Mira"),
    ("The club chose a new team captain, Jonas Evers, in May.", "Jonas Evers", "team captain"),
    ("A former chief executive, Ivo Kral, criticised the plan.", "Ivo Kral", "former chief executive"),
    ("The town has appointed Dr. Lena Voss as its first director of public health.", "Lena Voss",
     "director of public health"),
    ("Piet Arnesen joined us as chief operating officer in May.", "Piet Arnesen", "chief operating officer"),
    ("\"It is fair,\" said Rafael Montes, the city's budget director.", "Rafael Montes",
     "budget director of the city"),
    ("Deputy mayor Petra Lind opened the bridge.", "Petra Lind", "Deputy mayor"),
    ("Ravi Menon, our field manager in Tarnshire, left in June.", "Ravi Menon", "field manager in Tarnshire"),
    ("Inspector Carla Duval, head of traffic at Tarn Police, said so.", "Carla Duval",
     "head of traffic at Tarn Police"),
    ("Inspector Carla Duval, head of traffic at Tarn Police, said so.", "Carla Duval", "Inspector"),
    ("\"We are ready,\" said Dr. Oda Brun, Tarnwell's head of quality assurance.", "Oda Brun",
     "head of quality assurance of Tarnwell"),
    ("Its director of field operations, Ines Vold, said the work was done.", "Ines Vold",
     "director of field operations"),
    ("The rise was opposed by external member Dr. Kai Rusk.", "Kai Rusk", "external member"),
    ("Lena Holt, a board member, resigned in June.", "Lena Holt", "board member"),
])
def test_roles_of_every_shape(text, name, role):
    people = [(c.value.name, c.value.role) for c in claims(text) if c.value.kind == "person"]
    assert (name, role) in people


@pytest.mark.parametrize("text, amount, scale", [
    ("The festival drew a quarter of a million visitors.", 0.25, "million"),
    ("The census counted 818 159 inhabitants in Tarnshire.", 818159, None),
    ("The fund holds half a billion euros.", 0.5, "billion"),
])
def test_number_words_of_every_shape(text, amount, scale):
    values = [c.value for c in claims(text)]
    assert [(v.amount, v.scale) for v in values] == [(amount, scale)]


def test_two_different_counts_do_not_share_a_property():
    made = claims("The programme has reached 250,000 pupils and 400 trainee teachers.")
    assert len({c.property for c in made}) == 2


def test_numbers_that_state_nothing_give_no_claim():
    text = ("Over the last 12 months, the 30-day average price of diesel (3) rose under Order 522 "
            "to $1.20 per gallon, the highest level in at least five years, per 100,000 drivers.")
    assert [c.value.amount for c in claims(text) if c.value.kind == "quantity"] == [1.2]


def test_a_masthead_date_is_the_publications():
    text = "Quarterly Water Bulletin\n\nRelease Date: May 2, 2024 | Next Release: August 1, 2024\n\nThe reservoirs held 81% of capacity."
    made = claims(text, publisher="Regional Water Office (RWO)")
    dates = [(c.subject.name, c.property, c.value.date) for c in made if c.value.kind == "date"]
    assert dates == [("Regional Water Office", "release_date", "2024-05-02"),
                     ("Regional Water Office", "next_release", "2024-08-01")]
    assert "RWO" in made[0].subject.aliases


def test_an_award_list_gives_each_company_its_seat():
    text = "The grants went to: Keel Robotics Inc., Duluth, Minn. Harbor Optics LLC, Tacoma, Wash."
    seats = [(c.subject.name, c.value.name) for c in claims(text)]
    assert seats == [("Keel Robotics Inc.", "Duluth"), ("Harbor Optics LLC", "Tacoma")]


# ---------------------------------------------------------------- the lexicon


def test_the_packaged_lexicon_is_valid_and_shared():
    lex = lexicon()
    assert {"Premier", "Senator", "Ambassador"} <= set(lex.role_titles)
    assert "gdp" in lex.measures


def test_a_bad_lexicon_names_its_file_line_and_field(tmp_path: Path):
    bad = tmp_path / "lexicon.yaml"
    source = Path(__file__).resolve().parent.parent / "verifier" / "common" / "lexicon.yaml"
    bad.write_text(source.read_text(encoding="utf-8").replace("expletives: [there]", "expletives: 7"),
                   encoding="utf-8")
    with pytest.raises(DataError) as err:
        lexicon(bad)
    assert str(err.value).startswith("lexicon.yaml:")
    assert ": $.expletives: " in str(err.value)


# ---------------------------------------------------------------- dates that say when, not what


def test_report_times_baselines_and_scenes_give_no_date_claim():
    text = ("The bureau reported today that exports rose 3%. "
            "Imports fell by at least 5% compared to today. "
            "In the 1980s, most farms in the valley grew wheat. "
            "Output components evolved in the second quarter of 2023 as follows. "
            "The bridge opened in 2019.")
    dates = [(c.value.date, c.source.quote) for c in claims(text) if c.value.kind == "date"]
    assert dates == [("2019", "The bridge opened in 2019")]


def test_a_superlative_apposed_to_a_figure_ranks_that_figures_subject():
    made = claims("Spot power prices reached $210/MWh in the Kelso zone, the highest regional price in a decade.")
    ranks = [c for c in made if c.value.kind == "rank"]
    figure = next(c for c in made if c.value.kind == "quantity")
    assert [r.subject.name for r in ranks] == [figure.subject.name]


def test_a_record_since_a_date_is_the_dates_fact_not_a_rank():
    made = claims("The monthly increase in the food index was the largest since March 2011.")
    assert [c.value.kind for c in made] == ["date"]


def test_a_publisher_of_two_names_names_the_publication_by_both():
    text = "Release Date: May 2, 2024\n\nThe reservoirs held 81% of capacity."
    [date, _] = claims(text, publisher="Regional Water Office (RWO), Weekly Bulletin")
    assert date.subject.name == "Regional Water Office"
    assert {"RWO", "Weekly Bulletin"} <= set(date.subject.aliases)


def test_a_plural_measure_is_of_what_it_measures():
    # "changes" is a measure though the pipeline has no lemmatizer; "the change in X" is X's
    [claim] = claims("Changes in stockpiles were negative for both regions (-0.3 pp for both).")
    assert claim.subject.name == "stockpiles"
    assert (claim.value.amount, claim.value.unit) == (-0.3, "percentage points")


def test_a_change_names_its_baseline_and_coordinated_figures_share_it():
    made = claims("Compared with the same month of the previous year, exports rose by 4.1% in Norland "
                  "and by 3.2% in Tarnshire. Exports rose by 0.5% in Norland compared with the previous month.")
    props = [(c.subject.name, c.property, c.value.amount) for c in made]
    assert props == [("Norland", "exports_change_vs_same_month_previous_year", 4.1),
                     ("Tarnshire", "exports_change_vs_same_month_previous_year", 3.2),
                     ("Norland", "exports_change_vs_previous_month", 0.5)]


def test_extract_and_compare_know_the_same_titles():
    from verifier.judging.compare import is_title_word

    for title in ("Premier", "Senator", "Ambassador", "Superintendent", "deputy"):
        assert is_title_word(title)


def test_a_duration_before_a_thing_is_a_fact_before_a_measure_a_window():
    made = claims("The ten-year lease was signed in 2021. The 30-day average price rose to $4.10.")
    assert sorted((c.value.kind, getattr(c.value, "amount", None)) for c in made) == \
        [("date", None), ("quantity", 4.1), ("quantity", 10.0)]


def test_a_figure_of_a_possessed_noun_is_the_possessors():
    text = "Harlow College opened in 1931. The college's 94-year history includes 3 mergers."
    assert subject_of(text, 94) == ["Harlow College"]


def test_a_subject_known_by_several_names_gets_them_all():
    [claim] = claims("GDP in the United States increased by 0.6% in the fourth quarter.")
    assert claim.subject.name == "United States"
    assert {"US", "U.S.", "USA"} <= set(claim.subject.aliases)


def test_a_heading_ends_the_topic_before_it():
    made = claims("Tarn is a region of hills.\n\nSALES REPORT\n\nRevenue rose 5% in the quarter.")
    assert [c.subject.name for c in made] == ["(unknown)"]


def test_a_short_sentence_with_a_figure_is_read():
    assert [c.value.amount for c in claims("Kelso grew 2%.")] == [2.0]


def test_a_figure_compared_with_from_is_the_same_change():
    made = claims("Kelso's revenue was up 5% from 3% a year ago.")
    assert [(c.property, c.value.amount) for c in made] == [("revenue_change", 5.0), ("revenue_change", 3.0)]


# ---------------------------------------------------------------- owners a parse hides


def test_a_time_owns_no_figure_the_name_it_is_in_does():
    text = "The busiest day in Norland Power was 6% above the monthly average."
    assert subject_of(text, 6.0) == ["Norland Power"]


def test_a_thing_placed_somewhere_keeps_its_figure():
    text = "As of June 2023, grid batteries in Norland have reached 420 megawatts of capacity."
    assert subject_of(text, 420.0) == ["grid batteries"]


def test_a_count_by_people_placed_somewhere_is_the_places():
    assert subject_of("Paramedics in Holloway county answered 2,410 calls in 2025.", 2410.0) == ["Holloway"]
    assert subject_of("Volunteers in Brisk planted 5,000 trees last year.", 5000.0) == ["Brisk"]
    assert subject_of("Volunteers in August planted 5,000 trees.", 5000.0) == ["Volunteers"]  # a time, no place


def test_a_complement_after_the_owner_belongs_to_the_owner():
    text = "The annual change in the index for all services was 2.3 percent in May."
    assert subject_of(text, 2.3) == ["index for all services"]


def test_a_capital_opening_a_sentence_is_no_name_to_carry():
    text = ("Kelso County had 3,200 cases last year.\n"
            "Rurality was measured with the 2019 county scheme; most (64.0%) cases were in towns.\n")
    assert subject_of(text, 64.0) == ["Kelso County"]


def test_a_headline_with_a_verb_states_its_date():
    text = "Norland has 3 GW of solar panels.\n\nNorland solar capacity expected to double by 2028\n\nMore follows.\n"
    assert facts(text)[1:] == [("Norland solar capacity", "2028", "Norland solar capacity expected to double by 2028")]


def test_a_topic_shift_carries_nothing_over_and_starts_its_own_topic():
    text = ("Kelmark Ferries carried 2 million passengers in 2023. Separately, the harbour board "
            "handled 5 million tonnes of cargo. It also employs 300 people.\n")
    assert [(s, a) for s, a, _ in facts(text)] == [
        ("Kelmark Ferries", 2.0), ("harbour board", 5.0), ("harbour board", 300.0)]


def test_a_list_item_of_its_own_states_its_figure():
    text = ("Tarnia's exports grew by 2.0% in 2024.\n\nExports by district, change on the previous year:\n"
            "- Holm (+3.1%)\n- Brae (-0.4%)\n")
    assert [(s, a) for s, a, _ in facts(text)][1:] == [("Holm", 3.1), ("Brae", -0.4)]


def test_a_lower_case_title_before_a_name_and_a_councillor_are_roles():
    text = "The quay will cost $20 million, chief executive Ana Ruiz said. Councillor Tom Vale disagreed.\n"
    roles = [(c.subject.name, c.value.role) for c in claims(text) if c.property == "role"]
    assert roles == [("Ana Ruiz", "chief executive"), ("Tom Vale", "Councillor")]


def test_a_pronoun_takes_the_nearest_subject_that_agrees_with_it():
    text = ("Norvia Mills reported its results on Friday. Paper shipments fell 3.2% in the quarter. "
            "They had risen 1.5% a year earlier. The company employs 900 people.\n")
    assert subject_of(text, 1.5) == ["Paper shipments"]
    text = "Norvia Mills grew quickly. Revenue rose 4%. It now employs 900 people.\n"
    assert subject_of(text, 900.0) == ["Norvia Mills"]  # a bare measure is no antecedent


def test_a_text_speaking_of_itself_files_its_figures_under_the_publisher():
    text = ("Dr. Lena Horvat, head of research at the institute, said the results were clear. "
            "The survey recommends building 120 shelters by 2031. "
            "It puts the cost at €4 million.\n")
    assert subject_of(text, 120.0) == ["Test Office"]
    assert subject_of(text, 4.0) == ["Test Office"]  # "It": the survey, not Dr. Horvat


def test_a_name_with_letters_beyond_ascii_is_a_name():
    text = "Councillor Zoë Łukasiewicz opposed the plan. Minister for Ports Émile Durand backed it.\n"
    roles = [(c.subject.name, c.value.role) for c in claims(text) if c.property == "role"]
    assert roles == [("Zoë Łukasiewicz", "Councillor"), ("Émile Durand", "Minister for Ports")]


def test_a_count_before_a_compound_noun_counts_its_last_plural_word():
    text = "The clinic recorded 2,410 outpatient appointment requests in March 2024.\n"
    assert [c.value.noun for c in claims(text) if getattr(c.value, "amount", None) == 2410.0] == ["requests"]


@pytest.mark.parametrize("sentence, published, period", [
    # told in the past and after publication: the year before
    ("Flooding closed the road from March 3 to March 9.", "2025-01-15", ("2024-03-03", "2024-03-09")),
    ("The festival ran 14-20 August.", "2025-01-15", ("2024-08-14", "2024-08-20")),
    # in the future or before publication: the year of publication
    ("The road will close from March 3 to March 9.", "2025-01-15", ("2025-03-03", "2025-03-09")),
    ("Flooding closed the road from January 3 to January 9.", "2025-01-15", ("2025-01-03", "2025-01-09")),
    ("The works ran from December 28 to January 4.", "2025-01-15", ("2024-12-28", "2025-01-04")),
])
def test_a_period_without_its_year_takes_the_year_its_tense_allows(sentence, published, period):
    text = "The Harbour Board issued an update.\n\n" + sentence + "\n"
    dates = [(c.value.date, c.value.end) for c in claims(text, published=published)
             if getattr(c.value, "end", None)]
    assert dates == [period]


def test_a_quantifier_standing_alone_is_no_subject():
    text = "The agency counted 41 landslides in 2024. Most occurred between May 2 and May 8.\n"
    subjects = [c.subject.name for c in claims(text, published="2024-10-01") if c.property != "role"]
    assert "Most" not in subjects


def test_a_venue_after_at_is_the_events_place():
    text = "A public hearing on the flood plan is scheduled for May 4 at Brenwick Town Hall.\n"
    assert [(c.property, c.value.name) for c in claims(text) if c.value.kind == "place"] == \
        [("place", "Brenwick Town Hall")]


def test_of_names_whose_measure_it_is_before_the_place_it_is_in():
    text = "The incidence of measles in Norland was 4.1 per 100,000 in 2023.\n"
    assert subject_of(text, 4.1) == ["measles"]
    text = "The price of barley in Norland rose 6% in 2023.\n"
    assert subject_of(text, 6.0) == ["barley"]


def test_a_role_after_a_possessive_is_the_title_alone():
    text = ("Jon Vik, our programme manager, said the wells were finished. "
            "Ada Kell, head teacher of Marsh Lane School, agreed.\n")
    roles = [(c.subject.name, c.value.role) for c in claims(text) if c.property == "role"]
    assert roles == [("Jon Vik", "programme manager"), ("Ada Kell", "head teacher of Marsh Lane School")]


def test_an_acronym_after_a_name_is_its_alias_and_a_unit_in_words_is_no_owner():
    text = "The Brenwick Water Board (BWB) supplied 1,480 megawatt-hours of power in 2024.\n"
    [figure] = [c for c in claims(text) if getattr(c.value, "amount", None) == 1480.0]
    assert (figure.subject.name, figure.value.unit) == ("Brenwick Water Board", "MWh")
    assert "BWB" in figure.subject.aliases


def test_a_labelled_list_item_is_the_labels():
    text = ("Norvia Books took 7,300 orders in May 2024. Orders by channel were:\n"
            "- online: 4,200 orders\n- in store: 3,100 orders\n")
    assert [(s, a) for s, a, _ in facts(text)][-2:] == [("online", 4200.0), ("in store", 3100.0)]


def test_the_figure_a_change_reaches_shares_its_property_and_a_cue_past_a_comma_is_the_next_clauses():
    text = "Harlow Mills' revenue rose from €2.1 million in 2023 to €2.4 million, and net profit was €0.3 million.\n"
    props = [(c.value.amount, c.property) for c in claims(text) if c.value.kind == "quantity"]
    assert props == [(2.1, "revenue"), (2.4, "revenue"), (0.3, "net_profit")]


def test_the_publisher_speaking_as_we_files_its_figures_under_itself():
    text = ("Dear members,\n\nThis spring the town council cut its grant. Even so, we planted 1,300 trees "
            "this year, and our volunteers cleared 42 kilometres of hedgerow. The council gave 3 awards.\n")
    made = claims(text, publisher="Marsh Hedge Society (MHS)")
    assert subject_of_in(made, 1300.0) == ["Marsh Hedge Society"]
    assert subject_of_in(made, 42.0) == ["Marsh Hedge Society"]  # "our volunteers": the society's
    assert subject_of_in(made, 3.0) == ["town council"]


@pytest.mark.parametrize("text", [
    '"We sold 800 tickets in a day," said Ana Ruiz, who runs the Kelby festival.\n',
    "‘We sold 800 tickets in a day,’ said Ana Ruiz of the Kelby festival.\n",
    "We sold 800 tickets in a day, Kelby festival director Ana Ruiz told reporters.\n",
    "According to the Kelby festival, we sold 800 tickets in a day.\n",
])
def test_we_of_a_speaker_is_not_the_publisher(text):
    made = claims(text, publisher="Marsh Hedge Society (MHS)")
    assert "Marsh Hedge Society" not in subject_of_in(made, 800.0)


def subject_of_in(made, amount: float) -> list[str]:
    return [c.subject.name for c in made if getattr(c.value, "amount", None) == amount]


@pytest.mark.parametrize("text", [
    "Registered charity no. 1104456.\n",
    "The ferry is listed as vessel number 5521 in the register.\n",
    "Check the notice at stand #14 before you leave.\n",
])
def test_a_number_after_no_or_hash_names_a_thing_and_is_no_figure(text):
    assert [c for c in claims(text) if c.value.kind == "quantity"] == []


def test_a_rate_for_a_group_is_the_groups():
    text = "About 40,000 people were out of work in May. The rate for men fell to 4.5%, while the rate " \
           "for women was 5.2%.\n"
    assert subject_of(text, 4.5) == ["men"]
    assert subject_of(text, 5.2) == ["women"]


def test_an_undated_figure_is_of_the_period_its_title_names():
    text = "Freight Bulletin: April to June 2024\n\nRail freight rose to 3.2 million tonnes. In 2023 it was " \
           "2.9 million tonnes.\n"
    source = Source(id="t", title="Freight Bulletin: April to June 2024", publisher="Tarn Rail Office",
                    kind="report", published="2024-08-01", sha256=hashlib.sha256(text.encode()).hexdigest(),
                    path="sources/t.txt")
    made = {c.value.amount: c for c in extract_text(text, source) if c.value.kind == "quantity"}
    assert (made[3.2].period.start, made[3.2].period.end) == ("2024-04", "2024-06")
    assert made[2.9].period is None and made[2.9].as_of == "2023"  # its own date stands


def test_a_relative_time_after_a_figure_dates_it_without_a_preposition():
    made = [c for c in claims("The ferry line carried 2.4 million passengers last year.\n")
            if c.value.kind == "quantity"]
    assert [(c.value.amount, c.as_of) for c in made] == [(2.4, "2023")]


def test_that_quarter_is_the_span_named_before():
    text = "Figures for January to March 2024 were revised. The rate for that quarter is now 4.4%, " \
           "not 4.2%.\n"
    made = [c for c in claims(text) if c.value.kind == "quantity"]
    assert [(c.value.amount, c.period.start, c.period.end) for c in made] == [
        (4.4, "2024-01", "2024-03"), (4.2, "2024-01", "2024-03")]


def test_the_same_quarter_of_a_baseline_is_not_the_span_named_before():
    text = "In the second quarter of 2024, exports rose by 0.5% (after +0.3% in the first quarter of 2024). " \
           "Compared with the same quarter of the previous year, exports rose by 2.1%.\n"
    made = {c.value.amount: c for c in claims(text) if c.value.kind == "quantity"}
    assert made[2.1].period is None or (made[2.1].period.start, made[2.1].period.end) == ("2024-04", "2024-06")


def test_a_date_opening_a_sentence_without_a_comma_dates_its_figures():
    made = [c for c in claims("In 2021 ferry traffic was 1.8 million passengers.\n") if c.value.kind == "quantity"]
    assert [(c.value.amount, c.as_of) for c in made] == [(1.8, "2021")]


def test_a_numbered_list_item_is_of_its_label_and_its_number_is_no_figure():
    text = "The college grew again. Enrolment by faculty:\n1. Law and Business: 4,120 students\n" \
           "2. Medicine: 3,300 students\n"
    made = [(s, v) for s, v, _ in facts(text) if isinstance(v, float)]
    assert made == [("Law and Business", 4120.0), ("Medicine", 3300.0)]


def test_a_baseline_quarter_sets_no_period_for_the_figures_after_it():
    text = "Exports were 3% above their level in the second quarter of 2023. Imports rose by 2%.\n"
    made = {c.value.amount: c for c in claims(text) if c.value.kind == "quantity"}
    assert made[2.0].period is None


def test_a_count_cue_names_no_property_of_a_figure_with_a_unit():
    text = "The Tarn Power Company supplied 310 GWh to its members in 2023, and had 41,000 members.\n"
    props = {c.value.amount: c.property for c in claims(text) if c.value.kind == "quantity"}
    assert props[41000.0] == "member_count"
    assert props[310.0] != "member_count"


def report(text: str, title: str, published: str):
    source = Source(id="t", title=title, publisher="Tarn Water Company (TWC)", kind="report",
                    published=published, sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return [c for c in extract_text(text, source) if c.value.kind == "quantity"]


def test_a_report_title_year_before_publication_dates_its_undated_figures():
    text = "The company supplied 310 gigalitres of water.\n"
    [covered] = report(text, "Tarn Water Company: Annual Report 2023", "2024-03-01")
    assert (covered.period.start, covered.period.end) == ("2023", "2023")
    [own_year] = report(text, "Tarn Water Company: Annual Report 2024", "2024-03-01")
    assert own_year.period is None  # the publication's own year adds nothing


def test_an_acronym_used_alone_files_under_the_name_it_stands_for():
    text = "The Tarn Water Company (TWC) had 41,000 members. TWC invested €12 million in new pipes.\n"
    made = {c.value.amount: c.subject.name for c in claims(text, publisher="Regional Board")
            if c.value.kind == "quantity"}
    assert made == {41000.0: "Tarn Water Company", 12.0: "Tarn Water Company"}


@pytest.mark.parametrize("text, subject, prop, value", [
    ("The bridge was financed from the Tarn Regional Budget.", "bridge", "funding_source", "Tarn Regional Budget"),
    ("The summit was organized by the Kell Institute and the City of Brae.", "summit", "organizer",
     "City of Brae"),
])
def test_who_funded_or_organised_a_thing_is_a_fact_of_the_thing(text, subject, prop, value):
    found = [(c.subject.name, c.property, c.value.name) for c in claims(text) if c.value.kind != "quantity"]
    assert (subject, prop, value) in found
    assert all(s != v for s, _, v in found)  # a name is never the subject of its own fact


@pytest.mark.parametrize("sentence", [
    "Tarn Bank's revenue in fiscal 2022 was €38 million.",
    "In the previous financial year the bank employed 2,100 staff.",
    "Five years ago the bank had 64 branches.",
    "The jobless rate was 4.5% a year earlier.",
])
def test_a_figure_of_another_time_is_not_dated_by_the_title(sentence):
    made = report(f"The bank grew.\n\n{sentence}\n", "Tarn Bank: Annual Report 2023", "2024-04-02")
    assert [c.period for c in made] == [None] * len(made)


def test_that_month_is_the_month_named_last_not_an_older_quarter():
    text = "Sales between 1 January 2024 and 31 March 2024 totalled €3.1 million. In May 2024 the shop " \
           "moved. Its sales in that month were €1.4 million. Sales in that quarter were €2 million.\n"
    made = {c.value.amount: c for c in claims(text) if c.value.kind == "quantity"}
    assert (made[1.4].period.start, made[1.4].period.end) == ("2024-05", "2024-05")
    assert made[2.0].period is None  # the date named last is a month, not a quarter


def test_two_bodies_sharing_an_acronym_stay_two():
    text = "The Tarn Medical Association (TMA) has 4,200 members. The Tarn Mining Authority (TMA) employs " \
           "310 staff.\n"
    made = {c.value.amount: c.subject.name for c in claims(text) if c.value.kind == "quantity"}
    assert made == {4200.0: "Tarn Medical Association", 310.0: "Tarn Mining Authority"}


def test_a_title_is_no_name_of_the_publisher():
    text = "Tarn had 4.1 million residents in 2023. The Norland Statistics Office employed 900 staff in 2023.\n"
    source = Source(id="t", title="Tarn", publisher="Norland Statistics Office", kind="report",
                    published="2024-03-01", sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    made = {c.value.amount: c.subject.name for c in extract_text(text, source) if c.value.kind == "quantity"}
    assert made == {4.1: "Tarn", 900.0: "Norland Statistics Office"}


def test_a_measure_with_no_owner_is_no_topic_for_the_next_sentence():
    text = "Average weekly earnings rose to €980. Real earnings grew by 1.2%.\n"
    assert subject_of(text, 1.2) != ["Average weekly earnings"]


def test_the_head_noun_of_the_publishers_name_is_the_publisher():
    text = "Kelso University opened a new library. In 2024 the University had 12,400 students.\n"
    made = claims(text, publisher="Kelso University")
    assert subject_of_in(made, 12400.0) == ["Kelso University"]
    # another court named since: "the Court" is neither for sure
    text = "Tarn Crown Court heard 900 cases. Appeals go to the Supreme Court of Lowick. The Court has 9 judges.\n"
    assert subject_of_in(claims(text, publisher="Tarn Crown Court"), 9.0) != ["Tarn Crown Court"]


@pytest.mark.parametrize("text", [
    "The council has not appointed Lena Voss as its director of public health.\n",
    "The board denied that it had appointed Ivo Kral as chief executive.\n",
    "In 2010 the council appointed Lena Voss as its director of public health.\n",
])
def test_an_appointment_denied_or_of_another_year_gives_no_title_of_now(text):
    assert [c for c in claims(text) if c.property == "role"] == []


def test_the_publishers_head_noun_and_a_possessive_pronoun_refer_to_the_publisher():
    text = ("Dunmore saw the largest fall. The agency will open six new stations. Its budget for 2026 "
            "is 2.1 million euros.\n")
    made = {c.value.amount: c for c in claims(text, publisher="Tarn Basin Air Agency")
            if c.value.kind == "quantity"}
    assert made[6].subject.name == "Tarn Basin Air Agency"
    assert (made[2.1].subject.name, made[2.1].as_of) == ("Tarn Basin Air Agency", "2026")
    assert not [c for c in claims(text, publisher="Tarn Basin Air Agency") if c.value.kind == "date"]


def test_a_possessive_owner_named_before_owns_the_figure():
    text = "The Kell Trust opened a clinic. Its staff grew to 140 people in 2024. The trust's budget is £3m.\n"
    made = {c.value.amount: c.subject.name for c in claims(text) if c.value.kind == "quantity"}
    assert made == {140: "Kell Trust", 3: "Kell Trust"}


def test_a_title_of_the_body_named_before_names_that_body():
    text = ("KELLSTON, 2 May 2025 — The City of Kellston has appointed Dr. Ana Ruiz as its first chief "
            "engineer. \"It is overdue,\" said Bo Lind, the city's transport director.\n")
    people = {c.value.name: c.value.role for c in claims(text) if c.value.kind == "person"}
    # the dateline's year dates no appointment: the title is hers now
    assert people == {"Ana Ruiz": "chief engineer", "Bo Lind": "transport director of City of Kellston"}


def test_a_title_of_a_noun_two_bodies_share_stays_as_written():
    text = "The Tarn Council and the Kell Council met. \"No,\" said Bo Lind, the council's treasurer.\n"
    people = {c.value.name: c.value.role for c in claims(text) if c.value.kind == "person"}
    assert people == {"Bo Lind": "treasurer of the council"}


def test_counts_of_a_part_of_a_group_are_two_facts_named_by_their_verbs():
    text = "Seven of the council's eleven members backed the budget; three abstained from the vote.\n"
    made = {c.value.amount: c.property for c in claims(text) if c.value.kind == "quantity"}
    assert made[7] == "members_backed" and made[3] == "members_abstained" and made[11] != made[3]


def test_a_unit_is_no_subject_and_an_apposed_figure_is_its_nouns():
    text = "Air in Tarnby got cleaner. The hourly limit for ozone, 180 µg/m³, was exceeded on 12 days.\n"
    made = {c.value.amount: c.subject.name for c in claims(text) if c.value.kind == "quantity"}
    assert made == {180: "hourly limit for ozone", 12: "Tarnby"}


def test_last_year_after_than_or_from_is_the_baseline_not_the_figures_time():
    text = "Tarnwell sold 9,000 kettles, 20% more than last year. Its toaster sales fell 4% from last year.\n"
    made = {c.value.amount: c.as_of for c in claims(text, published="2025-10-09") if c.value.kind == "quantity"}
    assert made[20] != "2024" and made[4] != "2024"


def test_the_agency_is_not_the_publisher_when_another_body_was_named_lately():
    text = "The national food regulator, Tarnsafe, inspected 40 restaurants. The agency fined 12 restaurants.\n"
    made = {c.value.amount: c.subject.name for c in claims(text, publisher="Tarn Basin Air Agency")
            if c.value.kind == "quantity"}
    assert made[12] != "Tarn Basin Air Agency"


def test_a_title_of_a_noun_stays_as_written_when_another_body_was_named_lately():
    text = "Kellston bought 40 buses from the City of Riverton. \"Late,\" said Bo Lind, the city's transport director.\n"
    people = {c.value.name: c.value.role for c in claims(text) if c.value.kind == "person"}
    assert people == {"Bo Lind": "transport director of the city"}


def test_a_money_only_cue_names_no_rate():
    props = {c.value.amount: c.property for c in claims("Tarn Bank raised its savings rate to 4.5%. "
                                                          "Tarn Trust raised £31,000 for the school.\n")}
    assert props[31000.0] == "funds_raised"
    assert props[4.5] != "funds_raised"


def test_a_measures_own_owner_wins_over_a_name_in_the_next_clause(tmp_path):
    from helpers import checker_of

    text = "Shares in Brask Metals rose 7% on Monday, and shares in Holm Foods fell 2%. Holm Foods employs 900 people.\n"
    checker = checker_of(text, tmp_path, publisher="Tarvia Post", published="2031-08-01")
    owners = {c.value.amount: c.subject.name for c in checker.ledger.claims if c.value.kind == "quantity"}
    assert owners == {7.0: "Brask Metals", 2.0: "Holm Foods", 900.0: "Holm Foods"}
    # the source's figure for Holm Foods is 2% (on no day it names): never the 7% of Brask Metals
    assert [f.verdict for f in checker.check_text("Shares in Holm Foods rose 7% on Monday.", "d.md")] \
        == ["inconsistent", "unverified"]


def test_people_counted_in_a_place_are_no_count_of_its_people():
    assert subject_of("Police in Harwick arrested 190 people in 2025.", 190.0) == ["Police"]
