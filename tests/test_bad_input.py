"""Hostile or careless ledger files: each gives one line naming the place, and exit 2 (validate: a
problem and exit 1), never a traceback, a hang or a verdict from a value that is no number."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import edit, run

from verifier.cli import main

POPULATION = "amount: 80, scale: million"


def assert_refused(root: Path, tmp_path: Path, line: str) -> None:
    """`check` stops with the line and exit 2; `validate` lists it as the only problem, exit 1."""
    draft = tmp_path / "draft.md"
    draft.write_text("Jiangsu has about 80 million people.\n", encoding="utf-8")
    checked = run("check", "--ledger", str(root), str(draft))
    assert (checked.exit_code, checked.stdout, checked.stderr) == (2, "", f"error: {line}\n")
    validated = run("validate", "--ledger", str(root))
    assert (validated.exit_code, validated.stdout) == (1, f"{line}\n1 problem\n")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (".nan", "nan is not a finite number"),
        (".inf", "inf is not a finite number"),
        ("-.inf", "-inf is not a finite number"),
        ("-1e400", "-inf is not a finite number"),
        ("1" + "0" * 399, "number too long (400 digits; the limit is 100)"),
    ],
)
def test_an_amount_that_is_no_finite_number_is_refused(tiny_ledger, tmp_path, amount, message):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", POPULATION, f"amount: {amount}, scale: million")
    assert_refused(root, tmp_path, f"claims/jiangsu.yaml:22: $.claims[1].value.amount: {message}")


def test_a_range_end_that_is_no_finite_number_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", POPULATION, "amount: 80, high: .inf, scale: million")
    assert_refused(root, tmp_path, "claims/jiangsu.yaml:22: $.claims[1].value.high: inf is not a finite number")


def test_an_integer_too_long_to_parse_names_its_line(tiny_ledger, tmp_path):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", POPULATION, f"amount: {'9' * 5000}, scale: million")
    assert_refused(root, tmp_path, "claims/jiangsu.yaml:22: number too long (5000 digits; the limit is 100)")


def test_a_lone_surrogate_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", "statement: Jiangsu has about 80 million people.",
         'statement: "Jiangsu has about 80 million people.\\ud800"')  # fmt: skip
    assert_refused(root, tmp_path, "claims/jiangsu.yaml:19: $.claims[1].statement: "
                   "text holds a lone surrogate (\\ud800), which is not a character")  # fmt: skip


def test_an_alias_bomb_is_refused_at_once(tiny_ledger, tmp_path):
    root = tiny_ledger()
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    (root / "claims" / "bomb.yaml").write_text("\n".join(lines) + "\nclaims: []\n", encoding="utf-8")
    assert_refused(root, tmp_path, "claims/bomb.yaml:1: $: YAML aliases expand 113 nodes to 4412961507: "
                   "refused (an alias bomb?)")  # fmt: skip


def test_a_few_aliases_are_fine(tiny_ledger):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    edit(path, "subject: {name: Jiangsu, aliases: [Jiangsu Province], type: place}",
         "subject: &js {name: Jiangsu, aliases: [Jiangsu Province], type: place}")  # fmt: skip
    edit(path, "subject: {name: Jiangsu, aliases: [Jiangsu Province], type: place}", "subject: *js")
    result = run("validate", "--ledger", str(root))
    assert (result.exit_code, result.stdout) == (0, "ok: 4 claims in 2 files, 2 sources\n")


def test_deep_nesting_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    edit(path, "tags: [population, jiangsu]", "tags: " + "[" * 10_000 + "]" * 10_000)
    assert_refused(root, tmp_path, "claims/jiangsu.yaml: malformed YAML: nested too deeply (the limit is 64 levels)")


def test_nesting_past_the_limit_names_the_place(tiny_ledger, tmp_path):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", "tags: [population, jiangsu]", "tags: " + "[" * 70 + "]" * 70)
    where = "$.claims[1].tags" + "[0]" * 61
    assert_refused(root, tmp_path, f"claims/jiangsu.yaml:29: {where}: nested too deeply (the limit is 64 levels)")


# ---------------------------------------------------------------- what is in claims/


def test_a_fifo_is_refused_without_blocking(tiny_ledger, tmp_path):
    root = tiny_ledger()
    os.mkfifo(root / "claims" / "f.yaml")
    assert_refused(root, tmp_path, "claims/f.yaml: not a regular file (a device, FIFO or socket)")


def test_a_device_inside_the_ledger_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    os.mkfifo(root / "pipe")
    (root / "claims" / "z.yaml").symlink_to(root / "pipe")
    assert_refused(root, tmp_path, "claims/z.yaml: not a regular file (a device, FIFO or socket)")


def test_a_link_to_dev_zero_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    (root / "claims" / "z.yaml").symlink_to("/dev/zero")
    assert_refused(root, tmp_path, "claims/z.yaml: is a link to a file outside the ledger")


def test_a_claims_file_linked_from_outside_is_refused_as_source_texts_are(tiny_ledger, tmp_path):
    root = tiny_ledger()
    outside = tmp_path / "pact.yaml"
    (root / "claims" / "pact.yaml").rename(outside)
    (root / "claims" / "pact.yaml").symlink_to(outside)
    assert_refused(root, tmp_path, "claims/pact.yaml: is a link to a file outside the ledger")


def test_a_dangling_link_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    (root / "claims" / "gone.yaml").symlink_to(tmp_path / "nothing-here")
    assert_refused(root, tmp_path, "claims/gone.yaml: cannot read: No such file or directory")


def test_a_link_loop_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    (root / "claims" / "loop.yaml").symlink_to("loop.yaml")
    assert_refused(root, tmp_path, "claims/loop.yaml: cannot read: Too many levels of symbolic links")


def test_a_folder_named_like_a_claims_file_is_refused(tiny_ledger, tmp_path):
    root = tiny_ledger()
    (root / "claims" / "x.yaml").mkdir()
    assert_refused(root, tmp_path, "claims/x.yaml: not a regular file (a folder)")


def test_yml_claims_files_are_read(tiny_ledger, tmp_path):
    root = tiny_ledger()
    (root / "claims" / "pact.yaml").rename(root / "claims" / "pact.yml")
    result = run("validate", "--ledger", str(root))
    assert (result.exit_code, result.stdout) == (0, "ok: 4 claims in 2 files, 2 sources\n")
    listed = run("claims", "list", "--ledger", str(root))
    assert "pact-signing" in listed.stdout
    edit(root / "claims" / "pact.yml", "source:", "sourc:")
    result = run("validate", "--ledger", str(root))
    assert result.exit_code == 1 and result.stdout.startswith("claims/pact.yml:")


def test_a_cached_ledger_still_refuses_a_file_added_later(tiny_ledger, tmp_path):
    """The cache key covers every entry of claims/, so a FIFO added after a warm run is not skipped."""
    root = tiny_ledger()
    draft = tmp_path / "draft.md"
    draft.write_text("Jiangsu has about 80 million people.\n", encoding="utf-8")
    assert run("check", "--ledger", str(root), str(draft)).exit_code == 0
    os.mkfifo(root / "claims" / "f.yaml")
    result = run("check", "--ledger", str(root), str(draft))
    assert (result.exit_code, result.stderr) == (2, "error: claims/f.yaml: not a regular file (a device, FIFO or socket)\n")


def test_a_bom_in_a_source_text_does_not_shift_spans(tiny_ledger):
    import hashlib

    root = tiny_ledger()
    text = root / "sources" / "alpha.txt"
    text.write_bytes(b"\xef\xbb\xbf" + text.read_bytes())
    edit(root / "sources" / "alpha.yaml", "sha256: ", "sha256: " + hashlib.sha256(text.read_bytes()).hexdigest() + "\n#")
    result = run("validate", "--ledger", str(root))
    assert (result.exit_code, result.stdout) == (0, "ok: 4 claims in 2 files, 2 sources\n")


# ---------------------------------------------------------------- drafts


def test_a_draft_that_is_a_device_is_refused(tiny_ledger, tmp_path):
    (tmp_path / "draft.md").symlink_to("/dev/zero")
    result = run("check", "--ledger", str(tiny_ledger()), str(tmp_path / "draft.md"))
    assert (result.exit_code, result.stderr) == (2, f"error: {tmp_path / 'draft.md'}: not a regular file (a device)\n")


def test_a_draft_over_the_size_limit_is_refused(tiny_ledger, tmp_path, monkeypatch):
    import verifier.reading.documents as documents

    ledger = str(tiny_ledger())
    monkeypatch.setattr(documents, "MAX_DRAFT_BYTES", 100)
    (tmp_path / "draft.md").write_text("Jiangsu has about 80 million people. " * 3, encoding="utf-8")
    result = run("check", "--ledger", ledger, str(tmp_path / "draft.md"))
    assert (result.exit_code, result.stderr) == (2, f"error: {tmp_path / 'draft.md'}: file too large (the limit is 100 bytes)\n")
    result = CliRunner().invoke(main, ["check", "--ledger", ledger, "-"], input="x" * 101)
    assert (result.exit_code, result.stderr) == (2, "error: -: file too large (the limit is 100 bytes)\n")


def test_a_draft_from_a_pipe_is_read_and_a_fifo_in_a_folder_skipped(tiny_ledger, tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    import threading

    def feed():
        with open(pipe, "w", encoding="utf-8") as writer:
            writer.write("Jiangsu has about 80 million people.\n")

    ledger = str(tiny_ledger())
    feeder = threading.Thread(target=feed)
    feeder.start()
    result = run("check", "--ledger", ledger, str(pipe))
    feeder.join(10)
    assert result.exit_code == 0 and "1 consistent" in result.stdout
    folder = tmp_path / "docs"
    folder.mkdir()
    os.mkfifo(folder / "waiting.md")
    (folder / "a.md").write_text("Jiangsu has about 80 million people.\n", encoding="utf-8")
    result = run("check", "--ledger", ledger, str(folder))
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, f"{folder / 'a.md'}")
