"""The direction of dependencies: cli → api → the library → models. A test reads every module's
imports (function-level ones too) from its source, so a wrong import fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "verifier"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in the file; `import x.y` gives ("x.y", [])."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return out


def _library() -> list[Path]:
    """Every module but the command line's (verifier/cli/ and `python -m verifier`)."""
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "cli" not in p.relative_to(PACKAGE).parts
            and p.name != "__main__.py"]


def test_only_the_command_line_imports_click_or_the_cli():
    wrong = [(p.relative_to(PACKAGE).as_posix(), m) for p in _library() for m, _ in _imports(p)
             if m == "click" or m.startswith("click.") or m == "verifier.cli" or m.startswith("verifier.cli.")]
    assert wrong == []


# The front doors: the API, and `batch`, which runs the API's checker over an archive.
FRONT = ("api.py", "__init__.py", "batch.py", "batch_ray.py")


def test_the_library_never_imports_the_api_above_it():
    wrong = [p.relative_to(PACKAGE).as_posix() for p in _library() if p.name not in FRONT
             and any(m == "verifier.api" or "api" in names and m == "verifier" for m, names in _imports(p))]
    assert wrong == []


def test_models_sit_at_the_bottom():
    mine = [m for m, _ in _imports(PACKAGE / "models.py") if m.startswith("verifier")]
    assert set(mine) <= {"verifier.errors"}


def test_no_module_imports_another_modules_private_names():
    wrong = [(p.relative_to(PACKAGE).as_posix(), m, n) for p in sorted(PACKAGE.rglob("*.py"))
             for m, names in _imports(p) if m.startswith("verifier") for n in names
             if n.startswith("_") and not n.startswith("__")]
    assert wrong == []
