"""What the rest of a sentence tells about each of its figures: the words that say which kind of a
measure it is ("Fuel prices rose 4.2%": `fuel_prices_change`), and the time a clause joined on
without one borrows from the clause before it ("rose 2.2% in March, while rents fell 0.4%").
"""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.common.lexicon import lexicon
from verifier.common.text import stem
from verifier.extraction.figures import is_change
from verifier.extraction.patterns import Fact
from verifier.models import QuantityValue
from verifier.parsing.dates import baseline_before, find_dates
from verifier.parsing.measured import measured

_LEX = lexicon()

# "..., but in the previous year they fell 3.3%", "and a year earlier", "so far this year": a time of its own
_TIMED = re.compile(rf"(?i)\b(?:{'|'.join(sorted(_LEX.time_nouns))}|ago|earlier|previous|prior|preceding|past"
                    r"|last|since|so\s+far|to\s+date|meanwhile)\b")
# "rose 4.2% in January, while rents fell 0.6%": a clause joined on with no time of its own
_JOINED = re.compile(r"[^.;:()\d]*?,?\s+(?:while|whilst|whereas|and|but)\s+(?P<tail>[^.;:()\d]*)$")


def joined_clause_times(sentence: str, found: list[Fact]) -> list[Fact]:
    """A change or level in a clause joined to the one before ("..., while rents fell 0.6%") with
    no date of its own holds for the time of the figure before it (not of a baseline: "from 3.6% in
    December"), where both are changes or both are not, in one unit."""
    out, before, last_end = [], None, 0
    for fact in sorted(found, key=lambda f: f.anchor or (f.start, f.end)):
        if not isinstance(fact.value, QuantityValue) or fact.anchor is None:
            out.append(fact)
            continue
        if before is not None and fact.dated and not (fact.as_of or fact.period) \
                and (before.as_of or before.period) and before.value.unit == fact.value.unit \
                and is_change(sentence, before) == is_change(sentence, fact) \
                and (joined := _JOINED.fullmatch(sentence, last_end, fact.anchor[0])) \
                and not find_dates(joined["tail"]) and not _TIMED.search(joined["tail"]):
            fact = replace(fact, as_of=before.as_of, period=before.period)
        if not baseline_before(sentence, fact.anchor[0]):
            before = fact
        last_end = fact.anchor[1]
        out.append(fact)
    return out


# "rose 3 percentage points to 31% in 2025": the change, then the level it reached
_REACHED = re.compile(r"\s+to\s+(?:[$€£¥]\s*)?$")


def reached_times(sentence: str, found: list[Fact]) -> list[Fact]:
    """A change with no time of its own, right before "to" and the level it reached, holds for the
    level's time: "rose 3 percentage points to 31% in 2025" is a change over 2025. Not a baseline
    ("from 28% to 31% in 2025": 28% is of another time)."""
    facts = sorted(found, key=lambda f: f.anchor or (f.start, f.end))
    out = list(facts)
    for i, (fact, after) in enumerate(zip(facts, facts[1:], strict=False)):
        if isinstance(fact.value, QuantityValue) and isinstance(after.value, QuantityValue) \
                and fact.anchor and after.anchor and fact.dated and not (fact.as_of or fact.period) \
                and (after.as_of or after.period) and not baseline_before(sentence, fact.anchor[0]) \
                and _REACHED.fullmatch(sentence, fact.anchor[1], after.anchor[0]) \
                and is_change(sentence, fact):
            out[i] = replace(fact, as_of=after.as_of, period=after.period)
    return out


def kinds_of_measures(sentence: str, found: list[Fact], proper: set[str]) -> list[Fact]:
    """ "Fuel prices rose 4.2%": the words that say which prices go into the property
    (fuel_prices_change), so that one kind of a measure never shares a group with another; a figure
    with no measure words of its own ("from €21.6 million a year earlier") keeps the kind of the
    figure before it of that property."""
    kinds_of: dict[str, list[str]] = {}
    out = []
    for fact in sorted(found, key=lambda f: f.anchor or (f.start, f.end)):
        if not isinstance(fact.value, QuantityValue) or fact.anchor is None:
            out.append(fact)
            continue
        words = fact.prop.split("_")
        found_here = measured(sentence, *fact.anchor)
        if found_here is not None and found_here.head in {stem(w) for w in words}:
            kinds_of[fact.prop] = [w for w in found_here.narrowing
                                   if w not in words and w.capitalize() not in proper]
        kinds = kinds_of.get(fact.prop, []) if found_here is None or fact.prop in kinds_of else []
        out.append(replace(fact, prop="_".join([*kinds, *words])) if kinds else fact)
    return out
