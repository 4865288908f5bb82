"""A YAML reader for untrusted files: no aliases, bounded size and depth, no duplicate keys.

PyYAML's C loader crashes the interpreter on deeply nested input and both loaders expand alias
bombs, so this module uses the pure-Python ``SafeLoader``, changed so:

* aliases and anchors are refused (``YAML aliases not allowed``);
* nesting deeper than ``max_depth`` is refused before the composer recurses (``YAML too deep``);
* a key given twice in one mapping is an error, not "last one wins";
* only ``true``/``false`` are booleans (YAML 1.2), so ``lang: no`` stays the string ``"no"``;
* a plain scalar that looks like a value YAML cannot make (``2024-13-01``, a 5,000-digit
  number) stays a string, and an explicit tag that does not fit its value (``!!int x``) is an
  error; ``=`` and ``<<`` are plain strings (no merge keys without aliases).

Every error is a :class:`~otsmaterials.errors.ParseError` with the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from otsmaterials.errors import ParseError

__all__ = ["MAX_DEPTH", "MAX_YAML_BYTES", "load_yaml", "simple_mapping"]

MAX_YAML_BYTES = 1024 * 1024
"""Largest YAML document read, in bytes."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted."""

_MAX_INT_BITS = 1024
"""Larger integers (over 300 digits) are no value a front matter means; they stay text."""
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


_Constructor = Callable[[Any, Any], object]


class _LimitError(Exception):
    """Raised inside the loader; turned into a ParseError with the position."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, with a depth limit and duplicate-key detection."""

    max_depth = MAX_DEPTH

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._explicit: set[int] = set()
        """Scalar nodes whose tag was written (``!!int 3``), by id: they are not plain text."""

    def checked_scalar(self, node: ScalarNode, construct: _Constructor) -> object:
        """``construct(node)``, or the node's text when YAML only guessed its type.

        A plain ``2024-13-01`` looks like a date but is none; it stays the string it is. A
        written tag (``!!timestamp 2024-13-01``) that does not fit is an error with the line.
        """
        try:
            value = construct(self, node)
            if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
                raise OverflowError("too large")
            return value
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            if id(node) not in self._explicit:
                return str(node.value)
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            value = str(node.value)
            shown = value if len(value) <= 40 else f"{value[:40]}…"
            raise _LimitError(
                f"cannot read {shown!r} as {tag} ({type(error).__name__})",
                node.start_mark.line + 1,
            ) from None

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _LimitError("YAML aliases not allowed", event.start_mark.line + 1)
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > self.max_depth:
                raise _LimitError(
                    f"YAML too deep (more than {self.max_depth} levels)", _line(event)
                )
            try:
                return Composer.compose_node(self, parent, index)
            finally:
                self._depth -= 1
        return Composer.compose_node(self, parent, index)

    def compose_scalar_node(self, anchor: dict[Any, Node]) -> ScalarNode:  # as the stubs type it
        event = self.peek_event()  # type: ignore[no-untyped-call]
        node = Composer.compose_scalar_node(self, anchor)
        if event.tag not in {None, "!"}:
            self._explicit.add(id(node))
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; SafeLoader reports it below
                continue
            if duplicate:
                raise _LimitError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _line(event: object) -> int | None:
    mark = getattr(event, "start_mark", None)
    return None if mark is None else int(mark.line) + 1


# YAML 1.2 booleans: replace the YAML 1.1 resolver that turns yes/no/on/off into bools; no
# implicit "=" (value) or "<<" (merge): SafeLoader cannot make them, they are plain text here.
_NOT_IMPLICIT = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_IMPLICIT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def _checked(construct: _Constructor) -> _Constructor:
    def checked(loader: yaml.SafeLoader, node: Node) -> object:
        assert isinstance(loader, _StrictLoader)  # noqa: S101 - registered on it only
        assert isinstance(node, ScalarNode)  # noqa: S101 - scalar tags only
        return loader.checked_scalar(node, construct)

    return checked


for _tag in ("bool", "int", "float", "timestamp", "binary", "null"):
    _full_tag = f"tag:yaml.org,2002:{_tag}"
    _StrictLoader.add_constructor(_full_tag, _checked(yaml.SafeLoader.yaml_constructors[_full_tag]))


_SIMPLE_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?")
_SIMPLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_SIMPLE_INT = re.compile(r"0|[1-9][0-9]{0,17}")
_SIMPLE_QUOTED = re.compile(r"\"([^\"\\\x00-\x1f\x7f-\x9f]*)\"|'([^'\x00-\x1f\x7f-\x9f]*)'")
_KEYWORD = re.compile(r"(?i:true|false|null|yes|no|on|off|y|n)")
_NOT_PLAIN_TEXT = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]")


def simple_mapping(text: str) -> dict[str, object] | None:
    """The document, when it is a mapping of the plainest kind; ``None`` for anything else.

    Front matter is mostly lines of ``key: value`` where the value is a quoted string without
    escapes, a small decimal integer, a word, or a list of words in brackets. Those read here
    give what the loader gives (a test checks); the pure-Python loader took a millisecond a file,
    a fifth of a build. Anything else (comments, indentation, a key given twice, a word YAML
    reads as a boolean or null, characters YAML refuses) is left to the loader.
    """
    if _NOT_PLAIN_TEXT.search(text):
        return None
    mapping: dict[str, object] = {}
    for line in text.split("\n"):
        if not line:
            continue
        found = _SIMPLE_KEY.fullmatch(line)
        if found is None or _KEYWORD.fullmatch(found.group(1)) or found.group(1) in mapping:
            return None
        value = _simple_value(found.group(2))
        if value is None:
            return None
        mapping[found.group(1)] = value
    return mapping or None


def _simple_value(raw: str | None) -> object:
    """A value :func:`simple_mapping` reads, or ``None``."""
    if not raw or raw != raw.strip():
        return None
    quoted = _SIMPLE_QUOTED.fullmatch(raw)
    if quoted:
        return quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    if _SIMPLE_INT.fullmatch(raw):
        return int(raw)
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        items = [item.strip() for item in inner.split(",")] if inner else []
        if all(_plain_word(item) for item in items):
            return items
        return None
    return raw if _plain_word(raw) else None


def _plain_word(text: str) -> bool:
    return bool(_SIMPLE_WORD.fullmatch(text)) and not _KEYWORD.fullmatch(text)


def load_yaml(
    text: str | bytes,
    *,
    path: str | Path | None = None,
    first_line: int = 1,
    max_bytes: int = MAX_YAML_BYTES,
) -> Any:  # noqa: ANN401 - YAML documents are untyped until validated by a schema
    """Parse one YAML document from an untrusted source.

    ``path`` and ``first_line`` (the line of the document's first line in that file, for front
    matter) only serve the error messages.
    """
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise ParseError(f"YAML larger than {max_bytes} bytes", path=path, line=first_line)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ParseError(
                f"not valid UTF-8 (byte offset {error.start})", path=path, line=first_line
            ) from error
    elif len(text) > max_bytes:
        raise ParseError(f"YAML larger than {max_bytes} bytes", path=path, line=first_line)
    simple = simple_mapping(text)
    if simple is not None:
        return simple
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        return loader.get_single_data()
    except _LimitError as error:
        line = None if error.line is None else error.line + first_line - 1
        raise ParseError(error.message, path=path, line=line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = None if mark is None else mark.line + first_line
        problem = error.problem or str(error)
        raise ParseError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as error:
        raise ParseError(f"invalid YAML: {error}", path=path, line=first_line) from None
    except RecursionError:
        raise ParseError("YAML too deep", path=path, line=first_line) from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        # A constructor PyYAML registered that this module does not check (a tag's value).
        raise ParseError(f"invalid YAML value ({error})", path=path, line=first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
