"""A sentence → a Statement: what it names and which values it states.

The same parse serves drafts (check) and sources (extract): numbers and dates come from
quantities.find_values, ranks and places from the patterns here, subjects from the index.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from verifier.common.lexicon import lexicon
from verifier.common.text import STOPWORDS, cased_words, words
from verifier.models import DateValue
from verifier.parsing.dates import OWN_DATE_GAP
from verifier.parsing.quantities import Mention, find_values, mask

if TYPE_CHECKING:  # the parser only calls index.subjects_in(text): no run-time tie to a later step
    from verifier.matching.index import Index, SubjectHit

_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "9th": 9, "10th": 10,
}  # fmt: skip
_RANK = re.compile(
    r"\b(?:(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))[- ])?"
    r"(?P<top>most|leading|leads|largest|biggest|highest|greatest|top|number one|no\. 1|"
    r"least|lowest|smallest)\b",
    re.IGNORECASE,
)
# "the least densely populated" is last, not first: rank 0 stands for "last" and equals no position.
_LAST = ("least", "lowest", "smallest")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n['’]t\b", re.IGNORECASE)
_DIRECTION = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|coastal)"
)
_CAP = r"[A-Z][\w'’.-]*"
_PLACE = re.compile(rf"\b(?:in|at|of)\s+(?:the\s+)?(?P<place>(?:{_DIRECTION}\s+)?{_CAP}(?:\s+{_CAP})*)")
_OPINION = re.compile(
    r"\b(?:should|must|ought to|need to|let's|let us|I think|we think|I believe|we believe|in my view|"
    r"hopefully|please)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


@dataclass(frozen=True)
class RankMention:
    start: int
    end: int
    rank: int


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    name: str


@dataclass
class Statement:
    text: str
    values: list[Mention]
    ranks: list[RankMention]
    places: list[PlaceMention]
    subjects: list[SubjectHit]
    masked: str
    checkworthy: bool
    carried_subject: bool = False  # subjects taken from the sentence before ("It is ...")
    negated: bool = False  # "is not", "never": verifier does not judge negations
    notes: list[str] = field(default_factory=list)


def find_ranks(text: str) -> list[RankMention]:
    out = []
    for m in _RANK.finditer(text):
        ordinal = (m.group("ord") or "").lower()
        rank = _ORDINALS.get(ordinal) or (int(re.sub(r"\D", "", ordinal)) if ordinal else 1)
        out.append(RankMention(m.start(), m.end(), 0 if m.group("top").lower() in _LAST else rank))
    return out


def find_places(text: str, values: Sequence[Mention] = ()) -> list[PlaceMention]:
    """Capitalised names after in/at/of, which are not dates ("in June 2016" is no place)."""
    out = []
    for m in _PLACE.finditer(text):
        start, end = m.start("place"), m.end("place")
        is_date = any(v.start < end and start < v.end for v in values)
        if is_date or m.group("place").split()[0].lower() in _MONTHS:
            continue
        out.append(PlaceMention(start, end, m.group("place").rstrip(".")))
    return out


def is_checkworthy(text: str, values: list[Mention], subjects: list[SubjectHit]) -> bool:
    """States a fact: a number, a date or a named entity, in a sentence that is no question or opinion."""
    stripped = text.strip()
    if stripped.endswith("?") or _OPINION.search(stripped):
        return False
    if values:
        return True
    # Without a number or date, only a full sentence naming something states a fact: a heading
    # or a label ("California and China on climate") does not.
    return stripped[-1:] in '.!"”' and bool(subjects or _CAPITALISED.search(stripped))


def _another_noun(text: str, before: list[SubjectHit], index: Index) -> bool:
    """ "The school's budget ..." after a sentence whose only subject is a bare common noun
    ("council"): another thing than it, named by another noun ("The province ..." after "Jiangsu"
    is Jiangsu)."""
    opening = words(text)[1:2]
    if not opening or opening[0] in STOPWORDS:
        return False
    names = [index.claims[index.by_subject[h.key][0]].subject.name if index.by_subject.get(h.key) else ""
             for h in before]
    return all(name.islower() and len(name.split()) == 1 and name != opening[0] for name in names)


_WHOLE = lexicon().whole_modifiers
_WIDER = lexicon().wider_modifiers

# A sentence that opens with a pronoun or a definite common noun ("The farm has ...") speaks of
# the subject of the sentence before. Case-sensitive on purpose: "The Paris Agreement" names one.
_REFERENCE_START = re.compile(
    r"^(?:(?:It|Its|They|Their|He|She|His|Her)\b|(?:The|This|These|That|Those)\s+[a-z][\w-]*\b)"
)


def refers_back(text: str) -> bool:
    """Whether a sentence speaks of the subject of the one before: "It ...", "The farm ..."; not
    "The national average ...", which names a wider area than any subject before."""
    opening = words(text)[:4]
    return bool(_REFERENCE_START.match(text.strip())) and not _WIDER.intersection(opening)


def _unmodified(text: str, hits: list[SubjectHit]) -> list[SubjectHit]:
    """A subject found by a one-word common noun of its names ("index" for "the index for all
    items") is not the one a modified noun names: "the medical care index" is another index, and
    "Sinyati Primary School" another school. The words before the noun, back to a determiner,
    must all be words of the subject's name."""
    toks, cased = words(text), cased_words(text)
    if len(toks) != len(cased):
        return hits
    out = []
    for h in hits:
        if h.end - h.start == 1 and cased[h.start].islower() and toks[h.start] != h.key:
            before, j = [], h.start - 1
            while j >= 0 and toks[j] not in STOPWORDS and not find_values(toks[j]):  # "four countries"
                before.append(toks[j])
                j -= 1
            if not set(before) <= set(h.key.split()) | _WHOLE:
                continue
        out.append(h)
    return out


_TITLES = {*lexicon().role_titles, *lexicon().role_modifiers, *lexicon().openers}


def _own_people(text: str, hits: list[SubjectHit], index: Index) -> list[SubjectHit]:
    """A person found by one word of their names ("Brenner") is not the one a longer name holding
    that word names: "Jonas Brenner" is not Talia Brenner, though "Governor Brenner" may be."""
    toks, cased = words(text), cased_words(text)
    if len(toks) != len(cased):
        return hits
    out = []
    for h in hits:
        if h.end - h.start != 1:
            out.append(h)
            continue
        after_name = rf"\b([A-Z][\w'’-]*)[ \t]+{re.escape(cased[h.start])}\b"  # "Jonas Brenner"
        longer = any(m[1] not in _TITLES for m in re.finditer(after_name, text))
        if longer and (members := index.by_subject.get(h.key)) \
                and index.claims[members[0]].subject.type == "person":
            continue
        out.append(h)
    return out


def parse(
    text: str, index: Index, *, published: str | None = None, previous: Statement | None = None
) -> Statement:
    values = find_values(text, published)
    found = index.subjects_in(text)
    subjects = _own_people(text, _unmodified(text, found), index)
    carried = False
    # "The medical care index ..." names an index of its own: it carries no subject from before
    if not found and previous is not None and previous.subjects and refers_back(text) \
            and not _another_noun(text, previous.subjects, index):
        subjects, carried = list(previous.subjects), True
    return Statement(
        text=text,
        values=values,
        ranks=find_ranks(text),
        places=find_places(text, values),
        subjects=subjects,
        masked=mask(text, values),
        checkworthy=is_checkworthy(text, values, found),  # a noun that names no subject here still names
        carried_subject=carried,
        negated=bool(_NEGATION.search(text)),
    )


def own_date(stmt: Statement, end: int, used: Collection[tuple[int, int]] = ()) -> Mention | None:
    """The date right after the figure ending at `end` ("after 0.4% in 2023"), none of `used`: when
    that figure holds."""
    return next((m for m in stmt.values if isinstance(m.value, DateValue) and (m.start, m.end) not in used
                 and OWN_DATE_GAP.fullmatch(stmt.text, end, m.start)), None)
