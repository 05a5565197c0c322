"""Statement × claim, slot by slot; and claim × claim, for the members of a group.

Numbers and dates are compared by the tolerance model in quantities; places by name,
with directions normalised ("eastern China" is "East China"); ranks by position;
organisations, people and plain text only confirm (a name that is absent proves nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.config import Tolerance
from verifier.models import (
    Claim,
    DateValue,
    OrganizationValue,
    PersonValue,
    PlaceValue,
    QuantityValue,
    RankValue,
    TextValue,
)
from verifier.statements import Statement
from verifier.text import content_words, normal, words
from verifier.values import compare, describe

# The tag of claims that each name one member of a list-valued property.
SET_VALUED = "set-valued"


@dataclass(frozen=True)
class SlotResult:
    agree: bool | None
    stated: str  # the statement's wording of the value ("about 60 million")
    detail: str = ""
    weak: bool = False  # agrees only as a coarser wording ("China" for "southwest China")


_DIRECTIONS = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west",
    "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
    "southwestern": "southwest", "north-east": "northeast", "north-west": "northwest",
    "south-east": "southeast", "south-west": "southwest",
}  # fmt: skip
_TITLE_WORDS = frozenset(
    """deputy director vice mayor governor secretary senior chief executive consultant officer analyst
    president minister chair chairman chairwoman head manager founder assistant associate general
    commissioner adviser advisor professor spokesperson spokesman coordinator lead principal""".split()
)


def place_words(name: str) -> list[str]:
    text = re.sub(r"\b(north|south)[- ](east|west)", r"\1\2", name, flags=re.IGNORECASE)
    return [_DIRECTIONS.get(w, w) for w in words(text) if w not in ("the", "coastal", "province")]


def _value_names(value) -> list[str]:
    return [value.name, *value.aliases]


def compare_statement(stmt: Statement, claim: Claim, tol: Tolerance) -> SlotResult | None:
    """How the statement's value for this claim's slot compares; None if it states none."""
    value = claim.value
    if isinstance(value, QuantityValue | DateValue):
        return _compare_number(stmt, claim, tol)
    if isinstance(value, RankValue):
        ranks = stmt.ranks
        return (
            SlotResult(ranks[0].rank == value.rank, stmt.text[ranks[0].start : ranks[0].end])
            if ranks
            else None
        )
    if isinstance(value, PlaceValue):
        return _compare_place(stmt, value)
    if isinstance(value, PersonValue) and value.role:
        return _compare_role(stmt, value)
    if isinstance(value, PersonValue | OrganizationValue):
        return _confirm_names(stmt, _value_names(value))
    if isinstance(value, TextValue):
        return _confirm_names(stmt, [value.text])
    return None


def _compare_number(stmt: Statement, claim: Claim, tol: Tolerance) -> SlotResult | None:
    kind = type(claim.value)
    comparable = []
    for m in stmt.values:
        if isinstance(m.value, kind):
            result = compare(m.value, claim.value, tol)
            if result.agree is not None:
                comparable.append((m, result))
    if not comparable:
        return None
    m, result = max(comparable, key=lambda mr: _context_overlap(stmt.text, mr[0], claim))
    return SlotResult(result.agree, m.text, result.detail, weak=_other_noun(m.value, claim.value))


def _other_noun(stated, claimed) -> bool:
    """'80 turbines' against '300 people' counts other things: weak evidence of the same fact."""
    a, b = getattr(stated, "noun", None), getattr(claimed, "noun", None)
    return bool(a and b) and not (set(content_words(a)) & set(content_words(b)))


def _context_overlap(text: str, mention, claim: Claim) -> tuple[int, int]:
    """How many of the claim's words stand near the mention: picks the right number of several."""
    window = text[max(0, mention.start - 60) : mention.end + 60]
    claim_words = set(content_words(claim.statement)) | set(claim.property.split("_"))
    return len(claim_words & set(content_words(window))), -mention.start


def _compare_place(stmt: Statement, value: PlaceValue) -> SlotResult | None:
    subject_spans = {normal(" ".join(words(stmt.text)[h.start : h.end])) for h in stmt.subjects}
    claimed = [place_words(n) for n in _value_names(value)]
    candidates = [p for p in stmt.places if normal(p.name) not in subject_spans]
    for place in candidates:
        stated = place_words(place.name)
        if any(set(c) <= set(stated) for c in claimed):
            return SlotResult(True, place.name)
        if any(set(stated) < set(c) for c in claimed):
            return SlotResult(True, place.name, weak=True)
    if candidates:
        return SlotResult(False, candidates[0].name)
    return None


def _compare_role(stmt: Statement, value: PersonValue) -> SlotResult | None:
    stated_titles = [w for w in words(stmt.text) if w in _TITLE_WORDS]
    if not stated_titles:
        return _confirm_names(stmt, _value_names(value))
    claimed_titles = [w for w in words(value.role or "") if w in _TITLE_WORDS]
    stated = " ".join(w.capitalize() for w in stated_titles)
    return SlotResult(set(stated_titles) == set(claimed_titles), stated)


def _confirm_names(stmt: Statement, names: list[str]) -> SlotResult | None:
    text = f" {normal(stmt.text)} "
    for name in names:
        if f" {normal(name)} " in text:
            return SlotResult(True, name)
    return None


def claims_agree(a: Claim, b: Claim, tol: Tolerance) -> bool | None:
    """Whether two members of a group state the same thing; None when they cannot be compared."""
    if SET_VALUED in a.tags or SET_VALUED in b.tags:
        return None  # one member each of a list (partners, members): no conflict
    va, vb = a.value, b.value
    if isinstance(va, PlaceValue) and isinstance(vb, PlaceValue):
        wa, wb = set(place_words(va.name)), set(place_words(vb.name))
        return wa <= wb or wb <= wa
    if isinstance(va, OrganizationValue | PersonValue | TextValue):
        return None  # several partners or speakers are no conflict
    return compare(va, vb, tol).agree


def same_time(a: Claim, b: Claim) -> bool:
    """Figures for different dates do not conflict: each holds at its own as_of."""
    return a.as_of is None or b.as_of is None or a.as_of == b.as_of


def describe_claim_value(claim: Claim) -> str:
    return describe(claim.value)
