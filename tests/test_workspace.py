"""init and source add: the files they create, and their refusals (exact messages, exit 2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.config import load_config
from verifier.errors import DataError, UsageError
from verifier.ledger.load import load_ledger
from verifier.ledger.workspace import add_source, init_ledger, slugify

TEXT = "Harbour Wind opens offshore farm\r\n\r\nThe farm employs 300 people.\n"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    init_ledger(tmp_path / "book")
    return tmp_path / "book"


def test_init_creates_folders_and_a_config_that_loads(tmp_path: Path):
    created = init_ledger(tmp_path / "new")
    assert [p.relative_to(tmp_path).as_posix() for p in created] == [
        "new/claims", "new/sources", "new/verifier.toml", "new/.gitignore"]
    assert (tmp_path / "new" / ".gitignore").read_text().splitlines()[-1] == ".verifier-cache/"
    config = load_config(tmp_path / "new")
    assert (config.ledger, config.include, config.exclude, config.fail_on) == (
        ".", ["*.md", "*.markdown", "*.txt"], [], "inconsistent")
    assert (config.tolerance.approximately, config.tolerance.nearly) == (0.10, 0.10)
    assert "# The worst verdict" in (tmp_path / "new" / "verifier.toml").read_text()
    assert load_ledger(tmp_path / "new").claims == []


def test_init_cli_refuses_an_existing_ledger(tmp_path: Path):
    runner = CliRunner()
    first = runner.invoke(main, ["init", str(tmp_path / "l")])
    assert first.exit_code == 0
    assert first.output.splitlines()[0] == f"created {(tmp_path / 'l' / 'claims').as_posix()}/"
    again = runner.invoke(main, ["init", str(tmp_path / "l")])
    assert again.exit_code == 2
    assert again.output == (f"error: {tmp_path / 'l' / 'claims'} already exists: {tmp_path / 'l'} holds a "
                            "ledger already; nothing was changed\n")


def test_init_refuses_a_folder_with_only_a_config(tmp_path: Path):
    (tmp_path / "verifier.toml").write_text("ledger = '.'\n")
    with pytest.raises(UsageError, match="verifier.toml already exists"):
        init_ledger(tmp_path)
    assert not (tmp_path / "claims").exists()


def test_add_source_copies_bytes_and_records_metadata(ledger: Path, tmp_path: Path):
    src = tmp_path / "Harbour Wind (2021).TXT"
    src.write_bytes(TEXT.encode())
    source = add_source(ledger, src, published="2021-03", publisher="Coast Post")
    assert source.id == "harbour-wind-2021"
    assert source.path == "sources/harbour-wind-2021.txt"
    assert source.title == "Harbour Wind opens offshore farm"
    assert (source.publisher, source.kind, source.published) == ("Coast Post", "news", "2021-03")
    assert (ledger / source.path).read_bytes() == TEXT.encode()  # CRLF kept: offsets must not move
    assert source.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert load_ledger(ledger).sources["harbour-wind-2021"] == source


def test_add_source_defaults(ledger: Path, tmp_path: Path):
    src = tmp_path / "note.md"
    src.write_text("\n\n# A heading\n\nBody.\n")
    source = add_source(ledger, src)
    assert (source.id, source.title, source.publisher, source.path) == (
        "note", "A heading", "unknown", "sources/note.md")


def test_slugify():
    assert slugify("ABC News: Jiangsu_Pact (final)") == "abc-news-jiangsu-pact-final"
    assert slugify("___") == ""


def run_add(ledger: Path, *args: str):
    return CliRunner().invoke(main, ["source", "add", *args, "--ledger", str(ledger)])


def test_source_add_cli(ledger: Path, tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT)
    result = run_add(ledger, str(tmp_path / "a.txt"), "--id", "wind")
    assert result.exit_code == 0
    assert result.output.startswith("added source wind: sources/wind.txt (sha256 ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "Bad_Id"], "error: invalid source id 'Bad_Id': use lower-case letters, digits and hyphens, "
                             "starting and ending with a letter or digit (pass --id)\n"),
        (["--id", "../escape"], "error: invalid source id '../escape': use lower-case letters, digits and "
                                "hyphens, starting and ending with a letter or digit (pass --id)\n"),
        (["--published", "2021-02-30"], "error: invalid published: Value error, '2021-02-30' is not a real "
                                        "date: day is out of range for month\n"),
        (["--kind", "blog"], "error: invalid kind 'blog': use one of news, press-release, report, reference, "
                             "dataset\n"),
    ],
)
def test_source_add_refuses_bad_options(ledger: Path, tmp_path: Path, args: list[str], message: str):
    (tmp_path / "a.txt").write_text(TEXT)
    result = run_add(ledger, str(tmp_path / "a.txt"), *args)
    assert (result.exit_code, result.output) == (2, message)
    assert list((ledger / "sources").iterdir()) == []


def test_source_add_refuses_an_existing_id(ledger: Path, tmp_path: Path):
    (tmp_path / "a.txt").write_text(TEXT)
    assert run_add(ledger, str(tmp_path / "a.txt"), "--id", "wind").exit_code == 0
    (ledger / "sources" / "other.yaml").write_text((ledger / "sources" / "wind.yaml").read_text())
    (ledger / "sources" / "wind.yaml").rename(ledger / "sources" / "renamed.yaml")
    (ledger / "sources" / "wind.txt").unlink()
    result = run_add(ledger, str(tmp_path / "a.txt"), "--id", "wind")
    assert (result.exit_code, result.output) == (
        2, "error: a source with id 'wind' already exists; choose another with --id\n")
    result = run_add(ledger, str(tmp_path / "a.txt"), "--id", "other")
    assert (result.exit_code, result.output) == (
        2, f"error: a source with id 'other' already exists ({ledger / 'sources' / 'other.yaml'} exists); "
           "choose another with --id\n")


def test_source_add_refuses_non_utf8_and_missing_files(ledger: Path, tmp_path: Path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 prices rose 5%.".encode("latin-1"))
    result = run_add(ledger, str(tmp_path / "latin.txt"))
    assert (result.exit_code, result.output) == (
        2, f"error: {tmp_path / 'latin.txt'}: not UTF-8 text (invalid byte at offset 3)\n")
    result = run_add(ledger, str(tmp_path / "nope.txt"))
    assert (result.exit_code, result.output) == (2, f"error: {tmp_path / 'nope.txt'}: no such file\n")
    assert list((ledger / "sources").iterdir()) == []


def test_source_add_refuses_a_destination_outside_the_ledger(ledger: Path, tmp_path: Path):
    (tmp_path / "outside").mkdir()
    (ledger / "sources").rmdir()
    (ledger / "sources").symlink_to(tmp_path / "outside")
    (tmp_path / "a.txt").write_text(TEXT)
    with pytest.raises(UsageError, match=r"sources/a\.txt would be written outside the ledger"):
        add_source(ledger, tmp_path / "a.txt")
    assert list((tmp_path / "outside").iterdir()) == []


def test_empty_file_is_refused(ledger: Path, tmp_path: Path):
    (tmp_path / "empty.txt").write_text(" \n")
    with pytest.raises(DataError) as err:
        add_source(ledger, tmp_path / "empty.txt")
    assert str(err.value) == f"{tmp_path / 'empty.txt'}: the file is empty: a source needs text to quote"
