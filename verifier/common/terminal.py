"""Text from drafts and the ledger made safe to print on a terminal or into a log.

A draft or a ledger quote may hold control characters: ESC starts sequences that clear the
screen, recolour it or (OSC 8) plant hyperlinks to any address; a C1 CSI (U+009B) does the same
on some terminals; bidirectional overrides (U+202E) reorder what a reader sees; a newline or a
carriage return forges a line of output. Every such character is shown as its escape instead
(`\\x1b`, `\\u202e`, `\\n`); the rest of the text is printed as it is. Reporters apply this to
each piece of text they did not write themselves (and then add their own colours).
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; line and paragraph separators; bidirectional embeddings,
# overrides and isolates; lone surrogates (which cannot even be encoded for output).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character escaped: one line, and nothing a terminal would obey."""
    return _UNSAFE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """`printable` line by line: the line breaks of a rendered table or listing stay breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))
