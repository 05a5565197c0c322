"""Which facts a statement states: the claim groups it speaks of, and its wording for each.

A group is matched when the sentence's words say what its claims say (a predicate score at
least MATCH_THRESHOLD), or when it is the only fact of that subject the sentence's values
can be compared with. Each value of the sentence serves one fact only: numbers and dates
are assigned to groups jointly, so that "indoor and outdoor ... 4.3 million and 3.7 million"
gives 4.3 million to the indoor figure and 3.7 million to the outdoor one.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import permutations

from verifier.common.lexicon import lexicon
from verifier.common.text import content_words, stem, words
from verifier.judging.ages import age_stated
from verifier.judging.comparable import (
    elsewhere,
    may_compare,
    measures_compared,
    number_options,
    opposite_directions,
    quote_mentions,
)
from verifier.judging.compare import SlotResult, compare_statement, context_overlap
from verifier.judging.counts import noun_fit
from verifier.judging.kinds import same_kind
from verifier.judging.measures import ledger_knows
from verifier.matching.index import Index, subject_key
from verifier.matching.match import predicate_score, statement_words
from verifier.models import SCALE_FACTOR, DateValue, QuantityValue, Tolerance
from verifier.parsing.dates import baseline_before
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import Statement, own_date

# Below this predicate similarity (0-100) a claim of the right subject is about another property...
MATCH_THRESHOLD = 45.0
# ...unless it is the only fact of that subject the sentence's values compare with.
SOLE_GROUP_THRESHOLD = 15.0
# Weak evidence needs a closer match: a place that only contains the claimed one ("China" for
# "southwest China"), or a number of other things ("80 turbines" for "300 people").
WEAK_THRESHOLD = 60.0
# Joint assignment tries every pairing up to this many groups; beyond it, greedily.
_EXHAUSTIVE = 5

Key = tuple[str, str]


@dataclass
class Fact:
    """One matched claim group: its score and how the sentence compares with each member."""

    key: Key
    score: float
    results: dict[int, SlotResult]


def match_facts(stmt: Statement, index: Index, tol: Tolerance,
                candidates: dict[Key, list[int]] | None = None) -> list[Fact]:
    """The facts the sentence states among `candidates` (default: the groups of the subjects it names)."""
    candidates = same_kind(stmt, _candidates(stmt, index) if candidates is None else candidates, index)
    # A number or date claim compares with nothing when the sentence states no value of its kind,
    # nor a rank claim without a rank: such claims are left out before they are decoded.
    kinds = {m.value.kind for m in stmt.values} | ({"rank"} if stmt.ranks else set()) | _ALWAYS
    provisional = {}
    measures = measures_compared(stmt)  # and a quantity claim without the unit or currency of one of them
    for key, idxs in candidates.items():
        comparable = [i for i in idxs if index.kind_of_claim(i) in kinds and may_compare(index, i, measures)]
        if comparable and (res := _compare_all(stmt, index, comparable, tol)):
            provisional[key] = res
    # Scored only where the sentence states a comparable value: the rest cannot match anyway.
    scores = {k: max(predicate_score(stmt, index, i, k[0]) for i in candidates[k]) for k in provisional}
    per_subject = Counter(key[0] for key in provisional)
    kept = [
        key
        for key, res in provisional.items()
        if _passes(scores[key], res, (per_subject[key[0]] == 1, _specific(index, candidates[key])))
        or age_stated(stmt, index, candidates[key])
    ]
    numbers = {k: candidates[k] for k in kept if _is_number(index, candidates[k])}
    mentions = _assign_numbers(stmt, index, numbers, tol)
    facts = []
    for key in kept:
        if _is_number(index, candidates[key]):
            if key not in mentions:
                continue
            results = _compare_all(stmt, index, candidates[key], tol, mentions[key])
            if not results:
                continue  # the number it was given counts another thing than the group's
        else:
            results = provisional[key]
        if _thin_evidence(stmt, index, candidates[key], results, mentions.get(key), scores[key]):
            continue
        facts.append(Fact(key, scores[key], results))
    unmatched = {k: candidates[k] for k in provisional if k not in kept}
    facts += _leftover_facts(stmt, index, tol, facts, unmatched, scores)
    facts += _second_figures(stmt, index, tol, facts, candidates)
    return _one_fact_per_wording(facts)


def _second_figures(stmt: Statement, index: Index, tol: Tolerance, facts: list[Fact],
                    candidates: dict[Key, list[int]]) -> list[Fact]:
    """A figure no fact took that has its own date ("rose to €412 million in 2025, from €388
    million in 2024"), given to the one matched number group it can be compared with: a group
    holds a figure for each time, and this one is judged by the figure of its own date."""
    used = {r.span for f in facts for r in f.results.values() if r.span}
    taken = {f.key: next((r.span for r in f.results.values() if r.span), None) for f in facts}
    groups = {f.key: candidates[f.key] for f in facts
              if _is_number(index, candidates[f.key]) and taken[f.key]}
    out = []
    for m in stmt.values:
        if (m.start, m.end) in used or not isinstance(m.value, QuantityValue) \
                or own_date(stmt, m.end) is None:
            continue
        fits = {k: res for k, idxs in groups.items() if _baseline_of(stmt.text, taken[k], m)
                and (res := _compare_all(stmt, index, idxs, tol, m))
                and not any(r.weak for r in res.values())}
        if len(fits) == 1:
            [(key, results)] = fits.items()
            out.append(Fact(key, next(f.score for f in facts if f.key == key), results))
            used.add((m.start, m.end))
    return out


# "to €4.1 billion in 2024, from €3.5 billion in 2023", "€4.1 billion, up from €3.5 billion", "than"
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_GAP_WORDS = 8


def _baseline_of(text: str, span: tuple[int, int], m: Mention) -> bool:
    """Whether the figure `m` is the baseline the group's own figure is compared with, in one
    phrase: "rose to €4.1 billion in 2024, from €3.5 billion in 2023", "from €3.5 billion in 2023
    to €4.1 billion": not a figure of another measure or subject later in the sentence."""
    lo, hi = (span[1], m.start) if span[1] <= m.start else (m.end, span[0])
    if len(text[lo:hi].split()) > _GAP_WORDS:
        return False
    first, second = (span[0], m.start) if span[1] <= m.start else (m.start, span[0])
    if baseline_before(text, second):
        return True  # "to €4.1 billion in 2024, from €3.5 billion in 2023"
    return bool(_FROM_BEFORE.search(text, max(0, first - 10), first)) \
        and re.search(r"\bto\s+$", text[lo:hi]) is not None  # "from 38% in 1990 to 9% in 2024"



# Value kinds a sentence may state without a parsed value: names, confirmed in its words.
_ALWAYS = frozenset({"place", "person", "organization", "text"})


def _candidates(stmt: Statement, index: Index) -> dict[Key, list[int]]:
    """The claims of the subjects the sentence names, by group, in claim order of first mention;
    grouped by the index's property array, without decoding a claim."""
    candidates: dict[Key, list[int]] = defaultdict(list)
    seen: set[int] = set()
    for hit in stmt.subjects:
        for idx in index.by_subject.get(hit.key, ()):
            if idx not in seen:
                seen.add(idx)
                candidates[(hit.key, index.property_of(idx))].append(idx)
    return candidates


_TEXT_DEPTH = 10  # BM25 hits looked at


def text_candidates(stmt: Statement, index: Index, admit: Callable[[int], bool]) -> dict[Key, list[int]]:
    """For a sentence naming no subject the ledger knows ("The ILDD contracts ..." where the ledger
    says "The ILDD Broad Agency Announcement ... contracts"): the groups of the claims whose own
    words say what the sentence says (BM25, then the predicate score), where `admit` accepts the
    claim (the caller's test that every name of the sentence is the claim's)."""
    kinds = {m.value.kind for m in stmt.values}
    out: dict[Key, list[int]] = {}
    for idx, _ in index.bm25(stmt.masked, top=_TEXT_DEPTH):
        key = (subject_key(index.claims[idx]), index.property_of(idx))
        if key in out or index.kind_of_claim(idx) not in kinds:
            continue
        if _said_in(stmt, index, idx) and admit(idx):
            out[key] = list(index.groups[key])
    return out


def _said_in(stmt: Statement, index: Index, idx: int) -> bool:
    """Every word the sentence says beside its values is a word of the claim or of its subject's
    names: one word more ("solar capacity" against "battery storage capacity") may be what makes it
    another figure. A sentence of fewer than three such words says too little to tell."""
    mine = set(statement_words(stmt))
    if len(mine) < 3:
        return False
    names = index.claims[idx].subject.names()
    if _WIDER & mine and not _WIDER & {w for n in names for w in words(n)}:
        return False  # "The national pass rate was 58%" is not the school's, whatever its sentence says
    theirs = set(index.claim_words[idx]) | {stem(w) for n in names for w in words(n)}
    return mine <= theirs


def _leftover_facts(
    stmt: Statement, index: Index, tol: Tolerance, facts: list[Fact], unmatched: dict[Key, list[int]], scores
) -> list[Fact]:
    """A number or date no matched fact took, given to the one unmatched group of the sentence's
    subjects it can be compared with, where that is evidence enough on its own: an event's date
    ("The summit took place in Beijing on 8 June 2017": its date, though the words name only the
    place), a figure in the group's currency, a count of the same thing. Else it stays uncovered."""
    used = {r.span for f in facts for r in f.results.values() if r.span}
    out = []
    for m in stmt.values:
        if (m.start, m.end) in used:
            continue
        fits = {}
        for key, idxs in unmatched.items():
            if not isinstance(index.value_of(idxs[0]), type(m.value)):
                continue
            results = _compare_all(stmt, index, idxs, tol, m)
            if results and not any(r.weak for r in results.values()):
                fits[key] = results
        if len(fits) != 1:
            continue
        [(key, results)] = fits.items()
        first = index.claims[index.groups[key][0]]
        value = first.value
        event_date = isinstance(value, DateValue) and first.subject.type == "event"
        money = isinstance(value, QuantityValue) and bool(value.currency)
        same_noun = any(noun_fit(m.value, index.value_of(i)) > 0 for i in results)
        if event_date or money or same_noun:
            out.append(Fact(key, scores[key], results))
            used.add((m.start, m.end))
            del unmatched[key]
    return out


def _thin_evidence(
    stmt: Statement, index: Index, members: list[int], results: dict[int, SlotResult], mention, score: float
) -> bool:
    """Whether the group was matched on evidence too thin to judge by, either way: then its value
    is left uncovered (unverified). A contradiction on thin evidence is more likely another fact
    than a wrong one ("twenty times as much" against a source's "CO 2", "by 2050" against "a study
    published in 2017"); an agreement on thin evidence can be a coincidence ("since at least 2010"
    is no population, though 84.75 million is at least 2010). Thin: matched only as the sole fact
    its values fit, or a number none of whose neighbouring words the claim's own source span uses.
    A figure in the group's currency or unit (other than percent), one counting the same thing
    ("500 members" against "1,000 members"), and an event's date, are evidence enough; a value the
    claim's own words state is evidence for it, never against it. An open bound far from every
    claimed figure ("more than 70" against 125 million) is no evidence of agreement."""
    agrees = any(r.agree is not False for r in results.values())
    if any(r.titled for r in results.values()):
        return False  # the title the sentence gives the claim's person
    value = index.value_of(members[0])
    if isinstance(value, QuantityValue) and (value.currency or value.unit not in (None, "percent")):
        return False  # a figure in the group's currency or unit ("97 million tons", "866 MW")
    if isinstance(value, DateValue) and index.claims[members[0]].subject.type == "event":
        return False  # the date of an event is the one date the event has
    if isinstance(value, DateValue) and mention is not None and (fronted := _FRONTED_DATE.match(stmt.text)) \
            and fronted.end("date") >= mention.end and score < WEAK_THRESHOLD:
        return True  # "Since 1965, more parts of the U.S. ...": when the sentence speaks, no date it claims
    if mention is not None and any(elsewhere(stmt.text, c.source.quote, c.value, c.subject.names())
                                   for c in (index.claims[i] for i in results)):
        return True  # the source's figure is of a place the sentence does not name: no evidence
    if mention is not None and age_stated(stmt, index, members, mention):
        return False  # "Reyes, 31, ...": the age of the person the claim gives the age of
    figures = [index.value_of(i) for i in results]
    if agrees and mention is not None and _far_below_or_above(mention.value, figures):
        return True  # "exceeding 70 people" is implied by 125 million people, and says nothing of them
    if mention is not None and any(noun_fit(mention.value, index.value_of(i)) > 0 for i in results):
        return False
    quotes = [index.claims[i].source.quote for i in results]
    claims = [index.claims[i] for i in results]
    if mention is not None and any(_quote_states(q, mention.value) for q in quotes) \
            and not any(opposite_directions(stmt, mention, c) for c in claims):
        return not agrees  # the claim's own words state this very value (a rise is no fall of it)
    if score < MATCH_THRESHOLD or mention is None:
        return score < MATCH_THRESHOLD
    near = _neighbour_words(stmt, mention) - _FILLERS
    return not any(near & _quote_words(c.source.quote, c.property) for c in claims)


_BOUNDS = ("more_than", "at_least", "up_to", "fewer_than")
_WIDER = lexicon().wider_modifiers
_FILLERS = lexicon().filler_words  # "150 more firefighters": "more" says nothing of what they are
_FRONTED_DATE = re.compile(r"\W*(?:In|Since|By|During|From|As of|Until|Before|After)\s+(?P<date>[^,]{2,40}),")


def _far_below_or_above(stated, claimed: list) -> bool:
    """An open bound ("more than 70") that every claimed figure exceeds tenfold, or a ceiling ten
    times above them: true of them, but no sign that the sentence speaks of the same figure."""
    if not isinstance(stated, QuantityValue) or stated.qualifier not in _BOUNDS:
        return False
    bound = stated.amount * SCALE_FACTOR[stated.scale]
    figures = [c.amount * SCALE_FACTOR[c.scale] for c in claimed if isinstance(c, QuantityValue)]
    if not figures or bound <= 0:
        return False
    if stated.qualifier in ("more_than", "at_least"):
        return all(f > 10 * bound for f in figures)
    return all(0 < f < bound / 10 for f in figures)


def _quote_states(quote: str, value) -> bool:
    return any(type(m.value) is type(value) and m.value == value for m in quote_mentions(quote))


@lru_cache(maxsize=65536)
def _quote_words(quote: str, prop: str) -> frozenset[str]:
    """The words of the claim's own source span and property: what the figure is said of there
    ("In 2011" says of its year only when it was in, not the sentence it opens)."""
    return frozenset(content_words(quote)) | frozenset(content_words(prop.replace("_", " ")))


def _neighbour_words(stmt: Statement, mention: Mention) -> set[str]:
    """The content words within a few words of a value, the value and the subjects' names left out."""
    before = content_words(stmt.text[max(0, mention.start - 40) : mention.start])[-4:]
    after = content_words(stmt.text[mention.end : mention.end + 40])[:4]
    names = {w for h in stmt.subjects for w in content_words(" ".join(stmt.text.split()[h.start : h.end]))}
    return {w for w in before + after if not w.isdigit()} - names


def _compare_all(
    stmt: Statement, index: Index, idxs: list[int], tol: Tolerance, mention: Mention | None = None
) -> dict[int, SlotResult]:
    known = partial(ledger_knows, index)
    results = {i: compare_statement(stmt, index.claim_ref(i), tol, mention, known) for i in idxs}
    return {i: r for i, r in results.items() if r is not None}


def _passes(score: float, results: dict[int, SlotResult], sole: tuple[bool, bool]) -> bool:
    """`sole`: (the only group of its subject the sentence's values fit, and a value of a
    specific dimension, a currency or a unit: "$1 trillion" of Jiangsu can only be its GDP)."""
    weak = all(r.weak for r in results.values())
    if score >= (WEAK_THRESHOLD if weak else MATCH_THRESHOLD) or any(r.titled for r in results.values()):
        return True
    only, specific = sole
    return only and not weak and (specific or score >= SOLE_GROUP_THRESHOLD)


def _specific(index: Index, idxs: list[int]) -> bool:
    value = index.value_of(idxs[0])
    return isinstance(value, QuantityValue) and bool(value.currency or value.unit)


def _is_number(index: Index, idxs: list[int]) -> bool:
    return isinstance(index.value_of(idxs[0]), QuantityValue | DateValue)


def _assign_numbers(
    stmt: Statement, index: Index, groups: dict[Key, list[int]], tol: Tolerance
) -> dict[Key, Mention]:
    """Give each number group one of the sentence's numbers, each number to one group.

    The pairing with the most claim words near its numbers wins; among equals, the one that
    keeps the order in which the sentence names the facts (their subjects first: "A and B had rates
    of 4.9% and 6.7%") and states the numbers.
    """
    later = _dated_baselines(stmt)
    options = {k: {j: fit for j, fit in _options(stmt, index, idxs, tol).items() if j not in later}
               for k, idxs in groups.items()}
    keys = [k for k in groups if options[k]]
    cue = _cue_positions(stmt, index, {k: groups[k] for k in keys})
    named = {} if stmt.carried_subject else {h.key: h.start for h in reversed(stmt.subjects)}
    keys.sort(key=lambda k: (named.get(k[0], math.inf), cue[k]))
    if len(keys) > _EXHAUSTIVE:
        best = _greedy(keys, options)
    else:
        listed = bool(_RESPECTIVELY.search(stmt.text))
        best = max(_pairings(keys, options), default={},
                   key=lambda p: _pairing_rank(p, options, keys, listed))
    return {k: stmt.values[j] for k, j in best.items()}


def _dated_baselines(stmt: Statement) -> set[int]:
    """The figures the sentence gives, with their own date, as the baseline of a figure before them
    ("rose by 0.9% in 2024, after 0.4% in 2023"): of that figure's measure, so no other group's;
    `_second_figures` gives each to its figure's group, to be judged by the figure of its date."""
    seen = False
    out = set()
    for j, m in enumerate(stmt.values):
        if isinstance(m.value, QuantityValue):
            if seen and baseline_before(stmt.text, m.start) and own_date(stmt, m.end) is not None:
                out.add(j)
            seen = True
    return out


def _options(stmt: Statement, index: Index, idxs: list[int], tol: Tolerance) -> dict[int, int]:
    """Each comparable number of the sentence (by its position in stmt.values), with how well it
    fits the group: the claim words near it, and above all whether it counts the same thing
    ("300,000 homes" goes to the homes figure, not to the turbines beside it in the source)."""
    out: dict[int, int] = {}
    for i in idxs:
        claim = index.claim_ref(i)
        for m in number_options(stmt, claim, tol):
            j = stmt.values.index(m)
            fit = 10 * noun_fit(m.value, claim.value) + context_overlap(stmt.text, m, claim) \
                + 5 * _same_lead(stmt.text, m, claim)
            out[j] = max(out.get(j, fit), fit)
    return out


def _same_lead(text: str, m: Mention, claim) -> bool:
    """The two words right before the number are the two before the claim's own value in its source
    words ("since county records began in 1979": 1979 is the beginning's, not 2025)."""
    mine = content_words(text[max(0, m.start - 40):m.start])[-2:]
    if len(mine) < 2:
        return False
    for found in quote_mentions(claim.source.quote):
        if type(found.value) is type(m.value) and found.value == claim.value:
            return content_words(claim.source.quote[max(0, found.start - 40):found.start])[-2:] == mine
    return False


def _cue_positions(stmt: Statement, index: Index, groups: dict[Key, list[int]]) -> dict[Key, float]:
    """Where the sentence first uses a word that only this group's claims use ("indoor")."""
    toks = content_words(stmt.text)
    keys = list(groups)
    own = {k: {w for i in groups[k] for w in index.claim_words[i]} for k in keys}
    out = {}
    for k in keys:
        others = set().union(*(own[o] for o in keys if o != k))
        positions = [p for p, w in enumerate(toks) if w in own[k] - others]
        out[k] = min(positions, default=math.inf)
    return out


def _pairings(keys: list[Key], options: dict[Key, dict[int, int]]):
    """Every way to give the groups distinct numbers (or none), once each."""
    slots = sorted({j for k in keys for j in options[k]}) + [-1] * len(keys)
    seen = set()
    for perm in permutations(range(len(slots)), len(keys)):
        pairing = {k: slots[p] for k, p in zip(keys, perm, strict=True) if slots[p] in options[k]}
        sig = tuple(sorted(pairing.items()))
        if sig not in seen:
            seen.add(sig)
            yield pairing


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _pairing_rank(pairing: dict[Key, int], options, keys: list[Key], listed: bool) -> tuple[int, int, int]:
    """More groups served, then more claim words near their numbers, then the sentence's order kept;
    in a "respectively" sentence (`listed`) the order comes before the words: "A and B recorded 380
    and 412" gives A the 380 whatever words stand next to it."""
    overlap = sum(options[k][j] for k, j in pairing.items())
    ordered = [pairing[k] for k in keys if k in pairing]
    in_order = sum(a < b for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return (len(pairing), in_order, overlap) if listed else (len(pairing), overlap, in_order)


def _greedy(keys: list[Key], options: dict[Key, dict[int, int]]) -> dict[Key, int]:
    used: set[int] = set()
    out = {}
    for k in keys:
        free = [j for j in options[k] if j not in used]
        if free:
            out[k] = max(free, key=lambda j: (options[k][j], -j))
            used.add(out[k])
    return out


def _one_fact_per_wording(facts: list[Fact]) -> list[Fact]:
    """Where two groups compare the same words of the sentence, the better-matching one keeps them."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        for r in fact.results.values():
            where = r.span or r.stated
            if where not in best or fact.score > best[where].score:
                best[where] = fact
    keep = {id(f) for f in best.values()}
    return [f for f in facts if id(f) in keep]
