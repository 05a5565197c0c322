"""`validate` reports every problem, exactly worded; `fix` re-anchors stale spans, writing only when asked."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import edit

from verifier.ledger.validate import Problem, fix, validate


def lines(root: Path) -> list[str]:
    return [str(p) for p in validate(root)]


def reseal(root: Path, source_id: str) -> None:
    """Record the current sha256 of a source's text, so that only span problems remain."""
    digest = hashlib.sha256((root / "sources" / f"{source_id}.txt").read_bytes()).hexdigest()
    path = root / "sources" / f"{source_id}.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("sha256: "))
    path.write_text(text.replace(old, f"sha256: {digest}"), encoding="utf-8")


def test_the_fixture_ledger_is_valid(tiny_ledger):
    assert validate(tiny_ledger()) == []


def test_problem_text_omits_missing_parts():
    assert str(Problem("x", "a.yaml", 3, "$.id", "bad")) == "a.yaml:3: $.id: bad"
    assert str(Problem("x", "a.txt", None, None, "bad")) == "a.txt: bad"


def test_every_broken_file_is_reported_not_just_the_first(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", "amount: 80,", "amount: eighty,")
    edit(root / "claims" / "pact.yaml", "    tags: [pact]\n", "    tags: [pact\n")
    (root / "sources" / "beta.yaml").write_bytes(b"id: beta\ntitle: caf\xe9\n")
    assert lines(root) == [
        "claims/jiangsu.yaml:22: $.claims[1].value.amount: 'eighty' is not of type 'number'",
        "claims/pact.yaml:13: malformed YAML: expected ',' or ']', but got ':'",
        "sources/beta.yaml: not UTF-8 text (invalid byte at offset 19)",
    ]


def test_duplicate_ids_and_unknown_sources(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "pact.yaml", "id: pact-signing", "id: jiangsu-location")
    edit(root / "claims" / "jiangsu.yaml", "source: {id: alpha,", "source: {id: gamma,")
    edit(root / "sources" / "beta.yaml", "id: beta", "id: alpha")
    assert lines(root) == [
        "claims/jiangsu.yaml:36: $.claims[2].source.id: unknown source 'gamma'",
        "claims/pact.yaml:2: $.claims[0].id: duplicate claim id 'jiangsu-location'"
        " (first in claims/jiangsu.yaml:3)",
        "claims/pact.yaml:8: $.claims[0].source.id: unknown source 'beta'",
        "sources/beta.yaml:1: $.id: duplicate source id 'alpha' (first in sources/alpha.yaml:1)",
    ]


def test_source_id_must_be_its_file_name(tiny_ledger):
    root = tiny_ledger()
    (root / "sources" / "beta.yaml").rename(root / "sources" / "b.yaml")
    problems = validate(root)
    assert [str(p) for p in problems] == [
        "sources/b.yaml:1: $.id: source id 'beta' differs from its file name (sources/b.yaml)"
    ]
    assert [p.code for p in problems] == ["source-id"]


def test_missing_and_undecodable_source_texts(tiny_ledger):
    root = tiny_ledger()
    (root / "sources" / "beta.txt").unlink()
    (root / "sources" / "alpha.txt").write_bytes(b"Jiangsu \xff")
    assert lines(root) == [
        "sources/alpha.txt: not UTF-8 text (invalid byte at offset 8)",
        "sources/beta.yaml:8: $.path: source text sources/beta.txt is missing",
    ]


def test_sha256_of_a_changed_text_is_reported_and_fixable(tiny_ledger):
    root = tiny_ledger()
    with (root / "sources" / "beta.txt").open("a", encoding="utf-8") as handle:
        handle.write("A footnote.\n")
    problems = validate(root)
    assert [str(p) for p in problems] == [
        "sources/beta.yaml:7: $.sha256: sha256 of sources/beta.txt does not match its metadata"
    ]
    assert problems[0].fixable
    fix(root, write=True)
    assert validate(root) == []


def test_span_out_of_range_and_reversed(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "pact.yaml", "end: 53", "end: 9999")
    edit(root / "claims" / "jiangsu.yaml", "end: 104", "end: 80")
    assert lines(root) == [
        "claims/jiangsu.yaml:24: $.claims[1].source: span 81-80 is empty (end must be greater than start);"
        " the quote is now at 81-104",
        "claims/pact.yaml:7: $.claims[0].source: span 21-9999 is out of range (the source has 79 characters);"
        " the quote is now at 21-53",
    ]


def test_quote_that_is_nowhere_in_the_source(tiny_ledger):
    root = tiny_ledger()
    edit(
        root / "claims" / "pact.yaml",
        '"signed in Beijing on 6 June 2017"',
        '"signed in Shanghai in May 2017"',
    )
    problems = validate(root)
    assert [str(p) for p in problems] == [
        "claims/pact.yaml:7: $.claims[0].source: quote does not match the text at 21-53"
        ' ("signed in Beijing on 6 June 2017"); the quote was not found in the source'
        ' (best match 65% at 21-53: "signed in Beijing on 6 June 2017")'
    ]
    assert [p.code for p in problems] == ["quote-mismatch"]
    assert fix(root, write=False) == []


def test_text_moved_stale_spans_are_found_again_exactly(tiny_ledger):
    root = tiny_ledger()
    text = root / "sources" / "alpha.txt"
    text.write_text("Note. " + text.read_text(encoding="utf-8"), encoding="utf-8")
    assert lines(root) == [
        "claims/jiangsu.yaml:8: $.claims[0].source: stale span 11-43: the quote is now at 17-49",
        "claims/jiangsu.yaml:24: $.claims[1].source: stale span 81-104: the quote is now at 87-110",
        "claims/jiangsu.yaml:36: $.claims[2].source: stale span 169-186: the quote is now at 175-192",
        "sources/alpha.yaml:7: $.sha256: sha256 of sources/alpha.txt does not match its metadata",
    ]


def test_fix_without_write_changes_no_file(tiny_ledger):
    root = tiny_ledger()
    text = root / "sources" / "alpha.txt"
    text.write_text("Note. " + text.read_text(encoding="utf-8"), encoding="utf-8")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert len(fix(root, write=False)) == 4
    assert sorted(p for p in root.rglob("*") if p.is_file()) == files
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before


def test_fix_with_write_moves_spans_and_keeps_comments_and_layout(tiny_ledger):
    root = tiny_ledger()
    text = root / "sources" / "alpha.txt"
    text.write_text("Note. " + text.read_text(encoding="utf-8"), encoding="utf-8")
    claims = root / "claims" / "jiangsu.yaml"
    before = claims.read_text(encoding="utf-8")
    assert len(fix(root, write=True)) == 4
    expected = (
        before.replace("start: 11", "start: 17")
        .replace("end: 43", "end: 49")
        .replace("start: 81", "start: 87")
        .replace("end: 104", "end: 110")
        .replace("start: 169, end: 186", "start: 175, end: 192")
    )
    assert claims.read_text(encoding="utf-8") == expected
    assert validate(root) == []


def test_exact_refind_prefers_the_occurrence_whose_context_matches(tiny_ledger):
    root = tiny_ledger()
    text = root / "sources" / "alpha.txt"
    # The quote now occurs twice; the second has the recorded prefix "Jiangsu is ".
    text.write_text(
        "Not a coastal province in East China. " + text.read_text(encoding="utf-8"), encoding="utf-8"
    )
    reseal(root, "alpha")
    assert (
        lines(root)[0]
        == "claims/jiangsu.yaml:8: $.claims[0].source: stale span 11-43: the quote is now at 49-81"
    )


def test_slightly_reworded_quote_is_refound_and_rewritten_at_95_percent(tiny_ledger):
    root = tiny_ledger()
    edit(root / "sources" / "alpha.txt", "in East China", "in east China")
    reseal(root, "alpha")
    problems = validate(root)
    assert [str(p) for p in problems] == [
        "claims/jiangsu.yaml:8: $.claims[0].source: stale span 11-43: the quote is now at 11-43"
        ' (97% match: "a coastal province in east China")'
    ]
    assert problems[0].fixable
    fix(root, write=True)
    assert (
        '      quote: "a coastal province in east China"\n' in (root / "claims" / "jiangsu.yaml").read_text()
    )
    assert validate(root) == []


def test_reworded_quote_below_95_percent_is_located_but_left_to_a_person(tiny_ledger):
    root = tiny_ledger()
    edit(root / "sources" / "alpha.txt", "province in East", "province of East")
    reseal(root, "alpha")
    problems = validate(root)
    assert [str(p) for p in problems] == [
        "claims/jiangsu.yaml:8: $.claims[0].source: stale span 11-43: the quote is probably at 11-43"
        ' (94% match: "a coastal province of East China"); check it by hand'
    ]
    assert fix(root, write=False) == []


def test_prefix_that_no_longer_matches_is_reported_and_fixed(tiny_ledger):
    root = tiny_ledger()
    edit(root / "sources" / "alpha.txt", "Jiangsu is a", "Jiangsu IS a")
    reseal(root, "alpha")
    assert lines(root) == [
        "claims/jiangsu.yaml:13: $.claims[0].source.prefix: prefix does not match the text before the quote"
        ' ("Jiangsu IS ")'
    ]
    fix(root, write=True)
    assert validate(root) == []
    assert '      prefix: "Jiangsu IS "\n' in (root / "claims" / "jiangsu.yaml").read_text(encoding="utf-8")
