"""Files a page pulls into itself: never lessons of their own.

* Liquid (Jekyll, GitBook/Honkit): ``{% include "/deploy/install_git.md" %}``,
  ``{% include_relative part.md %}``;
* mdBook: ``{{#include ../listings/hello.md}}``, ``{{#rustdoc_include …}}``, ``{{#playground …}}``;
* reStructuredText: ``.. include:: intro.rst``, ``.. literalinclude:: code.py``.

The targets are returned as written (a path relative to the page, or ``/``-rooted at the site);
:func:`resolve_include` resolves one.
"""

from __future__ import annotations

import posixpath
import re

__all__ = ["include_targets", "resolve_include"]

_MAX_INCLUDES = 200
_LIQUID = re.compile(r"""\{%-?\s*include(?:_relative)?\s+["']?([^"'\s%}]{1,300})""")
_MDBOOK = re.compile(r"\{\{#(?:include|rustdoc_include|playground)\s+([^\s}]{1,300})")
_RST = re.compile(r"^[ \t]*\.\.[ \t]+(?:include|literalinclude)::[ \t]*(\S{1,300})", re.MULTILINE)


def include_targets(text: str) -> tuple[str, ...]:
    """The files ``text`` includes, as written (anchors such as ``:3:10`` or ``:main`` cut)."""
    found: dict[str, None] = {}
    patterns = [
        pattern
        for pattern, sign in ((_LIQUID, "{%"), (_MDBOOK, "{{#"), (_RST, "include::"))
        if sign in text  # a substring test is far cheaper than the pattern
    ]
    for pattern in patterns:
        for match in pattern.finditer(text):
            target = match[1]
            if pattern is _MDBOOK:
                target = target.split(":", 1)[0]
            found.setdefault(target)
            if len(found) >= _MAX_INCLUDES:
                return tuple(found)
    return tuple(found)


def resolve_include(page: str, target: str, root: str = "") -> str | None:
    """The included file, relative to the material: ``/x`` from ``root``, else from ``page``."""
    if "://" in target or "{{" in target:
        return None
    if target.startswith("/"):
        path = posixpath.join(root, target.lstrip("/")) if root else target.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(page), target)
    path = posixpath.normpath(path)
    return None if path.startswith("..") or path == "." else path
