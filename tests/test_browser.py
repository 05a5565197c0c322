"""The HTML reports as a person sees them, in a real Chromium driven by Playwright.

One browser for the session; each test opens its own page. Every page records its console errors
and uncaught exceptions, and a test fails on any (a stylesheet or script the page's own CSP blocked
would show up there). Locally the tests skip when Chromium or Playwright is missing; in CI
(CI=true) they fail instead, so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
DRAFT = """\
# Briefing

Jiangsu has a GDP of about $500 billion.
Jiangsu lies in southwest China.
Zhejiang's GDP exceeds $1 trillion.
<!-- verifier: ignore reason="a figure we quote from an older brief" -->
Jiangsu's population is roughly 50 million.
Nearly 125 million Americans live in counties <script>window.pwned = true; alert("pwned")</script> with \
dangerous levels of air pollution.
"""


def _chromium() -> str | None:
    return os.environ.get("VERIFIER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (apt-get install chromium, or set VERIFIER_CHROMIUM)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a local file; the page's console errors, page errors, dialogs and network requests
    (anything but the file itself) are recorded."""
    pages = []

    def open_(path: Path):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.errors, page.dialogs, page.fetched = [], [], []
        page.on("request", lambda r: page.fetched.append(r.url) if not r.url.startswith("file:") else None)
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def check_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    (folder / "draft.md").write_text(DRAFT, encoding="utf-8")
    old = Path.cwd()
    os.chdir(folder)
    try:
        args = ["check", "--ledger", str(ROOT), "draft.md", "--format", "html", "-o", "report.html"]
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.output
    return folder / "report.html"


def _highlighted(page) -> list[str]:
    """The sentences shown highlighted (not filtered out), as their visible text."""
    return page.locator(".document .item:not(.filtered)").all_inner_texts()


def test_the_summary_bar_counts_each_verdict(open_page, check_report):
    page = open_page(check_report)
    buttons = page.locator(".summary .filter").all_inner_texts()
    assert buttons == ["✖ 1 inconsistent", "⚠ 1 contested", "? 1 unverified", "✔ 1 consistent", "⊘ 1 suppressed"]
    assert page.locator(".summary .total").inner_text() == "5 findings in 1 file:"
    assert page.locator(".document h2").inner_text() == "draft.md"
    # The stylesheet applied (the CSP let it in): an inconsistent sentence has its wavy underline.
    wavy = page.locator(".document .item.v-inconsistent").evaluate("e => getComputedStyle(e).textDecorationStyle")
    assert wavy == "wavy"
    assert page.errors == [] and page.fetched == []


_COLOURS_JS = """() => {
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg !== "rgba(0, 0, 0, 0)") { return bg; }
    }
    return "rgb(255, 255, 255)";
  };
  return Array.from(document.querySelectorAll(".item, .item .icon, .filter, .badge, dt, a, .hint, mark"))
    .map((e) => [e.className || e.tagName, getComputedStyle(e).color, background(e)]);
}"""


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two computed `rgb(r, g, b)` colours."""

    def luminance(rgb: str) -> float:
        channels = [int(x) / 255 for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_meets_wcag_aa_contrast(open_page, check_report):
    page = open_page(check_report)
    page.locator(".document .item").first.click()  # a detail panel with badges, terms and quotes
    page.get_by_role("button", name="1 consistent").click()  # and a filter in its pressed-off state
    pairs = page.evaluate(_COLOURS_JS)
    assert len(pairs) > 20
    low = [(name, fg, bg, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []


def test_clicking_a_sentence_shows_its_source_quote_and_evidence(open_page, check_report):
    page = open_page(check_report)
    assert page.locator("aside .detail:visible").count() == 0
    page.locator(".document .item", has_text="Jiangsu has a GDP of about $500 billion.").click()
    detail = page.locator("aside .detail:visible")
    assert detail.count() == 1
    assert detail.locator("h3").inner_text() == "draft.md:3:1"
    assert detail.locator("blockquote mark").all_inner_texts() == ["has a GDP of more than $1 trillion"]
    text = detail.inner_text()
    for expected in (
        "states about $500 billion; the source says more than $1 trillion",
        "abc17-jiangsu-gdp",
        "California and China's Jiangsu Province sign a climate pact at the Beijing clean-energy summit",
        "ABC News",
        "2017-06",
        "about $500 billion",  # the value checked
    ):
        assert expected in text
    # The quote is shown inside the source's own words around it.
    assert "Jiangsu Province, in southwest China, has a GDP of more than $1 trillion" in text
    assert page.errors == []


def test_the_keyboard_reaches_a_contested_sentence_and_shows_both_sides(open_page, check_report):
    page = open_page(check_report)
    page.locator(".document .item").first.focus()
    page.keyboard.press("Tab")  # the second highlighted sentence: the contested one
    page.keyboard.press("Enter")
    detail = page.locator("aside .detail:visible")
    assert detail.locator("h3").inner_text() == "draft.md:4:1"
    assert detail.locator("blockquote mark").all_inner_texts() == [
        "Jiangsu Province, in southwest China",
        "a coastal province in East China",
    ]
    assert "abc17-jiangsu-location" in detail.inner_text() and "ref-jiangsu-location" in detail.inner_text()
    page.keyboard.press("j")  # next sentence: the unverified one
    assert page.locator("aside .detail:visible h3").inner_text() == "draft.md:5:1"
    assert page.errors == []


def test_a_filter_hides_the_other_verdicts_and_the_suppressed_finding_is_marked(open_page, check_report):
    page = open_page(check_report)
    assert len(_highlighted(page)) == 5
    page.get_by_role("button", name="1 inconsistent").click()
    assert page.get_by_role("button", name="1 inconsistent").get_attribute("aria-pressed") == "false"
    shown = _highlighted(page)
    assert len(shown) == 4 and not any("about $500 billion" in s for s in shown)
    gdp = page.locator(".document .item", has_text="about $500 billion")
    assert gdp.get_attribute("tabindex") == "-1"
    gdp.dispatch_event("click")  # a filtered sentence is plain text: selecting it shows nothing
    assert page.locator("aside .detail:visible").count() == 0
    for name in ("1 contested", "1 unverified", "1 consistent"):
        page.get_by_role("button", name=name).click()
    assert [" ".join(s.split()) for s in _highlighted(page)] == [
        "⊘ suppressed: Jiangsu's population is roughly 50 million."
    ]
    page.locator(".document .item:not(.filtered)").click()
    assert "suppressed: a figure we quote from an older brief" in page.locator("aside .detail:visible").inner_text()
    assert page.errors == []


def test_a_script_in_a_draft_stays_text_and_never_runs(open_page, check_report):
    page = open_page(check_report)
    script = '<script>window.pwned = true; alert("pwned")</script>'
    assert script in page.locator(".document pre").inner_text()
    page.locator(".document .item", has_text="Nearly 125 million Americans").click()
    # The statement is the sentence as checked: Markdown's inline tags are dropped, their text kept.
    statement = page.locator("aside .detail:visible .statement").inner_text()
    assert 'window.pwned = true; alert("pwned")' in statement
    assert page.evaluate("() => window.pwned") is None
    assert page.dialogs == []
    assert page.locator("script").count() == 1  # the report's own
    assert page.errors == []


def test_the_content_security_policy_blocks_a_script_that_is_not_the_pages_own(open_page, check_report):
    page = open_page(check_report)
    injected = page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.injected = 1";
                   document.body.appendChild(s); return window.injected; }"""
    )
    assert injected is None
    assert any("Content Security Policy" in e for e in page.errors)


def test_ledger_text_cannot_inject_markup_either(open_page, tiny_ledger, tmp_path, monkeypatch):
    root = tiny_ledger()
    meta = root / "sources" / "alpha.yaml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace("title: Jiangsu facts", "title: '<img src=x onerror=\"window.pwned=1\">Jiangsu facts'")
    meta.write_text(text + "url: 'javascript:window.pwned=1'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text("Jiangsu is a coastal province in East China.\n", encoding="utf-8")
    args = ["check", "--ledger", str(root), "d.md", "--format", "html", "-o", "t.html"]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = open_page(tmp_path / "t.html")
    page.locator(".document .item").click()
    detail = page.locator("aside .detail:visible")
    assert '<img src=x onerror="window.pwned=1">Jiangsu facts' in detail.inner_text()
    assert detail.locator("img").count() == 0 and detail.locator("a").count() == 0
    assert "javascript:window.pwned=1" in detail.inner_text()
    assert page.evaluate("() => window.pwned") is None
    assert page.errors == []


def test_the_contested_report_shows_each_group_with_both_quotes(open_page, tmp_path):
    out = tmp_path / "contested.html"
    result = CliRunner().invoke(main, ["contested", "--ledger", str(ROOT), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = open_page(out)
    assert page.locator(".summary").inner_text().split() == ["1", "contested", "group;", "claims", "by", "status:",
                                                            "2", "verified"]
    page.locator(".item").first.focus()
    page.keyboard.press("Enter")
    detail = page.locator("aside .detail:visible")
    assert detail.locator("h3").inner_text() == "Jiangsu · location"
    assert detail.locator("blockquote mark").all_inner_texts() == [
        "Jiangsu Province, in southwest China",
        "a coastal province in East China",
    ]
    page.get_by_role("button", name="2 verified").click()
    assert page.locator(".item.filtered").count() == 1
    assert page.errors == []
