"""The base of every data model: frozen, strict about unknown keys, documented fields."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict

__all__ = ["FrozenDict", "FrozenMap", "FrozenModel"]


class FrozenModel(BaseModel):
    """Frozen pydantic model; unknown keys are errors.

    A model's validator is built on first use (``defer_build``): a command pays only for the
    models it reads. Field docstrings document the fields; the published JSON Schema reads them
    when it is made (``_support/docstrings.py``), not every process as it defines its models.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,
        str_strip_whitespace=False,
        json_schema_serialization_defaults_required=True,
    )


K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A ``dict`` that refuses every change after it is made: the mappings of frozen models.

    It serialises, compares and reads as a ``dict`` (JSON, ``model_dump``, ``==``); ``copy()``
    gives an ordinary, changeable ``dict``.
    """

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is read-only: make a changed copy with dict(…)")

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def copy(self) -> dict[K, V]:
        """A changeable copy."""
        return dict(self)

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))


def _freeze(value: dict[Any, Any]) -> FrozenDict[Any, Any]:
    return value if isinstance(value, FrozenDict) else FrozenDict(value)


FrozenMap = Annotated[dict[K, V], AfterValidator(_freeze)]
"""A mapping field of a frozen model: validated as a ``dict``, kept as a :class:`FrozenDict`."""
