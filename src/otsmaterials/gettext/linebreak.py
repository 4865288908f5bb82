r"""Where a PO string is cut into lines, the way GNU gettext cuts it (``msgcat``, ``msgmerge``).

GNU gettext writes a string as ``""`` and continuation lines when it contains a line break
before its end or does not fit; each ``\n`` ends a line, and the rest is cut greedily at the
last place the Unicode line breaking algorithm allows before the width is passed: after
spaces, and also after hyphens, slashes, dots before letters, closing punctuation and more
(never inside an escape sequence, never just before a final ``\n``). Where it may cut comes from
:mod:`._breaks`, measured on GNU gettext itself by ``tools/gnu_linebreaks.py``; characters it
did not measure are taken as their kind (a letter, a digit, a wide CJK character, a combining
mark). Widths are display columns (a wide character counts two).

Most strings have no wide character, combining mark or control character but those written as
escapes: those are cut on their escaped text directly (:func:`_narrow_lines`), where every
character takes one column and the search for the last place to cut jumps over runs of ASCII
letters and digits (GNU never cuts between two of them) with ``str.rstrip``; the result is the
one the general search gives (tested against it and against ``msgcat``).
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata

from otsmaterials.gettext._breaks import AFTER_SPACES, CLASSES, DIRECT

__all__ = ["ESCAPES", "escape", "string_lines"]

ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
    "\x00": "\\000",
}
"""How GNU gettext writes characters in a string (other control characters stay as they are).

The backslash comes first: :func:`escape` replaces them in this order."""

_CLASS = {char: index for index, members in enumerate(CLASSES) for char in members}
_LETTER = _CLASS["a"]
_DIGIT = _CLASS["0"]
_WIDE = _CLASS["\u4e2d"]
_BACKSLASH = _CLASS["\\"]
_COMBINING = -1


def _kind(char: str) -> tuple[int, int, int]:
    """``(class before a break, class after it, columns)`` of one character of the text."""
    if char in ESCAPES:
        escaped = ESCAPES[char]
        first = _CLASS.get(char, _LETTER)  # \t is read as a letter where a break follows
        return first if char in _CLASS else _LETTER, _BACKSLASH, len(escaped)
    known = _CLASS.get(char)
    if known is not None:
        return known, known, _columns(char)
    category = unicodedata.category(char)
    if category in {"Mn", "Me"}:
        return _COMBINING, _COMBINING, 0
    if unicodedata.east_asian_width(char) in {"W", "F"}:
        return _WIDE, _WIDE, 2
    kind = _DIGIT if category == "Nd" else _LETTER
    return kind, kind, 0 if category in {"Cc", "Cf"} else 1


def _columns(char: str) -> int:
    if unicodedata.category(char) in {"Mn", "Me", "Cc", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


class _Kinds(dict[str, tuple[int, int, int]]):
    """Character → :func:`_kind`, made on first use."""

    def __missing__(self, char: str) -> tuple[int, int, int]:
        self[char] = _kind(char)
        return self[char]


_KINDS = _Kinds()


def _allowed(text: str, index: int) -> bool:
    """Whether a line may start at ``text[index]`` (never at 0, a space, a combining mark)."""
    char = text[index]
    if index == 0 or char == " ":
        return False
    kinds = _KINDS
    second = kinds[char][1]
    if second == _COMBINING or (char == "\n" and index == len(text) - 1):
        return False  # never just before the final \n
    before, spaced = index - 1, False
    while before >= 0:  # back over spaces and combining marks to the character that counts
        if text[before] == " ":
            spaced = True
        elif kinds[text[before]][0] != _COMBINING:
            break
        before -= 1
    if before < 0:
        return False
    first = kinds[text[before]][0]
    return (AFTER_SPACES if spaced else DIRECT)[first][second] == "1"


class _Columns(dict[str, int]):
    """Character → columns it takes once written (escapes included), made on first use."""

    def __missing__(self, char: str) -> int:
        self[char] = _KINDS[char][2]
        return self[char]


_COLUMNS = _Columns()


def _plain(text: str) -> bool:
    """ASCII without anything to escape: one column per character."""
    return text.isascii() and text.isprintable() and "\\" not in text and '"' not in text


def _prefix_columns(text: str) -> list[int] | None:
    """Columns before each character and at the end (``None``: the index, for plain text)."""
    if _plain(text):
        return None
    return list(itertools.accumulate(map(_COLUMNS.__getitem__, text), initial=0))


def _cuts(text: str, width: int, start: int) -> list[int]:
    """Where lines start (indexes into ``text``) when it is cut greedily to ``width`` columns.

    As GNU's greedy packing: each line ends at the last place a line may start whose column
    still fits; a piece longer than a line stays whole, cut at its first opportunity.
    """
    columns = _prefix_columns(text)
    end = len(text)
    cuts: list[int] = []
    line, offset = 0, start  # where the current line starts, and its column there
    while True:
        base = line if columns is None else columns[line]
        room = base + width - offset  # the last column (from the start of text) that fits
        if (end if columns is None else columns[end]) <= room:
            return cuts
        # the last index whose column still fits
        last = room if columns is None else bisect.bisect_right(columns, room) - 1
        found = next((i for i in range(min(last, end - 1), line, -1) if _allowed(text, i)), None)
        if found is None:  # one piece longer than the line: cut at its first opportunity
            found = next((i for i in range(max(last, line) + 1, end) if _allowed(text, i)), None)
            if found is None:
                return cuts
        cuts.append(found)
        line, offset = found, 0


def _would_cut(text: str, width: int, start: int) -> bool:
    """Whether :func:`_cuts` would cut ``text`` at all: it overflows and may be cut somewhere."""
    columns = _prefix_columns(text)
    total = len(text) if columns is None else columns[-1]
    return start + total > width and any(_allowed(text, i) for i in range(1, len(text)))


def _portions(text: str) -> list[str]:
    """``text`` cut after each line break."""
    pieces = text.split("\n")
    found = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1] or not found:
        found.append(pieces[-1])
    return found


def escape(text: str) -> str:
    """C-escape a string for a PO file, as GNU gettext does (other control characters raw).

    One ``str.replace`` per character present that has an escape, the backslash first: 1–2 µs
    for a paragraph of 470 characters, where ``str.translate`` took about 20 µs.
    """
    for char, escaped in ESCAPES.items():  # "\\" first: the escapes add backslashes
        if char in text:
            text = text.replace(char, escaped)
    return text


def string_lines(keyword: str, text: str, width: int | None, prefix: str = "") -> list[str]:
    """The lines of ``keyword "text"`` as GNU gettext writes them at ``width`` (``None``: none).

    ``prefix`` starts every line (``#~ `` for obsolete entries, ``#| `` for previous strings).
    """
    limit = (width if width is not None else 2**31 - 1) - 1 - (len(prefix) + 1)
    if not text:
        return [f'{prefix}{keyword} ""']
    if text.isascii():
        if "\x00" not in text:
            escaped = text if _plain(text) else escape(text)
            if escaped.isprintable():  # one column per character of the escaped text
                return _narrow(keyword, text, escaped, limit, prefix)
    elif all(map(_NARROW.__getitem__, set(text))):
        return _narrow(keyword, text, escape(text), limit, prefix)
    return _general_lines(keyword, text, limit, prefix)


def _narrow(keyword: str, text: str, escaped: str, limit: int, prefix: str) -> list[str]:
    """:func:`string_lines` for text whose escaped form (``escaped``) is :data:`_NARROW`."""
    if "\n" in text:
        portions = [(p, escape(p)) for p in _portions(text)]
    elif len(keyword) + 1 + len(escaped) <= limit:
        return [f'{prefix}{keyword} "{escaped}"']  # the common case: one short line
    else:
        portions = [(text, escaped)]
    return _narrow_lines(keyword, portions, limit, prefix)


def _general_lines(keyword: str, text: str, limit: int, prefix: str) -> list[str]:
    """:func:`string_lines` for any text, ``limit`` the columns a string may take."""
    first_start = len(keyword) + 1
    portions = _portions(text)
    lines: list[str] = []
    first = True
    for number, portion in enumerate(portions):
        if first and portion:
            more = number + 1 < len(portions)
            if more or first_start > limit or _would_cut(portion, limit, first_start):
                lines.append(f'{prefix}{keyword} ""')
                first = False
        cuts = _cuts(portion, limit, first_start if first else 0)
        bounds = [0, *cuts, len(portion)]
        for index, (start, stop) in enumerate(itertools.pairwise(bounds)):
            body = escape(portion[start:stop])
            if first and index == 0:
                lines.append(f'{prefix}{keyword} "{body}"')
                first = False
            else:
                lines.append(f'{prefix}"{body}"')
    return lines


# --- text of one column per character ----------------------------------------------------------

_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
"""Characters between two of which GNU never cuts (letters and digits: no break in the tables)."""


class _Narrow(dict[str, bool]):
    r"""Character → whether, escaped, it is characters of one column each.

    Printable ASCII, a character written as an escape (not NUL, ``\000``), or a character of
    one column that is no combining mark; made on first use.
    """

    def __missing__(self, char: str) -> bool:
        if char in ESCAPES:
            narrow = char != "\x00"
        elif char.isascii():
            narrow = char.isprintable()
        else:
            first, _, columns = _KINDS[char]
            narrow = columns == 1 and first != _COMBINING
        self[char] = narrow
        return narrow


_NARROW = _Narrow()


class _Classes(dict[str, int]):
    r"""Character of an escaped text → its class on either side of a cut, made on first use.

    The last character of an escape (the ``n`` of ``\n``, the quote of ``\"``) has the
    class of the escaped character before a cut (a control character's is a letter's), and the
    backslash that starts an escape has the class every escape has after one.
    """

    def __missing__(self, char: str) -> int:
        kind = _CLASS.get(char, _LETTER) if char.isascii() else _KINDS[char][0]
        self[char] = kind
        return kind


_CLASS_OF = _Classes()


def _narrow_allowed(escaped: str, index: int, final: int) -> bool:
    r"""Whether a line may start at ``escaped[index]``: :func:`_allowed` on an escaped text.

    ``final`` is where the escaped text's final ``\n`` starts, or -1.
    """
    char = escaped[index]
    if char == " " or index == final:
        return False
    before = index - 1
    if escaped[before] == "\\" and (index - len(escaped[:index].rstrip("\\"))) % 2:
        return False  # inside an escape: after an odd run of backslashes
    while before >= 0 and escaped[before] == " ":
        before -= 1
    if before < 0:
        return False
    table = DIRECT if before == index - 1 else AFTER_SPACES
    return table[_CLASS_OF[escaped[before]]][_CLASS_OF[char]] == "1"


def _narrow_last(escaped: str, high: int, low: int, final: int) -> int | None:
    """The last index in ``(low, high]`` where a line may start, or ``None``."""
    index = high
    while index > low:
        if escaped[index] in _ALNUM and escaped[index - 1] in _ALNUM:
            # no cut between two letters or digits: jump to the start of the run
            index = low + len(escaped[low:index].rstrip(_ALNUM))
            if index <= low:
                return None
        if _narrow_allowed(escaped, index, final):
            return index
        index -= 1
    return None


def _narrow_next(escaped: str, low: int, final: int) -> int | None:
    """The first index from ``low`` on where a line may start, or ``None``."""
    return next((i for i in range(low, len(escaped)) if _narrow_allowed(escaped, i, final)), None)


def _narrow_lines(
    keyword: str, portions: list[tuple[str, str]], limit: int, prefix: str
) -> list[str]:
    """The lines of :func:`_general_lines` for :data:`_NARROW` text, cut on its escaped text.

    ``portions`` are the text's :func:`_portions`, each with its escaped text, one column per
    character. The cuts are :func:`_cuts`'s.
    """
    first_start = len(keyword) + 1
    lines: list[str] = []
    opening = f'{prefix}{keyword} "'  # the first line's start; then each line's
    for number, (portion, escaped) in enumerate(portions):
        end = len(escaped)
        final = end - 2 if portion.endswith("\n") else -1
        if not lines and portion:
            more = number + 1 < len(portions)
            if (
                more
                or first_start > limit
                or (first_start + end > limit and _narrow_last(escaped, end - 1, 0, final))
            ):
                lines.append(f'{opening}"')
                opening = f'{prefix}"'
        line, room = 0, limit - (0 if lines else first_start)  # room: the last column that fits
        while end > room:
            found = _narrow_last(escaped, min(room, end - 1), line, final)
            if found is None:  # one piece longer than the line: cut at its first opportunity
                found = _narrow_next(escaped, max(room, line) + 1, final)
                if found is None:
                    break
            lines.append(f'{opening}{escaped[line:found]}"')
            opening = f'{prefix}"'
            line, room = found, found + limit
        lines.append(f'{opening}{escaped[line:]}"')
        opening = f'{prefix}"'
    return lines
