"""A ledger in PostgreSQL: the connection, the tables, and reading the ledger back.

One row per source and per claim. A claim row has the columns a database can search and a
reviewer can query (subject and aliases, property, the source span, status) and the whole
claim as JSON (`record`), which is what is read back: the same Claim, validated by the same
model as a YAML file's. `verifier_files` keeps the bytes of every file of the folder a ledger
was imported from, so that an export gives those files back unchanged (pgfolder.py).

Every write is one transaction that ends by bumping `verifier_meta.version`; the ledger is
read in one snapshot with that version, which keys the index cache: a write by anyone makes
the next reader's cache miss. Each claim has its own `version` too, for optimistic
concurrency: a review names the version it read and is refused when the claim moved on.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from verifier.common.text import normal
from verifier.errors import DataError, UsageError, VerifierError
from verifier.models import Claim, Source

SCHEMA_VERSION = 1
EXTRA_HINT = "a PostgreSQL ledger needs the postgres extra: pip install 'verifier[postgres]'"
_DDL = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS verifier_meta (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    ledger_id uuid NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    schema_version int NOT NULL
);
CREATE TABLE IF NOT EXISTS verifier_files (
    path text PRIMARY KEY,
    content bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS verifier_sources (
    id text PRIMARY KEY,
    file text NOT NULL,
    path text NOT NULL,
    title text NOT NULL,
    publisher text NOT NULL,
    published text,
    kind text NOT NULL,
    record json NOT NULL,
    body text NOT NULL
);
CREATE TABLE IF NOT EXISTS verifier_claims (
    id text PRIMARY KEY,
    file text NOT NULL,
    position int NOT NULL,
    statement text NOT NULL,
    subject text NOT NULL,
    names text NOT NULL,
    name_keys text[] NOT NULL,
    property text NOT NULL,
    source_id text NOT NULL REFERENCES verifier_sources (id),
    span_start int NOT NULL,
    span_end int NOT NULL,
    quote text NOT NULL,
    status text NOT NULL,
    record json NOT NULL,
    version int NOT NULL DEFAULT 1,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', statement)) STORED,
    UNIQUE (file, position)
);
"""
# The search indexes. They are kept through a bulk load: dropping them would speed it a little (the
# time goes into validating claims in Python), but would lock readers out until it commits.
_INDEXES = {
    "verifier_claims_names": "ON verifier_claims USING gin (names gin_trgm_ops)",
    "verifier_claims_name_keys": "ON verifier_claims USING gin (name_keys)",
    "verifier_claims_search": "ON verifier_claims USING gin (search)",
    "verifier_claims_source": "ON verifier_claims (source_id)",
}


def is_database_url(spec: object) -> bool:
    return isinstance(spec, str) and re.match(r"postgres(ql)?://", spec) is not None


def shown_url(url: str) -> str:
    """The URL without its password, as messages and cache keys name it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise UsageError(EXTRA_HINT) from None
    return psycopg


class Store:
    """One PostgreSQL ledger. Each method opens its own connection and transaction, so a command is
    never left holding a lock, and every driver error becomes one VerifierError (exit 2)."""

    def __init__(self, url: str):
        self.psycopg = _psycopg()
        self.url, self.shown = url, shown_url(url)
        self._ready = False

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Any]:
        """A connection in one transaction (REPEATABLE READ when reading: one snapshot); committed
        when the block ends, rolled back on any error, so nothing is ever half-written."""
        pg = self.psycopg
        connected = False
        try:
            connect = pg.connect(self.url, application_name="verifier", connect_timeout=10, autocommit=True)
            with connect as conn:
                connected = True
                if not self._ready:
                    self._ensure_schema(conn)
                if read_only:
                    conn.isolation_level = pg.IsolationLevel.REPEATABLE_READ
                    conn.read_only = True
                with conn.transaction():
                    yield conn
        except pg.errors.UniqueViolation as exc:
            message = f"{_first_line(exc)} (someone else wrote it meanwhile?)"
            raise DataError(message, path=self.shown) from None
        except pg.OperationalError as exc:
            # the server went away mid-command (stopped, or the session was terminated): the
            # transaction was never committed, so nothing of it was written
            lost = "the connection was lost: " if connected else ""
            message = f"{self.shown}: PostgreSQL: {lost}{_first_line(exc)}"
            raise VerifierError(message, code="database") from None
        except pg.Error as exc:
            raise VerifierError(f"{self.shown}: PostgreSQL: {_first_line(exc)}", code="database") from None

    def _ensure_schema(self, conn) -> None:
        """Create the tables on first use; an advisory lock keeps two first users from racing."""
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(7226411)")
            exists = conn.execute("SELECT to_regclass('verifier_meta') IS NOT NULL").fetchone()[0]
            if not exists:
                conn.execute(_DDL)
                for name, spec in _INDEXES.items():
                    conn.execute(f"CREATE INDEX {name} {spec}")
                conn.execute(
                    "INSERT INTO verifier_meta (ledger_id, schema_version) VALUES (%s, %s)",
                    (uuid.uuid4(), SCHEMA_VERSION),
                )
            found = conn.execute("SELECT schema_version FROM verifier_meta").fetchone()
            if found is None or found[0] != SCHEMA_VERSION:
                raise DataError(f"not a verifier ledger of schema {SCHEMA_VERSION}", path=self.shown)
        self._ready = True

    @staticmethod
    def bump(conn) -> int:
        """The last statement of every write: the ledger's new version. Last, so that writers queue
        here only at the end, and a test can hold a writer mid-transaction by locking this row."""
        return conn.execute("UPDATE verifier_meta SET version = version + 1 RETURNING version").fetchone()[0]

    def version_key(self, conn) -> str:
        """What keys the index cache: this ledger (a database recreated at the same URL is another
        ledger) at this version, hashed like a folder's fingerprint (the cache names files by it)."""
        ledger_id, version = conn.execute("SELECT ledger_id, version FROM verifier_meta").fetchone()
        return hashlib.sha256(f"postgresql:{ledger_id}:{version}".encode()).hexdigest()

    def version(self) -> int:
        """The ledger's version: how many writes it has had."""
        with self.transaction(read_only=True) as conn:
            return conn.execute("SELECT version FROM verifier_meta").fetchone()[0]

    def tidy(self) -> None:
        """After a bulk load: move the GIN indexes' pending entries into the indexes and update the
        planner's statistics. A GIN index takes new rows into a pending list that every search reads
        in full until autovacuum gets to it: after a million-claim import, tens of ms per look-up."""
        with self.transaction() as conn:
            for index in ("verifier_claims_names", "verifier_claims_name_keys", "verifier_claims_search"):
                conn.execute("SELECT gin_clean_pending_list(%s::regclass)", (index,))
            conn.execute("ANALYZE verifier_claims")

    # ------------------------------------------------------------ reading

    def sources(self, conn) -> dict[str, Source]:
        # in the order of their record files, as a folder's are read
        rows = conn.execute('SELECT id, record::text FROM verifier_sources ORDER BY file COLLATE "C", id')
        return {sid: self._valid(Source, record, f"source '{sid}'") for sid, record in rows}

    def texts(self) -> dict[str, str]:
        with self.transaction(read_only=True) as conn:
            return dict(conn.execute("SELECT id, body FROM verifier_sources").fetchall())

    def claim_rows(self, conn) -> Iterator[tuple[str, str, int, str, int]]:
        """(id, file, position, record, version) in ledger order: files by name, then their order."""
        # server-side: a million rows are not held in memory twice
        cur = conn.cursor(name="verifier_claims_read")
        cur.itersize = 20_000
        cur.execute(
            "SELECT id, file, position, record::text, version FROM verifier_claims "
            'ORDER BY file COLLATE "C", position'
        )
        yield from cur

    def claims(self, conn) -> tuple[list[Claim], dict[str, str], dict[str, int], dict[str, int]]:
        """Every claim validated as a file's would be, with its file, its position there and its version."""
        claims, files, positions, versions = [], {}, {}, {}
        for cid, file, position, record, version in self.claim_rows(conn):
            claims.append(self._valid(Claim, record, f"claim '{cid}'"))
            files[cid], positions[cid], versions[cid] = file, position, version
        return claims, files, positions, versions

    def claim_version(self, conn, claim_id: str, *, lock: bool = False) -> tuple[Claim, int, str] | None:
        sql = "SELECT record::text, version, file FROM verifier_claims WHERE id = %s"
        row = conn.execute(sql + (" FOR UPDATE" if lock else ""), (claim_id,)).fetchone()
        if row is None:
            return None
        return self._valid(Claim, row[0], f"claim '{claim_id}'"), row[1], row[2]

    def _valid(self, model, record: str, what: str):
        try:
            return model.model_validate_json(record)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise DataError(f"{what} is not valid: {where}: {err['msg']}", path=self.shown) from None

    # ------------------------------------------------------------ writing

    def insert_claims(self, conn, rows: list[tuple[Claim, str, int]]) -> None:
        """Rows of (claim, file, position), sent with COPY: a million claims in seconds."""
        columns = ("id, file, position, statement, subject, names, name_keys, property, source_id, "
                   "span_start, span_end, quote, status, record")  # fmt: skip
        with conn.cursor().copy(f"COPY verifier_claims ({columns}) FROM STDIN") as copy:
            for claim, file, position in rows:
                copy.write_row(claim_row(claim, file, position))

    def insert_sources(self, conn, sources: list[tuple[Source, str, str]]) -> None:
        """Rows of (source, its record file, its text)."""
        for source, file, body in sources:
            record = source.model_dump_json(exclude_none=True)
            conn.execute(
                "INSERT INTO verifier_sources (id, file, path, title, publisher, published, kind, record, "
                "body) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (source.id, file, source.path, source.title, source.publisher, source.published,
                 str(source.kind), record, body),
            )  # fmt: skip


def claim_row(claim: Claim, file: str, position: int) -> tuple:
    span = claim.source
    names = [claim.subject.name, *claim.subject.aliases]
    keys = [normal(n) for n in names]  # as verifier's index keys a subject: 'Jiangsu’s' is 'jiangsu'
    record = claim.model_dump_json(exclude_none=True)
    return (claim.id, file, position, claim.statement, claim.subject.name, "\n".join(names), keys,
            claim.property, span.id, span.start, span.end, span.quote, str(claim.status), record)  # fmt: skip


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
