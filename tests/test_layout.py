"""The direction of dependencies: cli → the front doors (api, ...) → the steps → models. A test reads
every module's imports (function-level ones too) from its source, so a wrong import fails here, not
in review. Imports under `if TYPE_CHECKING:` are for the type checker only and do not count."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "verifier"

# The bottom: the records, the errors, and what every step shares (verifier/common/).
BASE = {"models", "errors", "common"}
# The steps, in the order data flows, each with the parts it may import. A step never imports a
# later one, a front door or the cli; the data is here so that a new dependency is a decision.
STEPS = {
    "models": BASE,
    "errors": BASE,
    "common": BASE,
    "ledger": BASE,  # the ledger's files: load, validate, write back, review, export/import
    "reading": BASE,  # drafts and sources into sentences with positions
    "parsing": BASE,  # sentences into values and statements; the tolerance model
    "matching": BASE | {"ledger", "parsing"},  # the index (built from a ledger) and candidate ranking
    "judging": BASE | {"parsing", "matching"},  # statement × claims: compare, group match, verdicts
    "extraction": BASE | {"ledger", "reading", "parsing", "matching"},  # sources → proposed claims
    "checking": BASE | {"ledger", "reading", "parsing", "matching", "judging"},  # check, contested
    "report": BASE | {"ledger", "reading", "parsing", "checking"},  # renders Report and ContestedReport
}
# The front doors sit above every step and may import any of them and each other, never the cli:
# the package root and the API, the config loader, the schema generator, where a ledger lives
# (backend.py and its PostgreSQL implementation), and `batch` (which runs the API's checker).
FRONT = {"verifier", "api", "config", "schemas", "backend", "postgres", "archive"}
CLI = {"cli", "__main__"}

# Imports that go against the direction today, each with why it is still there. Keep this short:
# fix one and delete its line (the test fails on an exception that no longer happens).
EXCEPTIONS = {
    # The verdict rules word their reasons with citations ("..., ABC News, 2017-06") and read a
    # source's publication date to date a claim: they should get both from the caller (the
    # pipeline, which holds the ledger) and leave the wording to the reporters. verdicts.py is
    # being reworked for accuracy in parallel, so this waits for that work to land.
    ("verifier.judging.verdicts", "verifier.ledger.load"),
    ("verifier.judging.verdicts", "verifier.ledger.evidence"),
}


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every run-time import in the file; `import x.y` gives ("x.y", [])."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and ast.unparse(branch.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for statement in branch.body
        for node in ast.walk(statement)
    }
    out = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return out


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str:
    """verifier.matching.index → "matching"; verifier.api → "api"; verifier → "verifier"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "verifier"


def _targets(module: str, names: list[str]) -> list[str]:
    """The verifier modules an import loads: `from verifier.ledger import evidence` loads
    verifier.ledger.evidence. `from verifier import __version__` reads a constant of the package
    root and is no dependency; `from verifier import check` is the API's."""
    if module.split(".")[0] != "verifier":
        return []
    folder = PACKAGE.parent.joinpath(*module.split("."))
    if not folder.is_dir():
        return [module]
    out = []
    for name in names:
        if (folder / name).is_dir() or (folder / f"{name}.py").is_file():
            out.append(f"{module}.{name}")
        elif module != "verifier":
            out.append(module)
        elif name != "__version__":
            out.append("verifier.api")
    return out


def _edges() -> list[tuple[str, str]]:
    return [(_name(p), target) for p in sorted(PACKAGE.rglob("*.py"))
            for module, names in _imports(p) for target in _targets(module, names)]


def test_every_module_belongs_to_a_step_or_a_front_door():
    parts = {_part(_name(p)) for p in PACKAGE.rglob("*.py")}
    assert parts - set(STEPS) - FRONT - CLI == set()


def test_steps_import_only_what_comes_before_them():
    wrong = sorted({(me, target) for me, target in _edges() if _part(me) in STEPS
                    and _part(target) != _part(me) and _part(target) not in STEPS[_part(me)]})
    assert [edge for edge in wrong if edge not in EXCEPTIONS] == []
    assert EXCEPTIONS - set(wrong) == set(), "an exception that no longer happens: delete it"


def test_no_step_may_import_a_later_one():
    # The table itself runs one way: a step lists only steps declared before it (and itself), so a
    # cycle between two steps cannot be allowed by accident.
    order = list(STEPS)
    for step, allowed in STEPS.items():
        later = {a for a in allowed if a in order and order.index(a) > order.index(step) and a not in BASE}
        assert later == set(), step


def test_nothing_but_the_command_line_imports_click_or_the_cli():
    wrong = [(_name(p), m) for p in sorted(PACKAGE.rglob("*.py")) if _part(_name(p)) not in CLI
             for m, _ in _imports(p) if m.split(".")[0] == "click" or _part(m) == "cli" and m.startswith("verifier")]
    assert wrong == []


def test_the_library_never_imports_the_api_above_it():
    wrong = [(me, target) for me, target in _edges() if _part(me) in STEPS and _part(target) in FRONT]
    assert wrong == []


def test_models_sit_at_the_bottom():
    mine = [m for m, _ in _imports(PACKAGE / "models.py") if m.startswith("verifier")]
    assert set(mine) <= {"verifier.errors"}


def test_no_module_imports_another_modules_private_names():
    wrong = [(_name(p), m, n) for p in sorted(PACKAGE.rglob("*.py"))
             for m, names in _imports(p) if m.startswith("verifier") for n in names
             if n.startswith("_") and not n.startswith("__")]
    assert wrong == []
