"""verifier.config: finding and reading verifier.toml, and finding the ledger."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from verifier.cli import ledger_root, main
from verifier.config import load_config, resolve_ledger
from verifier.errors import DataError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ("fail-on = [\n", ":1: invalid TOML: Invalid value (at end of document)"),
        ('a = 1\nb = "x\nc = 2\n', ":2: invalid TOML: Illegal character '\\n' (at line 2, column 7)"),
        ("\n\nfail-on = [", ":3: invalid TOML: Invalid value (at end of document)"),
    ],
)
def test_malformed_toml_names_file_and_line(tmp_path, toml, where):
    (tmp_path / "verifier.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"{tmp_path / 'verifier.toml'}{where}"


def test_malformed_toml_is_one_line_and_exit_2_from_check(tmp_path, monkeypatch):
    (tmp_path / "verifier.toml").write_text("fail-on = [\n", encoding="utf-8")
    (tmp_path / "x.md").write_text("Text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "x.md"])
    assert (result.exit_code, result.output) == (
        2,
        f"error: {tmp_path / 'verifier.toml'}:1: invalid TOML: Invalid value (at end of document)\n",
    )


def test_malformed_pyproject_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.verifier\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_config(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'pyproject.toml'}:1: invalid TOML: ")


def test_non_utf8_config(tmp_path):
    (tmp_path / "verifier.toml").write_bytes(b"ledger = '\xff'\n")
    with pytest.raises(DataError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"{tmp_path / 'verifier.toml'}: not UTF-8 text"


def test_bad_value_in_pyproject_has_the_json_path(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.verifier]\ntolerance = {nearly = 2}\n')
    with pytest.raises(DataError) as err:
        load_config(tmp_path)
    assert str(err.value) == (
        f"{tmp_path / 'pyproject.toml'}: $.tool.verifier.tolerance.nearly: Input should be less than or equal to 1"
    )



# ---------------------------------------------------------------- the ledger root


@pytest.fixture
def ledger_tree(tmp_path, monkeypatch):
    """tmp/book/claims/ is a ledger; the run starts in tmp/book/drafts/deep."""
    (tmp_path / "book" / "claims").mkdir(parents=True)
    (tmp_path / "book" / "sources").mkdir()
    start = tmp_path / "book" / "drafts" / "deep"
    start.mkdir(parents=True)
    monkeypatch.chdir(start)
    return tmp_path


def test_ledger_option_relative_to_the_working_directory_is_made_absolute(ledger_tree):
    root = resolve_ledger(load_config(), "../..")
    assert root == ledger_tree / "book" and root.is_absolute()


def test_ledger_found_by_walking_up_is_absolute(ledger_tree):
    assert resolve_ledger(load_config()) == ledger_tree / "book"


def test_config_ledger_is_relative_to_the_config_file(ledger_tree):
    (ledger_tree / "book" / "drafts" / "verifier.toml").write_text('ledger = ".."\n', encoding="utf-8")
    root = resolve_ledger(load_config())
    assert root == ledger_tree / "book" and ".." not in root.parts


def test_ledger_root_helper_is_absolute(ledger_tree, monkeypatch):
    monkeypatch.chdir(ledger_tree / "book")
    assert ledger_root(".") == ledger_tree / "book"


def test_import_with_ledger_dot(tmp_path, monkeypatch):
    """`--ledger .` once gave a relative root, and import failed relating claims/x.yaml to it."""
    for folder in ("claims", "sources"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    exported = CliRunner().invoke(main, ["export", "--format", "jsonl", "--ledger", "."])
    assert exported.exit_code == 0
    (tmp_path / "x.jsonl").write_text(exported.output, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "x.jsonl", "--format", "jsonl", "--ledger", "."])
    count = len(exported.output.splitlines())
    assert (result.exit_code, result.output) == (
        0, f"imported 0 claims into claims/imported.yaml ({count} already present)\n"
    )


# ---------------------------------------------------------------- the pre-commit hook


def test_pre_commit_hook_takes_drafts_not_every_text_file():
    [hook] = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["types"], hook.get("types_or")) == (
        "verifier-check", "verifier check", ["text"], None)
    files = re.compile(hook["files"])
    assert [n for n in ["a.md", "b/c.markdown", "d.mdx", "e.txt", "F.MD"] if not files.search(n)] == []
    assert [n for n in ["x.py", "y.yaml", "md", "a.md.bak", "notes.rst"] if files.search(n)] == []


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('fail-on = "sometimes"\n', "$.fail-on: Input should be 'inconsistent', 'contested', 'unverified' or 'never'"),
        ("ledger = 5\n", "$.ledger: Input should be a valid string"),
        ('include = ["*.md", 3]\n', "$.include[1]: Input should be a valid string"),
        ("colour = true\n", "$.colour: Extra inputs are not permitted"),
    ],
)
def test_bad_value_has_the_json_path(tmp_path, toml, where):
    (tmp_path / "verifier.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"{tmp_path / 'verifier.toml'}: {where}"
