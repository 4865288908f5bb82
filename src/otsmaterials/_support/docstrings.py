"""Field docstrings as the descriptions of a model's JSON Schema, read only when a schema is made.

A field's docstring (the string right under ``name: type``) documents it in the source and in the
published JSON Schema. Pydantic can read them as every model class is made
(``use_attribute_docstrings``), which tokenises and parses each class's source in every process:
about a fifth of a query command's start. The schema is the only reader of those descriptions, so
they are read here, from the source of the models the schema holds, and added to the schema.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import sys
import typing
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from pydantic import BaseModel

__all__ = ["describe_fields"]


def describe_fields(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """``schema`` (``root``'s JSON Schema) with each field's docstring as its ``description``.

    A description the schema already has (``Field(description=…)``) is kept. Models are found by
    their definitions' names, as pydantic gives them (``$defs``), the root at the top.
    """
    definitions = schema.get("$defs", {})
    for model in _models(root):
        target = schema if model is root else definitions.get(model.__name__)
        if not isinstance(target, dict):
            continue
        properties = target.get("properties", {})
        documented = _field_docstrings(model)
        for name, field in model.model_fields.items():
            key = field.serialization_alias or field.alias or name
            text = documented.get(name)
            entry = properties.get(key)
            if text and isinstance(entry, dict) and "description" not in entry:
                entry["description"] = text
    return schema


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``root`` and every model its fields hold, at any depth, each once."""
    seen: set[type[BaseModel]] = set()
    stack = [root]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for field in model.model_fields.values():
            stack.extend(_nested_models(field.annotation))


def _nested_models(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _nested_models(argument)


def _field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Field name → docstring, from ``model``'s class body and its bases' (the nearest wins)."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            found.update(_class_docstrings(cls))
    return found


def _class_docstrings(cls: type) -> dict[str, str]:
    """The field docstrings of ``cls``'s own body, from the source of the module defining it."""
    for module in _holding_modules(cls):
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):  # no source (a frozen or compiled-only install)
            continue
        for node in ast.parse(source).body:
            if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
                return _body_docstrings(node.body)
    return {}


def _holding_modules(cls: type) -> Iterator[ModuleType]:
    """The modules that may define ``cls``: the one it names first, then any that holds it.

    A public class says it belongs to the public namespace that exports it (``otsmaterials``),
    whose source does not define it; the module that does holds it under its name.
    """
    named = sys.modules.get(cls.__module__)
    if named is not None:
        yield named
    for module in list(sys.modules.values()):
        if module is not named and getattr(module, "__dict__", {}).get(cls.__name__) is cls:
            yield module


def _body_docstrings(body: list[ast.stmt]) -> dict[str, str]:
    """``name: type`` followed by a string: the name and the string, cleaned as a docstring."""
    found = {}
    for previous, statement in itertools.pairwise(body):
        if (
            isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            found[previous.target.id] = inspect.cleandoc(statement.value.value)
    return found
