"""verifier: a ledger of sourced factual claims, and a linter that checks drafts against it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("verifier")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
