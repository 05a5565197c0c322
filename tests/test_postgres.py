"""The PostgreSQL ledger: the round trip to and from YAML, check's findings, writes, clear errors.

Each test gets an empty database of one cluster started for the session (conftest.pg_cluster);
without a PostgreSQL server these tests skip, and under CI they fail instead.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import sys
from pathlib import Path

import pytest
from helpers import run

from verifier.postgres.ledger import PostgresBackend
from verifier.postgres.store import shown_url

REPO = Path(__file__).resolve().parent.parent


def _same_tree(a: Path, b: Path) -> list[str]:
    """The files that differ, or are in one tree only (claims/ and sources/)."""
    differ = []
    for part in ("claims", "sources"):
        names = {p.relative_to(a) for p in (a / part).rglob("*")} | {p.relative_to(b) for p in (b / part).rglob("*")}
        for rel in sorted(names):
            if not ((a / rel).is_file() and (b / rel).is_file() and filecmp.cmp(a / rel, b / rel, shallow=False)):
                differ.append(rel.as_posix())
    return differ


def _repo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo-ledger"
    for part in ("claims", "sources"):
        shutil.copytree(REPO / part, root / part)
    return root


def test_round_trip_yaml_to_postgres_to_yaml_is_byte_identical(pg_url, tmp_path):
    result = run("import", str(REPO), "--format", "ledger", "--ledger", pg_url)
    assert (result.exit_code, result.output) == (0, f"imported 87 claims and 4 sources from {REPO}\n")
    out = tmp_path / "out"
    result = run("export", "--format", "ledger", "-o", str(out), "--ledger", pg_url)
    assert (result.exit_code, result.output) == (0, f"exported the ledger to {out}\n")
    assert _same_tree(REPO, out) == []
    assert sorted(p.name for p in out.iterdir()) == ["claims", "sources"]  # no temp folder left beside it


def test_a_review_in_postgres_exports_as_the_same_review_in_the_file_ledger(pg_url, tmp_path):
    files = _repo_copy(tmp_path)
    assert run("import", str(files), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    args = ["review", "ref-jiangsu-location", "--status", "refuted", "--note", "East China", "--by", "ed",
            "--date", "2026-11-26"]  # fmt: skip
    in_db = run(*args, "--ledger", pg_url)
    assert (in_db.exit_code, in_db.output) == (0, f"ref-jiangsu-location: refuted (version 2 in {pg_url})\n")
    in_files = run(*args, "--ledger", str(files))
    assert in_files.exit_code == 0, in_files.output
    out = tmp_path / "out"
    assert run("export", "--format", "ledger", "-o", str(out), "--ledger", pg_url).exit_code == 0
    assert _same_tree(files, out) == []
    assert _same_tree(REPO, out) == ["claims/ref-jiangsu-facts.yaml"]


def test_check_against_postgres_gives_the_findings_of_the_file_ledger(pg_url, monkeypatch):
    monkeypatch.chdir(REPO)
    assert run("import", ".", "--format", "ledger", "--ledger", pg_url).exit_code == 0
    files = run("check", "examples/draft.md", "--format", "json")
    cold = run("check", "examples/draft.md", "--format", "json", "--ledger", pg_url)
    warm = run("check", "examples/draft.md", "--format", "json", "--ledger", pg_url)
    assert files.exit_code == cold.exit_code == warm.exit_code == 1
    assert cold.output == files.output and warm.output == files.output
    assert len(json.loads(files.output)["findings"]) > 10
    text = run("check", "examples/draft.md", "--ledger", pg_url)
    assert text.output == run("check", "examples/draft.md").output


def test_every_write_bumps_the_version_that_keys_the_cache(pg_url, tiny_ledger):
    backend = PostgresBackend(pg_url)
    assert backend.store.version() == 0
    backend.import_folder(tiny_ledger())
    assert backend.store.version() == 1
    assert backend.index() is not None
    first = sorted(p.name for p in backend.cache_folder().glob("index-*.npz"))
    backend.review("pact-signing", "verified", {"note": "ok", "by": None, "date": "2026-11-26"})
    assert backend.store.version() == 2
    backend.index()
    second = sorted(p.name for p in backend.cache_folder().glob("index-*.npz"))
    assert len(first) == len(second) == 1 and first != second  # the old state's cache replaced
    assert backend.load().claim("pact-signing").status == "verified"
    assert backend.checker().ledger.claim("pact-signing").status == "verified"  # not the stale cached index


def test_claims_show_names_the_version_a_review_can_pin(pg_url, tiny_ledger):
    assert run("import", str(tiny_ledger()), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    shown = run("claims", "show", "pact-signing", "--ledger", pg_url)
    assert "version:   1 (claims/pact.yaml, claim 1)\n" in shown.output
    ok = run("review", "pact-signing", "--status", "verified", "--note", "n", "--if-version", "1", "--ledger", pg_url)
    assert ok.exit_code == 0
    stale = run("review", "pact-signing", "--status", "refuted", "--note", "n", "--if-version", "1", "--ledger", pg_url)
    assert stale.exit_code == 2
    assert stale.output == (
        f"error: {pg_url}: claim 'pact-signing' was changed by someone else (version 1 was reviewed, it is "
        "now version 2); review refused: look at it again (verifier claims show pact-signing)\n"
    )


def test_import_of_records_and_extract_write_add_claims_in_the_database(pg_url, tiny_ledger, tmp_path):
    root = tiny_ledger()
    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text(run("export", "--format", "jsonl", "--ledger", str(root)).output, encoding="utf-8")
    (root / "claims" / "pact.yaml").unlink()
    assert run("import", str(root), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    result = run("import", str(jsonl), "--format", "jsonl", "--ledger", pg_url)
    assert (result.exit_code, result.output) == (0, "imported 1 claim into claims/imported.yaml (3 already present)\n")
    again = run("import", str(jsonl), "--format", "jsonl", "--ledger", pg_url)
    assert again.output == "imported 0 claims into claims/imported.yaml (4 already present)\n"
    out = tmp_path / "out"
    assert run("export", "--format", "ledger", "-o", str(out), "--ledger", pg_url).exit_code == 0
    assert [c["id"] for c in json.loads(run("claims", "list", "--format", "json", "--ledger", str(out)).output)] == [
        "pact-signing", "jiangsu-location", "jiangsu-population", "jiangsu-gdp-2016"]  # fmt: skip
    first = run("extract", "beta", "--write", "--ledger", pg_url)
    assert first.exit_code == 0 and first.output.startswith("added ")
    second = run("extract", "beta", "--write", "--ledger", pg_url)
    assert second.exit_code == 0 and second.output.startswith("added 0 of ")


def test_a_ledger_folder_is_imported_only_into_an_empty_database(pg_url, tiny_ledger):
    root = tiny_ledger()
    assert run("import", str(root), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    again = run("import", str(root), "--format", "ledger", "--ledger", pg_url)
    assert again.exit_code == 2
    assert again.output == (
        f"error: {pg_url}: already holds a ledger (4 claims, 2 sources): a ledger folder is imported into an "
        "empty database; add claims to this one with `import --format jsonl`\n"
    )


def test_an_invalid_folder_writes_nothing(pg_url, tiny_ledger):
    root = tiny_ledger()
    (root / "claims" / "pact.yaml").write_text("claims:\n  - id: 3\n", encoding="utf-8")
    result = run("import", str(root), "--format", "ledger", "--ledger", pg_url)
    assert result.exit_code == 2 and result.output.startswith("error: claims/pact.yaml:2: ")
    assert run("claims", "list", "--ledger", pg_url).output == "no matches\n"


def test_an_unreachable_server_is_one_line_and_exit_2(pg_cluster):
    url = "postgresql://nobody:secret@127.0.0.1:1/none"
    result = run("check", str(REPO / "examples" / "draft.md"), "--ledger", url)
    assert result.exit_code == 2
    assert result.output.startswith("error: postgresql://nobody@127.0.0.1:1/none: PostgreSQL: connection failed")
    assert result.output.count("\n") == 1 and "secret" not in result.output


def test_without_the_driver_a_postgres_url_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    result = run("claims", "list", "--ledger", "postgresql://localhost/ledger")
    assert (result.exit_code, result.output) == (
        2, "error: a PostgreSQL ledger needs the postgres extra: pip install 'verifier[postgres]'\n")


def test_commands_on_ledger_files_refuse_a_database_url():
    result = run("validate", "--ledger", "postgresql://localhost/ledger")
    assert (result.exit_code, result.output) == (2, "error: this command works on a ledger folder, not a "
                                                    "PostgreSQL ledger (`verifier export --format ledger -o DIR` writes one)\n")  # fmt: skip


def test_the_password_is_never_shown():
    assert shown_url("postgresql://ed:pw@db.example:5432/news") == "postgresql://ed@db.example:5432/news"
    assert shown_url("postgresql://db.example/news") == "postgresql://db.example/news"


@pytest.mark.parametrize("args", [["export", "--format", "ledger"], ["import", ".", "--format", "jsonl"]])
def test_ledger_format_options_are_checked(args, monkeypatch):
    monkeypatch.chdir(REPO)
    result = run(*args)
    assert result.exit_code == 2
    assert result.output in ("error: --format ledger needs -o DIR, the folder to write the ledger to\n",
                             "error: . is a folder; --format jsonl imports a file\n")  # fmt: skip


def _ids(output: str) -> list[str]:
    return [json.loads(line)["matches"][i]["id"] for line in output.splitlines() for i in range(3)]


@pytest.mark.parametrize("statement", [
    "Jiangsu has a population of 80 million people",
    "The American Lung Association says 125 million Americans breathe polluted air",
    "air pollution kills 7 million people every year",
])
def test_candidates_from_the_database_rank_as_the_whole_ledger_does(pg_url, statement, monkeypatch):
    monkeypatch.chdir(REPO)
    assert run("import", ".", "--format", "ledger", "--ledger", pg_url).exit_code == 0
    whole = run("match", statement, "--top-k", "3", "--format", "jsonl", "--ledger", pg_url)
    retrieved = run("match", statement, "--top-k", "3", "--format", "jsonl", "--in-database", "--ledger", pg_url)
    assert retrieved.exit_code == 0 and _ids(retrieved.output) == _ids(whole.output)


def test_the_database_finds_a_subject_by_an_alias_inside_a_statement(pg_url, tiny_ledger):
    from verifier.postgres.search import candidates, names_in

    backend = PostgresBackend(pg_url)
    backend.import_folder(tiny_ledger())
    assert names_in("Officials in Jiangsu Province said on Monday") == ["Jiangsu Province", "Officials", "Monday"]
    found = {c.id for c in candidates(backend.store, ["Officials in Jiangsu Province said so"])}
    assert {"jiangsu-location", "jiangsu-population", "jiangsu-gdp-2016"} <= found


def test_in_database_needs_a_database():
    result = run("match", "Jiangsu", "--in-database", "--ledger", str(REPO))
    assert (result.exit_code, result.output) == (2, "error: --in-database needs a PostgreSQL ledger (--ledger postgresql://...)\n")


def test_the_config_ledger_key_may_be_a_url(pg_url, tiny_ledger, tmp_path, monkeypatch):
    assert run("import", str(tiny_ledger()), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    work = tmp_path / "desk"
    work.mkdir()
    (work / "verifier.toml").write_text(f'ledger = "{pg_url}"\n', encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("VERIFIER_LEDGER", raising=False)
    listed = run("sources", "list")
    assert listed.exit_code == 0
    assert listed.output == run("sources", "list", "--ledger", str(tmp_path / "tiny")).output


def test_a_file_ledger_exports_as_a_folder_too(tmp_path):
    out = tmp_path / "copy"
    result = run("export", "--format", "ledger", "-o", str(out), "--ledger", str(REPO))
    assert (result.exit_code, result.output) == (0, f"exported the ledger to {out}\n")
    assert _same_tree(REPO, out) == []
    again = run("export", "--format", "ledger", "-o", str(out), "--ledger", str(REPO))
    assert (again.exit_code, again.output) == (2, f"error: {out} exists and is not an empty folder; export a ledger into a new one\n")


def test_if_version_is_for_a_database_ledger(tiny_ledger):
    result = run("review", "pact-signing", "--status", "verified", "--note", "n", "--if-version", "1",
                 "--ledger", str(tiny_ledger()))  # fmt: skip
    assert (result.exit_code, result.output) == (
        2, "error: --if-version applies to a PostgreSQL ledger (a file ledger has no versions)\n")


def test_contested_and_browsing_read_the_database_as_the_folder(pg_url, monkeypatch):
    monkeypatch.chdir(REPO)
    assert run("import", ".", "--format", "ledger", "--ledger", pg_url).exit_code == 0
    for args in (["contested", "--format", "json"], ["claims", "list", "--format", "json"], ["sources", "list"],
                 ["claims", "list", "--subject", "Jiangsu"]):
        assert run(*args, "--ledger", pg_url).output == run(*args).output, args
    shown = run("claims", "show", "ref-jiangsu-capital", "--ledger", pg_url).output
    assert shown.replace("version:   1 (claims/ref-jiangsu-facts.yaml, claim 2)", "file:      claims/ref-jiangsu-facts.yaml:50") \
        == run("claims", "show", "ref-jiangsu-capital").output
