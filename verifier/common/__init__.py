"""What every step shares: what a word is, terminal-safe text, the word lists (lexicon.yaml), round-
trip YAML, file locks."""

import hashlib
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


@lru_cache(maxsize=1)
def lexicon_digest() -> str:
    """A digest of the packaged lexicon's file, read without parsing it (a start that only loads a
    cached index parses no lexicon): an index records the digest of the words it was built with, and
    one built before the lexicon was edited is not used. Kept here, not in lexicon.py, so that a start
    that loads an index imports neither the lexicon's models nor the YAML reader."""
    return hashlib.sha256(LEXICON_PATH.read_bytes()).hexdigest()[:16]
