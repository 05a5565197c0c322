"""Whether a sentence's figure measures what a claim's figure measures: "house prices rose 3.1%"
against a source's "fuel prices rose 3.1%" is another kind of one measure (the same measure noun,
other words before or after it), and the source's figure neither supports nor contradicts it. So is
"prices rose 3.1%", which speaks of prices in general, against the fuel figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from verifier.common.lexicon import figure_cue_patterns, lexicon
from verifier.common.text import STOPWORDS, content_words, stem
from verifier.judging.comparable import quote_mentions
from verifier.matching.index import Index, terms
from verifier.models import Claim, QuantityValue
from verifier.parsing.measured import MEASURES, Measured, measured
from verifier.parsing.quantities import Mention

_CUES = figure_cue_patterns()
# what extract names a figure by when no words of the text name it
_PLAIN_PROPERTIES = frozenset({"share", "count", "amount", "percent", "change"})
# the words of a change in a source span that names nothing that changed ("..., up 12% on 2024")
_MOVED = re.compile(r"\b(?:up|down|more|less|fewer|higher|lower)\b")
_GENERIC = frozenset(stem(w) for w in lexicon().generic_measures)
_WHEN_WORDS = lexicon().time_nouns | lexicon().plain_modifiers


def another_measure(text: str, mention: Mention, claim: Claim, known: Callable[[str], bool] = bool) -> bool:
    """Whether the sentence's figure measures another thing than the claim's: the same measure noun,
    where the claim's words narrow it to a kind the sentence does not say ("fuel" for "prices
    rose"), or the sentence's to a kind its ledger never speaks of (`known`: whether the ledger has
    a word; "electricity prices" against "consumer prices"). A word the sentence adds that the ledger
    knows is the text's context more often than another measure: "mpox incidence" in a report on
    mpox whose sentence says "incidence". Where the two measure nouns differ, the claim's kind words
    must still be the sentence's ("the share of home births" is no "caesarean rate"). Either figure
    without a measure noun near it says nothing."""
    if not isinstance(claim.value, QuantityValue):
        return False
    stated = measured(text, mention.start, mention.end)
    # the claim's property names its measure, and its kind where extract found one: a claim is
    # decoded only where either the property or the sentence names a kind
    said, kinds = _property_words(claim.property)
    if stated is None or not (kinds or stated.narrowing and stated.head in said):
        return False
    claimed = _claim_measured(claim.statement, claim.source.quote, claim.value.amount)
    if claimed is None:
        return False
    names = {stem(w.lower()) for n in claim.subject.names() for w in n.split()}
    theirs = {stem(w) for w in claimed.narrowing} - names
    if stated.head != claimed.head:
        # another measure noun ("the share of home births" against "the caesarean rate"): the words
        # that say which one the claim's is must still be the sentence's
        return bool(theirs - {stem(w) for w in content_words(text)})
    mine = {stem(w) for w in stated.narrowing} - names
    return bool(theirs - mine) or any(not known(w) for w in stated.narrowing if stem(w) in mine - theirs)


def change_unsaid(text: str, mention: Mention, claim: Claim) -> bool:
    """Whether the claim is a change extract named after what changed ("litres_change" of "supplied
    81 billion litres, up 4% on 2024"; "revenue_change") and the sentence names none of it: its
    quote ("up 4% on 2024") says nothing of what rose, so "Tarnby Water's leakage rose 4%" is
    neither confirmed nor contradicted by it. A cue of the property counts ("turnover" for revenue).
    A change extract could not name ("share" of "..., up 12% on 2024") answers no sentence that
    names what changed ("the population rose 12%")."""
    changed = _changed_words(claim.property)
    if not changed:
        return claim.property in _PLAIN_PROPERTIES \
            and measured(text, mention.start, mention.end) is not None \
            and _claim_measured(claim.statement, claim.source.quote, claim.value.amount) is None \
            and bool(_MOVED.search(claim.source.quote))
    cue = _CUES.get(claim.property[: -len("_change")])
    return not (_stems(text) & set(changed)) and not (cue is not None and cue.search(text))


@lru_cache(maxsize=1024)  # one sentence, asked of each change claim compared with it
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text))


@lru_cache(maxsize=4096)
def _changed_words(prop: str) -> tuple[str, ...]:
    """What a `<what>_change` property says changed, stemmed, less words of no measure of their own
    ("share", "rate", "number")."""
    if not prop.endswith("_change"):
        return ()
    return tuple(stem(w) for w in prop[: -len("_change")].split("_")
                 if w.isalpha() and w not in STOPWORDS and stem(w) not in _GENERIC and w not in _WHEN_WORDS
                 and not w.endswith("ly"))  # "monthly_change", "annual_change": no measure named


@lru_cache(maxsize=4096)  # asked of every candidate compared; a ledger has few properties
def _property_words(prop: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A property's words, stemmed, and those before its first measure word: the kind extract found
    ("fuel" in fuel_prices_change); none in number_of_staff or population."""
    said = tuple(stem(w) for w in re.split(r"[_\s]+", prop.lower()))
    at = next((i for i, w in enumerate(said) if w in MEASURES), 0)
    return said, tuple(w for w in said[:at] if w not in STOPWORDS)


def ledger_knows(index: Index, word: str) -> bool:
    """Whether the ledger speaks of the word as the text's context: a claim has it in its retrieval
    text (its BM25 terms), and no claim's property makes it a kind of a measure ("fuel" is no
    context where the ledger has `fuel_prices_change`)."""
    postings = index.postings
    if postings is None or not all(t in postings.vocab for t in terms(word)):
        return False
    properties = getattr(index.groups, "properties", None) or {k[1] for k in index.groups}
    return not any(word in p.split("_") for p in properties)


@lru_cache(maxsize=16384)  # asked of every candidate of a sentence; a claim's answer never changes
def _claim_measured(statement: str, quote: str, amount: float) -> Measured | None:
    """What the claim's figure measures, read in its sentence where the quote stands in it (the
    statement is the sentence with its spaces made single)."""
    quote = " ".join(quote.split())
    found = next((m for m in quote_mentions(quote)
                  if isinstance(m.value, QuantityValue) and m.value.amount == amount), None)
    if found is None:
        return None
    at = statement.find(quote)
    if at < 0:
        return measured(quote, found.start, found.end)
    return measured(statement, at + found.start, at + found.end)


