"""Catalogue files: the model, reading with every problem reported, writing, and importing.

Names load on first use: reading a catalogue does not load the importer of a learn portal's
configuration (YAML, source checks) nor the writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from otsmaterials._support.lazy import lazy_getattr

if TYPE_CHECKING:
    from otsmaterials.catalogue.learn import import_learn_config
    from otsmaterials.catalogue.lifecycle import LifeCycle
    from otsmaterials.catalogue.load import load_catalogue, parse_catalogue
    from otsmaterials.catalogue.model import (
        Catalogue,
        Layout,
        MaterialSpec,
        Origin,
        OverrideSpec,
        Settings,
        TopicSpec,
    )
    from otsmaterials.catalogue.slugs import slugify
    from otsmaterials.catalogue.write import dump_catalogue

_NAMES = {
    "Catalogue": "otsmaterials.catalogue.model",
    "Layout": "otsmaterials.catalogue.model",
    "LifeCycle": "otsmaterials.catalogue.lifecycle",
    "MaterialSpec": "otsmaterials.catalogue.model",
    "Origin": "otsmaterials.catalogue.model",
    "OverrideSpec": "otsmaterials.catalogue.model",
    "Settings": "otsmaterials.catalogue.model",
    "TopicSpec": "otsmaterials.catalogue.model",
    "dump_catalogue": "otsmaterials.catalogue.write",
    "import_learn_config": "otsmaterials.catalogue.learn",
    "load_catalogue": "otsmaterials.catalogue.load",
    "parse_catalogue": "otsmaterials.catalogue.load",
    "slugify": "otsmaterials.catalogue.slugs",
}
"""Name → the module that defines it."""

__all__ = [
    "Catalogue",
    "Layout",
    "LifeCycle",
    "MaterialSpec",
    "Origin",
    "OverrideSpec",
    "Settings",
    "TopicSpec",
    "dump_catalogue",
    "import_learn_config",
    "load_catalogue",
    "parse_catalogue",
    "slugify",
]

__getattr__ = lazy_getattr(__name__, _NAMES, globals())
