"""The lexicon: word lists extract and check steer by, kept as data in lexicon.yaml.

Validated by a pydantic model (its JSON Schema is schemas/lexicon.schema.json), so a typo in the
file is a clear error naming the field, not a silent miss.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator

from verifier.common import LEXICON_PATH, lexicon_digest  # noqa: F401 (lexicon_digest: here too)
from verifier.common.yamlio import load_yaml
from verifier.errors import DataError, json_path
from verifier.models import Qualifier, Strict

_CASED = {"currency_codes", "role_titles", "role_modifiers", "org_words", "place_words", "legal_forms",
          "name_suffixes", "honorifics", "public_body_words", "newspaper_words", "openers", "label_nouns",
          "qualifiers_before", "qualifiers_after", "figure_cues", "date_cues", "unit_properties",
          "alias_groups", "noun_units"}  # matched as written


class Cue(Strict):
    """A regular expression near a value, and the property it signals."""

    cue: str
    property: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    # what the property can hold: a count (no unit, no currency: "218,500 members", never "2,940
    # GWh"), people (a count of no other thing: "80 million people", never "412 potholes"), money
    # (a currency, or a percentage change of it), currency (an amount of money only: "raised
    # £312,000", never "raised its rate to 4.5%"), a percentage (a rate or share: "turnout of 38%",
    # never "the city's 19 wards"), or any figure
    holds: Literal["count", "people", "money", "currency", "percent", "any"] = "any"
    # a figure is of this property only in a sentence that says one of its cue words: "520 people
    # were injured" is no count of deaths, whatever else of the sentence a death toll's shares
    said: bool = False

    @field_validator("cue")
    @classmethod
    def _compiles(cls, cue: str) -> str:
        try:
            re.compile(cue)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return cue


class Lexicon(Strict):
    """verifier's word lists. Names, titles, codes and cues are matched as written; the other
    lists in lower case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measures: frozenset[str]
    reporting_verbs: frozenset[str]
    expletives: frozenset[str]
    reference_words: frozenset[str]
    first_person: frozenset[str]
    document_nouns: frozenset[str]
    partitives: frozenset[str]
    whole_modifiers: frozenset[str]
    plain_modifiers: frozenset[str]
    clause_words: frozenset[str]
    figure_verbs: frozenset[str]
    wider_modifiers: frozenset[str]
    falls_before: frozenset[str]
    falls_after: frozenset[str]
    rises_before: frozenset[str]
    rises_after: frozenset[str]
    gap_words: frozenset[str]
    aim_words: frozenset[str]
    move_verbs: frozenset[str]
    area_names: tuple[str, ...]
    count_measures: frozenset[str]
    count_nouns: frozenset[str]
    filler_words: frozenset[str]
    relation_words: tuple[str, ...]
    people_nouns: frozenset[str]
    person_nouns: frozenset[str]
    area_nouns: frozenset[str]
    time_nouns: frozenset[str]
    currency_codes: tuple[str, ...]
    role_titles: tuple[str, ...]
    role_modifiers: tuple[str, ...]
    lower_role_modifiers: frozenset[str]
    lower_role_titles: frozenset[str]
    relations: frozenset[str]
    sole_titles: frozenset[str]
    role_changes: tuple[str, ...]
    adverbs: frozenset[str]
    generic_measures: frozenset[str]
    shared_title_words: frozenset[str]
    org_words: tuple[str, ...]
    place_words: tuple[str, ...]
    legal_forms: tuple[str, ...]
    name_suffixes: frozenset[str]
    honorifics: tuple[str, ...]
    newspaper_words: tuple[str, ...]
    personal_pronouns: frozenset[str]
    company_nouns: frozenset[str]
    own_company_nouns: frozenset[str]
    public_body_words: frozenset[str]
    openers: frozenset[str]
    topic_shifts: tuple[str, ...]
    noun_units: dict[str, tuple[str, str]]
    label_nouns: tuple[str, ...]
    qualifiers_before: dict[Qualifier, tuple[str, ...]]
    qualifiers_after: dict[Qualifier, tuple[str, ...]]
    figure_cues: tuple[Cue, ...]
    date_cues: tuple[Cue, ...]
    unit_properties: dict[str, str]
    alias_groups: tuple[tuple[str, ...], ...]

    def is_measure(self, word: str) -> bool:
        """A measure noun, in the singular or the plural (the parse runs without a lemmatizer)."""
        word = word.lower()
        return word in self.measures or word.endswith("s") and word[:-1] in self.measures

    @property
    def change_verbs(self) -> frozenset[str]:
        """The verbs of a rise, a fall or a move ("rose", "fell", "edged"): what takes a change."""
        return self.rises_before | self.falls_before | self.move_verbs

    @property
    def people_words(self) -> frozenset[str]:
        """Every noun of people: "people", "persons" and the counts they may stand for ("residents")."""
        return self.person_nouns | self.people_nouns

    def aliases_of(self, name: str) -> list[str]:
        """The other names of the entity `name` is one name of ("US": United States, U.S., ...)."""
        low = name.lower()
        return [n for group in self.alias_groups if low in (g.lower() for g in group)
                for n in group if n.lower() != low]

    def alternation(self, field: str) -> str:
        """A regex alternation of one list, longest words first, each escaped."""
        return "|".join(re.escape(w) for w in sorted(getattr(self, field), key=len, reverse=True))

    @field_validator("*", mode="before")
    @classmethod
    def _lower(cls, words, info):
        if info.field_name in _CASED or not isinstance(words, list):
            return words
        return [str(w).lower() for w in words]


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon at `path` (the packaged one by default), validated: a DataError names the file,
    line and JSON path of the first problem."""
    data, lines = load_yaml(path, path.name)
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first["loc"])
        raise DataError(first["msg"], path=path.name, line=lines.line(loc), json_path=json_path(loc),
                        code="lexicon-invalid") from None


@lru_cache(maxsize=1)
def date_cue_patterns() -> dict[str, re.Pattern]:
    """Each date property's cues, compiled once (case-insensitive): "since" and "began" for
    `start_date`. The plain `date` has no cue of its own to ask for."""
    cues: dict[str, list[str]] = {}
    for c in lexicon().date_cues:
        if c.property != "date":
            cues.setdefault(c.property, []).append(f"(?:{c.cue})")
    return {prop: re.compile("|".join(rx), re.IGNORECASE) for prop, rx in cues.items()}


@lru_cache(maxsize=1)
def figure_cue_patterns() -> dict[str, re.Pattern]:
    """Each figure property's cue, compiled once (case-insensitive), for what judging asks of a
    sentence: whether it says the words a property is named by."""
    return {c.property: re.compile(c.cue, re.IGNORECASE) for c in lexicon().figure_cues}
