"""The lexicon: word lists extract and check steer by, kept as data in lexicon.yaml.

Validated by a pydantic model (its JSON Schema is schemas/lexicon.schema.json), so a typo in the
file is a clear error naming the field, not a silent miss.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import ConfigDict, field_validator

from verifier.models import Strict
from verifier.yamlio import load_yaml

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
_CASED = {"currency_codes"}  # matched as written


class Lexicon(Strict):
    """verifier's word lists; every entry is matched in lower case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measures: frozenset[str]
    reporting_verbs: frozenset[str]
    expletives: frozenset[str]
    reference_words: frozenset[str]
    area_names: tuple[str, ...]
    currency_codes: tuple[str, ...]

    @field_validator("*", mode="before")
    @classmethod
    def _lower(cls, words, info):
        if info.field_name in _CASED or not isinstance(words, list):
            return words
        return [str(w).lower() for w in words]


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon at `path` (the packaged one by default), validated."""
    data, _ = load_yaml(path, path.name)
    return Lexicon.model_validate(data)
