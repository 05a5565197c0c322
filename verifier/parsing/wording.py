"""Words in a figure's text that change what the figure is: an aim ("a target of 15,000 students by
2030" is no count of today's students) and a gap from a reference ("nine years below the average").

The check asks both of a sentence and of each candidate claim's source words. A claim's answers
depend on its quote and property alone, so the index works them out once at build time
(`quote_flags`, a column of the index): a check then never decodes a claim to read its quote only to
learn that it holds neither.
"""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import words
from verifier.parsing.direction import signed_only

_LEX = lexicon()
GAP_WORD = re.compile(_LEX.alternation("gap_words"))  # in every gap judging reads, as it reads it

# Bits of a claim's quote flags. KNOWN tells a computed byte from a missing one (0). They hold for
# the lexicon they were made with: the index records its digest (lexicon.lexicon_digest).
KNOWN, AIM, GAP_WORDED, SIGNED_ONLY = 1, 2, 4, 8


def aim_worded(text: str, prop: str) -> bool:
    """Whether words speak of an aim, a plan or a forecast (the lexicon's `aim_words`)."""
    return _aim_cached(text, prop)


def _aim(text: str, prop: str) -> bool:
    return not _LEX.aim_words.isdisjoint(words(f"{text} {prop.replace('_', ' ')}"))


_aim_cached = lru_cache(maxsize=65536)(_aim)


def _aim_stems() -> re.Pattern | None:
    """The aim words as one pattern over lower-case text (a word that another word starts with
    stands for both: a hit only says the full test must be run); None when a word is not lower-case
    ASCII, which the quick look below could miss."""
    ordered = sorted(_LEX.aim_words, key=len)
    if not all(w.isascii() and w == w.lower() for w in ordered):
        return None
    kept = [w for i, w in enumerate(ordered) if not any(w.startswith(o) for o in ordered[:i])]
    return re.compile("|".join(map(re.escape, kept)) or "(?!)")


_AIM_STEMS = _aim_stems()


def _may_speak_of_aim(text: str) -> bool:
    """False only where `_aim` must be False: for ASCII text without apostrophes, `words` gives the
    lower-cased runs of word characters, so an aim word among them stands in the lower-cased text.
    Other text (folding, apostrophes that join letters) is left to the full test."""
    if _AIM_STEMS is None or not text.isascii() or "'" in text or "`" in text:
        return True
    return _AIM_STEMS.search(text.lower()) is not None


def quote_flags(quote: str, prop: str) -> int:
    """A claim's flags: KNOWN, AIM where its quote and property speak of an aim (aim_worded),
    GAP_WORDED where its quote holds a gap word (GAP_WORD), SIGNED_ONLY where no word of its quote
    gives a figure a direction (direction.signed_only). Run for every claim of a build: the full aim
    test only where a quick look at the text cannot rule it out."""
    flags = KNOWN
    joined = f"{quote} {prop.replace('_', ' ')}"
    if _may_speak_of_aim(joined) and _aim(quote, prop):
        flags |= AIM
    if GAP_WORD.search(quote):
        flags |= GAP_WORDED
    if signed_only(quote):
        flags |= SIGNED_ONLY
    return flags
