"""The HTML reports without a browser: the page's policy, escaping, -o, and other formats unchanged."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.checking.contested import ContestedReport
from verifier.checking.pipeline import Checker, check_paths
from verifier.cli import main
from verifier.models import Report, Summary
from verifier.report import render
from verifier.report.contested_html import render_contested_html
from verifier.report.page import link

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "Jiangsu has a GDP of about $500 billion. Tom & Jerry's \"<b>bold</b>\" claim.\n"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.for_root(ROOT)


@pytest.fixture
def draft(tmp_path: Path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("draft.md").write_text(DRAFT, encoding="utf-8")
    return "draft.md"


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_exactly_the_inline_style_and_script_by_hash(draft, checker):
    page = render(check_paths([draft], checker, keep_text=True), "html")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    policy = policy.replace("&#x27;", "'")
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    assert policy == (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Self-contained: nothing is loaded from anywhere, and no inline handler or style attribute exists.
    assert not re.search(r"<(link|img|iframe|object)\b|\bsrc=|\bstyle=|\bon[a-z]+=", page)
    assert page.count("<script") == 1 and page.count("<style") == 1


def test_draft_text_is_escaped_in_the_document_and_in_the_statement(draft, checker):
    page = render(check_paths([draft], checker, keep_text=True), "html")
    assert "Tom &amp; Jerry&#x27;s &quot;&lt;b&gt;bold&lt;/b&gt;&quot; claim." in page
    assert "<b>" not in page


def test_keeping_the_texts_leaves_every_other_format_byte_identical(draft, checker):
    plain, kept = check_paths([draft], checker), check_paths([draft], checker, keep_text=True)
    assert plain.documents == {} and kept.documents == {"draft.md": DRAFT}
    assert sorted(kept.sources) == ["abc-2017-06-jiangsu-pact"]
    source_text = (ROOT / "sources" / "abc-2017-06-jiangsu-pact.txt").read_text(encoding="utf-8")
    assert (kept.sources["abc-2017-06-jiangsu-pact"].text, kept.sources["abc-2017-06-jiangsu-pact"].url) == (
        source_text, None
    )
    for fmt in ("text", "json", "jsonl", "sarif", "github", "junit"):
        assert render(plain, fmt) == render(kept, fmt), fmt
    assert '"baselined"' not in render(plain, "json")


def test_output_option_writes_the_same_bytes_as_stdout(draft):
    args = ["check", "--ledger", str(ROOT), draft, "--format", "json"]
    shown = CliRunner().invoke(main, args)
    written = CliRunner().invoke(main, [*args, "-o", "out.json"])
    assert (shown.exit_code, written.exit_code, written.output) == (1, 1, "")
    assert Path("out.json").read_text(encoding="utf-8") == shown.output
    assert [p.name for p in Path(".").iterdir() if p.name.startswith(".out.json")] == []


def test_output_into_a_missing_folder_is_a_clear_error(draft):
    result = CliRunner().invoke(main, ["check", "--ledger", str(ROOT), draft, "--format", "html", "-o", "no/r.html"])
    assert (result.exit_code, result.output) == (2, "error: no/r.html: cannot write: No such file or directory\n")


def test_only_web_addresses_become_links():
    assert link("https://example.org/a?b=1&c=2") == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer noopener">https://example.org/a?b=1&amp;c=2</a>'
    )
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert link(" JavaScript:alert('x')") == " JavaScript:alert(&#x27;x&#x27;)"
    assert link(None) == "—"


def test_a_report_without_the_texts_lists_the_statements(draft, checker):
    page = render(check_paths([draft], checker), "html")
    assert '<ul class="groups"><li><span class="item v-inconsistent"' in page
    assert "Jiangsu has a GDP of about $500 billion.</span></li><li><span class=\"item v-unverified\"" in page


def test_an_empty_report_and_an_empty_contested_report_still_make_a_page():
    empty = render(Report(version="0", files=["a.md"], findings=[], summary=Summary()), "html")
    assert "0 findings in 1 file:" in empty and "<h2>a.md</h2>" in empty
    assert "No contested groups: the sources in the ledger agree." in render_contested_html(ContestedReport(groups=[]))


def test_contested_html_keeps_the_json_as_it_was(tmp_path):
    args = ["contested", "--ledger", str(ROOT)]
    json_out = CliRunner().invoke(main, [*args, "--format", "json"])
    html_out = CliRunner().invoke(main, [*args, "--format", "html"])
    assert (json_out.exit_code, html_out.exit_code) == (0, 0)
    assert '"url"' not in json_out.output
    assert "<h3>Jiangsu · location</h3>" in html_out.output
    assert html_out.output.count('class="entry"') == 2


def test_a_source_url_is_a_link_beside_its_title_publisher_and_date(tiny_ledger, tmp_path, monkeypatch):
    root = tiny_ledger()
    meta = root / "sources" / "alpha.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "url: https://example.org/jiangsu?a=1&b=2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    Path("d.md").write_text("Jiangsu is a coastal province in East China.\n", encoding="utf-8")
    page = render(check_paths(["d.md"], Checker.for_root(root), keep_text=True), "html")
    assert (
        "<dt>title</dt><dd>Jiangsu facts</dd><dt>publisher</dt><dd>Test Desk</dd><dt>date</dt><dd>undated</dd>"
        '<dt>url</dt><dd><a href="https://example.org/jiangsu?a=1&amp;b=2" rel="noreferrer noopener">'
    ) in page
    # The quote in its context: the source's text before and after it.
    assert "<blockquote>Jiangsu is <mark>a coastal province in East China</mark>. Its capital is Nanjing." in page


def test_standard_input_is_shown_under_its_own_name():
    result = CliRunner().invoke(
        main, ["check", "--ledger", str(ROOT), "-", "--format", "html"], input="Jiangsu lies in southwest China.\n"
    )
    assert result.exit_code == 0
    assert "<h2>standard input</h2>" in result.output
    assert '<pre class="text"><span class="item v-contested" tabindex="0" role="button" data-keys="contested"' in (
        result.output
    )
