"""Drafts in, sentences out: each sentence keeps its exact place in the original file.

A finding must point at path, line and column, so nothing here loses an offset: Markdown is
projected to plain text character by character (reading.markdown), the plain text is split
into sentences (pysbd, plus a rule for sentences glued together without a space), and every
sentence is mapped back. Inline `<!-- verifier: ignore ... -->` comments become suppressions
on the sentence next to them (see _target).
"""

from __future__ import annotations

import bisect
import codecs
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pysbd

from verifier.errors import DataError, UsageError
from verifier.reading.markdown import Block, Comment, html_comments, line_spans, markdown_blocks

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
MAX_DRAFT_BYTES = 64 * 1024 * 1024  # a draft; a book is a few megabytes
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)
# pysbd's time grows faster than its input (a 200,000-character paragraph took 70 s), so a long
# paragraph goes to it in windows of at most _WINDOW characters (see _pieces).
_WINDOW = 1000
_LOOKAHEAD = 200  # text after a cut that pysbd must have seen for the cut to be kept
_NONSPACE = re.compile(r"\S")
_PARAGRAPH_BREAK = re.compile(r"(?:[ \t]*(?:\r\n|\r(?!\n)|\n)){2,}")
# pysbd keeps "reporters.Jiangsu" and 'people."US' together; sources glue sentences like that.
_GLUED = re.compile(r"(?<=[A-Za-z0-9]{2}[.!?])(?=[A-Z][a-z])|(?<=[.!?])[\"”“](?=[A-Z])")
_VERIFIER = re.compile(r"\s*verifier\s*:\s*(.*?)\s*$", re.S)
_IGNORE = re.compile(r"ignore\b(.*)$", re.S)
_REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CLAIM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Ignore:
    """An inline suppression: `<!-- verifier: ignore CLAIM-ID reason="..." -->`.

    claim_id None (`<!-- verifier: ignore reason="..." -->`) ignores every finding of the sentence."""

    claim_id: str | None
    reason: str
    line: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a draft. start/end are code-point offsets in the original text (end
    exclusive); line/column are 1-based; end_column is just past the last character (as SARIF)."""

    path: str
    text: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    ignores: tuple[Ignore, ...] = ()


# ---------------------------------------------------------------- reading


def read_text(path: str) -> str:
    """The text of a file ('-' is stdin), decoded as UTF-8 with any BOM removed."""
    if path == "-":
        stream = sys.stdin
        data = stream.buffer.read(MAX_DRAFT_BYTES + 1) if hasattr(stream, "buffer") else stream.read()
    else:
        data = _read_draft(path)
    if len(data) > MAX_DRAFT_BYTES:  # `cat /dev/zero | verifier check -` ends here too
        raise DataError(f"file too large (the limit is {MAX_DRAFT_BYTES} bytes)", path=path)
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (invalid byte at offset {exc.start + bom})", path=path) from None


def _read_draft(path: str) -> bytes:
    """A draft's bytes, up to MAX_DRAFT_BYTES. A pipe is read (`check <(cmd)` passes one); a device
    such as /dev/zero, which never ends, is refused."""
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise DataError("not a regular file (a device)", path=path)
            return handle.read(MAX_DRAFT_BYTES + 1)
    except FileNotFoundError:
        raise DataError("no such file", path=path) from None
    except IsADirectoryError:
        raise DataError("is a directory, not a file", path=path) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=path) from None


def is_markdown(path: str) -> bool:
    return path == "-" or path.lower().endswith(MARKDOWN_SUFFIXES)


# ---------------------------------------------------------------- splitting


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a plain text, whitespace trimmed off each.
    Blank lines end a paragraph, and no sentence crosses one."""
    spans, start = [], 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        spans += [(start + s, start + e) for s, e in _segment(text[start:end])]
        start = m.end() if m else end
    return spans


def _segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; line breaks inside it are just spaces."""
    flat = re.sub(r"\s", " ", text)
    # pysbd splits at runs of spaces ("this\r\none"), so it gets single spaces, and its pieces are
    # mapped back by counting non-space characters.
    single = " ".join(text.split())
    pieces = _pieces(single)
    spans, pos = [], 0
    for piece in pieces:
        count = len(_squeeze(piece))
        if not count:
            continue
        start = _NONSPACE.search(flat, pos).start()
        end = _after_nonspace(flat, start, count)
        spans += _unglue(flat, start, end)
        pos = end
    return spans


def _pieces(single: str) -> list[str]:
    """pysbd's sentences of a paragraph (words joined by single spaces), in linear time.

    A paragraph of up to _WINDOW characters is one call, as it always was. A longer one is cut
    where pysbd itself cut a window, keeping only the sentences that end at least _LOOKAHEAD
    characters before the window's end (so each cut was decided with the text after it in view);
    the next window starts after them (see _kept). A window that yields no cut (one 1,000-character
    "sentence") is taken whole, cut at its last space: every call advances by at least a quarter
    window, so the total work is linear in the paragraph.
    """
    out, start = [], 0
    while start < len(single):
        end = len(single) if len(single) - start <= _WINDOW else _window_end(single, start)
        window = single[start:end]
        pieces = _segment_window(window)
        if end < len(single) and len(pieces) > 1:
            kept = _kept(pieces, len(window))
            pieces, end = kept, start + sum(map(len, kept))
        out += pieces
        start = end
    return out


def _kept(pieces: list[str], size: int) -> list[str]:
    """The window's sentences to keep: those ending _LOOKAHEAD before its end, if they make a
    quarter window; else all but the last (a long sentence is still better whole than cut)."""
    kept, used = [], 0
    for piece in pieces[:-1]:
        if used + len(piece) > size - _LOOKAHEAD:
            break
        kept.append(piece)
        used += len(piece)
    if used >= _WINDOW // 4:
        return kept
    rest = pieces[:-1]
    return rest if sum(map(len, rest)) >= _WINDOW // 4 else pieces


def _window_end(single: str, start: int) -> int:
    space = single.rfind(" ", start + _WINDOW // 2, start + _WINDOW)
    return space + 1 if space > 0 else start + _WINDOW


# A window with nothing pysbd could cut at (no stop, ellipsis, line break, bullet, bracket or
# quotation mark, save an apostrophe inside a word) but a stop at its end is one sentence: pysbd
# is not asked (~0.6 ms a call, a quarter of a short sentence's check). tests/test_documents.py
# checks that the pieces are pysbd's on every draft and source at hand and on random sentences.
_WORD = r"(?:[^\s.!?…•()\[\]{}<>\"“”«»'‘’]|(?<=\w)['’](?=\w))+"  # quotes only inside a word ("Jiangsu's")
_ONE_SENTENCE = re.compile(rf"{_WORD}(?: {_WORD})*[.!?]? ?")


def _segment_window(window: str) -> list[str]:
    if _ONE_SENTENCE.fullmatch(window):
        return [window]
    # pysbd's own sentences, without segment()'s search for each one in the text (quadratic in the
    # sentences of a window): only their non-space characters are used, and checked, below
    pieces = _SEGMENTER.processor(window).process() if window.strip() else []
    if _squeeze("".join(pieces)) != _squeeze(window):
        return [window]  # pysbd changed the text: better one long sentence than wrong offsets
    # pysbd may move spaces between pieces; a window's pieces must cover it exactly
    return _recut(window, pieces)


def _recut(window: str, pieces: list[str]) -> list[str]:
    """The pieces as consecutive slices of the window (each with the spaces after it)."""
    out, pos = [], 0
    for piece in pieces:
        count = len(_squeeze(piece))
        if not count:
            continue
        end = _after_nonspace(window, pos, count)
        while end < len(window) and window[end] == " ":
            end += 1
        out.append(window[pos:end])
        pos = end
    return out


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _after_nonspace(text: str, start: int, count: int) -> int:
    """The offset just after the count-th non-space character from start."""
    for i in range(start, len(text)):
        if not text[i].isspace():
            count -= 1
            if not count:
                return i + 1
    return len(text)


def _unglue(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Splits 'reporters.Jiangsu' and 'pollution."The' inside one span. A straight quote after the
    stop closes a quotation when the sentence has an odd number of them so far, else opens the next."""
    cuts = []
    for m in _GLUED.finditer(text, start, end):
        quote = text[m.start()] if m.end() > m.start() else ""
        closes = quote == "”" or (quote == '"' and text[start : m.start()].count('"') % 2 == 1)
        cuts.append(m.end() if closes else m.start())
    spans, lo = [], start
    for cut in [*cuts, end]:
        piece = text[lo:cut]
        if piece.strip():
            spans.append((lo + len(piece) - len(piece.lstrip()), lo + len(piece.rstrip())))
        lo = cut
    return spans


# ---------------------------------------------------------------- sentences


def sentences(text: str, path: str, *, markdown: bool | None = None) -> list[Sentence]:
    """The sentences of a document, in order, with exact positions and their suppressions."""
    if markdown is None:
        markdown = is_markdown(path)
    blocks, comments = markdown_blocks(text) if markdown else _plain_blocks(text)
    lines = line_spans(text)
    starts = [s for s, _ in lines]
    found = []
    for block in blocks:
        plain = block.text  # joined once: a long paragraph has thousands of sentences
        found += [_sentence(block, plain, s, e, path, starts) for s, e in _block_spans(block)]
    return _attach(found, comments, text, path, starts)


def _plain_blocks(text: str) -> tuple[list[Block], list[Comment]]:
    """Plain text is one block per paragraph; verifier comments are read and left out of the text."""
    comments = [c for c in html_comments(text) if _VERIFIER.match(c.body)]
    gaps = {i for c in comments for i in range(c.start, c.end)}
    blocks, start = [], 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        block = Block()
        block.extend([(" " if i in gaps else text[i], i, i + 1) for i in range(start, end)])
        blocks.append(block)
        start = m.end() if m else end
    return blocks, comments


def _block_spans(block: Block) -> list[tuple[int, int]]:
    """Sentence spans, as indexes into the block's plain text."""
    text = block.text
    if block.whole:
        stripped = text.strip()
        return [(text.index(stripped), text.index(stripped) + len(stripped))] if stripped else []
    return _segment(text)


def _sentence(block: Block, plain: str, lo: int, hi: int, path: str, line_starts: list[int]) -> Sentence:
    start, end = block.span or (block.starts[lo], block.ends[hi - 1])
    line, column = _position(start, line_starts)
    end_line, last_column = _position(end - 1, line_starts)
    text = re.sub(r"\s+", " ", plain[lo:hi]).strip()
    return Sentence(path, text, start, end, line, column, end_line, last_column + 1)


def _position(offset: int, line_starts: list[int]) -> tuple[int, int]:
    line = bisect.bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


# ---------------------------------------------------------------- suppressions


def _attach(found: list[Sentence], comments: list[Comment], text: str, path: str,
            line_starts: list[int]) -> list[Sentence]:
    """Gives each verifier comment's ignores to the sentence it applies to (see _target); a
    suppression that applies to no sentence is an error, not silently dropped or moved."""
    found.sort(key=lambda s: s.start)
    firsts = [s.start for s in found]
    extra: dict[int, list[Ignore]] = {}
    for comment in sorted(comments, key=lambda c: c.start):
        line = _position(comment.start, line_starts)[0]
        ignores = parse_ignore(comment.body, path, line)
        if not ignores:
            continue
        at = _target(found, firsts, comment, line_starts)
        if at is None:
            raise DataError(f"suppression at line {line} applies to no sentence", path=path, line=line)
        extra.setdefault(at, []).extend(ignores)
    for at, ignores in extra.items():
        old = found[at]
        found[at] = replace(old, ignores=old.ignores + tuple(ignores))
    return found


def _target(found: list[Sentence], firsts: list[int], comment: Comment, line_starts: list[int]) -> int | None:
    """The index of the sentence a comment applies to, in this order: the sentence it sits inside;
    the sentence starting right after it on the same line; when none does, the sentence ending
    before it on that line (`Sentence. <!-- ... -->`); the sentence starting on the next line.
    None when a blank line, a code block or the end of the file comes first: a suppression far
    from its sentence would silence the wrong one."""
    first_line = _position(comment.start, line_starts)[0]
    last_line = _position(max(comment.end - 1, comment.start), line_starts)[0]
    at = bisect.bisect_left(firsts, comment.end)
    before = found[at - 1] if at else None
    after = found[at] if at < len(found) else None
    if before and before.end >= comment.end:
        return at - 1
    if after and after.line == last_line:
        return at
    if before and before.end_line == first_line:
        return at - 1
    if after and after.line == last_line + 1:
        return at
    return None


def parse_ignore(body: str, path: str, line: int) -> list[Ignore]:
    """The ignores of one HTML comment's body; [] for a comment that is not for the verifier."""
    directive = _VERIFIER.match(body)
    if not directive:
        return []
    command = _IGNORE.match(directive.group(1))
    if not command:
        raise DataError(f'unknown verifier comment "{directive.group(1)}"; expected "verifier: ignore"',
                        path=path, line=line)
    rest = command.group(1)
    reason = _REASON.search(rest)
    if not reason or not (reason.group(1) or reason.group(2) or "").strip():
        raise DataError('suppression needs a reason="..."', path=path, line=line)
    ids = [t for t in re.split(r"[\s,]+", rest[: reason.start()] + " " + rest[reason.end() :]) if t]
    for claim_id in ids:
        if not _CLAIM_ID.match(claim_id):
            raise DataError(f'"{claim_id}" is not a claim id in a suppression', path=path, line=line)
    why = (reason.group(1) or reason.group(2)).strip()
    return [Ignore(claim_id, why, line) for claim_id in ids] or [Ignore(None, why, line)]


# ---------------------------------------------------------------- discovery


def discover(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[str]:
    """The files to read: directories expanded recursively (dot-directories skipped), filtered by
    include/exclude globs. A glob matches a file when it matches its path as given (normalised:
    "docs/old/a.md" for `docs/` or `./docs`), its path relative to the directory given ("old/a.md")
    or its name ("a.md"). Files named explicitly are kept; '-' passes through. Sorted, each once.
    UsageError when there is no file at all (empty folders, or everything excluded)."""
    include = tuple(include) or DEFAULT_INCLUDE
    found: dict[str, str] = {}
    for given in paths:
        if given == "-" or os.path.isfile(given):
            found.setdefault(os.path.normpath(given) if given != "-" else given, given)
        elif os.path.isdir(given):
            for path in _walk(given, include, tuple(exclude)):
                found.setdefault(os.path.normpath(path), path)
        elif os.path.exists(given):  # named, not a file: a pipe is read (`check <(cmd)`), a device refused
            found.setdefault(given, given)
        else:
            raise DataError("no such file or directory", path=given)
    if not found:
        # Nothing to check is almost always a mistyped folder or glob; passing would hide it in CI.
        raise UsageError(f"no files to check in {', '.join(paths)}", code="no-files")
    return sorted(found.values())


def _walk(top: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[str]:
    out = []
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            forms = (Path(os.path.normpath(path)).as_posix(), Path(rel).as_posix(), name)
            # only regular files from a folder: a FIFO there would wait for a writer forever
            if _matches(forms, include) and not _matches(forms, exclude) and os.path.isfile(path):
                out.append(path)
    return out


def _matches(forms: tuple[str, ...], globs: tuple[str, ...]) -> bool:
    # Users write globs relative to where they run (docs/old/**), to the folder (old/**) or for
    # a name (*.tmp.md); each is honoured, so an exclude never silently misses.
    return any(fnmatch.fnmatchcase(form, g) for form in forms for g in globs)
