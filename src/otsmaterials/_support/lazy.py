"""Names of a package that load their module on first use (PEP 562 ``__getattr__``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(
    package: str,
    locations: Mapping[str, str],
    namespace: MutableMapping[str, Any],
    *,
    public: bool = False,
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``.

    ``name`` is imported from the module ``locations[name]`` and kept in ``namespace`` (the
    package's globals), so the import happens once. With ``public``, a class or function loaded
    this way says it belongs to ``package`` (``__module__``), where users find it, not to the
    private module that defines it.
    """

    def __getattr__(name: str) -> Any:  # noqa: ANN401, N807 - module attributes of any kind
        module = locations.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        defined_here = getattr(value, "__module__", "").startswith("otsmaterials.")
        if public and isinstance(value, type | Callable) and defined_here:
            value.__module__ = package
        namespace[name] = value
        return value

    return __getattr__
