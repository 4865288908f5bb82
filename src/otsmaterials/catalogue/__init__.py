"""Catalogue files: the model, reading with every problem reported, writing, and importing."""

from otsmaterials.catalogue.learn import import_learn_config
from otsmaterials.catalogue.load import load_catalogue, parse_catalogue
from otsmaterials.catalogue.model import (
    Catalogue,
    Layout,
    LifeCycle,
    MaterialSpec,
    Origin,
    OverrideSpec,
    Settings,
    TopicSpec,
)
from otsmaterials.catalogue.slugs import slugify
from otsmaterials.catalogue.write import dump_catalogue

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
