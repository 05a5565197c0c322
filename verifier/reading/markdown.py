"""Markdown to plain-text blocks in which every character remembers where it was in the file.

markdown-it-py finds the blocks and their lines (it is the CommonMark authority); it does not
give positions inside a line, so the inline markup of each block is stripped here, by a small
scanner that follows CommonMark closely enough for prose: code spans, links, images, autolinks,
inline HTML, entities, backslash escapes and emphasis delimiters. Findings must point at exact
columns of the original file, which is why no character is ever produced without its offset.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

_EOL = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_RUN = {ch: re.compile(re.escape(ch) + "+") for ch in "`*_~"}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>")
_TAG = re.compile(
    r"""<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*"""
    r"""\s*/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|\?.*?\?>|![A-Za-z][^>]*>|!\[CDATA\[.*?\]\]>)""",
    re.S,
)
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")
# A run of characters that no inline rule reads (see _Inline._step): each is plain text as it stands.
_PLAIN = re.compile(r"[^\\`&<\[!*_~]+")
_EMPHASIS = re.compile(r"[*_~]")
# Blocks only: the walker reads each block's source lines and strips inline markup itself (it needs
# the offsets markdown-it does not keep), so markdown-it's inline pass (half its time) is not run.
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])

Char = tuple[str, int, int]  # a plain-text character and the [start, end) it came from


@dataclass
class Block:
    """The plain text of one block; starts[i]:ends[i] is where text[i] came from."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    whole: bool = False  # a table row: one sentence, never split
    span: tuple[int, int] | None = None  # a table row's range, markup included

    def extend(self, chars: list[Char]) -> None:
        if chars:
            text, starts, ends = zip(*chars, strict=True)
            self.chars += text
            self.starts += starts
            self.ends += ends

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass(frozen=True)
class Comment:
    """An HTML comment outside code: start/end offsets in the file and the text between the markers."""

    start: int
    end: int
    body: str


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the end before its line break. \\r\\n, \\r and \\n all end a line,
    as they do for markdown-it, so its line numbers index this list."""
    spans, start = [], 0
    for m in _EOL.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines at the top are YAML (---) or TOML (+++) front matter; 0 if none."""
    first = text[lines[0][0] : lines[0][1]].rstrip()
    closers = {"---": ("---", "..."), "+++": ("+++",)}.get(first)
    if not closers:
        return 0
    for n, (start, end) in enumerate(lines[1:], start=2):
        if text[start:end].rstrip() in closers:
            return n
    return 0


# One line of prose that no Markdown rule reads anything in: it starts with a letter or a digit (no
# block marker, indentation or front matter), ends with neither a space nor a break, and holds none of
# the characters inline markup is made of (nor a NUL, which markdown-it replaces); one space between
# words. Its one block is the line itself, as markdown-it and the scanner below make it (a third of
# reading a one-sentence draft; tests/test_documents.py compares the two).
_PROSE_LINE = re.compile(r"[^\W_][^\s\\`*_~\[\]<>&|#!\x00]*(?: [^\s\\`*_~\[\]<>&|#!\x00]+)*")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?: |$)")  # "1. First": a list item, not a paragraph


def markdown_blocks(text: str) -> tuple[list[Block], list[Comment]]:
    """The text blocks of a Markdown document (headings, paragraphs, list items, quotes, table
    rows) and its HTML comments, skipping front matter, code and HTML blocks."""
    if _PROSE_LINE.fullmatch(text) and not _ORDERED_ITEM.match(text):
        return [Block(list(text), list(range(len(text))), list(range(1, len(text) + 1)))], []
    lines = line_spans(text)
    skip = front_matter_lines(text, lines)
    # Blank lines keep markdown-it's line numbers equal to ours.
    parsed = "\n" * skip + "".join(text[s:e] + "\n" for s, e in lines[skip:])
    env: dict = {}
    tokens = _PARSER.parse(parsed, env)
    walker = _Walker(text, lines, set(env.get("references", {})))
    walker.walk(tokens)
    return walker.blocks, walker.comments


class _Walker:
    def __init__(self, text: str, lines: list[tuple[int, int]], refs: set[str]):
        self.text, self.lines, self.refs = text, lines, refs
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []

    def walk(self, tokens: list[Token]) -> None:
        depth, in_table = 0, False
        for tok in tokens:
            if tok.type in ("blockquote_open", "blockquote_close"):
                depth += 1 if tok.type == "blockquote_open" else -1
            elif tok.type in ("table_open", "table_close"):
                in_table = tok.type == "table_open"
            elif tok.type == "tr_open" and tok.map:
                self._table_row(tok.map[0], depth)
            elif tok.type == "inline" and not in_table and tok.map:
                self._inline(tok)
            elif tok.type == "html_block" and tok.map:
                self._html_block(tok.map)

    def _add(self, chars: list[Char], span: tuple[int, int] | None = None) -> None:
        block = Block(whole=span is not None, span=span)
        block.extend(chars)
        if block.text.strip():
            self.blocks.append(block)

    def _scan(self, src: str, offs: list[int]) -> list[Char]:
        return _Inline(src, offs, self.refs, self.comments).scan(0, len(src))

    def _inline(self, tok: Token) -> None:
        """A paragraph or heading: its content lines, found again in the original lines."""
        src, offs = [], []
        contents = tok.content.split("\n")[: len(self.lines) - tok.map[0]]
        for j, content in enumerate(contents):
            line_start, line_end = self.lines[tok.map[0] + j]
            lo, hi = _locate(self.text[line_start:line_end], content)
            if j:
                src.append("\n")
                offs.append(offs[-1] + 1 if offs else line_start)
            src.append(self.text[line_start + lo : line_start + hi])
            offs.extend(range(line_start + lo, line_start + hi))
        self._add(self._scan("".join(src), offs))

    def _table_row(self, index: int, depth: int) -> None:
        """One row, one sentence: the cells' text joined with '; '. Empty cells are left out."""
        line_start, line_end = self.lines[index]
        row = self.text[line_start:line_end]
        pos = _QUOTE_PREFIX.match(row).end() if depth else 0
        chars: list[Char] = []
        first = last = None
        for lo, hi in _cells(row, pos):
            cell = self._scan(row[lo:hi], list(range(line_start + lo, line_start + hi)))
            if not "".join(c for c, _, _ in cell).strip():
                continue
            if chars:
                end = chars[-1][2]
                chars += [(";", end, end), (" ", end, end)]
            chars += cell
            first, last = first if first is not None else line_start + lo, line_start + hi
        if chars:
            self._add(chars, span=(first, last))

    def _html_block(self, span: list[int]) -> None:
        """Skipped, except its comments, and text after a comment on the comment's last line: CommonMark
        makes `<!-- ... --> Text` one HTML block, but a reader sees the text, so it is read."""
        start, end = self.lines[span[0]][0], self.lines[span[1] - 1][1]
        found = html_comments(self.text, start, end)
        self.comments += found
        if not found or self.text[start:end].lstrip()[:4] != "<!--":
            return
        tail_end = next((e for s, e in self.lines if s <= found[-1].end <= e), end)
        tail = self.text[found[-1].end : tail_end]
        self._add(self._scan(tail, list(range(found[-1].end, tail_end))))


def html_comments(text: str, start: int = 0, end: int | None = None) -> list[Comment]:
    """The `<!-- ... -->` comments in text[start:end], as _COMMENT.finditer finds them, in one pass:
    the regex searches to the end for every `<!--` that is never closed (quadratic)."""
    end = len(text) if end is None else end
    found, pos = [], start
    while (opened := text.find("<!--", pos, end)) >= 0:
        closed = text.find("-->", opened + 4, end)
        if closed < 0:
            break  # no later `<!--` can be closed either
        found.append(Comment(opened, closed + 3, text[opened + 4 : closed]))
        pos = closed + 3
    return found


def _locate(line: str, content: str) -> tuple[int, int]:
    """Where markdown-it's content line sits in the original line (after quote and list markers,
    before a heading's closing #s)."""
    content = content.strip()
    if not content:
        return len(line), len(line)
    stripped = line.rstrip()
    if stripped.endswith(content):
        return len(stripped) - len(content), len(stripped)
    at = line.find(content)
    if at >= 0:
        return at, at + len(content)
    # markdown-it expanded a tab: take the line after its indentation and markers
    return _QUOTE_PREFIX.match(line).end(), len(stripped)


def _cells(row: str, pos: int) -> list[tuple[int, int]]:
    """(start, end) of each cell's trimmed text; `\\|` does not split a cell."""
    cells, start, i = [], pos, pos
    while i <= len(row):
        if i == len(row) or row[i] == "|":
            cell = row[start:i]
            lead = len(cell) - len(cell.lstrip())
            cells.append((start + lead, start + len(cell.rstrip())))
            start = i + 1
        i += 2 if i < len(row) and row[i] == "\\" else 1
    return [(lo, hi) for lo, hi in cells if hi > lo]


def _kind(ch: str) -> str:
    """'space', 'punct' or 'other', the classes CommonMark's flanking rules use."""
    if ch.isspace():
        return "space"
    return "punct" if unicodedata.category(ch)[0] in "PS" else "other"


@dataclass
class _Delim:
    """A run of *, _ or ~ that may open or close emphasis. Pairing uses up characters from its inner
    side (the back of an opener, the front of a closer); what is not used up stays as text."""

    ch: str
    chars: list[Char]
    can_open: bool
    can_close: bool
    front: int = 0  # characters used up as a closer
    back: int = 0  # characters used up as an opener

    @property
    def left(self) -> int:
        return len(self.chars) - self.front - self.back

    def kept(self) -> list[Char]:
        return self.chars[self.front : len(self.chars) - self.back]


class _Inline:
    """Strips inline markup from `src`, whose character i came from file offset offs[i]."""

    def __init__(self, src: str, offs: list[int], refs: set[str], comments: list[Comment]):
        self.src, self.offs, self.refs, self.comments = src, offs, refs, comments
        self._partners: dict[str, dict[int, int]] = {}
        self._runs: dict[int, list[int]] | None = None
        self._no_close_after = len(src) + 1  # no "-->" starts at or after this index
        self._last_close = (0, -1)  # (from, at): the first "-->" at or after `from` is at `at`

    def _comment(self, i: int, hi: int) -> re.Match[str] | None:
        """_COMMENT at i, without searching again for a "-->" already known to be absent: 50,000
        unclosed `<!--` are one search, not 50,000."""
        if not self.src.startswith("<!--", i) or i + 4 >= self._no_close_after:
            return None
        searched, close = self._last_close
        if not searched <= i + 4 <= close:  # else the first "-->" from i + 4 is the one found before
            close = self.src.find("-->", i + 4)
            if close < 0:
                self._no_close_after = i + 4
                return None
            self._last_close = (i + 4, close)
        return _COMMENT.match(self.src, i, hi) if close + 3 <= hi else None

    def _match(self, i: int, hi: int, open_: str, close: str) -> int:
        """Index of the bracket closing the one at i before hi, or -1 (as _match), from one pass
        over the whole text made on first use: 50,000 unclosed `[` are not 50,000 scans."""
        partners = self._partners.get(open_)
        if partners is None:
            partners = self._partners[open_] = _partners(self.src, open_, close)
        end = partners.get(i)
        if end is None:  # i is not where the pass saw a bracket (an escape it read differently)
            return _match(self.src, i, hi, open_, close)
        return end if end < hi else -1

    def _char(self, i: int) -> Char:
        return (self.src[i], self.offs[i], self.offs[i] + 1)

    def scan(self, lo: int, hi: int) -> list[Char]:
        items: list[Char | _Delim] = []
        i = lo
        while i < hi:
            plain = _PLAIN.match(self.src, i, hi)
            if plain:  # most of prose: taken a run at a time, not stepped through character by character
                offs = self.offs[i : plain.end()]
                items += zip(self.src[i : plain.end()], offs, [o + 1 for o in offs], strict=True)
                i = plain.end()
                continue
            produced, i = self._step(i, hi)
            items += produced
        return _resolve(items) if _EMPHASIS.search(self.src, lo, hi) else items  # no delimiter run made

    def _step(self, i: int, hi: int) -> tuple[list, int]:
        """The plain characters (or delimiter runs) starting at i, and where to go on."""
        ch = self.src[i]
        if ch == "\\" and i + 1 < hi:
            nxt = self.src[i + 1]
            if nxt == "\n":  # a hard line break
                return [], i + 1
            if nxt.isascii() and _kind(nxt) == "punct":
                return [self._char(i + 1)], i + 2
        if ch == "`":
            return self._code_span(i, hi)
        if ch == "&":
            return self._entity(i, hi)
        if ch == "<":
            return self._angle(i, hi)
        if ch == "[" or (ch == "!" and self.src.startswith("[", i + 1)):
            return self._link(i, hi)
        if ch in "*_~":
            return self._delim(i, hi)
        return [self._char(i)], i + 1

    def _code_span(self, i: int, hi: int) -> tuple[list, int]:
        """Inline code is dropped whole: it is not prose to check."""
        run = _RUN["`"].match(self.src, i, hi).group()
        closer = self._next_run(len(run), i + len(run))
        if closer is not None and closer + len(run) <= hi:
            return [], closer + len(run)
        return [self._char(k) for k in range(i, i + len(run))], i + len(run)

    def _next_run(self, length: int, after: int) -> int | None:
        """The start of the first backtick run of exactly `length` at or after `after`: every run is
        listed once, by length, so no opener scans the rest of the text for its closer."""
        if self._runs is None:
            self._runs = {}
            for m in _RUN["`"].finditer(self.src):
                self._runs.setdefault(len(m.group()), []).append(m.start())
        starts = self._runs.get(length, [])
        at = bisect.bisect_left(starts, after)
        return starts[at] if at < len(starts) else None

    def _entity(self, i: int, hi: int) -> tuple[list, int]:
        m = _ENTITY.match(self.src, i, hi)
        decoded = html.unescape(m.group()) if m else "&"
        if not m or decoded == m.group():
            return [self._char(i)], i + 1
        end = self.offs[m.end() - 1] + 1
        return [(c, self.offs[i], end) for c in decoded], m.end()

    def _angle(self, i: int, hi: int) -> tuple[list, int]:
        """An autolink keeps its visible text; inline HTML and comments go (comments are recorded)."""
        m = _AUTOLINK.match(self.src, i, hi)
        if m:
            return [self._char(k) for k in range(i + 1, m.end() - 1)], m.end()
        m = self._comment(i, hi)
        if m:
            end = self.offs[m.end() - 1] + 1
            self.comments.append(Comment(self.offs[i], end, m.group(1)))
            return [], m.end()
        m = _TAG.match(self.src, i, hi)
        if m:
            return [], m.end()
        return [self._char(i)], i + 1

    def _link(self, i: int, hi: int) -> tuple[list, int]:
        """[text](target), [text][ref], [ref] and images: the text (an image's alt) stays."""
        open_ = i + 1 if self.src[i] == "!" else i
        close = self._match(open_, hi, "[", "]")
        if close < 0:
            return [self._char(i)], i + 1
        label = self.src[open_ + 1 : close]
        after = close + 1
        if self.src.startswith("(", after):
            end = self._match(after, hi, "(", ")")
            if end >= 0:
                return self.scan(open_ + 1, close), end + 1
        if self.src.startswith("[", after):
            end = self.src.find("]", after, hi)
            ref = self.src[after + 1 : end] or label
            if end >= 0 and normalizeReference(ref) in self.refs:
                return self.scan(open_ + 1, close), end + 1
        if normalizeReference(label) in self.refs:
            return self.scan(open_ + 1, close), after
        return [self._char(i)], i + 1

    def _delim(self, i: int, hi: int) -> tuple[list, int]:
        ch = self.src[i]
        n = len(_RUN[ch].match(self.src, i, hi).group())
        chars = [self._char(k) for k in range(i, i + n)]
        if ch == "~" and n < 2:
            return chars, i + n
        before = _kind(self.src[i - 1]) if i > 0 else "space"
        after = _kind(self.src[i + n]) if i + n < len(self.src) else "space"
        left = after != "space" and (after != "punct" or before != "other")
        right = before != "space" and (before != "punct" or after != "other")
        if ch == "_":  # no intraword emphasis with _ (snake_case stays)
            return [_Delim(ch, chars, left and (not right or before == "punct"),
                           right and (not left or after == "punct"))], i + n
        return [_Delim(ch, chars, left, right)], i + n


def _partners(src: str, open_: str, close: str) -> dict[int, int]:
    """Every opening bracket's index -> its closing bracket's (len(src) when none), skipping escaped
    characters as _match does. The bracket closing the one at i is the first where the depth
    counted from i comes back to 0, which depends only on the text from i on: so one pass from
    the start gives, for every i, what _match(src, i, ...) would."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    k, n = 0, len(src)
    while k < n:
        c = src[k]
        if c == "\\":
            k += 2
            continue
        if c == open_:
            stack.append(k)
        elif c == close and stack:
            partners[stack.pop()] = k
        k += 1
    for i in stack:
        partners[i] = n
    return partners


def _match(src: str, i: int, hi: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at i, or -1; escaped brackets do not count."""
    depth, k = 0, i
    while k < hi:
        c = src[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == open_) - (c == close)
        if depth == 0:
            return k
        k += 1
    return -1


def _resolve(items: list) -> list[Char]:
    """CommonMark's emphasis pairing: each closer takes the nearest fitting opener, two characters
    at a time when both runs have two left (always two for ~~), else one."""
    stack: list[_Delim] = []
    for closer in (item for item in items if isinstance(item, _Delim)):
        while closer.can_close and closer.left:
            opener = next((d for d in reversed(stack) if _fits(d, closer)), None)
            if not opener:
                break
            use = 2 if closer.ch == "~" or min(opener.left, closer.left) >= 2 else 1
            opener.back += use
            closer.front += use
            del stack[stack.index(opener) + (opener.left > 0) :]
        if closer.can_open and closer.left:
            stack.append(closer)
    out: list[Char] = []
    for item in items:
        out += item.kept() if isinstance(item, _Delim) else [item]
    return out


def _fits(opener: _Delim, closer: _Delim) -> bool:
    """Same character, enough left, and CommonMark's rule of 3 for runs that can both open and close."""
    if opener.ch != closer.ch or opener.left < (2 if closer.ch == "~" else 1):
        return False
    both = opener.can_close or closer.can_open
    total = len(opener.chars) + len(closer.chars)
    return not (both and total % 3 == 0 and (len(opener.chars) % 3 or len(closer.chars) % 3))
