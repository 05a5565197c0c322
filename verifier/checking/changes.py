"""`check --changed-since REV`: only the findings on lines a pull request adds or changes.

The lines come from `git diff --unified=0 REV -- FILE`, run in the file's own folder, so each file
is compared in the repository that holds it, working tree against REV (staged and unstaged edits
count). A file git does not track yet is new: every line of it counts. A finding counts when any
line of its sentence is added or changed; lines that were only deleted leave nothing to report on.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from verifier.checking.pipeline import summarise
from verifier.errors import UsageError
from verifier.models import Finding, Report

# A hunk header: `@@ -12,3 +14,2 @@`; the new side's count defaults to 1 and is 0 for a deletion.
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
ALL = None  # the lines of a file that is new to git: all of them


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=folder, capture_output=True,
            text=True, encoding="utf-8", errors="replace", check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and no `git` command was found") from None


def changed_lines(path: str, rev: str) -> set[int] | None:
    """The 1-based line numbers of `path` that differ from `rev` (added or changed); ALL for a new file."""
    if path == "-":
        raise UsageError("--changed-since cannot check standard input: git has no history for it")
    file = Path(path).resolve()
    folder = file.parent
    if _git(folder, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise UsageError(f"--changed-since: {path} is not inside a git repository")
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise UsageError(f"--changed-since: '{rev}' is not a commit of the git repository that holds {path}")
    if _git(folder, "ls-files", "--error-unmatch", "--", file.name).returncode != 0:
        return ALL
    diff = _git(folder, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--",
                file.name)  # fmt: skip
    if diff.returncode != 0:
        raise UsageError(f"--changed-since: git diff failed for {path}: {diff.stderr.strip()}")
    return hunk_lines(diff.stdout)


def hunk_lines(diff: str) -> set[int]:
    """The new-side line numbers that a unified diff with zero context adds or changes."""
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def only_changed(report: Report, rev: str) -> Report:
    """The report keeping only findings whose sentence touches a line changed since `rev`."""
    cache: dict[str, set[int] | None] = {}
    kept: list[Finding] = []
    for f in report.findings:
        if f.path not in cache:
            cache[f.path] = changed_lines(f.path, rev)
        lines = cache[f.path]
        if lines is ALL or any(n in lines for n in range(f.line, f.end_line + 1)):
            kept.append(f)
    for path in report.files:  # a bad REV or a folder outside git is an error even with no findings
        if path not in cache:
            cache[path] = changed_lines(path, rev)
    return report.model_copy(update={"findings": kept, "summary": summarise(kept)})
