"""The ledger commands as a user sees them: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import edit, run

from verifier.cli.ledger_cmds import highlight
from verifier.ledger.browse import QuoteContext

OK = "ok: 4 claims in 2 files, 2 sources\n"


def shift_alpha(root: Path) -> None:
    """Insert words before every quote of source alpha: three stale spans and a stale sha256."""
    text = root / "sources" / "alpha.txt"
    text.write_text("Note. " + text.read_text(encoding="utf-8"), encoding="utf-8")


STALE = [
    "claims/jiangsu.yaml:8: $.claims[0].source: stale span 11-43: the quote is now at 17-49",
    "claims/jiangsu.yaml:24: $.claims[1].source: stale span 81-104: the quote is now at 87-110",
    "claims/jiangsu.yaml:36: $.claims[2].source: stale span 169-186: the quote is now at 175-192",
    "sources/alpha.yaml:7: $.sha256: sha256 of sources/alpha.txt does not match its metadata",
]

# ---------------------------------------------------------------- validate


def test_validate_valid_ledger(tiny_ledger):
    result = run("validate", "--ledger", str(tiny_ledger()))
    assert (result.exit_code, result.stdout, result.stderr) == (0, OK, "")


def test_validate_prints_each_problem_and_a_count_and_exits_1(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "pact.yaml", "end: 53", "end: 9999")
    edit(
        root / "claims" / "jiangsu.yaml", "    status: disputed\n", "    status: disputed\n    colour: red\n"
    )
    result = run("validate", "--ledger", str(root))
    assert result.exit_code == 1
    assert result.stdout == (
        "claims/jiangsu.yaml:39: $.claims[2]: Additional properties are not allowed ('colour' was unexpected)\n"  # noqa: E501
        "claims/pact.yaml:7: $.claims[0].source: span 21-9999 is out of range (the source has 79 characters);"
        " the quote is now at 21-53\n"
        "2 problems (1 fixable with --fix --write)\n"
    )


def test_validate_reports_malformed_yaml_as_a_problem(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "pact.yaml", "    tags: [pact]\n", "    tags: [pact\n")
    result = run("validate", "--ledger", str(root))
    assert (result.exit_code, result.stdout) == (
        1,
        "claims/pact.yaml:13: malformed YAML: expected ',' or ']', but got ':'\n1 problem\n",
    )


def test_validate_fix_shows_changes_and_writes_nothing(tiny_ledger):
    root = tiny_ledger()
    shift_alpha(root)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    result = run("validate", "--ledger", str(root), "--fix")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        *(f"would fix: {line}" for line in STALE),
        "4 problems (4 would be fixed by --fix --write)",
    ]
    assert sorted(p for p in root.rglob("*") if p.is_file()) == files
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before


def test_validate_fix_write_repairs_and_then_the_ledger_is_valid(tiny_ledger):
    root = tiny_ledger()
    shift_alpha(root)
    result = run("validate", "--ledger", str(root), "--fix", "--write")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        *(f"fixed: {line}" for line in STALE),
        "fixed 4 problems",
        OK.strip(),
    ]
    claims = (root / "claims" / "jiangsu.yaml").read_text(encoding="utf-8")
    assert claims.startswith("# Claims about Jiangsu, for tests.\nclaims:\n  - id: jiangsu-location\n")
    assert "      start: 17\n      end: 49\n" in claims
    assert '    source: {id: alpha, start: 175, end: 192, quote: "7.6 trillion yuan"}\n' in claims
    assert run("validate", "--ledger", str(root)).exit_code == 0


def test_validate_fix_write_leaves_what_it_cannot_fix(tiny_ledger):
    root = tiny_ledger()
    shift_alpha(root)
    edit(
        root / "claims" / "pact.yaml",
        'quote: "signed in Beijing on 6 June 2017"',
        'quote: "signed in Beijing in May"',
    )
    result = run("validate", "--ledger", str(root), "--fix", "--write")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[4:] == [
        "claims/pact.yaml:7: $.claims[0].source: quote does not match the text at 21-53"
        ' ("signed in Beijing on 6 June 2017"); the quote was not found in the source'
        ' (best match 89% at 21-42: "signed in Beijing on ")',
        "fixed 4 problems; 1 problem remains",
    ]


def test_write_without_fix_is_a_usage_error(tiny_ledger):
    result = run("validate", "--ledger", str(tiny_ledger()), "--write")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --write needs --fix"


def test_no_ledger_exits_2_with_one_line(tmp_path):
    result = run("validate", "--ledger", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"error: {tmp_path}: not a ledger: no claims/ folder (run `verifier init`, or pass --ledger)\n"
    )


def test_other_commands_stop_at_a_broken_ledger_with_exit_2(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "jiangsu.yaml", "amount: 80,", "amount: eighty,")
    for args in (["claims", "list"], ["claims", "show", "pact-signing"], ["sources", "list"]):
        result = run(*args, "--ledger", str(root))
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert (
            result.stderr
            == "error: claims/jiangsu.yaml:22: $.claims[1].value.amount: 'eighty' is not of type 'number'\n"
        )


# ---------------------------------------------------------------- claims and sources


def test_claims_list_table(tiny_ledger):
    result = run("claims", "list", "--ledger", str(tiny_ledger()))
    assert result.exit_code == 0
    assert result.stdout == (
        "ID                  STATUS    SUBJECT                          PROPERTY      VALUE                            SOURCE\n"  # noqa: E501
        "jiangsu-location    verified  Jiangsu                          location      East China                       alpha\n"  # noqa: E501
        "jiangsu-population  proposed  Jiangsu                          population    approximately 80 million people  alpha\n"  # noqa: E501
        "jiangsu-gdp-2016    disputed  Jiangsu                          gdp           CNY 7.6 trillion                 alpha\n"  # noqa: E501
        "pact-signing        verified  California-Jiangsu climate pact  signing_date  6 June 2017                      beta\n"  # noqa: E501
    )


def test_claims_list_words_a_role_and_a_rank_as_check_does():
    repo = Path(__file__).resolve().parent.parent
    result = run("claims", "list", "--ledger", str(repo), "--source", "abc-2017-06-jiangsu-pact")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "  Jerry Brown, Governor of California  " in rows["abc17-brown-role"]
    assert "  rank 1 (Chinese provinces by population…  " in rows["abc17-jiangsu-density-rank"]


def ids(*args: str) -> list[str]:
    result = run("claims", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


def test_claims_list_filters(tiny_ledger):
    root = str(tiny_ledger())
    assert ids("--ledger", root, "--tag", "jiangsu", "--tag", "population") == ["jiangsu-population"]
    assert ids("--ledger", root, "--source", "beta") == ["pact-signing"]
    assert ids("--ledger", root, "--status", "disputed") == ["jiangsu-gdp-2016"]
    assert ids("--ledger", root, "--subject", "jiangsu PROVINCE") == [
        "jiangsu-location",
        "jiangsu-population",
    ]
    assert ids("--ledger", root, "--tag", "nothing") == []
    assert run("claims", "list", "--ledger", root, "--tag", "nothing").stdout == "no matches\n"


def test_claims_list_unknown_source_is_an_error(tiny_ledger):
    result = run("claims", "list", "--ledger", str(tiny_ledger()), "--source", "gamma")
    assert (result.exit_code, result.stderr) == (2, "error: no source with id 'gamma'\n")


def test_claims_list_json_row(tiny_ledger):
    result = run("claims", "list", "--ledger", str(tiny_ledger()), "--format", "json", "--source", "beta")
    assert json.loads(result.stdout) == [
        {
            "id": "pact-signing",
            "statement": "The climate pact was signed in Beijing on 6 June 2017.",
            "subject": {"name": "California-Jiangsu climate pact", "aliases": [], "type": "agreement"},
            "property": "signing_date",
            "value": {"kind": "date", "date": "2017-06-06", "end": None},
            "as_of": None,
            "period": None,
            "tags": ["pact"],
            "status": "verified",
            "source": {"id": "beta", "start": 21, "end": 53, "quote": "signed in Beijing on 6 June 2017"},
            "file": "claims/pact.yaml",
        }
    ]


def test_claims_show(tiny_ledger):
    result = run("claims", "show", "jiangsu-gdp-2016", "--ledger", str(tiny_ledger()))
    assert result.exit_code == 0
    assert result.stdout == (
        "jiangsu-gdp-2016 (disputed)\n"
        "statement: Jiangsu's GDP in 2016 was 7.6 trillion yuan.\n"
        "subject:   Jiangsu (place)\n"
        "property:  gdp\n"
        "value:\n"
        "  kind: quantity\n"
        "  amount: 7.6\n"
        "  scale: trillion\n"
        "  currency: CNY\n"
        "period:    2016 to 2016\n"
        "review:    by ann on 2018-01: revised later\n"
        "tags:      economy, jiangsu\n"
        "file:      claims/jiangsu.yaml:30\n"
        "\n"
        "source: alpha, 169-186 (Jiangsu facts; sources/alpha.txt)\n"
        "  …l province in East China. Its capital is Nanjing. Jiangsu has about 80 million people and is the\n"  # noqa: E501
        "  most densely populated province. In 2016 its GDP was »7.6 trillion yuan«.\n"
    )


def test_claims_show_unknown_id(tiny_ledger):
    result = run("claims", "show", "nope", "--ledger", str(tiny_ledger()))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "error: no claim with id 'nope'\n")


def test_sources_list_table_and_json(tiny_ledger):
    root = str(tiny_ledger())
    table = run("sources", "list", "--ledger", root)
    assert table.stdout == (
        "ID     KIND       PUBLISHED  CLAIMS  TITLE\n"
        "alpha  reference  -          3       Jiangsu facts\n"
        "beta   news       2017-06    1       A climate pact\n"
    )
    rows = json.loads(run("sources", "list", "--ledger", root, "--format", "json").stdout)
    assert rows[1] == {
        "id": "beta",
        "path": "sources/beta.txt",
        "title": "A climate pact",
        "publisher": "Test Desk",
        "published": "2017-06",
        "kind": "news",
        "url": None,
        "claims": 1,
    }


def test_quote_is_bold_with_colour_and_marked_without():
    context = QuoteContext("He said » no ", "yes", " today.")
    assert highlight(context, colour=True) == "  He said » no \x1b[1myes\x1b[0m today."
    assert highlight(context, colour=False) == "  He said » no »yes« today."
