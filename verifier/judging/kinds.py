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
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import words
from verifier.parsing.baselines import property_baseline, stated_baselines
from verifier.parsing.partitives import verb_of
from verifier.parsing.statements import Statement

_LEX = lexicon()
_SPECIFIC = frozenset(w for w in _LEX.measures if w not in _LEX.generic_measures)

Key = tuple[str, str]


def same_kind(stmt: Statement, candidates: dict[Key, list[int]]) -> dict[Key, list[int]]:
    """The candidate groups whose property fits the sentence's baseline, verb and measure."""
    stated = stated_baselines(stmt.text)
    measures = _measures(tuple(words(stmt.text)))
    said = {k[1]: _says_verb(stmt.text, k[1]) for k in candidates}
    measured = {k for k in candidates if _property_measures(k[1]) & measures}
    # "Two board members abstained", where the source counts those who abstained: not the total
    parts = {prop.split("_")[0] for prop, ok in said.items() if ok and verb_of(prop)}
    return {k: v for k, v in candidates.items()
            if (not stated or property_baseline(k[1]) in (None, *stated))
            and said[k[1]]
            and not (measured and k not in measured and _property_measures(k[1]))
            and not any(_total_of(k[1], noun) for noun in parts)}


def _total_of(prop: str, noun: str) -> bool:
    """Whether a property counts the whole group a partitive count is part of ("member_count")."""
    return prop in (f"number_of_{noun}", f"{noun.removesuffix('s')}_count", f"{noun}_count")


def _says_verb(text: str, prop: str) -> bool:
    """ "members_voted_for" fits only a sentence that says "voted for"."""
    verb = verb_of(prop)
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
