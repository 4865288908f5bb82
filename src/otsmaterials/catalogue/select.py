"""Which of a catalogue's materials a command works on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from otsmaterials.errors import InputError

__all__ = ["select_materials"]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


M = TypeVar("M", bound=_Identified)


def select_materials(materials: Sequence[M], only: Iterable[str] | None) -> list[M]:
    """The materials named in ``only`` (all when ``None``); an unknown id is an input error."""
    if only is None:
        return list(materials)
    wanted = list(dict.fromkeys(only))
    known = {material.id for material in materials}
    unknown = [ident for ident in wanted if ident not in known]
    if unknown:
        raise InputError(f"no material with id {', '.join(map(repr, unknown))} in the catalogue")
    return [material for material in materials if material.id in wanted]
