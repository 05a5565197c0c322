"""Pieces of the sentence patterns that names.py and roles.py share, and the Fact they make: a
capitalised word, a person's name, a title, the words that mark an organisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.common.lexicon import lexicon
from verifier.models import Period, Subject, Value

_LEX = lexicon()
# "Chief Executive" is a title, "Executive" alone a modifier.
ROLE = (rf"(?:(?:{_LEX.alternation('role_modifiers')}) )*"
         rf"(?:(?<=Chief )Executive|{_LEX.alternation('role_titles')})")
ROLE_WORD = re.compile(rf"\b{ROLE}\b")
# One way only to match a capitalised word (an all-caps word is one too): an alternative that
# matched the same words again made patterns over runs of capitals exponential.
CAPWORD = r"(?:[A-Z][\w'’]*(?:\.[A-Z][\w'’]*)*(?:-[A-Za-z][\w'’]*)*)"
LINK = r"(?:\s+(?:of|for|de|du|on)\s+(?:the\s+)?|\s+and\s+|\s+[–-]\s+|\s+)"
ENTITY = re.compile(rf"(?<![\w'’]){CAPWORD}(?:{LINK}{CAPWORD})*")
# A first name: a capital, then small letters of any alphabet ("Inès", "Łukasz"), never "IBM".
FIRST = r"[^\W\d_a-z][^\W\d_A-Z]+"
# "Ms", "Dr.": a courtesy title before a name
HONORIFIC = rf"(?:{_LEX.alternation('honorifics')})\.?"
PERSON = rf"(?:{HONORIFIC}\s+)?{FIRST}(?:\s+[A-Z]\.)?(?:\s+[^\W\d_a-z][\w'’-]+){{1,2}}"
ORG_WORDS = re.compile(rf"\b(?:{_LEX.alternation('org_words')})\b")
STARTERS = _LEX.openers


def titled(name: str) -> bool:
    """Whether a name opens with a courtesy title or a role ("Ms Osei", "Director Lund"): a person's,
    whatever entity the parser took it for."""
    first = name.split()[0].rstrip(".") if name.split() else ""
    return first in _LEX.honorifics or first in _LEX.role_titles


def without_starters(name: str) -> str:
    """ "After Coast Energy" → "Coast Energy": sentence openers are no part of a name."""
    return re.sub(rf"^(?:(?:{'|'.join(STARTERS)})\s+)+", "", name)


# "RIVERTON, April 14, 2022 — ", "WASHINGTON, June 24, 2025-The ...": a news dateline opening a sentence
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*)(?:,\s+"
                       r"(?:(?:[A-Z]{2}|[A-Z][a-z]+\.?),?\s+)??(?:(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?"
                       r"|\d{1,2}\s+[A-Z][a-z]+\.?(?:,?\s+\d{4})?|[A-Z][a-z]+\s+\d{4})\s*)?(?:[—–]|--?)\s*(?=[A-Z])"
                       r"|(?<=[A-Z]{2})\s+(?:—|--|–(?=\s+(?:The|A|An)\s))\s+)")


def dateline_end(sentence: str) -> int:
    """Where a "RIVERTON, April 14, 2022 — " dateline ends (0: none): the place there is not the subject."""
    m = dateline(sentence)
    return m.end() if m else 0


def dateline(sentence: str) -> re.Match | None:
    m = _DATELINE.match(sentence)
    return m if m and (m["place"].isupper() or sentence[m.end("place")] == ",") else None


@dataclass
class Fact:
    """One proposed fact: a quote span (offsets in the sentence here; extract makes them absolute in
    the source), what it says, and of whom (None: the sentence's subject)."""

    start: int
    end: int
    prop: str
    value: Value
    subject: Subject | None = None
    period: Period | None = None
    as_of: str | None = None  # the year the figure is of ("rose 12% in 2020"); else the publication date
    dated: bool = True  # holds at the publication date (figures, roles), not once and for all
    anchor: tuple[int, int] | None = None  # the value's own words, for asking whom it is of
    attribution: str | None = None
    entities: tuple = ()  # (name, role, type) of every name the sentence mentions
