"""Inputs that made the Markdown reader and the sentence splitter quadratic: what each now does,
checked by counting the work (time itself is measured by bench/bad_input.py, not here)."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verifier.reading.documents as documents
import verifier.reading.markdown as markdown
from verifier.reading.documents import sentences, split_sentences
from verifier.reading.markdown import html_comments

REPO = Path(__file__).resolve().parents[1]
TEXTS = sorted(glob.glob(str(REPO / "sources" / "*.txt"))) + sorted(glob.glob(str(REPO / "tests/fixtures/extract/*.txt")))


def _one_paragraph(path: str) -> str:
    return " ".join(Path(path).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: Path(p).name)
def test_a_long_paragraph_gives_the_same_sentences_as_one_pysbd_call(path, monkeypatch):
    """Each text made one paragraph (up to 4,100 characters; 14,000 for all of them below):
    windowed, pysbd's sentences are exactly those it finds in the whole paragraph."""
    text = _one_paragraph(path)
    windowed = split_sentences(text)
    monkeypatch.setattr(documents, "_WINDOW", 10**9)
    assert windowed == split_sentences(text)


def test_all_texts_as_one_paragraph_give_the_same_sentences(monkeypatch):
    text = " ".join(_one_paragraph(p) for p in TEXTS)
    assert len(text) > 14_000
    windowed = split_sentences(text)
    monkeypatch.setattr(documents, "_WINDOW", 10**9)
    whole = split_sentences(text)
    assert windowed == whole and len(whole) > 90


@pytest.mark.parametrize("unit", ["Jiangsu has 80 million people. ", "![", "1. ", "abc def ", "x" * 50])
def test_pysbd_sees_bounded_windows_and_each_character_a_few_times(unit, monkeypatch):
    text = unit * (200_000 // len(unit))
    seen: list[int] = []
    real = documents._SEGMENTER.processor
    monkeypatch.setattr(documents._SEGMENTER, "processor", lambda t: seen.append(len(t)) or real(t))
    spans = split_sentences(text)
    assert max(seen, default=0) <= documents._WINDOW  # a window without a stop never reaches pysbd
    assert sum(seen) <= 4 * len(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())


def test_unclosed_brackets_are_matched_in_one_pass(monkeypatch):
    monkeypatch.setattr(markdown, "_match", lambda *a: pytest.fail("scanned again from a bracket"))
    for text in ("[" * 50_000, "[a](" * 20_000, "![" * 20_000, "[x][" * 20_000):
        found = sentences(text, "x.md")
        assert "".join(s.text for s in found).replace(" ", "") == text.replace(" ", "")


def test_nested_links_keep_their_text():
    assert [s.text for s in sentences("See [the [inner](a) text](b) and [x] (y).\n", "x.md")] == [
        "See the inner text and [x] (y)."
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<!->a \n", max_size=60))
def test_html_comments_are_the_regex_ones(text):
    regex = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"<!--(.*?)-->", text, re.S)]
    assert [(c.start, c.end, c.body) for c in html_comments(text)] == regex


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()\\`ab! *_<>-", max_size=40))
def test_partners_agree_with_scanning_from_each_bracket(text):
    for open_, close in (("[", "]"), ("(", ")")):
        partners = markdown._partners(text, open_, close)
        for i, end in partners.items():
            expected = markdown._match(text, i, len(text), open_, close)
            assert (end if end < len(text) else -1) == expected


def test_a_backtick_run_finds_its_closer_without_rescanning():
    text = " ".join("`" * n for n in range(1, 400)) + " end."  # no run is closed: all stay text
    found = sentences(text, "x.md")
    assert "".join(s.text for s in found).replace(" ", "") == text.replace(" ", "")
    assert [s.text for s in sentences("a `` code ` still `` b.\n", "x.md")] == ["a b."]
