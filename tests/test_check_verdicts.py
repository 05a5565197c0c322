"""The seed ledger gives the right verdict on paraphrases and on changed numbers, dates, places,
people and subjects of the claims it holds. Each row: a sentence, then the (verdict, claim id)
of every finding it must give, worst first; () means no finding at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.checking.pipeline import Checker
from verifier.ledger.load import load_ledger

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # Jiangsu: GDP, population, rank, location
    ("Jiangsu has a GDP of more than one trillion dollars.", [("consistent", "abc17-jiangsu-gdp")]),
    ("Jiangsu has a GDP of about $500 billion.", [("inconsistent", "abc17-jiangsu-gdp")]),
    ("Some 80 million people call Jiangsu home.", [("consistent", "ref-jiangsu-population-2020")]),
    ("Jiangsu's population is roughly 50 million.", [("inconsistent", "ref-jiangsu-population-2020")]),
    ("Jiangsu is home to about 60 million people.", [("inconsistent", "ref-jiangsu-population-2020")]),
    ("Jiangsu is China's third most densely populated province.", [("inconsistent", "abc17-jiangsu-density-rank")]),
    ("Jiangsu is the leading producer of clean energy in China.",
     [("consistent", "abc17-jiangsu-clean-energy-rank")]),
    ("Jiangsu lies in southwest China.", [("contested", "abc17-jiangsu-location")]),
    ("Jiangsu is a coastal province in East China.", [("contested", "ref-jiangsu-location")]),
    ("Jiangsu is in eastern China.", [("contested", "ref-jiangsu-location")]),
    ("Jiangsu is in northern China.", [("inconsistent", "abc17-jiangsu-location")]),
    # Another subject: never confirmed by Jiangsu's claims
    ("Zhejiang's GDP exceeds $1 trillion.", [("unverified", None)]),
    ("Guangdong has a GDP of more than $1 trillion.", [("unverified", None)]),
    # WHO figures, in other words and swapped
    ("The WHO says outdoor air pollution kills 3.7 million people.", [("consistent", "iclei16-who-outdoor-deaths")]),
    ("Indoor air pollution leads to 4.3 million deaths, according to the World Health Organization.",
     [("consistent", "iclei16-who-indoor-deaths")]),
    ("The World Health Organization says indoor air pollution causes 5.3 million deaths.",
     [("inconsistent", "iclei16-who-indoor-deaths")]),
    # American Lung Association
    ("Nearly 125 million Americans live in counties with dangerous levels of air pollution.",
     [("consistent", "abc17-us-dangerous-air-population")]),
    ("More than 150 million Americans live in counties with dangerous air pollution.",
     [("inconsistent", "abc17-us-dangerous-air-population")]),
    ("Nearly 125 million Europeans live in counties with dangerous levels of air pollution.", [("unverified", None)]),
    ("The American Lung Association report cited data from 2013-2015.",
     [("consistent", "abc17-ala-report-data-period")]),
    ("The American Lung Association report used data from 2012 to 2014.",
     [("inconsistent", "abc17-ala-report-data-period")]),
    ("The ALA report began in 1999.", [("inconsistent", "abc17-ala-report-start-year")]),
    # Terms of office and dates
    ("Arnold Schwarzenegger was governor from 2003 to 2011.", [("consistent", "abc17-schwarzenegger-term")]),
    ("Schwarzenegger served as governor from 2004 to 2011.", [("inconsistent", "abc17-schwarzenegger-term")]),
    ("Jerry Brown first served as governor in the 1980s.",
     [("inconsistent", "abc17-brown-first-term"), ("consistent", "abc17-brown-role")]),
    ("Jerry Brown has 30 months left in office.", [("inconsistent", "abc17-brown-remaining-time")]),
    ("Donald Trump announced the withdrawal from the Paris agreement on June 1, 2017.",
     [("consistent", "abc17-trump-paris-withdrawal-date")]),
    ("Donald Trump announced the withdrawal from the Paris Agreement on 2 June 2017.",
     [("inconsistent", "abc17-trump-paris-withdrawal-date")]),
    ("The Paris Agreement was signed by 150 nations in 2016.",
     [("inconsistent", "abc17-paris-signatory-count"), ("consistent", "abc17-paris-signing-date")]),
    # Summits: places and dates, several facts in one sentence
    ("The 2nd US-China Climate Leaders Summit was held in Shanghai on 8 June 2016.",
     [("inconsistent", "iclei16-summit-place"), ("consistent", "iclei16-summit-date")]),
    ("The 2nd US-China Climate Leaders Summit took place on 9 June 2016.", [("inconsistent", "iclei16-summit-date")]),
    ("The first US-China Climate Leaders Summit was held in Los Angeles in September 2015.",
     [("consistent", "iclei16-first-summit-date"), ("consistent", "iclei16-first-summit-place")]),
    # Counts
    ("ICLEI has about 500 members.", [("inconsistent", "iclei15-iclei-member-count")]),
    # A count of other things is no evidence about the only count the ledger holds
    ("ICLEI has 500 employees.", [("unverified", None)]),
    ("Twelve cities and provinces have committed to the East Asia Clean Air Cities initiative.",
     [("inconsistent", "iclei16-eacac-member-count")]),
    ("Nine cities and provinces have committed to EACAC.", [("consistent", "iclei16-eacac-member-count")]),
    # A finer date decides against a coarser one that agrees
    ("The CCUCC was launched on 15 October 2015.", [("inconsistent", "iclei15-ccucc-launch-date")]),
    ("The CCUCC was launched on September 15, 2015.", [("consistent", "iclei15-ccucc-launch-date")]),
    # People's roles
    ("Zhaoli Jiang is Director of the NDRC Department of Climate Change.",
     [("inconsistent", "iclei16-zhaoli-jiang-role")]),
    ("Chaolin Cai is the Vice Mayor of Guangzhou.", [("consistent", "iclei16-chaolin-cai-role")]),
    ("Chaolin Cai is the Mayor of Guangzhou.", [("inconsistent", "iclei16-chaolin-cai-role")]),
    ("Rick Perry was the US Energy Secretary.", [("consistent", "abc17-perry-role")]),
    ("The Energy Foundation China provided seed funding to the CCUCC.", [("consistent", "iclei15-ccucc-seed-funder")]),
    # A year in the sentence picks the figure of that year
    ("In 2020 Jiangsu had 90 million people.", [("inconsistent", "ref-jiangsu-population-2020")]),
    ("Jiangsu had 84.75 million people in 2016.", [("inconsistent", "ref-jiangsu-population-2016")]),
    ("In 2020 Jiangsu had 84.75 million people.", [("consistent", "ref-jiangsu-population-2020")]),
    # A month is no place
    ("The 2nd US-China Climate Leaders Summit was held in June 2016.", [("consistent", "iclei16-summit-date")]),
    # Roles: the organisation and every word of the title count
    ("Chaolin Cai is the Vice Mayor of Shenzhen.", [("inconsistent", "iclei16-chaolin-cai-role")]),
    ("Elizabeth Tisdahl is the Mayor of Chicago.", [("inconsistent", "iclei16-elizabeth-tisdahl-role")]),
    ("Rick Perry is the US Commerce Secretary.", [("inconsistent", "abc17-perry-role")]),
    ("Rick Perry was the Energy Secretary.", [("consistent", "abc17-perry-role")]),
    ("Will Barrett is a senior policy analyst at the American Lung Association.", [("consistent", "abc17-barrett-role")]),
    # Several numbers in one sentence: each goes to its own fact, in the sentence's order
    ("The CCUCC started with 10 California cities and 3 Chinese cities.",
     [("inconsistent", "iclei15-ccucc-cohort-china"), ("consistent", "iclei15-ccucc-cohort-california")]),
    ("The WHO says indoor air pollution kills 4.3 million and outdoor air pollution 9.7 million.",
     [("inconsistent", "iclei16-who-outdoor-deaths"), ("consistent", "iclei16-who-indoor-deaths")]),
    ("According to the WHO, indoor and outdoor air pollution lead to 4.3 million and 3.7 million deaths respectively.",
     [("consistent", "iclei16-who-indoor-deaths"), ("consistent", "iclei16-who-outdoor-deaths")]),
    ("According to the WHO, indoor and outdoor air pollution cause 3.7 million and 4.3 million deaths respectively.",
     [("inconsistent", "iclei16-who-indoor-deaths"), ("inconsistent", "iclei16-who-outdoor-deaths")]),
    ("Ten California and 10 Chinese cities will make up the initial cohort of the CCUCC.",
     [("consistent", "iclei15-ccucc-cohort-california"), ("consistent", "iclei15-ccucc-cohort-china")]),
    # Negations are shown with the source but not judged
    ("Jiangsu does not have a GDP of more than $1 trillion.", [("unverified", "abc17-jiangsu-gdp")]),
    # Ranks: last is not first; "leads" is first
    ("Jiangsu is the least densely populated province in China.", [("inconsistent", "abc17-jiangsu-density-rank")]),
    ("Jiangsu leads China in clean energy production.", [("consistent", "abc17-jiangsu-clean-energy-rank")]),
    # A coarser place confirms a location only after a location verb
    ("Jiangsu is in China.", [("consistent", "abc17-jiangsu-location")]),
    # Names stated anywhere in the sentence
    ("The capital of Jiangsu is Nanjing.", [("consistent", "ref-jiangsu-capital")]),
    ("Nanjing is the capital of Jiangsu.", [("consistent", "ref-jiangsu-capital")]),
    ("Tokyo is a member of East Asia Clean Air Cities.", [("consistent", "iclei16-eacac-member-tokyo")]),
    # A currency amount of a subject whose only currency figure is its GDP
    ("Jiangsu's economy is worth more than $1 trillion.", [("consistent", "abc17-jiangsu-gdp")]),
    # Neighbouring whole numbers differ; "almost" is a little under
    ("Ten cities and provinces have committed to East Asia Clean Air Cities.", [("inconsistent", "iclei16-eacac-member-count")]),
    ("Jiangsu's GDP is almost $1 trillion.", [("inconsistent", "abc17-jiangsu-gdp")]),
    # Another place contradicts a location only where the sentence says where something is
    ("California and Jiangsu signed the climate pact in Shanghai in June 2017.", [("unverified", None)]),
    # Issue 10: nothing passes on one value while another goes unread or unsupported
    ("The 2nd US-China Climate Leaders Summit took place in Beijing on 9 June 2017.",
     [("inconsistent", "iclei16-summit-date"), ("consistent", "iclei16-summit-place")]),
    ("Jiangsu, in northwest China, is home to some 80 million people.",
     [("inconsistent", "abc17-jiangsu-location"), ("consistent", "ref-jiangsu-population-2020")]),
    ("Jiangsu has a GDP of more than $2 trillion.", [("unverified", "abc17-jiangsu-gdp")]),
    ("Jiangsu had 80 million people in the 1990 census.", [("unverified", "ref-jiangsu-population-2020")]),
    # A title is a role only when attached to the person; a rank only of the same scope
    ("Rick Perry signed an executive order in Beijing.", [("unverified", None)]),
    ("Rick Perry, the Commerce Secretary, spoke.", [("inconsistent", "abc17-perry-role")]),
    ("Jiangsu is the 12th-largest economy in China.", [("unverified", None)]),
    ("Jiangsu has led China in clean energy since at least 2010.", [("unverified", None)]),
    # Not check-worthy: no finding
    ("We should all care about cleaner air.", []),
    ("Is Jiangsu the richest province?", []),
]  # fmt: skip


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.for_ledger(load_ledger(ROOT))


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_verdicts_on_the_seed_ledger(checker, sentence, expected):
    findings = checker.check_text(sentence, "draft.txt")
    got = [(f.verdict, f.claim.id if f.claim else None) for f in findings]
    assert got == expected


def test_inconsistent_reason_names_both_values_and_the_source(checker):
    [finding] = checker.check_text("Jiangsu has a GDP of about $500 billion.", "d.txt")
    assert finding.reason == (
        'states about $500 billion; the source says more than $1 trillion '
        '("has a GDP of more than $1 trillion", ABC News, 2017-06)'
    )
    assert finding.claim.source.id == "abc-2017-06-jiangsu-pact"
    assert finding.claim.source.quote == "has a GDP of more than $1 trillion"


def test_an_undated_older_figure_is_unverified_and_a_dated_one_consistent(checker):
    [finding] = checker.check_text("Jiangsu had a population of 79.99 million.", "d.txt")
    assert (finding.verdict, finding.claim.id) == ("unverified", "ref-jiangsu-population-2016")
    assert finding.reason == (
        'states 79.99 million; the source says 79.99 million people as of 2016-12 ("At the end of 2016 Jiangsu had a '
        "resident population of 79.99 million\", Wikipedia and China's statistics bureaus); that figure is as of "
        "2016-12, the newest is 84.75 million people (as of 2020-11-01); the statement does not say when"
    )
    [finding] = checker.check_text("In 2016 Jiangsu had a population of 79.99 million.", "d.txt")
    assert (finding.verdict, finding.claim.id, finding.checked) == (
        "consistent", "ref-jiangsu-population-2016", ["79.99 million", "2016"]
    )


def test_contested_reason_names_both_sides(checker):
    [finding] = checker.check_text("Jiangsu lies in southwest China.", "d.txt")
    assert finding.reason == (
        'states southwest China; the sources disagree: southwest China ("Jiangsu Province, in southwest China", '
        'ABC News, 2017-06) vs East China ("a coastal province in East China", '
        "Wikipedia and China's statistics bureaus)"
    )
    assert [c.id for c in finding.others] == ["ref-jiangsu-location"]


def test_subject_carries_to_a_pronoun_in_the_next_sentence(checker):
    findings = checker.check_text("Jiangsu is a big province. It is home to about 60 million people.", "d.txt")
    assert [(f.verdict, f.claim.id if f.claim else None, f.column) for f in findings] == [
        ("unverified", None, 1),
        ("inconsistent", "ref-jiangsu-population-2020", 28),
    ]


def test_a_definite_noun_refers_back_but_a_name_does_not(checker):
    text = "Jiangsu is a big province. The province has a GDP of about $500 billion. The Zhejiang GDP is $1 trillion."
    findings = checker.check_text(text, "d.txt")
    assert [(f.verdict, f.claim.id if f.claim else None) for f in findings] == [
        ("unverified", None),
        ("inconsistent", "abc17-jiangsu-gdp"),
        ("unverified", None),
    ]


def test_an_ignore_naming_one_claim_covers_its_whole_group(checker):
    text = '<!-- verifier: ignore abc17-jiangsu-population reason="an old figure, quoted" -->\nJiangsu has 50 million people.\n'
    [finding] = checker.check_text(text, "d.md")
    assert (finding.verdict, finding.claim.id, finding.suppressed) == (
        "inconsistent",
        "ref-jiangsu-population-2020",
        "an old figure, quoted",
    )


def test_a_dated_figure_is_cited_with_its_date(checker):
    [finding] = checker.check_text("In 2020 Jiangsu had 90 million people.", "d.txt")
    assert finding.reason == (
        'states 90 million; the source says 84.75 million people as of 2020-11-01 ("counted 84.75 million '
        "people living in Jiangsu\", Wikipedia and China's statistics bureaus)"
    )
