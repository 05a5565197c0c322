"""Moving a whole ledger between a folder of YAML files and PostgreSQL, without loss.

Import validates the folder as `load_ledger` does, then writes, in one transaction, a row per
source and per claim and the bytes of every file it read (claims files, source records and
texts). Export writes those bytes back; a claims file whose claims the database still holds
unchanged comes back byte for byte, and one whose claims changed is edited as the file ledger
edits its files: a review sets `status` and `review` in place (review.py), a claim added in the
database is appended in the layout `import` gives, a claim gone is dropped; comments stay.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from verifier.common.yamlio import dump_yaml_atomic, load_yaml, to_plain, write_atomic
from verifier.errors import DataError
from verifier.ledger.exchange import yaml_claim
from verifier.ledger.load import fingerprint_files, ledger_files, load_ledger, read_source_file
from verifier.ledger.review import apply_review_fields
from verifier.models import Claim, Source
from verifier.postgres.store import Store


def import_folder(store: Store, folder: Path) -> tuple[int, int]:
    """Load the ledger folder into an empty database ledger; (claims, sources) written."""
    ledger = load_ledger(folder)  # every hard error of the folder stops here, before any write
    root = ledger.root
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in fingerprint_files(root)}
    sources = []
    for path in ledger_files(root)[1]:
        source = read_source_file(root, path).source
        sources.append((source, path.relative_to(root).as_posix(), ledger.source_text(source.id)))
    rows, seen = [], defaultdict(int)
    for claim in ledger.claims:
        file = ledger.claim_files[claim.id].relative_to(root).as_posix()
        rows.append((claim, file, seen[file]))
        seen[file] += 1
    with store.transaction() as conn:
        held = conn.execute(
            "SELECT (SELECT count(*) FROM verifier_claims), (SELECT count(*) FROM verifier_sources)"
        ).fetchone()
        if any(held):
            raise DataError(
                f"already holds a ledger ({held[0]} claims, {held[1]} sources): a ledger folder is imported "
                "into an empty database; add claims to this one with `import --format jsonl`",
                path=store.shown,
            )
        with conn.cursor().copy("COPY verifier_files (path, content) FROM STDIN") as copy:
            for rel, data in files.items():
                copy.write_row((rel, data))
        store.insert_sources(conn, sources)
        store.insert_claims(conn, rows)
        store.bump(conn)
    store.tidy()
    return len(rows), len(sources)


def write_folder(store: Store, dest: Path) -> None:
    """The database ledger as files under `dest` (an empty folder), read in one snapshot."""
    with store.transaction(read_only=True) as conn:
        files = {p: bytes(c) for p, c in conn.execute("SELECT path, content FROM verifier_files")}
        sources = conn.execute("SELECT file, record::text, body FROM verifier_sources").fetchall()
        by_file: dict[str, list[Claim]] = defaultdict(list)
        for cid, file, _pos, record, _version in store.claim_rows(conn):
            by_file[file].append(store._valid(Claim, record, f"claim '{cid}'"))
    for rel, data in files.items():
        if not rel.startswith("claims/"):
            _write(dest, rel, data)
    for file, record, body in sources:
        if file not in files:  # a source the database got some other way: its record and text
            source = Source.model_validate_json(record)
            _write(dest, source.path, body.encode())
            path = _write(dest, file, b"")
            dump_yaml_atomic(path, source.model_dump(mode="json", exclude_none=True))
    for file in sorted({*by_file, *(f for f in files if f.startswith("claims/"))}):
        _claims_file(dest, file, files.get(file), by_file.get(file, []))


def _write(dest: Path, rel: str, data: bytes) -> Path:
    path = dest / rel
    if not path.resolve().is_relative_to(dest.resolve()):
        raise DataError("names a file outside the ledger", path=rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path


def _claims_file(dest: Path, rel: str, original: bytes | None, claims: list[Claim]) -> None:
    if original is None:
        path = _write(dest, rel, b"")
        data = CommentedMap(claims=CommentedSeq())
        data.yaml_set_start_comment("Claims added to the PostgreSQL ledger, as `verifier export` wrote them.")
        data["claims"].extend(yaml_claim(c) for c in claims)
        dump_yaml_atomic(path, data)
        return
    path = _write(dest, rel, original)
    data, _lines = load_yaml(path, rel)
    entries = data["claims"]
    if [Claim.model_validate(to_plain(e)) for e in entries] == claims:
        return  # unchanged: the bytes as imported
    _reconcile(entries, claims)
    dump_yaml_atomic(path, data)


def _reconcile(entries: CommentedSeq, claims: list[Claim]) -> None:
    """Edit the file's claims into the database's, in place, so that comments stay where they were."""
    wanted = {c.id: c for c in claims}
    for i in reversed(range(len(entries))):
        if entries[i]["id"] not in wanted:
            del entries[i]
    present = set()
    for i, entry in enumerate(entries):
        claim = wanted[entry["id"]]
        present.add(claim.id)
        old = Claim.model_validate(to_plain(entry))
        if old == claim:
            continue
        if old.model_copy(update={"status": claim.status, "review": claim.review}) == claim and claim.review:
            apply_review_fields(entry, str(claim.status), claim.review.model_dump(exclude_none=True))
        else:
            entries[i] = yaml_claim(claim)
    entries.extend(yaml_claim(c) for c in claims if c.id not in present)
