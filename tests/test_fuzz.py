"""Fuzzing the entry points that read what users and other tools write: the Markdown reader and
sentence splitter, the ledger's YAML reader, the terminal escaper and the CSV cell guard.

Each must return or raise its own one-line error (DataError), never anything else, and must not
take long on a small input: the deadline is a guard against a hang or a quadratic path coming
back (5 s for at most 3,000 characters, far above the milliseconds these take, so that a loaded
machine does not make it flaky). Time itself is measured by bench/bad_input.py.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.common.terminal import printable
from verifier.common.yamlio import load_yaml
from verifier.errors import DataError
from verifier.ledger.exchange import neutralise, restore
from verifier.reading.documents import sentences, split_sentences
from verifier.reading.markdown import html_comments, markdown_blocks

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])

# Markdown's active characters, words, sentence ends and line breaks, in every combination.
MARKDOWN = st.lists(
    st.sampled_from(list("[]()!*_~`<>-#|&;:\\/\"'.?,= \t\n\r") + ["a", "Jiangsu", "80", "1.", "U.S.",
                    "<!--", "-->", "verifier: ignore", "http://x", "&amp;", "\x1b", "\u202e", "é"]),
    max_size=400,
).map("".join)
ANY_TEXT = st.text(max_size=3000)


def _check_sentences(text: str, path: str) -> None:
    try:
        found = sentences(text, path)
    except DataError as exc:  # a bad suppression comment: one line, naming the path
        assert str(exc) == printable(str(exc)) and str(exc).startswith(path)
        return
    last = -1
    for s in found:
        assert 0 <= s.start < s.end <= len(text) and s.start >= last
        assert s.line <= s.end_line and s.column >= 1 and s.text == s.text.strip() and s.text
        last = s.start


@FUZZ
@given(MARKDOWN)
def test_markdown_reader_never_fails(text):
    _check_sentences(text, "fuzz.md")
    blocks, comments = markdown_blocks(text)
    assert all(0 <= c.start < c.end <= len(text) for c in comments)


@FUZZ
@given(MARKDOWN)
def test_plain_text_reader_never_fails(text):
    _check_sentences(text, "fuzz.txt")


@FUZZ
@given(st.one_of(ANY_TEXT, MARKDOWN.map(lambda t: t * 8)))
def test_sentence_spans_are_ordered_and_inside_the_text(text):
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end


@FUZZ
@given(st.text(alphabet="<!->a\n", max_size=3000))
def test_comment_finder_is_bounded_and_ordered(text):
    last = 0
    for c in html_comments(text):
        assert last <= c.start and text[c.start : c.end] == f"<!--{c.body}-->"
        last = c.end


YAML = st.lists(
    st.sampled_from(list("&*[]{}:-,'\"\n !|>#?%@`\\.0123456789") + ["a", "claims:", "  - ", "&x ", "*x",
                    ".nan", ".inf", "9" * 120, "\\ud800", "~", "!!python/object:os.system"]),
    max_size=300,
).map("".join)


@FUZZ
@given(YAML)
def test_yaml_reader_raises_only_its_own_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_yaml(path, "claims/x.yaml")
        except DataError as exc:
            assert str(exc).startswith("claims/x.yaml") and str(exc) == printable(str(exc))


@FUZZ
@given(ANY_TEXT)
def test_printable_leaves_nothing_a_terminal_obeys(text):
    out = printable(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in out)
    assert "\u202e" not in out and "\u2028" not in out
    if text.isprintable():
        assert out == text


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\rab ")), max_size=20) | ANY_TEXT)
def test_csv_guard_round_trips_and_leaves_no_formula(text):
    cell = neutralise(text)
    assert restore(cell) == text
    assert not cell[:1] or cell[0] not in "=+-@\t\r"


def test_a_collection_as_a_mapping_key_is_a_data_error(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("?\n  - ?\n", encoding="utf-8")  # found by the fuzz test above: a list as a key
    with pytest.raises(DataError) as caught:
        load_yaml(path, "claims/x.yaml")
    assert str(caught.value) == "claims/x.yaml: malformed YAML: a list or a mapping used as a mapping key"
