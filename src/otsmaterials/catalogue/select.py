"""Which of a catalogue's materials a command works on."""

from __future__ import annotations

from collections.abc import Iterable

from otsmaterials.catalogue.model import Catalogue, MaterialSpec
from otsmaterials.errors import InputError

__all__ = ["select_materials"]


def select_materials(catalogue: Catalogue, only: Iterable[str] | None) -> list[MaterialSpec]:
    """The materials named in ``only`` (all when ``None``); an unknown id is an input error."""
    if only is None:
        return list(catalogue.materials)
    wanted = list(dict.fromkeys(only))
    known = {material.id for material in catalogue.materials}
    unknown = [ident for ident in wanted if ident not in known]
    if unknown:
        raise InputError(f"no material with id {', '.join(map(repr, unknown))} in the catalogue")
    return [material for material in catalogue.materials if material.id in wanted]
