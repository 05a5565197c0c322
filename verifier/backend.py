"""Where a ledger lives: a folder of YAML files (the default) or a PostgreSQL database (a URL).

Commands work on a LedgerBackend and never ask which one they hold: load the ledger, get the
index or a checker for it, record a review, add imported or extracted claims, and move the
whole ledger to or from a folder. The file ledger is the code that was there before, called
as before; pgledger.py is the database's.
"""

from __future__ import annotations

import shutil
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from verifier.config import Config, resolve_ledger
from verifier.errors import DataError, UsageError
from verifier.ledger.exchange import ImportResult, import_claims
from verifier.ledger.load import Ledger, fingerprint_files, load_ledger
from verifier.matching.index import Index
from verifier.models import Claim, Tolerance
from verifier.postgres.store import is_database_url


@dataclass
class Reviewed:
    claim: Claim
    where: str  # `claims/x.yaml:12`, or `version 3 in postgresql://host/db`


class LedgerBackend(ABC):
    @abstractmethod
    def load(self) -> Ledger: ...

    @abstractmethod
    def index(self) -> Index:
        """The matching index, from the cache when the ledger has not changed since it was made."""

    @abstractmethod
    def cache_folder(self) -> Path:
        """Where caches built from this ledger live (the index's, the embeddings')."""

    @abstractmethod
    def checker(self, tolerance: Tolerance | None = None):
        """A verify.Checker over this ledger."""

    @abstractmethod
    def review(self, claim_id: str, status: str, review: dict, if_version: int | None = None) -> Reviewed:
        """Record a decision (review: note, by, date); with `if_version`, only if the claim is still
        at that version."""

    @abstractmethod
    def import_records(self, path: Path, fmt: str, into: str, shown: str) -> ImportResult: ...

    @abstractmethod
    def write_proposals(self, source_id: str, claims: list[Claim]) -> int:
        """Add extracted claims not yet in the ledger; how many were new."""

    @abstractmethod
    def import_folder(self, folder: Path) -> tuple[int, int]:
        """Load a whole ledger folder; (claims, sources) loaded."""

    @abstractmethod
    def write_folder(self, dest: Path) -> None:
        """Write the ledger as a folder (claims/, sources/) into the empty folder `dest`."""

    def candidate_index(self, texts: list[str]) -> Index:
        """An index of only the claims the database retrieves for these statements."""
        raise UsageError("--in-database needs a PostgreSQL ledger (--ledger postgresql://...)")

    def export_folder(self, dest: Path) -> None:
        """The ledger as a folder at `dest` (missing or empty), made beside it and renamed into place,
        so that a failure leaves no half-written ledger."""
        dest = Path(dest)
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise UsageError(f"{dest} exists and is not an empty folder; export a ledger into a new one")
        dest.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
        try:
            self.write_folder(temp)
            if dest.exists():
                dest.rmdir()
            temp.rename(dest)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise


class FileBackend(LedgerBackend):
    """The YAML ledger in a folder, exactly as before: each call goes to the module that did it."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def load(self) -> Ledger:
        return load_ledger(self.root)

    def index(self) -> Index:
        from verifier.matching.cache import index_for

        return index_for(self.root)

    def cache_folder(self) -> Path:
        from verifier.matching.cache import cache_dir

        return cache_dir(self.root)

    def checker(self, tolerance: Tolerance | None = None):
        from verifier.checking.pipeline import Checker

        return Checker.for_root(self.root, tolerance)

    def review(self, claim_id: str, status: str, review: dict, if_version: int | None = None) -> Reviewed:
        from verifier.ledger.review import review_claim

        if if_version is not None:
            raise UsageError("--if-version applies to a PostgreSQL ledger (a file ledger has no versions)")
        claim = review_claim(self.root, claim_id, status, review["note"], review["by"], review["date"])
        book = load_ledger(self.root)
        rel = book.claim_files[claim.id].relative_to(book.root).as_posix()
        return Reviewed(claim, f"{rel}:{book.claim_lines[claim.id]}")

    def import_records(self, path: Path, fmt: str, into: str, shown: str) -> ImportResult:
        return import_claims(self.root, path, fmt, into, shown=shown)

    def write_proposals(self, source_id: str, claims: list[Claim]) -> int:
        from verifier.extraction.proposals import write_proposals

        return write_proposals(self.root, source_id, claims)

    def import_folder(self, folder: Path) -> tuple[int, int]:
        raise UsageError(
            "--format ledger imports a ledger folder into a PostgreSQL ledger (--ledger postgresql://...); "
            "a file ledger is a folder already: copy it"
        )

    def write_folder(self, dest: Path) -> None:
        load_ledger(self.root)  # a broken ledger is refused, not copied
        for path in fingerprint_files(self.root):
            rel = path.relative_to(self.root)
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(path, dest / rel)
            except OSError as exc:
                raise DataError(f"cannot copy: {exc.strerror}", path=rel.as_posix()) from None


def open_backend(config: Config, option: str | None = None) -> LedgerBackend:
    """The ledger a command works on: --ledger (a folder or a postgresql:// URL), else the config's
    `ledger`, else the nearest folder with claims/."""
    spec = option or config.ledger
    if is_database_url(spec):
        from verifier.postgres.ledger import PostgresBackend

        return PostgresBackend(spec)
    return FileBackend(resolve_ledger(config, option))
