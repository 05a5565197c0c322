"""Which way a change goes, read from the words around its figure: "fell by 0.7%", "a drop of
0.7%", "0.7% lower" and "-0.7%" go down; "rose 0.7%", "+0.7%", "0.7% higher" go up. A figure
with none of these words ("a share of 0.7%") has no direction.

A change of -0.7% and a fall of 0.7% are the same change; a rise of 0.7% is not a fall of 0.7%.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from verifier.common.lexicon import lexicon
from verifier.common.text import any_of
from verifier.models import QuantityValue

Direction = Literal["up", "down"] | None

_LEX = lexicon()
_HEDGES = r"about|around|roughly|some|nearly|almost|just|more\s+than|over|less\s+than|at\s+least|at\s+most"
# between the verb and the figure: an adverb ("fell sharply by 2%"), "by"/"of", an article with
# one word ("declined by a modest 2%"), a hedge ("fell by at least 1%")
_FILLER = rf"(?:\w+ly\s+)?(?:(?:by|of)\s+)?(?:an?\s+[a-z]+\s+)?(?:(?:{_HEDGES})\s+)?"
_ARTICLE = r"(?:an?\s+)?"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _before(words: frozenset[str]) -> re.Pattern:
    alternation = _alternation(words)
    return re.compile(rf"(?i:\b{_ARTICLE}(?:{alternation})(?:,\s*|\s+){_FILLER}[$€£¥]?)$")


def _after(words: frozenset[str]) -> re.Pattern:
    alternation = _alternation(words)
    return re.compile(rf"(?i:\s*(?:percent|per\s+cent|percentage\s+points?|pp|%)?\s*(?:{alternation})\b)")


def _by(words: frozenset[str]) -> re.Pattern:
    """The verb further back, its object between: "increased the number of routes by eight"."""
    alternation = _alternation(words)
    return re.compile(rf"(?i:\b(?:{alternation})\s[^.;:!?,]{{0,60}}\sby\s+(?:(?:{_HEDGES})\s+)?[$€£¥]?)$")


_DOWN_BEFORE, _UP_BEFORE = _before(_LEX.falls_before), _before(_LEX.rises_before)
_DOWN_BY, _UP_BY = _by(_LEX.falls_before), _by(_LEX.rises_before)
_DOWN_AFTER, _UP_AFTER = _after(_LEX.falls_after), _after(_LEX.rises_after)


# Every match of the four patterns above holds one of their words
_ANY_CHANGE_WORD = any_of(_LEX.falls_before | _LEX.rises_before | _LEX.falls_after | _LEX.rises_after)


# The same words over lower-cased ASCII text, where a case-blind search is 4 times slower than
# lower() and a plain one (None: a word that is not lower-case ASCII, which lower() could not match)
_CHANGE_WORDS = _LEX.falls_before | _LEX.rises_before | _LEX.falls_after | _LEX.rises_after
_LOWER_CHANGE_WORD = any_of(_CHANGE_WORDS, ignore_case=False) \
    if all(w.isascii() and w == w.lower() for w in _CHANGE_WORDS) else None


def signed_only(text: str) -> bool:
    """Whether `direction` can read no figure of the text but by its sign: the text has no "+" and
    none of the words of a rise or a fall (so no claim's quote is parsed to find what it lacks)."""
    if "+" in text:
        return False
    if _LOWER_CHANGE_WORD is not None and text.isascii():  # ASCII: its lower case is every case of it
        return not _LOWER_CHANGE_WORD.search(text.lower())
    return not _ANY_CHANGE_WORD.search(text)


@lru_cache(maxsize=65536)
def direction(text: str, start: int, end: int, amount: float) -> Direction:
    """The direction of the figure at text[start:end] (its amount as read)."""
    if amount < 0:
        return "down"
    if start and text[start - 1] == "+" or text[start:start + 1] == "+":
        return "up"
    before = text[max(0, start - 40):start]
    if _DOWN_BEFORE.search(before) or _DOWN_AFTER.match(text, end):
        return "down"
    if _UP_BEFORE.search(before) or _UP_AFTER.match(text, end):
        return "up"
    if not before.endswith(("by ", "by $", "by €", "by £")) and not re.search(r"\bby\s+\S+\s+$", before):
        return None
    farther = text[max(0, start - 100):start]
    return "down" if _DOWN_BY.search(farther) else "up" if _UP_BY.search(farther) else None


def directed(a: QuantityValue, a_dir: Direction, b: QuantityValue, b_dir: Direction
             ) -> tuple[QuantityValue, QuantityValue]:
    """Two figures made comparable by their directions: two changes the same way compare by size
    ("fell 0.7%" and "-0.7%"); otherwise the figures as read (a caller has already decided that a
    rise and a fall never agree)."""
    if a_dir is None or a_dir != b_dir:
        return a, b
    return _size(a), _size(b)


def _size(q: QuantityValue) -> QuantityValue:
    """The figure without its sign, its ends in order."""
    amount, high = abs(q.amount), abs(q.high) if q.high is not None else None
    if high is not None and high < amount:
        amount, high = high, amount
    if amount == q.amount and high == q.high:
        return q
    return q.model_copy(update={"amount": amount, "high": high})
