"""What a figure measures, as its sentence words it: the measure noun nearest it in its clause
("prices") and the words that narrow it to one kind ("fuel prices", "the price of fuel"). Extract puts
those words in the property; check tells "house prices" from "fuel prices" by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import STOPWORDS, stem

_LEX = lexicon()
MEASURES = frozenset(stem(w) for w in _LEX.measures)  # stemmed
_GENERIC = frozenset(stem(w) for w in _LEX.generic_measures)
_PLAIN = frozenset(stem(w) for w in _LEX.plain_modifiers)
_NOT_KINDS = STOPWORDS | _LEX.clause_words | _LEX.figure_verbs | _LEX.reporting_verbs | _LEX.change_verbs
# A word of a clause: a figure, a comma or a semicolon ends the words that can name its measure.
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*%?|[,;:()—–]")
_AFTER = 6  # words after a figure that may name its measure ("a 3.1% rise in fuel prices")


@dataclass(frozen=True)
class Measured:
    """What a figure measures: the measure noun, and the words that narrow it ("fuel")."""

    head: str
    narrowing: tuple[str, ...]  # in the text's order, lower case


@lru_cache(maxsize=4096)  # a sentence's figure is asked about once per candidate claim
def measured(text: str, start: int, end: int) -> Measured | None:
    """The measure noun nearest the figure in its clause, before it ("fuel prices rose 3.1%"), else
    after it ("a 3.1% rise in fuel prices"); a measure that names a quantity ("prices") before one
    that names none ("rise")."""
    # the sentence's first word may narrow the measure, capitalised as it is ("Fuel prices rose")
    text = text[:1].lower() + text[1:] if text[1:2].islower() else text
    before = _clause(_TOKEN.findall(text[:start])[::-1])[::-1]
    after = _clause(_TOKEN.findall(text[end:]))[:_AFTER]
    for tokens in (before, after):
        heads = [i for i, t in enumerate(tokens) if stem(t.lower()) in MEASURES]
        specific = [i for i in heads if stem(tokens[i].lower()) not in _GENERIC]
        if chosen := (specific or heads):
            at = chosen[-1] if tokens is before else chosen[0]
            return Measured(stem(tokens[at].lower()), _narrowing(tokens, at))
    return None


def _clause(tokens: list[str]) -> list[str]:
    """The tokens up to the first that ends a clause or is another figure."""
    for i, t in enumerate(tokens):
        if t[0].isdigit() or not t[0].isalpha():
            return tokens[:i]
    return tokens


def _kind_word(token: str) -> bool:
    """A word that can say which kind of a measure ("fuel"): not a name, a function word, another
    measure, an owner ("Velland's") or a participle ("soaring", "revised")."""
    return token.islower() and token not in _NOT_KINDS and stem(token) not in MEASURES \
        and not token.endswith(("'s", "’s", "'", "’", "ing", "ed"))  # "soaring rents": no kind of rent


def _narrowing(tokens: list[str], at: int) -> tuple[str, ...]:
    """The lower-case words right before the measure noun ("fuel prices") and after it with "of"
    ("the price of fuel"), less those that narrow nothing ("consumer", "average")."""
    out = []
    i = at - 1
    while i >= 0 and _kind_word(tokens[i]):
        out.insert(0, tokens[i])
        i -= 1
    if at + 2 < len(tokens) and tokens[at + 1] == "of":
        j = at + 2 + (tokens[at + 2] in ("the", "a", "an"))
        if j < len(tokens) and _kind_word(tokens[j]):
            out.append(tokens[j])
    return tuple(dict.fromkeys(w for w in out if stem(w) not in _PLAIN))
