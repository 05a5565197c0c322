"""verifier.config: finding and reading verifier.toml, and finding the ledger."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.config import load_config
from verifier.errors import DataError


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

