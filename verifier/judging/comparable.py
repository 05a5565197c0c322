"""Which of a sentence's values can be compared with a claim's value at all, and as what: a
reference or a time reference is no figure; a rate compares only with a rate of the same
denominator; a percentage worded as a change only with a change; a multiplier only with one of the
same thing; a change with its direction ("fell 0.7%" is "-0.7%"); a figure the source gives for a
place only with a sentence that names the place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import content_words, normal
from verifier.matching.index import Index
from verifier.models import Claim, QuantityValue, Tolerance
from verifier.parsing.dates import MONTHS, baseline_before
from verifier.parsing.direction import Direction, directed, direction, signed_only
from verifier.parsing.quantities import Mention, find_values
from verifier.parsing.statements import Statement
from verifier.parsing.tolerance import Comparison, compare
from verifier.parsing.units import base, measure
from verifier.parsing.wording import AIM, GAP_WORDED, SIGNED_ONLY
from verifier.parsing.wording import GAP_WORD as _GAP_WORD
from verifier.parsing.wording import aim_worded as _aim


def number_options(stmt: Statement, claim: Claim, tol: Tolerance) -> list[Mention]:
    """The sentence's numbers (or dates) that can be compared with this claim's value at all."""
    kind = type(claim.value)
    rate = isinstance(claim.value, QuantityValue) and (claim.value.unit or "").startswith("per ")
    out = []
    for m in stmt.values:
        if not isinstance(m.value, kind):
            continue
        quantity = isinstance(m.value, QuantityValue)
        blocked, per, percent = _mention_reading(stmt.text, m.start, m.end, quantity)
        if blocked or (per and not rate and not _same_denominator(stmt, m, claim)):
            continue
        if quantity and _ratio(m.value) and _ratio(claim.value) and not _same_ratio(stmt.text, m, claim):
            continue
        if quantity and _gap(stmt.text, m.end) != _claim_gap(claim):
            continue  # "nine years below the average" is no life expectancy of nine years, nor "above" it
        if percent and m.value.unit == "percent":
            claimed = _claimed_percent_kind(claim.source.quote, claim.value.amount)
            if claimed and claimed != percent:
                continue
        if compare_directed(stmt, m, claim, tol).agree is not None:
            out.append(m)
    if out and _claim_aim(claim) != _aim(stmt.text, ""):
        return []  # "a target of 30,000 students by 2030" is no count of today's students, nor the reverse
    if out and _claim_aim(claim):
        # and an aim only with a figure its own words give as one: in "will buy up to 25 megalitres a
        # day ..., at an expected cost of £2.1 million" the cost is expected, the megalitres are not
        out = [m for m in out if _aim(_own_words(stmt, m), "")]
    return out


def _own_words(stmt: Statement, m: Mention) -> str:
    """The words that say what the figure at `m` is: back to the figure before it, and three after."""
    start = max((v.end for v in stmt.values if v.end <= m.start and isinstance(v.value, QuantityValue)),
                default=0)
    return stmt.text[start:m.start] + " ".join(stmt.text[m.end:].split()[:3])


def measures_compared(stmt: Statement) -> frozenset[tuple] | None:
    """The units and currencies (units.measure) of the sentence's quantities, which a quantity claim
    must share with one of them to give number_options anything; None where one of them has a
    direction, which can disagree with a change the other way in any unit (see compare_directed)."""
    out = set()
    for m in stmt.values:
        if isinstance(m.value, QuantityValue):
            if direction(stmt.text, m.start, m.end, m.value.amount) is not None:
                return None
            out.add(measure(m.value))
    return frozenset(out)


def may_compare(index: Index, idx: int, measures: frozenset[tuple] | None) -> bool:
    """False only where number_options must find nothing: a quantity claim (its measure read from the
    index's columns, without building its value) in a unit or currency no quantity of the sentence has."""
    found = None if measures is None else index.measure_of(idx)
    return found is None or found in measures


_PERCENTS = {"percent", "percentage point"}


def _points_for_percent(stated: QuantityValue, claimed: QuantityValue) -> Comparison | None:
    """ "rose by 19 percentage points" where the source says "rose 19%", or the other way round: the
    source's own figure in the other unit, a misreading of it, so the two cannot both be true. Any
    other figure in the other unit may be (+5 points can be +19%), and is not compared."""
    units = [base(v)[0] for v in (stated, claimed)]
    if set(units) != _PERCENTS or stated.amount != claimed.amount or stated.scale or claimed.scale:
        return None
    return Comparison(False, f"{stated.amount:g} {units[0]}s is not {claimed.amount:g} {units[1]}: "
                             "percentage points are no percentage", False)


def compare_directed(stmt: Statement, m: Mention, claim: Claim, tol: Tolerance) -> Comparison:
    """The stated value against the claimed one, a change's direction taken into account: "fell
    0.7%" is the claim's "-0.7%"; a rise never agrees with a fall, whatever bounds either has ("fell
    by more than 1%" against "rose 2%")."""
    if not (isinstance(m.value, QuantityValue) and isinstance(claim.value, QuantityValue)):
        return compare(m.value, claim.value, tol)
    if (misread := _points_for_percent(m.value, claim.value)) is not None:
        return misread
    mine = direction(stmt.text, m.start, m.end, m.value.amount)
    if mine is None and "_change" in claim.property and not _CHANGE_WORD.search(_own_words(stmt, m)) \
            and not baseline_before(stmt.text, m.start):
        # "the vacancy rate was 2%" against the source's "up 2% on 2024": a level is no change (but
        # "rose 2.1%, after 1.3%" gives a change's baseline: a change too)
        return Comparison(None, "a level against a change", False)
    if mine is None:  # as read: the claim's own direction (its quote parsed) is not needed
        return compare(m.value, claim.value, tol)
    theirs = _claim_direction(claim)
    if theirs is None and not _speaks_of_change(claim.property, claim.source.quote, claim.value.amount) \
            and not _PARTICLE.search(stmt.text, max(0, m.start - 60), m.start):
        # "the rate rose 0.4%" against the source's "the rate was 5.2%": a change is no level
        return Comparison(None, f"a change {mine} against a level", False)
    if {mine, theirs} == {"up", "down"} and (m.value.amount or claim.value.amount):
        return Comparison(False, f"a change {mine} against one the other way", False)
    return compare(*directed(m.value, mine, claim.value, theirs), tol)


# the words of a change, which the source may give with no direction ("GDP growth was 1.2%"): of a
# rise or a fall, and "change", which names one without its direction
_CHANGES = lexicon().change_verbs | lexicon().rises_after | lexicon().falls_after \
    | {"change", "changes", "changed"}
_CHANGE_WORD = re.compile(rf"(?i)\b(?:{'|'.join(sorted(map(re.escape, _CHANGES), key=len, reverse=True))})\b")


# "put up 5,911 turbines", "made up 23% of the total": "up" the particle of a verb, no change; "was up
# 4%", ", up 4%" are changes
_PARTICLE = re.compile(r"\b(?!(?:was|were|is|are|been|be|being|and|or|but|now|still|also|sharply|slightly)\b)"
                       r"[a-z]+\s+(?:up|down)\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|just|over)\s+)?"
                       r"[$€£]?$")


@lru_cache(maxsize=16384)
def _speaks_of_change(prop: str, quote: str, amount: float | None = None) -> bool:
    """Whether a claim may be a change: its property or its source words say one, unless its figure
    is where the change started or ended ("fell from 118 to 109 posts": 109 is a level)."""
    if "change" in prop or _CHANGE_WORD.search(prop.replace("_", " ")):
        return True
    return bool(_CHANGE_WORD.search(quote)) and not _end_point(quote, amount)


# "fell from 118 to 109", "rose to 4.2%": a figure the change started from or reached
_END_POINT = re.compile(r"\b(?:from|to)\s+(?:(?:about|around|nearly|almost|some|just|over|under)\s+)?[$€£]?$")


@lru_cache(maxsize=16384)
def _end_point(quote: str, amount: float | None) -> bool:
    return amount is not None and any(isinstance(m.value, QuantityValue) and m.value.amount == amount
                                      and _END_POINT.search(quote, 0, m.start) for m in quote_mentions(quote))


# "increased 6 percent in the upper 100 meters of the Pacific Ocean": a place right after a figure
# scopes it ("in" and up to five lower-case words, then a capitalised name).
_PLACE_AFTER = re.compile(r"\s+in\s+(?:the\s+)?(?:[a-z0-9-]+\s+){0,5}"
                          r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


_MONTH_NAMES = frozenset(m.lower() for m in MONTHS) | frozenset(m.lower()[:3] for m in MONTHS)


def elsewhere(sentence: str, quote: str, value, subject_names: list[str] = ()) -> bool:
    """Whether a figure is, in the source words `quote`, of a place the sentence does not name
    (nor the claim's subject): a figure for one sea is no figure for the world's oceans."""
    place = _figure_place(quote, getattr(value, "amount", None))
    if place is None:
        return False
    place = normal(place)
    return place not in normal(sentence) and not any(normal(n) in place for n in subject_names)


@lru_cache(maxsize=65536)
def _figure_place(quote: str, amount) -> str | None:
    if not _PLACE_AFTER.search(quote):  # no place follows any figure: the quote need not be parsed
        return None
    for m in quote_mentions(quote):
        if isinstance(m.value, QuantityValue) and m.value.amount == amount:
            found = _PLACE_AFTER.match(quote, m.end)
            place = found["place"] if found else None
            return None if place is None or place.split()[0].lower() in _MONTH_NAMES else place
    return None


@lru_cache(maxsize=65536)
def quote_mentions(quote: str) -> tuple[Mention, ...]:
    """The values of a claim's source words, parsed once however many sentences ask."""
    return tuple(find_values(quote))


_LEX = lexicon()
# the figure's unit words, never a verb ("5.2% was above the average" is a level compared, no gap)
_NO_UNIT = r"(?!(?:is|was|are|were|stood|stands|remained|remains|came|sat)\b)"
_GAP = re.compile(rf"\s*(?:{_NO_UNIT}[a-z%]+\s+){{0,2}}?"
                  rf"(?P<way>{_LEX.alternation('gap_words')})\s+"
                  r"(?:the|a|an|its|their|this|that|those|these|our|[A-Z0-9])\b")
_BELOW = frozenset({"below", "behind", "short of", "beneath"})


@lru_cache(maxsize=65536)
def _gap(text: str, end: int) -> str | None:
    """Which way the figure ending at `end` is a gap from a reference ("nine years below the
    average": below), or None when it is no gap."""
    found = _GAP.match(text, end)
    return None if found is None else ("below" if found["way"].lower() in _BELOW else "above")


def _claim_aim(claim: Claim) -> bool:
    """Whether the claim's own words speak of an aim (see _aim): from the index's column for a
    candidate (every one is asked), so that it is not decoded to read its quote."""
    flags = getattr(claim, "quote_flags", 0)
    return bool(flags & AIM) if flags else _aim(claim.source.quote, claim.property)


def _claim_gap(claim: Claim) -> str | None:
    """The claim's own gap (see _claimed_gap); a candidate whose quote holds no gap word, as the
    index's column says, has none."""
    flags = getattr(claim, "quote_flags", 0)
    if flags and not flags & GAP_WORDED:
        return None
    return _claimed_gap(claim.source.quote, claim.value.amount)


@lru_cache(maxsize=16384)
def _claimed_gap(quote: str, amount: float) -> str | None:
    if not _GAP_WORD.search(quote):  # no gap worded anywhere: the quote need not be parsed (most have none)
        return None
    found = next((f for f in quote_mentions(quote) if isinstance(f.value, QuantityValue)
                  and abs(f.value.amount) == abs(amount)), None)
    return None if found is None else _gap(quote, found.end)


# "£17.5 million for a new medical school": what the sentence says the figure is for, up to the
# next comma or a word that starts another phrase.
_PURPOSE = re.compile(r"\s+for\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<what>[A-Za-z][\w'’-]*"
                      r"(?:\s+(?!(?:and|or|in|at|on|by|to|from|with|that|which|who|since|until|after|before|"
                      r"over|during|per)\b)[A-Za-z][\w'’-]*){0,4})")


def purpose_unsaid(text: str, m: Mention, claim: Claim) -> str | None:
    """What the sentence says its figure is for ("for a new medical school") where the claim's
    source words do not say it: the source's equal figure then supports the amount, not the
    purpose. None where the sentence gives no purpose, or a time ("for 30 days", "for the year")."""
    after = text[m.end:]
    noun = getattr(m.value, "noun", None) or ""
    if noun and after.lstrip().lower().startswith(noun.lower()):
        after = after[after.lower().index(noun.lower()) + len(noun):]
    found = _PURPOSE.match(after)
    if found is None or re.search(r"\d", found["what"]):
        return None
    said = content_words(found["what"])
    if not said or said[-1] in _LEX.time_nouns or said[-1] + "s" in _LEX.time_nouns:
        return None  # "for the first quarter", "for each year": a time, not a purpose ("a day centre" is one)
    # the claim's own words and the words right after them, not its whole sentence: "donors gave €1
    # million for a new hospice" says nothing of what the €3 million beside it was for
    known = claim_words(f"{claim.source.quote} {claim.source.suffix or ''}", claim.property)
    return None if all(w in known for w in said) else f"for {found['what']}"


@lru_cache(maxsize=65536)
def claim_words(statement: str, prop: str) -> frozenset[str]:
    """The content words of a claim's source sentence and of its property."""
    return frozenset(content_words(statement)) | frozenset(content_words(prop.replace("_", " ")))


def _ratio(value) -> bool:
    return isinstance(value, QuantityValue) and (value.noun or "").lower() == "times"


def _same_ratio(text: str, m: Mention, claim: Claim) -> bool:
    """Two multipliers ("86 times over", "four times the carbon released") compare only when what
    follows them shares a word: a ratio of other things is another figure, as a rank of another
    scope is another rank."""
    mine = _after_times(text, m.end)
    for found in quote_mentions(claim.source.quote):
        if _ratio(found.value) and found.value.amount == claim.value.amount:
            return bool(mine & _after_times(claim.source.quote, found.end))
    return True  # the quote does not word it: as before


def _after_times(text: str, end: int) -> set[str]:
    after = re.match(r"\s+times\b(.{0,60})", text[end:])
    return set(content_words(after[1])[:5]) if after else set()


def opposite_ways(sentence: str, m: Mention, quote: str, value) -> bool:
    """Whether the sentence's figure and the same figure in a quote go opposite ways."""
    if not (isinstance(m.value, QuantityValue) and isinstance(value, QuantityValue)):
        return False
    mine = direction(sentence, m.start, m.end, m.value.amount)
    return mine is not None and {mine, _claimed_direction(quote, value.amount)} == {"up", "down"}


def opposite_directions(stmt: Statement, m: Mention, claim: Claim) -> bool:
    """Whether the sentence's change and the claim's go opposite ways ("rose 0.6%", "fell by 0.6%")."""
    return opposite_ways(stmt.text, m, claim.source.quote, claim.value)


def _claim_direction(claim: Claim) -> Direction:
    """The claim's own direction (see _claimed_direction); a candidate whose quote has no word of a
    change, as the index's column says, goes by its sign without being decoded."""
    flags = getattr(claim, "quote_flags", 0)
    if flags and flags & SIGNED_ONLY:
        return "down" if claim.value.amount < 0 else None
    return _claimed_direction(claim.source.quote, claim.value.amount)


@lru_cache(maxsize=16384)  # a claim is a candidate for several of a sentence's numbers
def _claimed_direction(quote: str, amount: float) -> Direction:
    """The direction the claim's own source words give its figure."""
    if amount < 0 or signed_only(quote):  # as below, without parsing the quote: by the sign alone
        return "down" if amount < 0 else None
    for found in quote_mentions(quote):
        if isinstance(found.value, QuantityValue) and abs(found.value.amount) == abs(amount):
            return direction(quote, found.start, found.end, amount)
    return "down" if amount < 0 else None


@lru_cache(maxsize=16384)
def _mention_reading(text: str, start: int, end: int, quantity: bool) -> tuple[bool, bool, str | None]:
    """How a value of the sentence reads, once per value (every candidate claim asks): whether it
    is no figure at all (a reference, a numerator, a time reference), whether a rate's denominator
    follows it, and whether a percentage is worded as a change or a share."""
    blocked = bool(_REFERENCE.search(text, max(0, start - 12), start)) or bool(_FRACTION.match(text, end))
    if quantity:
        ago = _AGO_AFTER.match(text, end)
        blocked = blocked or bool(_TIME_BEFORE.search(text, max(0, start - 12), start) or ago)
    per = quantity and bool(_PER.match(text, end))
    return blocked, per, _percent_kind(text, start, end) if quantity else None


# "252 million years ago", "the last 1000 years", "the past 10 years": a duration that places a
# time, not a figure of the subject; compared with nothing (a claim's own words may state it).
_TIME_BEFORE = re.compile(r"(?i:\b(?:last|past|previous|next|coming|recent)\s+)$")
_AGO_AFTER = re.compile(r"(?i:\s+(?:years?|decades?|centuries|months?|weeks?|days?)\s+ago\b|\s+ago\b)")


# A percentage is a change ("rose by 16%", "8% higher") or a share ("50% of its surface"); a change
# is never compared with a share. Unmarked wording compares with either; "up from 64%" and "rose
# to 9%" are levels.
_CHANGE_BEFORE = re.compile(
    r"(?i:\b(?:increase[sd]?|increasing|rose|rise[sn]?|rising|gr[eo]w[sn]?|growing|gain(?:ed|s)?|fell|"
    r"fall(?:s|en|ing)?|drop(?:ped|s)?|declin(?:ed|es?|ing)|decrease[sd]?|cut|cuts|reduc(?:e[sd]?|ing)|"
    r"climb(?:ed|s)?|jump(?:ed|s)?|slid|soar(?:ed|s)?|up|down)\s+(?:by\s+)?(?:(?!from\b|to\b)\w+\s+)?)$"
)
_CHANGE_AFTER = re.compile(
    r"(?i:\s+(?:higher|lower|more|less|increase|rise|growth|drop|decline|decrease|up|down)\b)"
)
_SHARE_AFTER = re.compile(r"\s+of\b")


def _percent_kind(text: str, start: int, end: int) -> str | None:
    if _SHARE_AFTER.match(text, end):  # "made up 20% of", "fell to 9% of": a share, whatever came before
        return "share"
    if _CHANGE_BEFORE.search(text, max(0, start - 40), start) or _CHANGE_AFTER.match(text, end):
        return "change"
    return None


@lru_cache(maxsize=65536)
def _claimed_percent_kind(quote: str, amount: float) -> str | None:
    """How the claim's own source span words its percentage."""
    for found in quote_mentions(quote):
        if isinstance(found.value, QuantityValue) and found.value.amount == amount:
            return _percent_kind(quote, found.start, found.end)
    return None


def is_reference(stmt: Statement, m: Mention) -> bool:
    """A page, figure or table number ("p. 44"): a pointer, not a figure; and the numerator of a
    fraction in words ("two-thirds"), which is no count of its own."""
    return bool(_REFERENCE.search(stmt.text, max(0, m.start - 12), m.start)) or bool(
        _FRACTION.match(stmt.text, m.end)
    )


_FRACTION = re.compile(r"[-\s](?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?|halves)\b", re.IGNORECASE)


# "21.4 persons per square kilometre", "$40 per household", "$155/MMBtu": a rate, whatever the
# reader made of its number, is compared only with rates (or a claim whose own words give the
# same denominator), never with a count or a total.
_PER = re.compile(r"\s*(?:[a-z]+\s+)?per\s+(?:square\s+)?(?:[a-z]+|\d[\d,.]*\s)|\s*/\s*[a-zA-Z]")


_DENOMINATOR = re.compile(r"\s*(?:[a-z]+\s+)?(?:per\s+(?:square\s+)?|/\s*)([A-Za-z]+)")


def _same_denominator(stmt: Statement, m: Mention, claim: Claim) -> bool:
    """A rate the claim's own source words give with the same denominator ("$155/MMBtu"), though the
    claim's value does not carry it."""
    found = _DENOMINATOR.match(stmt.text, m.end)
    if not found:
        return False
    quote, unit = claim.source.quote.lower(), found[1].lower()
    return f"/{unit}" in quote.replace(" ", "") or f"per {unit}" in quote


# A page, figure or table number is a reference, not a figure: "p. 44" is not compared with anything.
_REFERENCE = re.compile(r"(?i:\b(?:pp?\.|pages?|fig\.|figure|table|vol\.|volume|ch\.)\s*|§\s*)$")
