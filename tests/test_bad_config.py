"""Config files a careless user or a parent project leaves around: one line and exit 2, or ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.config import load_config
from verifier.errors import DataError

LEDGER = Path(__file__).parent / "fixtures" / "ledgers" / "tiny"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with a ledger and a draft, the working directory."""
    shutil.copytree(LEDGER, tmp_path / "project")
    root = tmp_path / "project"
    (root / "draft.md").write_text("Jiangsu has about 80 million people.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check() -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "draft.md"])
    return result.exit_code, result.stderr


def test_tool_verifier_that_is_no_table(project):
    (project / "pyproject.toml").write_text('[tool]\nverifier = "yes"\n', encoding="utf-8")
    assert check() == (2, f"error: {project / 'pyproject.toml'}: $.tool.verifier: must be a table ([tool.verifier]), not a str\n")


def test_a_tool_key_that_is_no_table_is_not_ours(project):
    (project / "pyproject.toml").write_text('tool = "the verifier"\n', encoding="utf-8")
    assert check() == (0, "")


def test_nul_in_the_ledger_path(project):
    (project / "verifier.toml").write_text('ledger = "cl\\u0000aims"\n', encoding="utf-8")
    assert check() == (2, f"error: {project / 'verifier.toml'}: $.ledger: a path cannot contain a NUL character\n")


def test_deeply_nested_toml(project):
    (project / "verifier.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert check() == (2, f"error: {project / 'verifier.toml'}: invalid TOML: nested too deeply\n")


def test_a_bom_in_verifier_toml_is_accepted(project):
    (project / "verifier.toml").write_bytes(b'\xef\xbb\xbffail-on = "never"\n')
    assert load_config(project).fail_on == "never"
    draft = project / "draft.md"
    draft.write_text("Jiangsu has about 30 million people.\n", encoding="utf-8")
    assert check() == (0, "")  # fail-on never: the inconsistent finding does not fail


def test_a_broken_unrelated_pyproject_further_up_is_passed_over(project, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'parent'\n", encoding="utf-8")
    assert check() == (0, "")


def test_a_broken_pyproject_that_configures_verifier_is_an_error(project):
    (project / "pyproject.toml").write_text('[tool.verifier]\nfail-on = "never\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_config(project)
    assert str(err.value).startswith(f"{project / 'pyproject.toml'}:2: invalid TOML: ")
    assert check()[0] == 2
