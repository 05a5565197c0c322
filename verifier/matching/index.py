"""The compiled form of a ledger that matching needs: subject names, and claim texts as terms.

Building it reads every claim once; afterwards a named subject is a dictionary look-up and a
free-text statement is a BM25 query over compact postings (numpy arrays), so checking a
sentence does not grow with the ledger's size. The masked words that `match.predicate_score`
compares are made at build time by a fast masker for the regular statements most claims have,
and by the full quantities parser on first use for the others (see `claimwords`).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from verifier.common.text import NON_WORD, POSSESSIVE, STOPWORDS, content_words, fold, normal, words
from verifier.matching.bm25 import Postings, build_postings, top_positions
from verifier.matching.claimvalues import ClaimRef, ClaimValues, PerClaim, ValueColumnsBuilder
from verifier.matching.claimwords import (
    UNSURE,
    WordsHelper,
    claim_text_words,
    fast_claim_words,
    parallel_words,
    words_blob,
)
from verifier.models import Claim, Value

# Extra stopwords for retrieval only (the matcher's STOPWORDS keep property cues on purpose).
_RETRIEVAL_STOP = STOPWORDS | frozenset(
    """i me my we our you your he him his she her they them not no do does did will would can could
    just so but if what when where why how all any more most other such only own same too very
    up out over again once here now said says say""".split()
)
VALUE_KINDS = ("quantity", "date", "place", "person", "organization", "rank", "text")
_KIND_CODE = {k: i for i, k in enumerate(VALUE_KINDS)}
_SUFFIXES = ("ational", "ization", "ations", "ation", "ments", "ment", "ings", "ing", "edly", "ied",
             "ies", "ed", "ly", "es", "s")  # fmt: skip


# Index fields the views (_Views) are made of: setting one makes them again
_VIEWED = frozenset({"claims", "kind_of", "quote_flags", "values", "words_ptr"})
_KEEP_REFS = 100_000  # ClaimRefs (and predicate texts) kept: a check touches a few of a large ledger's claims
_UNSEEN = object()
PLACEHOLDERS = frozenset({"<num>", "<date>"})  # the masked values among a text's words


class _Views:
    """The index's columns that fit its claims, each as a memoryview (indexing one gives a Python
    number about five times quicker than a numpy array does), or None where a column is missing or
    does not fit (then the claim itself is read). Made once, not checked on every read: matching
    reads a candidate's kind, measure, value and flags a hundred thousand times in a check."""

    def __init__(self, index: Index):
        n = len(index.claims)
        kinds, flags, ptr, values = index.kind_of, index.quote_flags, index.words_ptr, index.values
        self.kinds = _view(kinds, np.uint8, "B") if kinds is not None and len(kinds) == n else None
        self.flags = _view(flags, np.uint8, "B") if flags is not None and len(flags) == n else None
        self.words_ptr = _view(ptr, np.int64, "q") if ptr is not None and len(ptr) == n + 1 else None
        self.values = values if values is not None and len(values.shape) == n else None


def _view(array: np.ndarray, dtype, code: str) -> memoryview:
    return memoryview(np.ascontiguousarray(array, dtype=dtype)).cast("B").cast(code)


@dataclass(frozen=True)
class SubjectHit:
    """A subject named in a text: its key and the word positions [start, end) of the name."""

    key: str
    start: int
    end: int


def subject_key(claim: Claim) -> str:
    return _normal_name(claim.subject.name)


@lru_cache(maxsize=65536)
def _normal_name(name: str) -> str:  # a check asks for the same subjects' keys again and again
    return normal(name)


def group_key(claim: Claim) -> tuple[str, str]:
    """Claims about the same subject and property state the same fact and must agree."""
    return subject_key(claim), claim.property


def term(word: str) -> str:
    """A crude suffix-stripping stem for retrieval: 'released', 'releases', 'releasing' → 'releas'."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_TERM_CACHE: dict[str, str] = {}


def terms(text: str) -> list[str]:
    """The retrieval terms of a text: its words less common ones, stemmed."""
    return _terms_of(words(text))


def _terms_of(ws: list[str]) -> list[str]:
    out = []
    for w in ws:
        if w in _RETRIEVAL_STOP:
            continue
        t = _TERM_CACHE.get(w)
        if t is None:
            t = _TERM_CACHE[w] = term(w)
        out.append(t)
    return out


def terms_many(texts: Iterable[str], batch: int = 4096) -> Iterator[list[str]]:
    """`terms` of each text, the same lists, with the Unicode folding done once per batch of texts
    (per-call overhead, not the work, is what a million short claims cost)."""
    chunk: list[str] = []
    for text in texts:
        chunk.append(text.replace("\n", " "))  # newlines separate the texts of a batch
        if len(chunk) == batch:
            yield from _terms_batch(chunk)
            chunk = []
    if chunk:
        yield from _terms_batch(chunk)


def _terms_batch(chunk: list[str]) -> Iterator[list[str]]:
    folded = POSSESSIVE.sub("", fold("\n".join(chunk))).replace("'", "")
    for line in folded.split("\n"):
        yield _terms_of(NON_WORD.sub(" ", line).split())


def retrieval_text(claim: Claim) -> str:
    """What BM25 searches: the statement, its property and the words around it in its source."""
    span = claim.source
    return joined_text(claim.statement, claim.property, span.prefix, span.suffix)


def joined_text(statement: str, prop: str, prefix: str | None, suffix: str | None) -> str:
    return " ".join([statement, prop.replace("_", " "), prefix or "", suffix or ""])


@dataclass(frozen=True)
class Fields:
    """What the index reads of a claim."""

    names: tuple[str, ...]  # the subject's name, then its aliases
    property: str
    text: str  # retrieval_text
    statement: str
    quote: str  # the source span's words (quote flags are made from them)
    kind: str = ""  # the value's kind ("quantity", "date", ...)
    value: Mapping[str, Any] | None = None  # the value's fields (stored JSON, or a model's __dict__)


def claim_fields(claims: Sequence[Claim], lo: int = 0, hi: int | None = None) -> Iterator[Fields]:
    """Each claim's Fields (of claims lo to hi); a store that can read them without building Claims
    says so (`fields`)."""
    fast = getattr(claims, "fields", None)
    if fast is not None:
        yield from fast(lo, hi)
        return
    for c in claims[lo:hi]:
        names = (c.subject.name, *c.subject.aliases)
        yield Fields(names, c.property, retrieval_text(c), c.statement, c.source.quote, c.value.kind,
                     c.value.__dict__)


class Groups(Mapping[tuple[str, str], list[int]]):
    """(subject key, property) -> claim positions, derived from by_subject and one property id per
    claim: a million groups cost an int array, not a million tuples and lists to pickle."""

    def __init__(self, by_subject: Mapping[str, list[int]], prop_of: np.ndarray, properties: list[str]):
        self.by_subject, self.prop_of, self.properties = by_subject, prop_of, properties
        self._prop_ids = {p: i for i, p in enumerate(properties)}
        self._order: list[tuple[str, str]] | None = None
        self._props = _view(prop_of, np.int32, "i")  # Python ints, quickly

    def __getitem__(self, key: tuple[str, str]) -> list[int]:
        members = self.by_subject.get(key[0])
        pid = self._prop_ids.get(key[1])
        if members is None or pid is None:
            raise KeyError(key)
        props = self._props
        found = [i for i in members if props[i] == pid]
        if not found:
            raise KeyError(key)
        return found

    def property_of(self, idx: int) -> str:
        return self.properties[self._props[idx]]

    def _keys(self) -> list[tuple[str, str]]:
        if self._order is None:  # in order of each group's first claim, as a dict built claim by claim
            first: dict[tuple[str, str], int] = {}
            for subject, members in self.by_subject.items():
                for i in members:
                    first.setdefault((subject, self.properties[self.prop_of[i]]), i)
            self._order = sorted(first, key=first.__getitem__)
        return self._order

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __getstate__(self):
        return (self.by_subject, self.prop_of, self.properties)

    def __setstate__(self, state) -> None:
        self.__init__(*state)


def fuzzy_text(claim: Claim) -> str:
    """A claim's retrieval text as the words the fuzzy re-scoring compares."""
    return " ".join(content_words(retrieval_text(claim)))


@dataclass
class Index:
    claims: Sequence[Claim]
    # first word of a name -> the names (as word tuples) starting with it, longest first
    names: Mapping[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # or NameLists
    by_subject: Mapping[str, list[int]] = field(default_factory=dict)  # a dict, or CsrLists from the cache
    groups: Mapping[tuple[str, str], list[int]] = field(default_factory=dict)
    postings: Postings | None = None
    dense: np.ndarray | None = None  # claim embeddings, with the `semantic` extra (semantic.attach)
    # claim_text_words made at build time (fast_claim_words): claim i's words, space-separated, are
    # words_blob[words_ptr[i]:words_ptr[i + 1]]; a claim the fast masker was unsure of is UNSURE
    words_blob: bytes = b""
    words_ptr: np.ndarray | None = None
    # claim i's value kind, as its position in VALUE_KINDS: matching skips the claims whose kind the
    # sentence states no value of without decoding them (see facts.match_facts)
    kind_of: np.ndarray | None = None
    # claims' numbers and dates as columns (claimvalues): candidates are compared without decoding
    values: ClaimValues | None = None
    # what each claim's quote words (wording.quote_flags): judging asks it of every candidate
    quote_flags: np.ndarray | None = None
    claim_words: PerClaim[list[str]] = field(init=False)  # see claim_text_words
    fuzzy_texts: PerClaim[str] = field(init=False)  # see fuzzy_text
    _roles: dict[frozenset[str], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)
    # the columns that fit the claims, read quickly (see _Views); None: made again on next use
    _views: _Views | None = field(default=None, init=False, repr=False, compare=False)
    _refs: dict[int, ClaimRef] = field(default_factory=dict, init=False, repr=False, compare=False)
    _phrases: dict[int, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        # what the views were made of is set anew (a ledger's claims for the cache's, say): made again
        object.__setattr__(self, name, value)
        if name in _VIEWED:
            object.__setattr__(self, "_views", None)
            object.__setattr__(self, "_refs", {})
        if name == "claim_words":
            object.__setattr__(self, "_phrases", {})

    def __post_init__(self) -> None:
        self.claim_words = PerClaim(self.claims, claim_text_words, self._stored_words)
        self.fuzzy_texts = PerClaim(self.claims, fuzzy_text)

    def _columns(self) -> _Views:
        views = self._views
        if views is None:
            views = _Views(self)
            object.__setattr__(self, "_views", views)
        return views

    def _stored_words(self, idx: int) -> list[str] | None:
        ptr = (self._views or self._columns()).words_ptr
        if ptr is None:
            return None
        raw = self.words_blob[ptr[idx] : ptr[idx + 1]]
        return None if raw == UNSURE else raw.decode().split()

    def predicate_text(self, idx: int) -> str | None:
        """Claim idx's words (claim_words) less the value placeholders, joined by spaces, as
        match.predicate_score compares them with each sentence that names its subject; None when no
        word is left."""
        found = self._phrases.get(idx, _UNSEEN)
        if found is _UNSEEN:
            kept = [w for w in self.claim_words[idx] if w not in PLACEHOLDERS]
            found = " ".join(kept) if kept else None
            if len(self._phrases) >= _KEEP_REFS:
                self._phrases.clear()
            self._phrases[idx] = found
        return found

    def property_of(self, idx: int) -> str:
        """Claim idx's property, read from the groups' array when the index was built (no decoding)."""
        groups = self.groups
        if isinstance(groups, Groups):
            return groups.property_of(idx)
        return self.claims[idx].property

    def value_of(self, idx: int) -> Value:
        """Claim idx's value; a number or a date from the columns when the index has them."""
        columns = (self._views or self._columns()).values
        found = columns.value(idx) if columns is not None else None
        return found if found is not None else self.claims[idx].value

    def measure_of(self, idx: int) -> tuple | None:
        """units.measure of claim idx's value when it is a quantity of the columns (read without
        decoding the claim); else None."""
        columns = (self._views or self._columns()).values
        return columns.measure(idx) if columns is not None else None

    def claim_ref(self, idx: int) -> ClaimRef:
        """Claim idx as matching reads it: its value and quote flags without decoding the claim (see
        claimvalues). The same object for the same claim: a candidate is asked for several times in
        a sentence, and its claims in many sentences."""
        ref = self._refs.get(idx)
        if ref is None:
            flags = (self._views or self._columns()).flags
            flag = (flags[idx] or None) if flags is not None else None
            ref = ClaimRef(self.claims, idx, self.value_of(idx), flag, self.property_of(idx))
            if len(self._refs) >= _KEEP_REFS:
                self._refs.clear()
            self._refs[idx] = ref
        return ref

    def kind_of_claim(self, idx: int) -> str:
        """Claim idx's value kind ("quantity", "date", ...), without decoding it when the index knows."""
        kinds = (self._views or self._columns()).kinds
        if kinds is None:
            return self.claims[idx].value.kind
        return VALUE_KINDS[kinds[idx]]

    def people_by_role(self) -> dict[frozenset[str], list[int]]:
        """The claims giving a person a role, by the role's words ("head product safety tarnwell"),
        built on first use: only a sentence giving someone a title asks, and the person claims are
        found by the kind column without decoding the rest."""
        if self._roles is None:
            kinds = self.kind_of
            people = np.flatnonzero(kinds == VALUE_KINDS.index("person")) if kinds is not None \
                and len(kinds) == len(self.claims) else range(len(self.claims))
            roles: dict[frozenset[str], list[int]] = defaultdict(list)
            for i in people:
                value = self.claims[int(i)].value
                if getattr(value, "role", None):
                    roles[frozenset(content_words(value.role))].append(int(i))
            self._roles = dict(roles)
        return self._roles

    def subjects_in(self, text: str) -> list[SubjectHit]:
        """Every subject named in the text, longest name first where names overlap."""
        toks = words(text)
        hits: list[SubjectHit] = []
        i = 0
        while i < len(toks):
            hit = self._name_at(toks, i)
            if hit:
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def _name_at(self, toks: list[str], i: int) -> SubjectHit | None:
        for name, key in self.names.get(toks[i], ()):
            if tuple(toks[i : i + len(name)]) == name:
                return SubjectHit(key, i, i + len(name))
        return None

    def bm25(self, text: str, top: int = 100) -> list[tuple[int, float]]:
        """Claims ranked by BM25 over their statement, property and source context."""
        p = self.postings
        if p is None or not p.n_docs:
            return []
        ids = sorted({p.vocab[t] for t in terms(text) if t in p.vocab})
        if not ids:
            return []
        scores = np.zeros(p.n_docs, dtype=np.float32)
        for t in ids:
            lo, hi = p.ptr[t], p.ptr[t + 1]
            scores[p.doc[lo:hi]] += np.float32(p.idf(t)) * p.weight[lo:hi]
        return [(int(i), float(scores[i])) for i in top_positions(scores, top)]


def _draining(items: list[str]) -> Iterator[str]:
    """The items in order, each let go of once given (a million claims' texts are ~170 MB, alive
    otherwise while the postings are sorted: the peak of a build)."""
    items.reverse()
    while items:
        yield items.pop()


def _add_words(blob: bytearray, ptr: array, more: tuple[bytes, array]) -> None:
    base = len(blob)
    blob += more[0]
    ptr.extend((np.frombuffer(more[1], dtype=np.int64) + base).tolist())


def build_index(claims: Sequence[Claim]) -> Index:
    """One pass over the claims (they may be decoded on the fly), then the postings in numpy."""
    from verifier.parsing.wording import quote_flags  # with the lexicon: a start from the cache needs neither

    index = Index(claims=claims)
    names: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
    seen_subjects: dict[tuple[str, ...], str] = {}
    prop_ids: dict[str, int] = {}
    prop_of = array("i")
    kinds = bytearray()
    columns = ValueColumnsBuilder()
    texts = []
    blob, ptr, flags = bytearray(), array("q", [0]), bytearray()
    half = len(claims) // 2 if parallel_words(len(claims)) else len(claims)
    helper = WordsHelper(lambda: claim_fields(claims, half)) if half < len(claims) else None
    for i, f in enumerate(claim_fields(claims)):
        if i < half:  # the rest are the helper's
            made = fast_claim_words(f)
            blob += UNSURE if made is None else " ".join(made).encode()
            ptr.append(len(blob))
            flags.append(quote_flags(f.quote, f.property))
        key = seen_subjects.get(f.names)
        if key is None:  # a subject's names are read once, however many claims it has
            key = seen_subjects[f.names] = normal(f.names[0])
            for name in f.names:
                toks = tuple(words(name))
                if toks:
                    names[toks[0]].add((toks, key))
        index.by_subject.setdefault(key, []).append(i)
        prop_of.append(prop_ids.setdefault(f.property, len(prop_ids)))
        kinds.append(_KIND_CODE[f.kind])
        columns.add(f.kind, f.value or {})
        texts.append(f.text)
    index.names = {w: sorted(v, key=lambda nk: (-len(nk[0]), nk)) for w, v in names.items()}
    index.groups = Groups(index.by_subject, np.frombuffer(prop_of, dtype=np.int32).copy(), list(prop_ids))
    index.postings = build_postings(terms_many(_draining(texts)))
    if helper is not None:
        more = helper.result() or words_blob(claim_fields(claims, half))
        _add_words(blob, ptr, more[:2])
        flags += more[2]
    index.words_blob, index.words_ptr = bytes(blob), np.frombuffer(ptr, dtype=np.int64).copy()
    index.kind_of = np.frombuffer(bytes(kinds), dtype=np.uint8)
    index.quote_flags = np.frombuffer(bytes(flags), dtype=np.uint8)
    index.values = ClaimValues(len(claims), *columns.arrays())
    return index
