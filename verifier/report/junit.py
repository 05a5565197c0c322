"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, test reporters).

One `<testsuite>` per checked file, one `<testcase>` per finding (consistent ones pass, which shows
what was checked); a finding at or above --fail-on is a `<failure>`, a suppressed or baselined one
is `<skipped>` with the reason, and a finding below the bar passes with its reason as output.
xml.etree does the escaping; characters XML 1.0 cannot hold at all (control characters a draft
may contain) are replaced first, since no escape exists for them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from verifier.models import Finding, Report, fails
from verifier.report.github import message
from verifier.report.text import ordered

# Everything outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | ...).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_junit(report: Report, fail_on: str = "inconsistent") -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in ordered(report):
        by_file[f.path].append(f)
    root = ET.Element("testsuites", name="verifier")
    totals = defaultdict(int)
    for path in dict.fromkeys([*report.files, *by_file]):
        suite = _suite(path, by_file[path], fail_on)
        for key in ("tests", "failures", "skipped"):
            totals[key] += int(suite.get(key))
        root.append(suite)
    for key in ("tests", "failures", "skipped"):
        root.set(key, str(totals[key]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(path: str, findings: list[Finding], fail_on: str) -> ET.Element:
    name = "<stdin>" if path == "-" else path
    suite = ET.Element("testsuite", name=clean(name), errors="0")
    failures = skipped = 0
    for f in findings:
        # The claim (or the rule) keeps apart two findings of one sentence: JUnit readers key on names.
        title = f"{f.line}:{f.column} {_one_line(f.statement)} [{f.claim.id if f.claim else f.check}]"
        case = ET.SubElement(suite, "testcase", classname=clean(name), name=clean(title))
        case.set("file", clean(f.path))
        case.set("line", str(f.line))
        detail = clean(f"{f.verdict}: {message(f)}")
        if f.suppressed is not None or f.baselined is not None:
            why = f"suppressed: {f.suppressed}" if f.suppressed is not None else f"baselined in {f.baselined}"
            ET.SubElement(case, "skipped", message=clean(f"{f.verdict}, {why}"))
            skipped += 1
        elif fails(f, fail_on):
            failure = ET.SubElement(case, "failure", message=clean(f.reason), type=f.check)
            failure.text = detail
            failures += 1
        elif f.verdict != "consistent":
            ET.SubElement(case, "system-out").text = detail
    suite.set("tests", str(len(findings)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    return suite


def _one_line(text: str) -> str:
    return " ".join(text.split())
