"""Which of a sentence's candidate groups hold figures of the kind the sentence states, before any
is compared: a group of another kind differs from the sentence's figure without either being
wrong, so comparing them could only give a false verdict.

- A change over another baseline: "rose 0.6% compared with the previous quarter" is no
  year-on-year change (parsing/baselines.py).
- A count of those who did something else: "five members voted for" is not the count of those who
  abstained (parsing/partitives.py).
- Another measure of the same subject: "Tarnland's exports rose 2.5%" is not its imports' change,
  where the subject has a group of exports too.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from verifier.common.lexicon import date_cue_patterns, figure_cue_patterns, lexicon
from verifier.common.text import words
from verifier.matching.index import Index
from verifier.models import DateValue, Period
from verifier.parsing.baselines import property_baseline, stated_baselines
from verifier.parsing.dates import date_range, year_before
from verifier.parsing.partitives import verb_of
from verifier.parsing.statements import Statement

_LEX = lexicon()
_SPECIFIC = frozenset(w for w in _LEX.measures if w not in _LEX.generic_measures)
# properties a sentence must name by a cue word to state a figure of: "killed", "died" for deaths
_SAID = {c.property: figure_cue_patterns()[c.property] for c in _LEX.figure_cues if c.said}
_CUED = frozenset(c.property for c in _LEX.figure_cues)
# the date of an event a cue names ("since 2019": `start_date`) answers a sentence stating a figure only
# with that cue: "carried 101.6 million trips in 2025" says nothing of when anything started
_DATED = date_cue_patterns()

Key = tuple[str, str]


def same_kind(stmt: Statement, candidates: dict[Key, list[int]],
              index: Index | None = None) -> dict[Key, list[int]]:
    """The candidate groups whose property fits the sentence's baseline, verb and measure."""
    stated = stated_baselines(stmt.text)
    if index is not None and not stated and (base := _dated_baseline(stmt)) is not None:
        # "compared with the fourth quarter of 2023": of each group, the kind its own period makes it
        candidates = {k: v for k, v in candidates.items()
                      if property_baseline(k[1]) in (None, _kind_from(base, index.claims[v[0]].period))}
    measures = _measures(tuple(words(stmt.text)))
    said = {k[1]: _says_verb(stmt.text, k[1]) for k in candidates}
    counts = any(m.value.kind == "quantity" for m in stmt.values)
    measured = {k for k in candidates if _property_measures(k[1]) & measures}
    # "Two board members abstained", where the source counts those who abstained: not the total
    parts = {prop.split("_")[0] for prop, ok in said.items() if ok and verb_of(prop)}
    return {k: v for k, v in candidates.items()
            if (not stated or property_baseline(k[1]) in (None, *stated))
            and said[k[1]] and (k[1] not in _SAID or _SAID[k[1]].search(stmt.text))
            and (not counts or k[1] not in _DATED or _DATED[k[1]].search(stmt.text))
            and not (measured and k not in measured and _property_measures(k[1]))
            and not any(_total_of(k[1], noun) for noun in parts)}


_COMPARED_WITH = re.compile(r"(?i:\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?)$")


def _dated_baseline(stmt: Statement) -> DateValue | None:
    """The date a change is compared with, where the sentence names one: "compared with March 2024"."""
    return next((m.value for m in stmt.values if _is_dated_baseline(stmt, m)), None)


def _is_dated_baseline(stmt: Statement, m) -> bool:
    return isinstance(m.value, DateValue) and _COMPARED_WITH.search(stmt.text, max(0, m.start - 30), m.start)


def baseline_checked(stmt: Statement, m, claims: list) -> bool:
    """Whether the date `m` is the baseline a matched claim's change is over: "compared with the
    second quarter of 2024" against a year-on-year change of the second quarter of 2025."""
    return bool(_is_dated_baseline(stmt, m)) and any(
        (kind := property_baseline(c.property)) is not None and kind == _kind_from(m.value, c.period)
        for c in claims)


def _kind_from(base: DateValue, period: Period | None) -> str | None:
    """The baseline kind a dated baseline is for a figure of `period`: the same span a year before
    is "year", the span just before is "period <unit>" (quarter, month); else unknown (None)."""
    if period is None:
        return None
    before = year_before(DateValue(date=period.start, end=period.end if period.end != period.start else None))
    if before is not None and date_range(before) == date_range(base):
        return "year"
    start, end = date_range(DateValue(date=period.start, end=period.end))
    b0, b1 = date_range(base)
    days = (end - start).days
    if b1 + timedelta(days=1) == start and abs((b1 - b0).days - days) <= 3:
        return "period quarter" if 85 <= days <= 95 else "period month" if 27 <= days <= 31 else None
    return None


def _total_of(prop: str, noun: str) -> bool:
    """Whether a property counts the whole group a partitive count is part of ("member_count")."""
    return prop in (f"number_of_{noun}", f"{noun.removesuffix('s')}_count", f"{noun}_count")


def _says_verb(text: str, prop: str) -> bool:
    """ "members_voted_for" fits only a sentence that says "voted for"; a property the lexicon's
    cues name ("funds_raised", cued by "raised" or "donations") is no partitive count."""
    verb = verb_of(prop) if prop not in _CUED else None
    return verb is None or bool(re.search(r"\b" + verb.replace(" ", r"\s+") + r"\b", text, re.IGNORECASE))


@lru_cache(maxsize=4096)
def _property_measures(prop: str) -> frozenset[str]:
    """The specific measures a property names: every candidate group of every sentence asks."""
    return _measures(tuple(prop.split("_")))


def _measures(tokens: tuple[str, ...]) -> frozenset[str]:
    """The specific measures among words ("exports", "gdp"), in the singular and the plural."""
    out = set()
    for w in map(str.lower, tokens):
        if w in _SPECIFIC or w.endswith("s") and w[:-1] in _SPECIFIC:
            out.add(w[:-1] if w not in _SPECIFIC else w)
    return frozenset(out)
