"""A person named in full once and by last name later, and the age a text sets off after a name:
extract files both under the person, and check compares an age written the same way. Texts written
for the test, in the shape of an age left unverified on a held-out text."""

from __future__ import annotations

import hashlib

import pytest
from helpers import checker_of

from verifier.extraction.extract import extract_text
from verifier.extraction.names import shared_names, with_last_name
from verifier.models import Source, Subject

SOURCE = ("Varrow Athletic appointed Ines Marlowe, 47, as head coach on Tuesday. Marlowe managed "
          "Tollin Town for five years. Karl Brede was named captain.\n")


def claims(text: str):
    source = Source(id="t", title="A test text", publisher="Varrow Post", kind="news", published="2026-06-03",
                    sha256=hashlib.sha256(text.encode()).hexdigest(), path="sources/t.txt")
    return extract_text(text, source)


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(SOURCE, tmp_path_factory.mktemp("ages"), publisher="Varrow Post", published="2026-06-03")


def test_a_persons_facts_under_their_full_name_with_the_last_name_as_alias(checker):
    made = {(c.subject.name, c.property): c.subject.aliases for c in checker.ledger.claims}
    assert made[("Ines Marlowe", "age")] == ["Marlowe"]
    assert made[("Ines Marlowe", "number_of_years")] == ["Marlowe"]
    assert "Brede" in made[("Karl Brede", "role")] and "Marlowe" in made[("Ines Marlowe", "role")]


@pytest.mark.parametrize(("name", "kind", "aliases"), [
    ("Martin Luther King Jr.", "person", ["King"]),
    ("Ann Berg", "person", ["Berg"]),
    ("Berg", "person", []),
    ("Tollin Town", "place", []),
])  # fmt: skip
def test_the_last_name_of_a_person_is_one_of_their_names(name, kind, aliases):
    assert with_last_name(Subject(name=name, type=kind)).aliases == aliases


def test_a_last_name_the_text_writes_as_a_common_word_is_no_alias():
    # "The largest reservoir, Holm Water, ..." misread as a person must not answer for "Fenby Water's"
    holm = Subject(name="Holm Water", type="person")
    assert with_last_name(holm, shared_names([holm], "the water level fell")).aliases == []


@pytest.mark.parametrize(("sentence", "name", "role"), [
    ("Tollin Town named Ada Quist, 38, as its new manager.", "Ada Quist", "manager"),
    ("Ada Quist was appointed chief executive on Monday.", "Ada Quist", "chief executive"),
    ("The board made Ada Quist its first chair.", "Ada Quist", "chair"),
])  # fmt: skip
def test_a_title_a_verb_gives_a_person(sentence, name, role):
    made = [(c.value.name, c.value.role) for c in claims(sentence) if c.property == "role"]
    assert made == [(name, role)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ines Marlowe, 39, was appointed head coach.",
     [("inconsistent", "states 39"), ("consistent", "states head coach")]),
    ("Ines Marlowe, 47, was appointed head coach.",
     [("consistent", "states head coach"), ("consistent", "states 47")]),
    # by the last name, beside another figure of hers
    ("Marlowe, 52, managed Tollin Town for five years.",
     [("inconsistent", "states 52"), ("consistent", "states five")]),
    # a number after another name is no age of hers
    ("Tollin Town, 47, was her last club.", [("unverified", "no claim in the ledger covers this statement")]),
])  # fmt: skip
def test_an_age_set_off_after_the_name_is_compared_with_the_persons_age(checker, sentence, expected):
    found = checker.check_text(sentence, "d.md")
    assert [(f.verdict, f.reason.split(";")[0]) for f in found] == expected


@pytest.mark.parametrize("sentence", [
    "Ada Quist will be appointed chief executive in June, the board said.",
    "Ada Quist was named the best chief executive in Tarnby by a trade magazine.",
    "Ada Quist was named deputy mayor by mistake, and the appointment was withdrawn.",
])  # fmt: skip
def test_no_title_of_now_from_a_future_an_award_or_a_withdrawn_appointment(sentence):
    assert [c for c in claims(sentence) if c.property == "role"] == []


def test_a_last_name_two_people_or_a_body_share_names_neither(tmp_path):
    source = ("Vera Holm, 47, was appointed chief executive of Ostby Foods. Her brother Karl Holm, 52, remains "
              "chair. Nils Arden, 60, founded Arden Freight, which employs 900 people.\n")
    checker = checker_of(source, tmp_path, publisher="Ostby Post", published="2026-06-03")
    aliases = {c.subject.name: c.subject.aliases for c in checker.ledger.claims}
    assert "Holm" not in aliases["Vera Holm"] + aliases["Karl Holm"] and "Arden" not in aliases["Nils Arden"]
    assert [f.verdict for f in checker.check_text("Holm, 47, leads Ostby Foods.", "d.md")] == ["unverified"]


def test_a_last_name_inside_another_full_name_is_not_that_person(tmp_path):
    checker = checker_of("Vera Holm, 47, was appointed chief executive of Ostby Foods.\n", tmp_path,
                         publisher="Ostby Post", published="2026-06-03")
    found = checker.check_text("Dag Holm, 47, was appointed chief executive of Ostby Foods.", "d.md")
    assert [f.verdict for f in found] == ["unverified"]
    found = checker.check_text("Chief executive Holm, 47, runs Ostby Foods.", "d.md")
    assert "consistent" in [f.verdict for f in found]
