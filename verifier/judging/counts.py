"""Whether a sentence's figure counts what a claim's figure counts: a count of other things ("12
pedestrians" against "48 people", "7,950 empty homes" against 7,950 households, "1,130 calls a day"
against the year's 412,300) neither contradicts nor supports the source's figure."""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.common.lexicon import figure_cue_patterns, lexicon
from verifier.common.text import content_words, stem, words
from verifier.judging.comparable import quote_mentions
from verifier.models import Claim, QuantityValue
from verifier.parsing.quantities import Mention

_LEX = lexicon()


def another_count(text: str, mention: Mention, claim: Claim, weak: bool) -> bool:
    """Whether the figure at `mention` counts other things than the claim's: other words for what is
    counted (`weak`, see noun_fit) that may not be the same count, a bare figure against a count the
    sentence does not name, or another rate of time."""
    return weak and not _same_count(text, mention, claim) or _count_unsaid(text, mention, claim) \
        or _other_rate(text, mention, claim)


def _proper_noun(text: str, mention: Mention) -> bool:
    """Whether the noun a figure counts is capitalised as written ("150 million Americans")."""
    noun = getattr(mention.value, "noun", None)
    if not noun:
        return False
    found = re.search(re.escape(noun), text[mention.start : mention.end + 40], re.IGNORECASE)
    return found is not None and found.group()[:1].isupper()


def _same_count(text: str, mention: Mention, claim: Claim) -> bool:
    """Whether a figure counting other words than the claim's may still count the same things: a
    demonym ("150 million Americans" for the country's people), a noun the property names ("500
    members" for member_count), or people for a count of people of one kind ("employs 5,000 people"
    for its staff; not for its households)."""
    noun = mention.value.noun or ""
    counted = (getattr(claim.value, "noun", None) or "").split()
    people = noun.lower() in _LEX.people_nouns and bool(counted) and counted[-1].lower() in _LEX.person_nouns
    return people or _names_property(noun, claim.property) or _proper_noun(text, mention)


_CUES = figure_cue_patterns()
_MOVES = _LEX.change_verbs | {"was", "were", "is", "are", "stood",
                                                                     "reached"}
# "1,130 emergency calls a day": a figure per unit of time, whatever the words between; not "up 4%
# on a year earlier", whose year is a baseline
_PER_TIME = re.compile(r"(?:\s+[a-z-]+){0,3}?\s+(?:a|an|per|each|every)\s+"
                       r"(?P<unit>hour|day|week|month|year)\b(?!\s+(?:earlier|before|ago|previously)\b)")


def _other_rate(text: str, mention: Mention, claim: Claim) -> bool:
    """A figure the sentence gives per day or per year against one the source gives per another unit
    of time, or as a total ("412,300 calls during the year" is no count of calls a day)."""
    stated = _PER_TIME.match(text, mention.end)
    if stated is None or not isinstance(claim.value, QuantityValue):
        return False  # "paid $168,000" may leave out the source's "a year"
    found = next((m for m in quote_mentions(claim.source.quote) if isinstance(m.value, QuantityValue)
                  and m.value.amount == claim.value.amount), None)
    claimed = _PER_TIME.match(claim.source.quote, found.end) if found is not None else None
    return claimed is None or claimed["unit"] != stated["unit"]


def _count_unsaid(text: str, mention: Mention, claim: Claim) -> bool:
    """A bare figure ("the population rose to 7,950") against a count of things the sentence names
    neither by their noun nor by the words the source puts after it ("households on the housing
    register"; "patients waiting for surgery" is said by "the waiting list"): nothing says it counts them."""
    counted = getattr(claim.value, "noun", None)
    if not counted or getattr(mention.value, "noun", None) or counted.lower() in _LEX.people_nouns:
        return False
    if (cue := _CUES.get(claim.property)) is not None and cue.search(text):
        return False  # "kills 4.3 million" says the deaths the property counts
    told = _telling_words(claim.statement, claim.property, counted, tuple(claim.subject.names()))
    return not told & _stems(text)


@lru_cache(maxsize=16384)  # asked of every candidate counting a noun, for each bare figure
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text))


@lru_cache(maxsize=16384)
def _telling_words(statement: str, prop: str, counted: str, names: tuple[str, ...]) -> frozenset[str]:
    """The words that say what a claim's figure counts: its noun, the source's words right after
    the noun up to the verb or a number, and its property's words, less its subject's names."""
    source = content_words(statement)
    last = stem(words(counted)[-1]) if words(counted) else ""
    at = next((i for i, w in enumerate(source) if stem(w) == last), None)
    after = set()
    for w in source[at + 1 : at + 4] if at is not None else ():
        if w[:1].isdigit() or w in _MOVES:
            break  # "crimes in Ashby fell to 18,240": what follows the verb says nothing of what is counted
        after.add(stem(w))
    after |= {stem(w) for w in content_words(prop.replace("_", " "))
              if w not in _LEX.generic_measures}  # "deaths_from_indoor_air_pollution"
    named = {stem(w) for n in names for w in words(n)}  # "in the Marlston district": no count
    return frozenset({stem(w) for w in words(counted)} | after - named)


def _names_property(noun: str | None, prop: str) -> bool:
    """Whether a counted noun is a word of the claim's property ("members": member_count)."""
    return bool(noun) and stem(noun.split()[-1]) in {stem(w) for w in prop.split("_")}


def noun_fit(stated, claimed) -> int:
    """1 when two figures count the same thing ("homes", "homes"), -1 when they count other
    things ("homes", "turbines"), 0 when either says nothing of what it counts."""
    if not (isinstance(stated, QuantityValue) and isinstance(claimed, QuantityValue)):
        return 0  # only figures count things (and a missing attribute of a model raises, slowly)
    a, b = stated.noun, claimed.noun
    if not (a and b):
        return 0
    return 1 if _nouns_meet(a, b) else -1


@lru_cache(maxsize=16384)  # asked of every candidate for each of a sentence's figures; nouns are few
def _nouns_meet(a: str, b: str) -> bool:
    return bool(set(content_words(a)) & set(content_words(b)))
