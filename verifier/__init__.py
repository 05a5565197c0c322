"""verifier: a ledger of sourced factual claims, and a linter that checks drafts against it.

The public API (verifier/api.py): `check`, `checker`, `load_ledger`, `validate`, `extract`, and the
`VerifierError` every library error derives from. They load on first use, so `import verifier`
stays cheap (the CLI's `--version` reads only `__version__`).
"""

# The one place the version is written (pyproject.toml reads it from here): importlib.metadata
# would cost every run ~50 ms of start-up to find it.
__version__ = "0.1.0"

__all__ = ["check", "checker", "load_ledger", "validate", "extract", "VerifierError", "__version__"]
# No module of the package is named after a job any more (validating is verifier.ledger.validate,
# extracting verifier.extraction.extract), so each name is the plain function, loaded on first use.
_LAZY = {"check": "verifier.api", "checker": "verifier.api", "load_ledger": "verifier.api",
         "validate": "verifier.api", "extract": "verifier.api", "VerifierError": "verifier.errors"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'verifier' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
