"""A claim's words for matching: its statement with values masked, less its subject's names.

`index` stores them for every claim. The full reader (`quantities.mask`) costs ~190 µs a
statement, minutes for a million claims, so regular statements are masked here by a few
patterns at build time and the rest by the full reader on first use.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from verifier.common.text import POSSESSIVE, STOPWORDS, content_words, stem, words
from verifier.models import Claim


class ClaimFields(Protocol):
    statement: str
    names: tuple[str, ...]
    property: str
    quote: str


def claim_text_words(claim: Claim) -> list[str]:
    """The words that say what a claim is about: its statement with values masked, its property,
    and not its subject's names (the subject is matched separately, and would inflate scores)."""
    from verifier.parsing.quantities import (
        mask,  # the full reader and its lexicon: not for a start from the cache
    )

    return _words_of_masked(mask(claim.statement), claim.subject.names(), claim.property)


def _words_of_masked(masked: str, names: Iterable[str], prop: str) -> list[str]:
    kept = _without_names(words(masked), _name_words(tuple(names)))
    return content_words(" ".join(kept)) + _prop_words(prop)


@lru_cache(maxsize=65536)
def _name_words(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    # longest first; two names of one length cannot both match at one place, so their order is moot
    return tuple(n for n in sorted({tuple(words(n)) for n in names}, key=len, reverse=True) if n)


@lru_cache(maxsize=4096)
def _prop_words(prop: str) -> list[str]:
    return content_words(prop.replace("_", " "))


def _without_names(toks: list[str], names: tuple[tuple[str, ...], ...]) -> list[str]:
    firsts = {n[0] for n in names}
    keep, i = [], 0
    while i < len(toks):
        name = toks[i] in firsts and next((n for n in names if tuple(toks[i : i + len(n)]) == n), None)
        if name:
            i += len(name)
        else:
            keep.append(toks[i])
            i += 1
    return keep


# ---------------------------------------------------------------- claim words at build time
# `quantities.mask` costs ~190 µs a statement (a million claims: minutes). Claim statements are
# regular, so a few patterns mask most of them; any trace of a form they do not cover (a word
# the full parser might read as part of a value, a digit left over) means "unsure", and that
# claim is masked by the full parser on first use. tests/test_match.py checks the two agree.
_ASCII_WORD = re.compile(r"[a-z0-9_<>]+")
_STEMS: dict[str, str] = {}
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY, _YEAR = r"(?:[1-9]|[12]\d|3[01])", r"(?:1[89]\d\d|20\d\d|2100)"
_FAST_VALUE = re.compile(
    rf"(?<!\S)(?:(?P<date>{_DAY} (?:{_MONTH}) {_YEAR}|(?:{_MONTH}) {_DAY}, {_YEAR}|(?:{_MONTH}) {_YEAR})"
    r"|(?P<cur>\$)?(?P<num>(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?)"
    r"(?P<scale> (?:thousand|million|billion|trillion))?(?P<pct> percent|%)?)(?=[.,;]?(?:\s|$))",
    re.ASCII,  # other digits and spaces: left over, so unsure
)
_FAST_MONTH_NEXT = re.compile(rf"\s+(?:{_MONTH})", re.ASCII)
_FAST_AFTER_YEAR = re.compile(r"[.,;](?:\s|$)|$", re.ASCII)
_FAST_RANGE = re.compile(r"\s*(?:[-–—]|\s(?:in|to|and|or|per)\s)")
_FAST_LEFT = re.compile(r"[\d$€£¥%°+~#@]|https?:|www\.")
_LABELS = frozenset("""type phase stage level grade tier step round category class article section chapter
    aged age ages adults people children men women patients those""".split())
_RISKY = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen thousand
    million billion trillion bn mn tn k m b half january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow last next year month decade century quarter
    more over above exceeds exceeded exceeding excess upwards greater least fewer less no not minimum close
    just under below shy estimated approx circa up most maximum exactly precisely between so plus
    per cent pct percent w wh kw kwh mw mwh gw gwh tw twh watt watts kilowatt kilowatts megawatt megawatts
    gigawatt gigawatts terawatt terawatts hour hours degree degrees celsius centigrade fahrenheit c f km kg
    kilometer kilometers kilometre kilometres kilogram kilograms tonnes tons miles hectares acres ppm dollar
    dollars us american euro euros yuan renminbi rmb pound pounds sterling yen usd eur gbp cny jpy hkd aud
    cad chf inr au nz hk cn jp""".split()
)


def _real_date(text: str) -> bool:
    parts = text.replace(",", "").split()
    day, month, year = (parts if parts[0].isdigit() else [parts[1], parts[0], parts[2]]) if len(parts) == 3 \
        else ["1", *parts]  # fmt: skip
    try:
        datetime.date(int(year), _MONTH.split("|").index(month) + 1, int(day))
    except ValueError:
        return False
    return True


def fast_masked(statement: str, names: Sequence[str]) -> str | None:
    """`quantities.mask(statement)` for the regular statements most claims have, None when unsure."""
    found = _fast_masked(statement, names)
    return found and found[0]


def _fast_masked(statement: str, names: Sequence[str]) -> tuple[str, list[str]] | None:
    """fast_masked, and the masked statement's words."""
    if _has_digit(tuple(names)):
        return None
    out, pos = [], 0
    for m in _FAST_VALUE.finditer(statement):
        num = m["num"]
        year = num and not (m["cur"] or m["scale"] or m["pct"]) and re.fullmatch(_YEAR, num)
        if year and not _FAST_AFTER_YEAR.match(statement, m.end()):
            return None  # "1801 cases" is a count, "1950 in" a year: the full parser decides
        if num and not (m["scale"] or m["pct"]) and _FAST_RANGE.match(statement, m.end()):
            return None  # "1 in 5", "10 to 20", "2013-2015", "312 per 100,000"
        before = [w.lower() for w in statement[pos : m.start()].split()[-2:]]
        if num and not m["cur"] and _LABELS.intersection(before):
            return None  # "type 2", "adults over 65": labels
        if year and {"nearly", "almost"}.intersection(before[-1:]):
            return None  # "nearly 2000" is a count
        if num and _FAST_MONTH_NEXT.match(statement, m.end()) or m["date"] and not _real_date(m["date"]):
            return None  # "32 January 1999", "31 February 2001": dates the full parser leaves unmasked
        out += [statement[pos : m.start()], "<date>" if m["date"] or year else "<num>"]
        pos = m.end()
    masked = "".join(out) + statement[pos:]
    toks = _words(masked)
    if _FAST_LEFT.search(masked) or not _RISKY.isdisjoint(toks):
        return None
    return masked, toks


@lru_cache(maxsize=65536)
def _has_digit(names: tuple[str, ...]) -> bool:
    return any(c.isdigit() for n in names for c in n)


def _words(text: str) -> list[str]:
    """text.words, quicker for ASCII (no Unicode folding), where it gives the same words."""
    if not text.isascii():
        return words(text)
    return _ASCII_WORD.findall(POSSESSIVE.sub("", text.lower()).replace("'", ""))


def _content(toks: list[str]) -> list[str]:
    """content_words(" ".join(toks)) for ASCII words that `words` made (it leaves those as they are)."""
    out = []
    for w in toks:
        if w not in STOPWORDS:
            st = _STEMS.get(w)
            if st is None:
                st = _STEMS[w] = stem(w)
            out.append(st)
    return out


def fast_claim_words(f: ClaimFields) -> list[str] | None:
    """claim_text_words from a claim's fields, None when `fast_masked` is unsure."""
    found = _fast_masked(f.statement, f.names)
    if found is None:
        return None
    kept = _without_names(found[1], _name_words(f.names))
    content = _content(kept) if found[0].isascii() else content_words(" ".join(kept))
    return content + _prop_words(f.property)


# ---------------------------------------------------------------- the words of a million claims
UNSURE = b"\x00"  # stored claim words of a claim the fast masker was unsure of: made on first use
_PARALLEL_FROM = 200_000  # claims; below this a second process costs more than it saves


def words_blob(fields: Iterable[ClaimFields]) -> tuple[bytes, array, bytes]:
    """The claims' words as the index stores them: space-separated UTF-8 one claim after another
    (UNSURE for a claim fast_masked is unsure of), where each claim's words end, and each claim's
    quote flags (parsing.wording), made in the same pass so that a helper makes its half of both."""
    from verifier.parsing.wording import quote_flags  # with the lexicon: a start from the cache needs neither

    blob, ends, flags = bytearray(), array("q"), bytearray()
    for f in fields:
        made = fast_claim_words(f)
        blob += UNSURE if made is None else " ".join(made).encode()
        ends.append(len(blob))
        flags.append(quote_flags(f.quote, f.property))
    return bytes(blob), ends, bytes(flags)


class WordsHelper:
    """words_blob of claims [lo, hi) made by a forked process while the caller builds the rest of the
    index: the words are two fifths of a build, and a build has a core to spare. `result()` gives
    them, or None when the helper could not run (then the caller makes them itself)."""

    def __init__(self, fields: Callable[[], Iterable[ClaimFields]]):
        self._proc = self._recv = None
        if not _can_fork():
            return
        import multiprocessing  # a build's helper: a start that loads an index starts none

        ctx = multiprocessing.get_context("fork")
        try:
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_helper_main, args=(send, fields), daemon=True)
            self._proc.start()
            send.close()
        except (OSError, AssertionError):  # no processes here (a daemon process may not have children)
            self._proc = None

    def result(self) -> tuple[bytes, array, bytes] | None:
        if self._proc is None:
            return None
        try:
            blob, ends = self._recv.recv_bytes(), array("q")
            ends.frombytes(self._recv.recv_bytes())
            flags = self._recv.recv_bytes()
        except (EOFError, OSError):
            blob = None
        self._recv.close()
        self._proc.join()
        return (blob, ends, flags) if blob is not None and self._proc.exitcode == 0 else None


def parallel_words(n: int) -> bool:
    """Whether a build of n claims makes half of their words in a helper process."""
    return n >= _PARALLEL_FROM and _can_fork()


def _can_fork() -> bool:
    import multiprocessing

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    forks = "fork" in multiprocessing.get_all_start_methods()
    return cores > 1 and sys.platform.startswith("linux") and forks  # fork elsewhere is not safe


def _helper_main(send, fields: Callable[[], Iterable[ClaimFields]]) -> None:
    blob, ends, flags = words_blob(fields())
    send.send_bytes(blob)
    send.send_bytes(ends.tobytes())
    send.send_bytes(flags)
    send.close()
