"""What a single figure is called: the property its verb, its cue words, its own measure words or
its noun name ("fell by 9%" of deaths: `deaths_change`; "a vacancy rate of 3.1%": `vacancy_rate`;
"48 turbines": `number_of_turbines`). figures.py names figures against one another.
"""

from __future__ import annotations

import re

from verifier.common.lexicon import lexicon
from verifier.common.text import STOPWORDS
from verifier.extraction import names
from verifier.extraction.figure_times import takes_figure
from verifier.extraction.patterns import dateline_end
from verifier.models import DateValue, QuantityValue
from verifier.parsing.partitives import partitive_property
from verifier.parsing.quantities import Mention

_LEX = lexicon()
# Figure cues first, then date cues: extract tells the two apart by position.
_PROPERTY_CUES = [(c.cue, c.property) for c in (*_LEX.figure_cues, *_LEX.date_cues)]
_CUES = [(re.compile(rx, re.IGNORECASE), prop) for rx, prop in _PROPERTY_CUES]
_HOLDS = {c.property: c.holds for c in _LEX.figure_cues}
_PEOPLE = _LEX.people_words


def _holds(prop: str, value) -> bool:
    """Whether a cue's property can hold the value: "members" names no property of "2,940 GWh"."""
    holds = _HOLDS.get(prop, "any")
    if holds == "any" or not isinstance(value, QuantityValue):
        return True
    if holds == "count":  # or a rate of the count: "312 admissions per 100,000 people"
        return not value.currency and (not value.unit or value.unit.startswith("per "))
    if holds == "people":  # "residents reported 412 potholes": no count of residents
        return not (value.currency or value.unit) and (not value.noun or value.noun in _PEOPLE)
    if holds == "percent":
        return value.unit in ("percent", "percentage points")
    return bool(value.currency) or holds == "money" and value.unit == "percent"


_DATE_PROPS = {c.property for c in _LEX.date_cues}
# "output rose 12%", "revenue was up 5%": the figure is a change of the noun before the verb.
CHANGE_BEFORE = re.compile(r"\b(?:rose|risen|fell|fallen|increased|decreased|grew|grown|dropped|declined"
                           r"|jumped|climbed|surged|slipped|plunged|soared|gained|lost|added|shed"
                           r"|(?:was|were|is|are)\s+(?:up|down))"
                           r"(?:\s+by)?\s+(?:(?:about|around|nearly|almost|some|more than|over|just"
                           r"|roughly)\s+)?$",
                           re.IGNORECASE)
_NOT_WHAT = {"", "it", "they", "this", "that", "which", "who", "has", "have", "had", "and", "then", "also"}
_UNIT_PROPS = _LEX.unit_properties
GENERIC_PROPS = {"count", "amount", *_UNIT_PROPS.values()}  # what a figure is called with no cue of its own


def ends(rx: re.Pattern, text: str, pos: int, reach: int) -> re.Match | None:
    """`rx` (anchored with $) ending at `pos`, looked for only in the `reach` characters before it:
    every cue it names is that short, and a search from the sentence's start for each of its values
    made a long sentence quadratic. Word boundaries still see the text before the window."""
    return rx.search(text, max(0, pos - reach), pos)


def after_previous(mentions: list[Mention], m: Mention) -> int:
    """Where the value before `m` ends (0: none): a cue past it is that value's, not m's."""
    return max([x.end for x in mentions if x.end <= m.start], default=0)


def value_property(sentence: str, m: Mention, mentions: list[Mention]) -> str:
    """The verb or cue nearest the value within its stretch of the sentence; else what it counts."""
    is_date = isinstance(m.value, DateValue)
    if is_date and m.start < dateline_end(sentence):
        return "announcement_date"
    noun = getattr(m.value, "noun", None)
    if not is_date and (prop := _verb_property(sentence, m)):
        return prop
    for rx, prop in _CUES:
        if noun and not is_date and prop not in _DATE_PROPS and rx.fullmatch(noun) and _holds(prop, m.value):
            return prop
    # a bare count, or one whose "noun" is the verb after it ("...; two abstained.")
    bare = not (is_date or m.value.unit or m.value.currency) and (not noun or noun.endswith("ed"))
    if bare and (prop := partitive_property(sentence, m.end)):
        return prop
    if prop := _nearest_cue(sentence, m, mentions, is_date):
        return prop
    if is_date:
        return "date"
    if prop := _named_measure(sentence, m, mentions):
        return prop
    unit = m.value.unit or ("amount" if m.value.currency else None)
    if unit:
        return _UNIT_PROPS.get(unit, unit)
    return f"number_of_{names.snake(noun)}" if noun else "count"


# "hold the policy rate at 4.25%", "a vacancy rate of 3.1%": a measure named by its own words right
# before the figure; a bare "the rate" names none
_MEASURE_BEFORE = re.compile(r"\b(?P<mod>[A-Za-z][a-z-]+)\s+(?P<head>[a-z]+)\s+(?:of|at|was|is|were|are"
                             r"|stood\s+at|remained\s+at|reached|to|fell\s+to|rose\s+to)\s+(?:[a-z]+\s+){0,2}?"
                             r"[$€£+−-]?$")


def _named_measure(sentence: str, m: Mention, mentions: list[Mention]) -> str | None:
    lo = after_previous(mentions, m)
    found = _MEASURE_BEFORE.search(sentence, lo, m.start)
    if found is None or not _LEX.is_measure(found["head"]):
        return _money_of(sentence, m, lo)
    mod = found["mod"].lower()
    if mod in _LEX.plain_modifiers:
        return found["head"]  # "Total income was £512 million": the income
    if mod in STOPWORDS or _LEX.is_measure(mod) and mod in _LEX.generic_measures:
        return _money_of(sentence, m, lo)
    return f"{mod}_{found['head']}"


# "an operating surplus of £14.1 million", "its deficit of $2 million": a sum named by the noun it is of
_MONEY_OF = re.compile(r"\b(?P<head>[a-z]{3,})\s+of\s+(?:(?:about|around|nearly|almost|some|just|roughly"
                       r"|more\s+than|over|up\s+to|at\s+least)\s+)?[$€£]?$")


def _money_of(sentence: str, m: Mention, lo: int) -> str | None:
    """The noun a sum of money is "of", where it is no generic one ("a total of", "a value of")."""
    if not m.value.currency or m.value.unit:
        return None
    found = _MONEY_OF.search(sentence, lo, m.start)
    if found is None or found["head"] in STOPWORDS or found["head"] in _LEX.generic_measures \
            or found["head"].endswith(("ing", "ed", "ly")):
        return None
    return found["head"]


_NEXT_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas)\b|;")


def _nearest_cue(sentence: str, m: Mention, mentions: list[Mention], is_date: bool) -> str | None:
    lo = after_previous(mentions, m)
    hi = min([x.start for x in mentions if x.start >= m.end], default=len(sentence))
    if getattr(m.value, "noun", None):  # "48 turbines and a capacity of": that cue is the next figure's
        hi = min(hi, names.clause(sentence, m.start, m.end)[1])
    # "to €412.6 million, and net profit was €27.9 million": a cue past a comma is the next clause's
    hi = min(hi, next((m.end + k.start() for k in _NEXT_CLAUSE.finditer(sentence[m.end:hi])), hi))
    best: tuple[int, str] | None = None
    # "63 in 2024 and the lowest since county records began in 1979": a cue between two dates is
    # the later one's
    date_next = any(x.start == hi and isinstance(x.value, DateValue) for x in mentions)
    for rx, prop in _CUES:
        if (prop in _DATE_PROPS) != is_date or not _holds(prop, m.value):
            continue
        for cue in rx.finditer(sentence, lo, hi):
            if is_date and takes_figure(sentence, cue.end(), mentions):
                continue  # "..., after it recalled 12,000 in 2024": the verb is the 12,000's
            if is_date and date_next and cue.start() >= m.end:
                continue
            gap = m.start - cue.end() if cue.end() <= m.start else cue.start() - m.end + 1
            if gap >= 0 and gap < 80 and (best is None or gap < best[0]):
                best = (gap, prop)
    return best[1] if best else None


def _verb_property(sentence: str, m: Mention) -> str | None:
    """ "deaths linked to diabetes fell by 9%": a change of deaths; "45,000 residents were screened":
    how many residents were screened (not the population)."""
    if change := ends(CHANGE_BEFORE, sentence, m.start, 96):
        if m.value.noun:  # "Ohio lost 12,400 residents": a change in residents
            return f"{names.snake(m.value.noun)}_change"
        # "exports had grown by 3%": the noun before the auxiliaries; "Idaho gained 2%": a change of Idaho's
        before = re.sub(r"(?:\s+(?:had|has|have|was|were|is|are|been|be|will|would))+\s*$", "",
                        sentence[:change.start()])
        what = names.head_noun(before)
        named = re.search(rf"\b{re.escape(what)}\b", before, re.IGNORECASE) if what else None
        opening = named is not None and not before[:named.start()].strip(" \t\n•-*")
        if what in _NOT_WHAT or named and not opening and named.group()[:1].isupper() \
                and not named.group().isupper():
            return "change"
        return f"{names.snake(what)}_change"
    noun = m.value.noun
    passive = rf"\s+{re.escape(noun or '')}\s+(?:were|was|have been|had been)\s+(?P<verb>[a-z]+ed)\b"
    if noun and (p := re.match(passive, sentence[m.end:])):
        return next((prop for rx, prop in _CUES if prop not in _DATE_PROPS and rx.fullmatch(p["verb"])),
                    f"{names.snake(noun)}_{p['verb']}")
    return None
