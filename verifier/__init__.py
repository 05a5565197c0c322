"""verifier: a ledger of sourced factual claims, and a linter that checks drafts against it.

The public API (verifier/api.py): `check`, `checker`, `load_ledger`, `validate`, `extract`, and the
`VerifierError` every library error derives from. They load on first use, so `import verifier`
stays cheap (the CLI's `--version` reads only `__version__`).
"""

import sys
import types

# The one place the version is written (pyproject.toml reads it from here): importlib.metadata
# would cost every run ~50 ms of start-up to find it.
__version__ = "0.1.0"

__all__ = ["check", "checker", "load_ledger", "validate", "extract", "VerifierError", "__version__"]
_LAZY = {"check": "verifier.api", "checker": "verifier.api", "load_ledger": "verifier.api",
         "VerifierError": "verifier.errors"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _JOBS:  # the submodule of that name, made callable when it is imported
        import importlib

        return importlib.import_module(f"verifier.{name}")
    raise AttributeError(f"module 'verifier' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Job(types.ModuleType):
    """`verifier.validate` and `verifier.extract` are also the names of the modules that do those
    jobs, and importing a submodule sets the package attribute of its name to the module: so the
    module itself is made callable (calling it runs the API function), and `verifier.validate.Problem`
    keeps working beside `verifier.validate(root)`."""

    def __call__(self, *args, **kwargs):
        from verifier import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


_JOBS = ("validate", "extract")


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value) -> None:
        if name in _JOBS and type(value) is types.ModuleType:
            value.__class__ = _Job
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
