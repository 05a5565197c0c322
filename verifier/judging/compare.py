"""Statement × claim, slot by slot; and claim × claim, for the members of a group.

Numbers and dates are compared by the tolerance model in quantities; places by name,
with directions normalised ("eastern China" is "East China"); ranks by position;
organisations, people and plain text only confirm (a name that is absent proves nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import STOPWORDS, content_words, normal, words
from verifier.judging.comparable import (
    claim_words,
    compare_directed,
    number_options,
    purpose_unsaid,
)
from verifier.judging.counts import another_count, noun_fit
from verifier.judging.measures import another_measure, change_unsaid
from verifier.models import (
    Claim,
    DateValue,
    OrganizationValue,
    PersonValue,
    PlaceValue,
    QuantityValue,
    RankValue,
    TextValue,
    Tolerance,
)
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import Statement
from verifier.parsing.tolerance import Comparison, compare

# The tag of claims that each name one member of a list-valued property.
SET_VALUED = "set-valued"


@dataclass(frozen=True)
class SlotResult:
    agree: bool | None
    stated: str  # the statement's wording of the value ("about 60 million")
    weak: bool = False  # agrees only as a coarser wording ("China" for "southwest China")
    span: tuple[int, int] | None = None  # where the wording stands in the sentence
    implied: bool | None = None  # the claim implies the statement; None: same as agree
    comparison: Comparison | None = None  # of a number or date: its detail is worded when read
    # the comparison is itself evidence that the claim is the one the sentence speaks of: the title
    # it gives the claim's person (a role's words are the person's alias, so no match score sees them)
    titled: bool = False

    @property
    def detail(self) -> str:
        return self.comparison.detail if self.comparison is not None else ""

    @property
    def supported(self) -> bool:
        """The claim says at least what the sentence says (not merely something compatible)."""
        return bool(self.agree) and self.implied is not False


_DIRECTIONS = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west",
    "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
    "southwestern": "southwest", "north-east": "northeast", "north-west": "northwest",
    "south-east": "southeast", "south-west": "southwest",
}  # fmt: skip
# The titles extract knows are the titles compare knows: one list, in the lexicon.
_LEX = lexicon()
_TITLE_WORDS = frozenset(
    w for phrase in (*_LEX.role_titles, *_LEX.role_modifiers, *_LEX.lower_role_titles,
                     *_LEX.lower_role_modifiers)
    for w in words(phrase)
)


def is_title_word(word: str) -> bool:
    """Whether a word belongs to a role's title ("deputy", "premier"), as extract reads roles too."""
    return word.lower() in _TITLE_WORDS


def place_words(name: str) -> list[str]:
    text = re.sub(r"\b(north|south)[- ](east|west)", r"\1\2", name, flags=re.IGNORECASE)
    return [_DIRECTIONS.get(w, w) for w in words(text) if w not in ("the", "coastal", "province")]


def _value_names(value) -> list[str]:
    return [value.name, *value.aliases]


def compare_statement(
    stmt: Statement, claim: Claim, tol: Tolerance, mention: Mention | None = None,
    known: Callable[[str], bool] = bool,
) -> SlotResult | None:
    """How the statement's value for this claim's slot compares; None if it states none.

    For numbers and dates, `mention` is the one the sentence's values were assigned to this
    claim's group (see verify); without it, the best-placed comparable one is taken. `known`:
    whether the ledger has a word (see measures.another_measure).
    """
    value = claim.value
    if isinstance(value, QuantityValue | DateValue):
        return _compare_number(stmt, claim, tol, mention, known)
    if isinstance(value, RankValue):
        return _compare_rank(stmt, value)
    if isinstance(value, PlaceValue):
        return _compare_place(stmt, value)
    if isinstance(value, PersonValue) and value.role and value.name in claim.subject.names():
        return _compare_role(stmt, value)  # the subject's own role; another person is confirmed by name
    if isinstance(value, PersonValue | OrganizationValue):
        return _confirm_names(stmt, _value_names(value))
    if isinstance(value, TextValue):
        return _confirm_names(stmt, [value.text])
    return None


def context_overlap(text: str, mention: Mention, claim: Claim) -> int:
    """How many of the claim's words stand near the mention: picks the right number of several."""
    window = text[max(0, mention.start - 60) : mention.end + 60]
    return len(claim_words(claim.statement, claim.property) & _window_words(window))


@lru_cache(maxsize=4096)
def _window_words(window: str) -> frozenset[str]:  # one window per number, asked of every candidate
    return frozenset(content_words(window))


def _compare_number(
    stmt: Statement, claim: Claim, tol: Tolerance, mention: Mention | None, known: Callable[[str], bool]
) -> SlotResult | None:
    options = number_options(stmt, claim, tol)
    if mention is None and len(options) > 1:  # the words around each decide; one needs no choosing
        mention = max(options, key=lambda m: (context_overlap(stmt.text, m, claim), -m.start))
    elif mention is None and options:
        mention = options[0]
    if mention is None or mention not in options:
        return None
    result = compare_directed(stmt, mention, claim, tol)
    weak = noun_fit(mention.value, claim.value) < 0  # '80 turbines' for '300 people': weak evidence
    if another_count(stmt.text, mention, claim, weak) or another_measure(stmt.text, mention, claim, known) \
            or change_unsaid(stmt.text, mention, claim):
        return None  # "12 pedestrians were killed" against "48 people killed": neither for nor against
    span = (mention.start, mention.end)
    if result.agree and (purpose := purpose_unsaid(stmt.text, mention, claim)):
        # the amount is the source's, what it is for is not: compatible only
        return SlotResult(True, f"{mention.text} {purpose}", weak, span, False, result)
    return SlotResult(result.agree, mention.text, weak, span, result.implied, result)


def _compare_rank(stmt: Statement, value: RankValue) -> SlotResult | None:
    """The sentence's first rank that ranks the same thing: the words after it ("third most densely
    populated province") share a word with the claim's scope ("Chinese provinces by population
    density"). "At least" is no rank, and the "12th-largest" emitter is not the state with the
    most aggressive pollution control."""
    scope = set(content_words(value.scope))
    for rank in stmt.ranks:
        wording = stmt.text[rank.start : rank.end]
        if wording.lower() == "least" and re.search(r"(?i:\bat\s+)$", stmt.text[: rank.start]):
            continue
        after = content_words(stmt.text[rank.end : rank.end + 60])[:5]
        if scope and not scope & set(after):
            continue
        return SlotResult(rank.rank == value.rank, wording, span=(rank.start, rank.end))
    return None


# A coarser place ("China" for "southwest China") says something about location only after
# a location verb: "Jiangsu is in China", not "the leading producer ... in China".
_LOCATION_CUE = re.compile(
    r"\b(?:is|are|was|were|lies|lie|located|situated|based|sits)\s+(?:\w+\s+){0,3}in\b"
    r"|^[A-Z][\w'’. -]*,\s+(?:in|near)\s+(?:the\s+)?$"  # apposition: "Jiangsu, in East China, ..."
)


def _compare_place(stmt: Statement, value: PlaceValue) -> SlotResult | None:
    named = _confirm_names(stmt, _value_names(value))
    if named:
        return named
    subject_spans = {normal(" ".join(words(stmt.text)[h.start : h.end])) for h in stmt.subjects}
    claimed = [place_words(n) for n in _value_names(value)]
    candidates = [p for p in stmt.places if normal(p.name) not in subject_spans]
    for place in candidates:
        stated = place_words(place.name)
        if any(set(c) <= set(stated) for c in claimed):
            return SlotResult(True, place.name, span=(place.start, place.end))
        if any(set(stated) < set(c) for c in claimed):
            if not _LOCATION_CUE.search(stmt.text[: place.start]):
                return None
            return SlotResult(True, place.name, weak=True, span=(place.start, place.end))
    # Another place contradicts only where the sentence says where something is or was held
    # ("... was held in Shanghai"), not where something else happened ("signed in Shanghai").
    if candidates and _LOCATION_CUE.search(stmt.text[: candidates[0].start]):
        return SlotResult(False, candidates[0].name, span=(candidates[0].start, candidates[0].end))
    return None


_CONNECTORS = frozenset({"of", "the", "for", "at", "in", "and"})
_ROLE_CHANGE = re.compile(rf"(?i)\b(?:{_LEX.alternation('role_changes')})\b")
# a lower-case noun, not a verb form ("elected", "acting"... are read as title words where they are)
_COMPOUND = re.compile(r"[a-z]+(?<!ed)(?<!ing)(?<!ly)")


def _role_words(
    text: str, name_words: set[str], names: list[str] | None = None
) -> tuple[set[str], set[str], set[str]]:
    """The title words of the sentence, the words of the role phrase around them, and those of its
    possessive owner ("the province's budget director": province).

    The role phrase is the run of capitalised words and connectors ("Vice Mayor of Guangzhou",
    "US Energy Secretary") that holds a title word; the person's own name is left out. When the
    person's `names` are given, only a run attached to the person counts: holding the name, right
    before it ("Energy Secretary Rick Perry"), or after it behind a comma or a copula ("Rick Perry,
    the ...", "... is a senior policy analyst"), so "Trump signed an executive order" names no role.
    """
    toks = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w[\w’'-]*", text)]
    at = _name_spans(text, names) if names is not None else None
    role: set[str] = set()
    owners: set[str] = set()
    for i, (tok, _, _) in enumerate(toks):
        if tok.lower() not in _TITLE_WORDS or i + 1 < len(toks) and re.search(r"['’]s$", toks[i + 1][0]):
            continue  # "the health board's medical director": "health" is the owner's word, no title
        lo, hi = i, i
        while lo > 0 and (toks[lo - 1][0][:1].isupper() or toks[lo - 1][0].lower() in _TITLE_WORDS):
            lo -= 1
        if lo > 0 and _COMPOUND.fullmatch(toks[lo - 1][0]) and toks[lo - 1][0] not in STOPWORDS \
                and toks[lo - 1][0] not in _LEX.adverbs:
            lo -= 1  # "board chair", "budget director": a noun before the title is part of it
        if lo > 0 and re.search(r"['’]s$", toks[lo - 1][0]):
            lo -= 1  # "the city's budget director": whose title it is, part of the role
        while hi + 1 < len(toks) and (
            toks[hi + 1][0][:1].isupper() or toks[hi + 1][0].lower() in _CONNECTORS | _TITLE_WORDS
            or _in_complement(text, toks, hi + 1)
        ):
            hi += 1
        if at is not None and not _attached(text, toks[lo][1], toks[hi][2], at):
            continue
        run = " ".join(t for t, _, _ in toks[lo : hi + 1])
        role.update(w for w in content_words(run) if w not in name_words)
        owned = [k for k in range(lo, i) if re.search(r"['’]s$", toks[k][0])]
        owners.update(content_words(" ".join(t for t, _, _ in toks[lo : owned[-1] + 1])) if owned else ())
    titles = {w for w in role if w in _TITLE_WORDS}
    return titles, role, owners


_COMPLEMENT_END = frozenset({"at", "in", "and", "who", "which", "that", "since", "from", "on", "with", "to"})


def _in_complement(text: str, toks: list[tuple[str, int, int]], j: int) -> bool:
    """A lower-case word of a title's "of"/"for" complement: "head of price statistics at ...",
    up to a comma or a word that ends the complement. Without it "head of price statistics" would
    read as "head" and agree with any other head."""
    word = toks[j][0].lower()
    if word in _COMPLEMENT_END or re.search(r"[,;:.()\"“”]", text[toks[j - 1][2]:toks[j][1]]):
        return False
    back = j - 1
    while back >= 0 and toks[back][0].lower() not in ("of", "for") and toks[back][0][:1].islower() \
            and toks[back][0].lower() not in _TITLE_WORDS and toks[back][0].lower() not in _COMPLEMENT_END:
        back -= 1
    return back >= 1 and toks[back][0].lower() in ("of", "for") and toks[back - 1][0].lower() in _TITLE_WORDS


_COPULA = re.compile(r"\b(?:is|was|are|were|became|becomes|remains|remained|as|named|appointed|served)\b")


def _name_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where the person is named: a full name or its last word ("Trump"), or an opening pronoun."""
    forms = {n for name in names for n in (name, name.split()[-1]) if n}
    spans = [(m.start(), m.end()) for f in forms for m in re.finditer(rf"\b{re.escape(f)}\b", text)]
    if not spans and (m := re.match(r"\s*(?:He|She|They)\b", text)):
        spans.append((m.start(), m.end()))
    return spans


def _attached(text: str, start: int, end: int, names: list[tuple[int, int]]) -> bool:
    for n_start, n_end in names:
        if start <= n_start < end or text[end:n_start].strip() == "" and end <= n_start:
            return True
        gap = text[n_end:start]
        if n_end <= start and len(gap) <= 40 and (gap.lstrip().startswith(",") or _COPULA.search(gap)):
            return True
    return False


def stated_role(stmt: Statement, value: PersonValue) -> tuple[set[str], set[str]]:
    """The title words and the role words the sentence gives the claim's person."""
    return _role_words(stmt.text, set(content_words(value.name)), _value_names(value))[:2]


def _compare_role(stmt: Statement, value: PersonValue) -> SlotResult | None:
    """Same title words, and no word in the stated role phrase that the claimed role lacks
    ("Vice Mayor of Shenzhen" is not "Vice Mayor of Guangzhou"; "Energy Secretary" is
    "US Energy Secretary"). A stated role holding all of the claimed one and more ("Professor at
    Kell University" against "Professor") is compatible only: unverified."""
    name_words = set(content_words(value.name))
    titles, role, owners = _role_words(stmt.text, name_words, _value_names(value))
    if not titles:
        return _confirm_names(stmt, _value_names(value))
    claimed = set(content_words(value.role or ""))
    phrase = _role_phrase(stmt.text, titles)
    only_compatible = SlotResult(True, phrase or " ".join(sorted(titles)), implied=False, titled=True)
    if not titles & claimed:  # another title altogether: people hold several roles, so the source's
        return only_compatible
    same_title = titles == {w for w in claimed if w in _TITLE_WORDS}
    agree = same_title and role <= claimed
    if agree and _complement(value.role or "") - role:
        # "head of Tarn Statistics" against "head of price statistics at Tarn Statistics": the
        # source's role says which part; one without it is another, wider role
        return only_compatible
    if agree and _ROLE_CHANGE.search(stmt.text):
        # "X resigned as head of safety", "Y replaced X as mayor": the source's "X, head of safety"
        # says who held the post, not that it changed hands
        return only_compatible
    stated = " ".join(sorted(role - claimed)) if not agree and role - claimed else " ".join(sorted(titles))
    if same_title and not agree and (claimed <= role or role - owners <= claimed):
        # "professor at the University of Guelph" against the source's "professor": says more than
        # the source, which does not contradict it; "the province's budget director" against "budget
        # director of the city": the same post of another body, which a person may hold as well
        return SlotResult(True, phrase or stated, implied=False, titled=True)
    return SlotResult(agree, phrase or stated, titled=True)


def _complement(role: str) -> set[str]:
    """The lower-case words of a title's "of"/"for" complement: "price statistics" of "head of price
    statistics at Tarn Statistics"."""
    found = re.search(r"\b(?:of|for)\s+((?:[a-z][\w'’-]*\s*)+)", role)
    return {w for w in content_words(found[1]) if w not in _COMPLEMENT_END} if found else set()


def _role_phrase(text: str, titles: set[str]) -> str:
    """The sentence's own wording of the role, for the reason: 'Vice Mayor of Shenzhen'."""
    title = "(?i:" + "|".join(sorted(titles)) + ")"
    cap = r"[A-Z][\w’'-]*"
    # "Tarnwell's head of product safety": a lower-case complement up to the phrase's end, too
    complement = r"(?:(?:(?<=\sof)|(?<=\sfor))(?:\s+[a-z][\w'’-]*){1,4}(?=\s*[,.;:()]|\s*$))?"
    m = re.search(rf"(?:{cap}\s+)*{title}\b(?:\s+(?:of|for|at|the|in|{cap}|{title}))*{complement}", text)
    return re.sub(r"(?:\s+(?:of|for|at|the|in))+$", "", m.group(0).strip()) if m else ""


def _subject_names(stmt: Statement) -> list[str]:
    if stmt.carried_subject:  # the names stand in the sentence before
        return []
    toks = words(stmt.text)
    return [" ".join(toks[h.start : h.end]) for h in stmt.subjects]


def _confirm_names(stmt: Statement, names: list[str]) -> SlotResult | None:
    """A claimed name stated anywhere in the sentence, outside its subject: confirms it."""
    text = f" {normal(stmt.text)} "
    subjects = {normal(n) for n in _subject_names(stmt)}
    for name in names:
        if normal(name) not in subjects and f" {normal(name)} " in text:
            return SlotResult(True, name)
    return None


def claims_agree(a: Claim, b: Claim, tol: Tolerance) -> bool | None:
    """Whether two members of a group state the same thing; None when they cannot be compared."""
    if SET_VALUED in a.tags or SET_VALUED in b.tags:
        return None  # one member each of a list (partners, members): no conflict
    va, vb = a.value, b.value
    if isinstance(va, PlaceValue) and isinstance(vb, PlaceValue):
        wa, wb = set(place_words(va.name)), set(place_words(vb.name))
        return wa <= wb or wb <= wa
    if isinstance(va, OrganizationValue | PersonValue | TextValue):
        return None  # several partners or speakers are no conflict
    return compare(va, vb, tol).agree


def same_time(a: Claim, b: Claim) -> bool:
    """Figures for different dates do not conflict: each holds at its own as_of."""
    return a.as_of is None or b.as_of is None or a.as_of == b.as_of
