"""verifier.documents: drafts to sentences with exact positions, suppressions, file discovery."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from verifier.errors import DataError, UsageError
from verifier.reading import markdown
from verifier.reading.documents import Ignore, discover, read_text, sentences, split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
DRAFT = FIXTURES / "draft.md"
SOURCE = Path(__file__).parents[1] / "sources" / "abc-2017-06-jiangsu-pact.txt"

DRAFT_SENTENCES = [
    (6, 3, 6, 21, "The Jiangsu pact"),
    (8, 1, 8, 50, "Jiangsu has a GDP of more than $1.2 trillion."),
    (8, 51, 9, 95, "The U.S. state of California signed a pact with Jiangsu on Jan. 5."),
    (11, 1, 11, 32, "Gov. Brown spoke at the summit."),
    (11, 130, 11, 154, "It has 4.3 million cars."),
    (19, 3, 19, 43, "About 80 million people live in Jiangsu."),
    (20, 3, 20, 62, "Its capital is Nanjing; see map and ."),
    (22, 3, 22, 26, "The challenges are big."),
    (23, 3, 23, 30, "We're going to get it done."),
    (25, 3, 25, 24, "Province; Population"),
    (27, 3, 27, 26, "Jiangsu; 80 million"),
    (34, 1, 34, 17, "Yan’an — a city."),
    (34, 18, 34, 59, "It had 2.2 million people & a museum."),
]


def positions(found):
    return [(s.line, s.column, s.end_line, s.end_column, s.text) for s in found]


def texts(text, path="a.md"):
    return [s.text for s in sentences(text, path)]


_INLINE = MarkdownIt("commonmark").enable(["strikethrough"])


def plain(fragment: str) -> str:
    """The visible text of a Markdown fragment, by markdown-it itself (an independent check)."""
    fragment = re.sub(r"(?m)^[ \t]*>[ \t]?", "", fragment)
    out = []
    for tok in _INLINE.parseInline(fragment)[0].children:
        if tok.type in ("text", "softbreak", "hardbreak"):
            out.append(tok.content or " ")
        elif tok.type == "image":
            out.append("".join(c.content for c in tok.children))
    return " ".join("".join(out).split())


# ---------------------------------------------------------------- Markdown


def test_markdown_fixture_positions_are_exact():
    found = sentences(read_text(str(DRAFT)), "draft.md")
    assert positions(found) == DRAFT_SENTENCES
    assert {s.path for s in found} == {"draft.md"}


def test_markdown_fixture_suppressions_go_to_the_next_sentence():
    found = {s.text: s.ignores for s in sentences(read_text(str(DRAFT)), "draft.md")}
    reason = "quoting the source verbatim"
    assert found["It has 4.3 million cars."] == (
        Ignore("abc-2017-jiangsu-gdp", reason, 11),
        Ignore("abc-2017-pop", reason, 11),
    )
    assert found["Yan’an — a city."] == (Ignore(None, "the city, not the prefecture", 33),)
    assert sum(1 for ignores in found.values() if ignores) == 2


def test_original_slice_without_markup_is_the_sentence_text():
    text = read_text(str(DRAFT))
    rows = {"Province; Population", "Jiangsu; 80 million"}
    for s in sentences(text, "draft.md"):
        if s.text not in rows:
            assert plain(text[s.start : s.end]) == s.text
        assert s.text == s.text.strip() and "  " not in s.text
        assert text[s.start] == s.text[0] and not text[s.end - 1].isspace()


def test_crlf_line_endings_give_the_same_lines_and_columns():
    text = read_text(str(DRAFT)).replace("\n", "\r\n")
    found = sentences(text, "draft.md")
    assert positions(found) == DRAFT_SENTENCES
    second = found[2]
    assert text[second.start : second.end].startswith("The U.S. state of\r\nCalifornia")


def test_table_row_spans_first_to_last_cell_and_skips_empty_cells():
    text = "| a | | b **c** |\n|---|---|---|\n| 1 |  | 2 |\n"
    found = sentences(text, "t.md")
    assert positions(found) == [(1, 3, 1, 16, "a; b c"), (3, 3, 3, 11, "1; 2")]
    assert text[found[0].start : found[0].end] == "a | | b **c**"


def test_table_in_quote_and_escaped_pipe():
    text = "> | Province | Note |\n> |---|---|\n> | Jiangsu | a \\| b |\n"
    assert positions(sentences(text, "t.md")) == [
        (1, 5, 1, 20, "Province; Note"),
        (3, 5, 3, 21, "Jiangsu; a | b"),
    ]


def test_inline_markup_removed_and_literal_text_kept():
    text = (
        "snake_case, 5 * 3 and \\*stars\\* stay; [ref], [x][ref], <https://a.b/c> and <b>bold</b> go.\n\n"
        "[ref]: http://example.com\n"
    )
    assert texts(text) == ["snake_case, 5 * 3 and *stars* stay; ref, x, https://a.b/c and bold go."]


@pytest.mark.parametrize(
    "line",
    [
        "***Jiangsu** is big*, it says.",
        "**a* b and *c** d.",
        "a*b*c_d_e and __f__ and ~~gone~~ text.",
        "Its [*GDP*](http://x.com/(a)) and ![an *image*](i.png) count.",
        "`` code ` here `` and `unclosed and <span class='x'>tag</span>.",
        "Escapes \\[not a link\\] and \\`tick\\` and 3 < 4 > 2 & 1.",
    ],
)
def test_inline_text_agrees_with_markdown_it(line):
    (s,) = sentences(line, "a.md")
    assert s.text == plain(line)


def test_entities_map_to_their_whole_source():
    (s,) = sentences("Jiangsu &amp; Zhejiang &mdash; two.", "a.md")
    assert (s.text, s.start, s.end) == ("Jiangsu & Zhejiang — two.", 0, 35)


def test_front_matter_code_and_html_blocks_are_skipped():
    text = "+++\ntitle = 'x. y.'\n+++\n<div>\nHidden. Text.\n</div>\n\n~~~\nCode.\n~~~\nShown.\n"
    assert positions(sentences(text, "a.md")) == [(11, 1, 11, 7, "Shown.")]


def test_unclosed_dashes_are_not_front_matter():
    assert texts("---\nNot front matter.\n") == ["Not front matter."]


def test_setext_heading_and_nested_quote_list():
    text = "Big title\n=========\n\n> - one **two**.\n>   Three.\n"
    assert positions(sentences(text, "a.md")) == [
        (1, 1, 1, 10, "Big title"),
        (4, 5, 4, 17, "one two."),
        (5, 5, 5, 11, "Three."),
    ]


def test_hard_break_and_inline_comment_in_paragraph():
    text = 'First line\\\nand more. <!-- verifier: ignore c-1 reason="why" --> Next one.'
    found = sentences(text, "a.md")
    assert positions(found) == [(1, 1, 2, 10, "First line and more."), (2, 54, 2, 63, "Next one.")]
    assert found[1].ignores == (Ignore("c-1", "why", 2),)


def test_comment_then_text_on_the_same_line_is_read():
    text = '<!-- verifier: ignore c-1 reason="why" --> Jiangsu has 80 million people.\n'
    (s,) = sentences(text, "a.md")
    assert (s.line, s.column, s.text, s.ignores) == (1, 44, "Jiangsu has 80 million people.",
                                                      (Ignore("c-1", "why", 1),))


def test_other_comments_do_nothing():
    text = "One.\n\n<!-- a note -->\n\nTwo. <!-- another -->\n"
    assert [(s.text, s.ignores) for s in sentences(text, "a.md")] == [("One.", ()), ("Two.", ())]


IGNORE = '<!-- verifier: ignore reason="r" -->'


@pytest.mark.parametrize(
    ("text", "suppressed"),
    [
        # the reviewer's case: the comment ends the line of its sentence, a paragraph follows
        (f"Jiangsu has a GDP of about $300 billion. {IGNORE}\n\nJiangsu has 80 million people.\n",
         "Jiangsu has a GDP of about $300 billion."),
        (f"One. Two. {IGNORE}\nThree.\n", "Two."),  # end of the line wins over the next line
        (f"One. {IGNORE} Two.\nThree.\n", "Two."),  # right after it on the same line
        (f"{IGNORE}\nOne. Two.\n", "One."),  # starting on the next line
        (f"One.\n{IGNORE}\nTwo.\n", "Two."),  # on its own line inside a paragraph
        (f"Jiangsu has {IGNORE} 80 million people. Two.\n", "Jiangsu has 80 million people."),  # inside
        ('<!-- verifier: ignore\n     reason="two lines" -->\nOne.\n\nTwo.\n', "One."),
        (f"- One.\n- {IGNORE}\n  Two.\n", "Two."),
        (f"| a | b |\n|---|---|\n| One | 1 | {IGNORE}\n", "One; 1"),
    ],
)
def test_suppression_applies_to_the_sentence_next_to_it(text, suppressed):
    found = sentences(text, "a.md")
    assert [s.text for s in found if s.ignores] == [suppressed]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"One.\n\n{IGNORE}\n", 3),  # end of file
        (f"One.\n\n{IGNORE}", 3),
        (f"One.\n\n{IGNORE}\n\nTwo.\n", 3),  # a blank line before the next sentence
        (f"{IGNORE}\n```\ncode. More code.\n```\nTwo.\n", 1),  # a code block before it
        (f"# Title\n\n{IGNORE}\n\n    indented code.\n", 3),
    ],
)
def test_suppression_that_applies_to_no_sentence_is_an_error(text, line):
    with pytest.raises(DataError) as err:
        sentences(text, "a.md")
    assert str(err.value) == f"a.md:{line}: suppression at line {line} applies to no sentence"


def test_plain_text_suppression_at_the_end_of_a_line():
    text = f"One. {IGNORE}\n\nTwo.\n"
    assert [(s.text, bool(s.ignores)) for s in sentences(text, "notes.txt")] == [("One.", True), ("Two.", False)]
    with pytest.raises(DataError, match="^notes.txt:3: suppression at line 3 applies to no sentence$"):
        sentences(f"One.\n\n{IGNORE}\n\nTwo.\n", "notes.txt")


@pytest.mark.parametrize(
    "comment, message",
    [
        ("<!-- verifier: ignore c-1 -->", 'a.md:3: suppression needs a reason="..."'),
        ('<!-- verifier: ignore c-1 reason="" -->', 'a.md:3: suppression needs a reason="..."'),
        ('<!-- verifier: skip reason="x" -->', 'a.md:3: unknown verifier comment "skip reason="x""; '
         'expected "verifier: ignore"'),
        ('<!-- verifier: ignore c/1 reason="x" -->', 'a.md:3: "c/1" is not a claim id in a suppression'),
    ],
)
def test_bad_suppressions_raise_with_the_line(comment, message):
    with pytest.raises(DataError) as err:
        sentences(f"One.\n\n{comment}\nTwo.\n", "a.md")
    assert str(err.value) == message


def test_ids_separated_by_spaces_and_commas():
    text = "<!-- verifier: ignore a-1 b-2,c-3 reason='single quotes' -->\nText."
    (s,) = sentences(text, "a.md")
    assert [i.claim_id for i in s.ignores] == ["a-1", "b-2", "c-3"]


# ---------------------------------------------------------------- plain text


def test_plain_text_keeps_markup_and_splits_on_blank_lines():
    text = "Jiangsu has **80 million**\npeople. Dr. Smith said so.\n\n\tA tab-indented paragraph."
    assert positions(sentences(text, "notes.txt")) == [
        (1, 1, 2, 8, "Jiangsu has **80 million** people."),
        (2, 9, 2, 27, "Dr. Smith said so."),
        (4, 2, 4, 27, "A tab-indented paragraph."),
    ]


def test_plain_text_reads_suppressions():
    text = 'One. <!-- verifier: ignore c-1 reason="r" --> Two.'
    found = sentences(text, "notes.txt")
    assert [(s.text, s.column, s.ignores) for s in found] == [
        ("One.", 1, ()),
        ("Two.", 47, (Ignore("c-1", "r", 1),)),
    ]


def test_markdown_decided_by_suffix_unless_told():
    assert texts("*a* b.", "x.MD") == ["a b."]
    assert texts("*a* b.", "-") == ["a b."]
    assert texts("*a* b.", "x.txt") == ["*a* b."]
    assert [s.text for s in sentences("*a* b.", "x.txt", markdown=True)] == ["a b."]


# ---------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. economy grew. Dr. Smith met Gov. Brown on Jan. 5, 2017. It was cold.",
         ["The U.S. economy grew.", "Dr. Smith met Gov. Brown on Jan. 5, 2017.", "It was cold."]),
        ("Jiangsu has 4.3 million cars. Its GDP is $1.2 trillion. That is big.",
         ["Jiangsu has 4.3 million cars.", "Its GDP is $1.2 trillion.", "That is big."]),
        ('He said "it is a colossal mistake." Then he left.',
         ['He said "it is a colossal mistake."', "Then he left."]),
        ('rein in pollution."The challenges are big," he said.',
         ["rein in pollution.", '"The challenges are big," he said.']),
        ('"Green is our future."US Energy Secretary Rick Perry left.',
         ['"Green is our future."', "US Energy Secretary Rick Perry left."]),
        ("questions from reporters.Jiangsu Province is big.",
         ["questions from reporters.", "Jiangsu Province is big."]),
        ("This sentence runs\nover two lines.  And this\r\none too.\n",
         ["This sentence runs\nover two lines.", "And this\r\none too."]),
        ("One paragraph\n\n  \nanother", ["One paragraph", "another"]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_split_sentences_on_the_seed_source():
    text = SOURCE.read_text(encoding="utf-8")
    found = [text[s:e] for s, e in split_sentences(text)]
    assert "US Energy Secretary Rick Perry, who was at the same conference, declined to take questions " \
           "from reporters." in found
    assert found[found.index("The group is backed by the Chinese government.") + 1].startswith("Nearly 125")
    assert any(s.startswith('"The challenges are big') for s in found)
    assert any(s.startswith("On June 1, President Donald Trump") for s in found)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab .!?\"\n\tAB1$,’", max_size=60))
def test_split_spans_are_ordered_trimmed_and_cover_every_character(text):
    spans = split_sentences(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    for (s, e), (following, _) in itertools.pairwise([*spans, (len(text), len(text))]):
        assert s < e <= following
        assert text[s:e] == text[s:e].strip()


# ---------------------------------------------------------------- reading


def test_read_text_strips_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfYan\xe2\x80\x99an.\r\n")
    assert read_text(str(path)) == "Yan’an.\r\n"


def test_read_text_rejects_non_utf8_with_the_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 ok".encode("latin-1"))
    with pytest.raises(DataError) as err:
        read_text(str(path))
    assert str(err.value) == f"{path}: not UTF-8 text (invalid byte at offset 3)"


def test_read_text_missing_file(tmp_path):
    with pytest.raises(DataError) as err:
        read_text(str(tmp_path / "nope.md"))
    assert str(err.value) == f"{tmp_path / 'nope.md'}: no such file"


def test_stdin_text_stream(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("\ufeffJiangsu is *big*. Really."))
    found = sentences(read_text("-"), "-")
    assert [(s.path, s.text, s.column) for s in found] == [("-", "Jiangsu is big.", 1), ("-", "Really.", 19)]


def test_stdin_bytes_that_are_not_utf8(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"ok \xff")))
    with pytest.raises(DataError) as err:
        read_text("-")
    assert str(err.value) == "-: not UTF-8 text (invalid byte at offset 3)"


# ---------------------------------------------------------------- discovery


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in ["a.md", "b.txt", "c.tmp.md", "notes.rst", "drafts/old/x.md", "drafts/new/y.markdown",
                 ".git/z.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_discover_defaults(tree):
    assert discover(["."]) == ["./a.md", "./b.txt", "./c.tmp.md", "./drafts/new/y.markdown",
                               "./drafts/old/x.md"]


def test_discover_include_exclude(tree):
    assert discover(["drafts", "."], include=["*.md"], exclude=["drafts/old/**", "*.tmp.md"]) == ["./a.md"]
    assert discover(["."], exclude=["drafts/**", "*.tmp.md"]) == ["./a.md", "./b.txt"]


@pytest.mark.parametrize("given", ["drafts", "drafts/", "./drafts", "drafts/../drafts"])
@pytest.mark.parametrize("glob", ["drafts/old/**", "old/**", "old/*", "x.md", "drafts/old/x.md"])
def test_exclude_matches_the_path_as_given_relative_to_the_folder_or_the_name(tree, given, glob):
    assert [Path(p).as_posix() for p in discover([given], exclude=[glob])] == [
        Path(given, "new/y.markdown").as_posix()]


def test_include_matches_the_path_as_given_too(tree):
    assert discover(["drafts"], include=["drafts/new/*"]) == ["drafts/new/y.markdown"]


def test_discover_keeps_named_files_stdin_and_dedupes(tree):
    assert discover(["notes.rst", "-", "a.md", "./a.md", "drafts"], exclude=["old/*"]) == [
        "-", "a.md", "drafts/new/y.markdown", "notes.rst"]


def test_discover_missing_path(tree):
    with pytest.raises(DataError) as err:
        discover(["a.md", "missing"])
    assert str(err.value) == "missing: no such file or directory"


@pytest.mark.parametrize(
    ("paths", "exclude"), [(["drafts/old"], ["*.md"]), (["drafts", "."], ["*"]), (["empty"], [])]
)
def test_discover_nothing_to_check_is_an_error(tree, paths, exclude):
    (tree / "empty").mkdir()
    with pytest.raises(UsageError) as err:
        discover(paths, exclude=exclude)
    assert (str(err.value), err.value.code) == (f"no files to check in {', '.join(paths)}", "no-files")


# ---------------------------------------------------------------- the one-sentence fast path

_REPO = Path(__file__).resolve().parent.parent
_CORPUS = [*_REPO.glob("examples/*.md"), *_REPO.glob("tests/drafts/*"), *_REPO.glob("sources/*.txt"),
           *(_REPO.parent / "shared" / "bench" / "realtext").glob("*/draft.md"),
           *(_REPO.parent / "shared" / "bench" / "realtext").glob("*/source.txt")]  # fmt: skip


def _without_fast_path(monkeypatch) -> None:
    import verifier.reading.documents as documents

    monkeypatch.setattr(documents, "_ONE_SENTENCE", re.compile(r"(?!)"))  # never matches: pysbd for all


@pytest.mark.parametrize("path", _CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_path_gives_pysbds_sentences_on_every_draft_and_source(path, monkeypatch):
    text = read_text(str(path))
    fast = sentences(text, str(path))
    _without_fast_path(monkeypatch)
    assert fast == sentences(text, str(path))


def test_fast_path_gives_pysbds_pieces_on_random_sentences(monkeypatch):
    import random

    from verifier.reading.documents import _ONE_SENTENCE, _segment_window

    tokens = ("Jiangsu", "has", "about", "80", "million", "people", "Mr", "Dr", "No", "St", "Jan", "U", "S",
              "said", '"', "“", "”", "’s", ":", ";", ",", "-", "—", "%", "$1", "1,000", "2017", "a", "I", "II",
              "iii", "e", "g", "vs", "etc", "Inc", "'", "‘", "’", "and", "the", "The", "It", "1", "2", "b")  # fmt: skip
    rng = random.Random(12)
    windows = []
    for _ in range(10_000):
        words = [rng.choice(tokens) for _ in range(rng.randint(1, 14))]
        end = rng.choice(["", ".", "!", "?", '."', ".”", "? "])
        windows.append(" ".join(words) + end)
    fast = [_segment_window(w) for w in windows]
    _without_fast_path(monkeypatch)
    assert [_segment_window(w) for w in windows] == fast
    assert sum(bool(_ONE_SENTENCE.fullmatch(w)) for w in windows) > 2000  # most took the fast path


_LINE_PARTS = list("abcXY 0123456789.,;:'’%$()?!\"-+=/\\`*_~[]<>&|#\t\n\x00é€—") + ["1. ", "2) ", "&amp;", "  "]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PARTS), min_size=1, max_size=25))
def test_a_line_of_plain_prose_is_the_block_markdown_it_makes_of_it(parts):
    """A one-line draft without markup is read without markdown-it: the same block (its characters
    and their offsets) as the full reading gives, and no other; anything else takes the full way."""
    text = "".join(parts)
    fast = markdown._PROSE_LINE.fullmatch(text) and not markdown._ORDERED_ITEM.match(text)
    full = _markdown_it_blocks(text)
    if fast:
        assert markdown.markdown_blocks(text) == full
        assert full[0] == [markdown.Block(list(text), list(range(len(text))), list(range(1, len(text) + 1)))]


def _markdown_it_blocks(text: str):
    """markdown_blocks as it reads any text (the prose-line short cut turned off)."""
    shortcut = markdown._PROSE_LINE
    markdown._PROSE_LINE = re.compile(r"(?!)")  # matches nothing
    try:
        return markdown.markdown_blocks(text)
    finally:
        markdown._PROSE_LINE = shortcut
