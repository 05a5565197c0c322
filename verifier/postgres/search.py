"""Candidates for matching, retrieved by the database: the claims a statement may be about.

A ledger of millions of claims need not be loaded to rank a few statements: PostgreSQL finds the
claims whose subject or an alias the statement names, and only when it names none, the claims
whose statement shares its words. It only retrieves: verifier's own matcher and tolerance model
rank and judge the candidates, as they would the whole ledger's.

A name is looked up as verifier's index looks it up, by its normal form (an array index on every
claim's subject and alias keys), and a name no subject has exactly by pg_trgm `word_similarity`
("Pedanka" within "Pedanka Agency"), which a trigram index serves. Full-text search asks for all
of the statement's words (an OR over them would rank most of a large ledger). Trigram similarity
over whole statements would find more but takes tens of seconds at a million claims (issue 14).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from verifier.common.text import STOPWORDS, normal, words
from verifier.models import Claim
from verifier.postgres.store import Store

# Runs of capitalised words ("Jiangsu", "American Lung Association", "Xi Jinping"): the names a
# statement may give its subject by. Lower-case subjects are left to full-text search.
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|and|de|for)?\s*[A-Z][\w'’.-]*)*")
_COLUMNS = "SELECT id, record::text FROM verifier_claims"
_EXACT_SQL = f"{_COLUMNS} WHERE name_keys && %(keys)s ORDER BY id LIMIT %(n)s"
_SIMILAR_SQL = (
    f"{_COLUMNS} WHERE names %%> %(q)s ORDER BY word_similarity(%(q)s, names) DESC, id LIMIT %(n)s"
)
_TEXT_SQL = (
    f"{_COLUMNS}, websearch_to_tsquery('english', %(q)s) AS q "
    "WHERE search @@ q ORDER BY ts_rank_cd(search, q) DESC, id LIMIT %(n)s"
)


def names_in(text: str) -> list[str]:
    """The capitalised phrases of a statement, longest first, each once; a capitalised stopword
    that opens a sentence ("There", "In") is no name."""
    found = {m.group().strip(" .") for m in _NAME.finditer(text)}
    found = {n for n in found if len(n) > 1 and normal(n) not in STOPWORDS}
    return sorted(found, key=lambda n: (-len(n), n))


def text_query(text: str) -> str:
    """A full-text query for all of the statement's content words (PostgreSQL stems them)."""
    return " ".join(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


def candidates(store: Store, texts: Iterable[str], per_query: int = 100) -> list[Claim]:
    """The claims the statements may be about, each once, in one read-only snapshot."""
    with store.transaction(read_only=True) as conn:
        found = candidates_in(conn, texts, per_query)
    return [store._valid(Claim, record, f"claim '{cid}'") for cid, record in found.items()]


def candidates_in(conn, texts: Iterable[str], per_query: int = 100) -> dict[str, str]:
    """{claim id: its JSON record} for the statements, over an open connection."""
    found: dict[str, str] = {}
    for text in texts:
        named = _by_name(conn, names_in(text)[:8], per_query)
        if not named and (query := text_query(text)):
            # all the words first; a paraphrase may not use them all, then any (slower: ranks more)
            for form in (query, query.replace(" ", " or ")):
                named = dict(conn.execute(_TEXT_SQL, {"q": form, "n": per_query}).fetchall())
                if named:
                    break
        found.update(named)
    return found


def name_keys(names: list[str]) -> list[str]:
    """Every run of words of the names, in normal form: "Jiangsu Province" is also "jiangsu" and
    "province", as verifier's index finds a subject's name anywhere among a statement's words."""
    keys = {}
    for name in names:
        ws = words(name)
        for i in range(len(ws)):
            for j in range(i + 1, min(len(ws), i + 6) + 1):
                if not set(ws[i:j]) <= STOPWORDS:
                    keys[" ".join(ws[i:j])] = None
    return list(keys)


def _by_name(conn, names: list[str], per_query: int) -> dict[str, str]:
    if not names:
        return {}
    found = dict(conn.execute(_EXACT_SQL, {"keys": name_keys(names), "n": per_query}).fetchall())
    if not found:
        for name in names:
            found.update(conn.execute(_SIMILAR_SQL, {"q": name, "n": per_query}).fetchall())
    return found
