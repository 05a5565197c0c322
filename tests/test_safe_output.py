"""Output a terminal, a log or a spreadsheet would obey: escaped control characters, inert CSV cells."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from helpers import edit, run

from verifier.common.terminal import printable
from verifier.ledger.exchange import neutralise, restore
from verifier.report.text import render_text

CLEAR = "\x1b[2J"
LINK = "\x1b]8;;https://evil.example\x07here\x1b]8;;\x07"


def test_printable_escapes_every_control_and_keeps_the_rest():
    assert printable(f"a{CLEAR}b") == "a\\x1b[2Jb"
    assert printable(LINK) == "\\x1b]8;;https://evil.example\\x07here\\x1b]8;;\\x07"
    assert printable("one\ntwo\rthree\tfour") == "one\\ntwo\\rthree\\tfour"
    assert printable("\x9b31m \x7f \u202egnp.exe \u2028 \ud800") == "\\x9b31m \\x7f \\u202egnp.exe \\u2028 \\ud800"
    assert printable("Jiangsu — 80 million, 江苏, «ok» é") == "Jiangsu — 80 million, 江苏, «ok» é"


def test_check_text_report_escapes_the_draft(tiny_ledger, tmp_path):
    root = tiny_ledger()
    draft = tmp_path / "draft.md"
    draft.write_text(f"Jiangsu has about 30 million people{CLEAR}{LINK}.\n", encoding="utf-8")
    result = run("check", "--ledger", str(root), str(draft))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "  1:1  inconsistent  Jiangsu has about 30 million people\\x1b[2J\\x1b]8;;https://evil.example" in result.stdout


def test_check_text_report_escapes_the_ledger(tiny_ledger, tmp_path):
    root = tiny_ledger()
    edit(root / "sources" / "alpha.yaml", "publisher: Test Desk", 'publisher: "Test \\e]8;;https://evil.example\\a Desk"')
    draft = tmp_path / "draft.md"
    draft.write_text("Jiangsu has about 30 million people.\n", encoding="utf-8")
    result = run("check", "--ledger", str(root), str(draft))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert '— Test \\x1b]8;;https://evil.example\\x07 Desk [alpha 81-104]' in result.stdout


def test_colour_codes_are_ours_only(tiny_ledger, tmp_path):
    from verifier.checking.pipeline import Checker, check_paths

    root = tiny_ledger()
    draft = tmp_path / "draft.md"
    draft.write_text(f"Jiangsu has about 30 million people{CLEAR}.\n", encoding="utf-8")
    report = check_paths([str(draft)], Checker.for_root(root))
    out = render_text(report, color=True)
    assert CLEAR not in out and "\\x1b[2J" in out
    assert "\x1b[31minconsistent\x1b[0m" in out


def test_claims_list_and_show_escape_the_ledger(tiny_ledger):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    edit(path, "statement: Jiangsu is a coastal province in East China.",
         'statement: "Jiangsu is a coastal province in East China.\\e[2J"')  # fmt: skip
    edit(path, "subject: {name: Jiangsu, aliases: [Jiangsu Province], type: place}",
         'subject: {name: "Jiangsu\\e]8;;https://evil.example\\a", type: place}')  # fmt: skip
    listed = run("claims", "list", "--ledger", str(root))
    assert listed.exit_code == 0 and "\x1b" not in listed.stdout
    assert "Jiangsu\\x1b]8;;https://evil.example\\x07" in listed.stdout
    shown = run("claims", "show", "--ledger", str(root), "jiangsu-location")
    assert shown.exit_code == 0 and "\x1b" not in shown.stdout
    assert "statement: Jiangsu is a coastal province in East China.\\x1b[2J" in shown.stdout


def test_an_error_about_a_hostile_file_name_stays_one_line(tiny_ledger):
    root = tiny_ledger()
    (root / "claims" / "x\x1b[2J\n.yaml").mkdir()
    result = run("check", "--ledger", str(root), "-")
    assert (result.exit_code, result.stderr) == (2, "error: claims/x\\x1b[2J\\n.yaml: not a regular file (a folder)\n")


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),  # already quoted by hand: one more, so import gives it back as it was
        ("''-x", "'''-x"),
        ("'plain", "'plain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_csv_cells_are_neutralised_and_restored(cell, written):
    assert neutralise(cell) == written
    assert restore(written) == cell


def test_csv_export_import_export_is_byte_identical_with_formula_cells(tiny_ledger, tmp_path):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    edit(path, "statement: Jiangsu is a coastal province in East China.",
         'statement: "=HYPERLINK(\\"https://evil.example\\",\\"Jiangsu\\")"')  # fmt: skip
    edit(path, "subject: {name: Jiangsu, aliases: [Jiangsu Province], type: place}",
         "subject: {name: '+cmd|'' /C calc''!A0', aliases: ['@SUM(1)'], type: place}")  # fmt: skip
    edit(path, "tags: [geography, jiangsu]", "tags: ['-1+1', \"'=x\"]")
    first = tmp_path / "first.csv"
    assert run("export", "--ledger", str(root), "--format", "csv", "-o", str(first)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(first.read_text(encoding="utf-8"))))
    assert rows[0]["statement"] == '\'=HYPERLINK("https://evil.example","Jiangsu")'
    assert rows[0]["subject_name"] == "'+cmd|' /C calc'!A0"
    assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row.values() if cell)
    empty = tmp_path / "empty"
    (empty / "claims").mkdir(parents=True)
    shutil.copytree(root / "sources", empty / "sources")
    result = run("import", str(first), "--ledger", str(empty), "--format", "csv")
    assert result.exit_code == 0, result.output
    again = run("export", "--ledger", str(empty), "--format", "csv")
    assert again.stdout == first.read_text(encoding="utf-8")
    from verifier.ledger.load import load_ledger

    claim = load_ledger(empty).claim("jiangsu-location")
    assert claim.statement == '=HYPERLINK("https://evil.example","Jiangsu")'
    assert (claim.subject.name, claim.subject.aliases, claim.tags) == ("+cmd|' /C calc'!A0", ["@SUM(1)"], ["-1+1", "'=x"])
