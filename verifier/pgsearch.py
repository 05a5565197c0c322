"""Candidates for matching, retrieved by the database: the claims a statement may be about.

A ledger of millions of claims need not be loaded to rank a few statements: PostgreSQL finds
the claims whose subject or an alias is named in the statement (pg_trgm `word_similarity`, so
"Jiangsu" finds "Jiangsu province", with a trigram index) and those whose statement shares its
words (full-text search, ranked). It only retrieves: verifier's own matcher and tolerance model
rank and judge the candidates, as they would the whole ledger's. Trigram similarity over whole
statements would find more but takes tens of seconds at a million claims (issue 14), so it is
not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from verifier.models import Claim
from verifier.pgstore import Store
from verifier.text import STOPWORDS, words

# Runs of capitalised words ("Jiangsu", "American Lung Association", "Xi Jinping"): the names a
# statement may give its subject by. Lower-case subjects are left to full-text search.
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|and|de|for)?\s*[A-Z][\w'’.-]*)*")
_SUBJECT_SQL = (
    "SELECT id, record::text FROM verifier_claims WHERE names %%> %(q)s "
    "ORDER BY word_similarity(%(q)s, names) DESC, id LIMIT %(n)s"
)
_TEXT_SQL = (
    "SELECT id, record::text FROM verifier_claims, websearch_to_tsquery('english', %(q)s) AS q "
    "WHERE search @@ q ORDER BY ts_rank_cd(search, q) DESC, id LIMIT %(n)s"
)


def names_in(text: str) -> list[str]:
    """The capitalised phrases of a statement, longest first, each once."""
    found = {m.group().strip(" .") for m in _NAME.finditer(text)}
    return sorted((n for n in found if len(n) > 1), key=lambda n: (-len(n), n))


def text_query(text: str) -> str:
    """A full-text query that any of the statement's content words satisfies (ranked by how many)."""
    # unstemmed: PostgreSQL's english configuration stems the query as it stemmed the statements
    return " or ".join(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


def candidates(store: Store, texts: Iterable[str], per_query: int = 100) -> list[Claim]:
    """The claims the statements may be about, each once, in one read-only snapshot."""
    found: dict[str, str] = {}
    with store.transaction(read_only=True) as conn:
        for text in texts:
            for name in names_in(text)[:8]:
                found.update(conn.execute(_SUBJECT_SQL, {"q": name, "n": per_query}).fetchall())
            query = text_query(text)
            if query:
                found.update(conn.execute(_TEXT_SQL, {"q": query, "n": per_query}).fetchall())
    return [store._valid(Claim, record, f"claim '{cid}'") for cid, record in found.items()]
