"""The PostgreSQL ledger behind the LedgerBackend interface: reads in one snapshot, writes in one
transaction each, the index cached under the version the database bumps on every write."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from verifier.backend import LedgerBackend, Reviewed
from verifier.errors import DataError, UsageError
from verifier.ledger.exchange import ImportResult, check_import
from verifier.ledger.load import Ledger
from verifier.matching.index import Index, build_index
from verifier.models import Claim, Tolerance
from verifier.postgres.store import Store


class DatabaseLedger(Ledger):
    """A Ledger read from the database. Its files are named as stored (`sources/x.txt`,
    `claims/x.yaml`), relative to the working folder, where reports and `claims show` name them;
    the source texts come from the database, all at once on first use (a ledger has few sources)."""

    store: Store | None = None
    versions: dict[str, int] | None = None  # what `review --if-version` names
    positions: dict[str, int] | None = None  # a claim's place in its file, from 1 (there are no lines)

    def source_text(self, source_id: str) -> str:
        if not self._texts and self.store is not None:
            self._texts.update(self.store.texts())
        return super().source_text(source_id)

    def fingerprint(self) -> str:
        return self._fingerprint or ""


def cache_root(shown_url: str) -> Path:
    """Where this database's index cache lives: a folder per URL (without password) under the user's
    cache, or under $VERIFIER_CACHE_DIR (cache.cache_dir adds the per-ledger part there)."""
    if os.environ.get("VERIFIER_CACHE_DIR"):
        return Path("/verifier-postgres", shown_url.replace("/", "_"))
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "verifier" / ("pg-" + hashlib.sha256(shown_url.encode()).hexdigest()[:16])


class PostgresBackend(LedgerBackend):
    def __init__(self, url: str):
        self.store = Store(url)
        self.cache_root = cache_root(self.store.shown)

    # ------------------------------------------------------------ reading

    def load(self) -> Ledger:
        with self.store.transaction(read_only=True) as conn:
            key = self.store.version_key(conn)
            sources = self.store.sources(conn)
            claims, files, positions, versions = self.store.claims(conn)
        ledger = self._ledger(key, sources, claims, files)
        ledger.versions, ledger.positions = versions, {c: p + 1 for c, p in positions.items()}
        return ledger

    def _ledger(self, key, sources, claims, files=None) -> DatabaseLedger:
        here = Path.cwd()
        ledger = DatabaseLedger(here, sources, claims, {c: here / f for c, f in (files or {}).items()})
        ledger.store, ledger._fingerprint = self.store, key
        return ledger

    def _cached(self) -> tuple[Ledger, Index]:
        """The ledger and its index; a cache hit reads only the version and the sources."""
        from verifier.matching.cache import load_cached, save_index

        with self.store.transaction(read_only=True) as conn:
            key = self.store.version_key(conn)
            index = load_cached(self.cache_root, key)
            if index is not None:
                return self._ledger(key, self.store.sources(conn), index.claims), index
        ledger = self.load()
        index = build_index(ledger.claims)
        save_index(index, self.cache_root, ledger.fingerprint())
        return ledger, index

    def index(self) -> Index:
        return self._cached()[1]

    def candidate_index(self, texts: list[str]) -> Index:
        from verifier.postgres.search import candidates

        return build_index(candidates(self.store, texts))

    def cache_folder(self) -> Path:
        from verifier.matching.cache import cache_dir

        return cache_dir(self.cache_root)

    def checker(self, tolerance: Tolerance | None = None):
        from verifier.checking.pipeline import Checker

        ledger, index = self._cached()
        return Checker(ledger, tolerance or Tolerance(), index)

    # ------------------------------------------------------------ writing

    def review(self, claim_id: str, status: str, review: dict, if_version: int | None = None) -> Reviewed:
        """Optimistic concurrency: the claim is read, changed and written back only if its version
        is still the one read (or the one the reviewer saw, `if_version`); another writer in
        between makes this review refused, never silently overwritten."""
        from verifier.ledger.review import REVIEW_STATUSES

        if status not in REVIEW_STATUSES:
            raise UsageError(f"status must be one of {', '.join(REVIEW_STATUSES)}, not '{status}'")
        with self.store.transaction(read_only=True) as conn:
            found = self.store.claim_version(conn, claim_id)
        if found is None:
            raise UsageError(f"no claim with id '{claim_id}'")
        claim, version, _file = found
        review = {**review, "date": review.get("date") or dt.date.today().isoformat()}
        if if_version is not None and if_version != version:
            raise self._stale(claim_id, if_version, version)
        reviewed = _reviewed(claim, status, review)
        with self.store.transaction() as conn:
            row = conn.execute(
                "UPDATE verifier_claims SET record = %s, status = %s, version = version + 1 "
                "WHERE id = %s AND version = %s RETURNING version",
                (reviewed.model_dump_json(exclude_none=True), status, claim_id, version),
            ).fetchone()
            if row is None:
                now = conn.execute(
                    "SELECT version FROM verifier_claims WHERE id = %s", (claim_id,)
                ).fetchone()
                raise self._stale(claim_id, version, now[0] if now else None)
            self.store.bump(conn)
        return Reviewed(reviewed, f"version {row[0]} in {self.store.shown}")

    def _stale(self, claim_id: str, seen: int, now: int | None) -> DataError:
        if now is None:
            return DataError(
                f"claim '{claim_id}' was deleted meanwhile; review refused", path=self.store.shown
            )
        return DataError(
            f"claim '{claim_id}' was changed by someone else (version {seen} was reviewed, it is now "
            f"version {now}); review refused: look at it again (verifier claims show {claim_id})",
            path=self.store.shown,
        )

    def import_records(self, path: Path, fmt: str, into: str, shown: str) -> ImportResult:
        """As for a file ledger (same checks, same rejects), the new claims added in one transaction."""
        if not (into.startswith("claims/") and into.endswith(".yaml") and "/" not in into[7:]):
            raise UsageError(f"--into must name a .yaml file directly under claims/, not '{into}'")
        result = check_import(self.load(), path, fmt, into, shown)
        if result.added:
            self._append(into, result.added)
        return result

    def write_proposals(self, source_id: str, claims: list[Claim]) -> int:
        """Extracted claims not in the ledger yet (same quote, property and value), appended to
        `claims/<source>.yaml`; the check runs in the writing transaction, under its file's lock."""
        return self._append(f"claims/{source_id}.yaml", claims, source_id)

    def _append(self, file: str, claims: list[Claim], source_id: str | None = None) -> int:
        with self.store.transaction() as conn:
            # one appender per file at a time: positions are taken from the end
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (file,))
            if source_id is not None:
                sql = "SELECT record::text FROM verifier_claims WHERE source_id = %s"
                have = {_identity(Claim.model_validate_json(r)) for (r,) in conn.execute(sql, (source_id,))}
                claims = [c for c in claims if _identity(c) not in have]
            if not claims:
                return 0
            end = conn.execute("SELECT coalesce(max(position), -1) FROM verifier_claims WHERE file = %s",
                               (file,)).fetchone()[0]  # fmt: skip
            self.store.insert_claims(conn, [(c, file, end + 1 + i) for i, c in enumerate(claims)])
            self.store.bump(conn)
        return len(claims)

    def import_folder(self, folder: Path) -> tuple[int, int]:
        from verifier.postgres.folder import import_folder

        return import_folder(self.store, Path(folder))

    def write_folder(self, dest: Path) -> None:
        from verifier.postgres.folder import write_folder

        write_folder(self.store, dest)


def _reviewed(claim: Claim, status: str, review: dict) -> Claim:
    data = claim.model_dump(mode="json", exclude_none=True)
    data["status"] = status
    data["review"] = {k: v for k, v in review.items() if v is not None}
    return Claim.model_validate(data)


def _identity(claim: Claim) -> tuple:
    # as extract.write_proposals: by quote, not offsets, so text added above a fact does not make it new
    return claim.source.id, claim.source.quote, claim.property, claim.value.model_dump_json()
