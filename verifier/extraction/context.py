"""What extraction carries from sentence to sentence of one source: the subjects, names, times
and people the sentences before named, which the next sentence's pronouns, nouns and undated figures
may speak of."""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.extraction.grammar import Phrase
from verifier.matching.index import Index
from verifier.models import DateValue, Period, Subject


@dataclass
class Context:
    """What extraction carries from sentence to sentence of one source."""

    text: str
    published: str | None
    index: Index
    aliases: dict[str, list[str]]
    proper: set[str]
    spans: list[tuple[int, int]]
    previous: Subject | None = None
    period: Period | None = None  # the period the text last set for its figures
    title_period: Period | None = None  # the period the title names ("Bulletin: July to September 2025")
    heading_period: Period | None = None  # the date the last heading gives ("Highlights: March 2019")
    last_date: DateValue | None = None  # the last date a sentence named, for "that quarter"
    last_main: Phrase | None = None  # the previous sentence's unnamed subject phrase
    seen: set = field(default_factory=set)
    masthead: Subject | None = None
    body: bool = False  # past the masthead: a full sentence has been read
    recent: list = field(default_factory=list)  # the last two subjects facts were filed under
    topics: dict = field(default_factory=dict)  # name -> Subject of the subjects named lately, newest first
    lately: list = field(default_factory=list)  # every name the last sentences mentioned, newest first
    bodies: list = field(default_factory=list)  # the organisations the last sentences mentioned, newest first
    named_bodies: set = field(default_factory=set)  # every organisation the text mentioned, normalised
    people: list = field(default_factory=list)  # the people the text named, newest first
    list_noun: str | None = None  # what a table heading's list counts ("Visits by site:": visits)
    list_aside: DateValue | None = None  # when its figures in parentheses hold ("(2024/25 in parentheses)")
    own_nouns: set = field(default_factory=set)  # what the publisher calls itself ("the agency")
    own_voice: bool = False  # the text has spoken of its publisher as "we" or "our"
