"""Text normalisation shared by the index, the matcher and the comparator.

One function decides what a "word" is, so that an alias found in a claim is found the
same way in a draft.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that carry no meaning for matching; kept short on purpose, since property cues
# ("home", "most", "over") must survive.
STOPWORDS = frozenset(
    """a an the of in on at to for by with and or as is are was were be been being has have had
    its it this that these those their there which who whom whose from into than then also
    s about approximately nearly almost around roughly some according""".split()
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
POSSESSIVE = re.compile(r"(?<=\w)'s\b")
NON_WORD = re.compile(r"[^\w<>]+")


def _plain(text: str) -> str:
    """NFKC, with typographic quotes and dashes made plain. NFKC leaves ASCII text as it is, and the
    backquote is its one character to change: most texts are ASCII, and skip the Unicode tables."""
    if text.isascii():
        return text.replace("`", "'")
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_DASHES)


def fold(text: str) -> str:
    """Lower-case, typographic quotes and dashes made plain, accents kept (Yan'an ≠ Yanan is fine)."""
    return _plain(text).casefold()


def words(text: str) -> list[str]:
    """The words of a text, folded, possessives dropped ("Jiangsu's" → "jiangsu")."""
    return list(_words(text))


# A check asks for the words of the same short texts (a sentence, a window around a number, a
# claim's noun) dozens of times a statement: they are memoised, and each caller gets its own list.
@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    text = POSSESSIVE.sub("", fold(text))
    return tuple(NON_WORD.sub(" ", text.replace("'", "")).split())


@lru_cache(maxsize=16384)
def cased_words(text: str) -> tuple[str, ...]:
    """The words of `words(text)` as written (case kept), one for one where the two agree in count."""
    text = re.sub(r"(?<=\w)'[sS]\b", "", _plain(text))
    return tuple(NON_WORD.sub(" ", text.replace("'", "")).split())


def stem(word: str) -> str:
    """A plural made singular, crudely ("members" → "member", "cities" → "city"); enough for matching."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """Words that carry meaning, singular: what matching compares."""
    return list(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if w not in STOPWORDS)


def normal(text: str) -> str:
    """A canonical form for comparing names: 'ICLEI – Local Governments' == 'iclei local governments'."""
    return " ".join(words(text))


def any_of(vocabulary: frozenset[str], ignore_case: bool = True) -> re.Pattern:
    """A pattern found wherever one of the words is (case ignored, unless asked), as a tree of their
    letters: an alternation of 75 words tried at every position cost 30 us a quote, the tree 5. A word
    that another word starts with stands for both."""
    tree: dict = {}
    for word in vocabulary:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else "(?!)"

    return re.compile(f"(?i:{branch(tree)})" if ignore_case else branch(tree))
