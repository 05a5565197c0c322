"""Fuzzing the readers of numbers, dates and names, and extract as a whole: on any text they return
(extract proposes claims or none), never raise, and never take long on a small input.

The deadline guards against a hang or an exponential pattern coming back (the names pattern over
runs of capitals was one); it is far above the milliseconds these take, so that a loaded machine
does not make it flaky. Time itself is measured by bench/extract_robustness.py.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.extraction import names
from verifier.extraction.extract import extract_text
from verifier.models import Source
from verifier.parsing.dates import find_dates
from verifier.parsing.quantities import find_values

QUICK = settings(max_examples=200, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
# extract parses each sentence with spaCy (about 10 ms): fewer examples, the same kind of guard.
PARSED = settings(max_examples=40, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow])

# The pieces real figures, dates and names are made of, in every order.
PIECES = st.lists(
    st.sampled_from([
        " ", ",", ".", "-", "–", "(", ")", "%", "$", "€", "£", "/", ":", "\n", "0", "1", "12", "2024", "1,000",
        "818 159", "3.5", "a", "the", "of", "in", "and", "by", "from", "to", "more than", "nearly", "about",
        "million", "billion", "quarter", "half", "per", "100,000", "percent", "pp", "MW", "CZK", "January",
        "May", "10–December 31,", "Q4", "fourth quarter of", "between", "since", "lowest", "highest",
        "third most", "JIANGSU", "HAD A", "Governor", "Chief Executive", "Inc.", "Pittsburgh, Pa.",
        "WASHINGTON –", "according to", "said", "respectively", "both", "her daughter,", "USDL-12-1834",
        "Order 841", "(3)", "It", "The agency", "GDP", "rose", "fell", "Ireland (+3.6%)", "\u00a0", "é",
    ]),
    max_size=60,
).map("".join)


def _source(text: str) -> Source:
    return Source(id="f", title="Fuzz", publisher="Fuzz Office (FO)", kind="report", published="2024-05-02",
                  sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), path="sources/f.txt")


@QUICK
@given(PIECES)
def test_numbers_and_dates_read_any_text(text):
    for m in find_values(text, "2024-05-02"):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
    for start, end, _ in find_dates(text, "2024-05-02"):
        assert 0 <= start < end <= len(text)


@QUICK
@given(st.one_of(PIECES, st.text(max_size=2000)))
def test_name_readers_read_any_text(text):
    for read in (names.role_facts, names.agent_facts, names.place_facts, names.member_facts, names.seat_facts):
        for fact in read(text):
            assert 0 <= fact.start <= fact.end <= len(text)


@PARSED
@given(PIECES)
def test_extract_reads_any_text(text):
    for claim in extract_text(text, _source(text)):
        span = claim.source
        assert text[span.start:span.end] == span.quote


def test_a_wide_table_row_is_read_in_linear_work(monkeypatch):
    """A 10,000-column table row took 27 s: each number looked for a label from the sentence's
    start. Now each looks at most 40 characters back (work counted, not timed)."""
    import verifier.parsing.parts as parts

    scanned: list[int] = []
    real = parts._LABEL

    class Counting:
        def search(self, text, pos=0, endpos=None):
            scanned.append((len(text) if endpos is None else endpos) - pos)
            return real.search(text, pos, endpos)

    monkeypatch.setattr(parts, "_LABEL", Counting())
    row = " | ".join(str(7 * i) for i in range(1, 2001))
    assert len(find_values(row)) > 1900
    assert len(scanned) > 1900 and max(scanned) <= 40
