"""The base of every data model: frozen, strict about unknown keys, documented fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["FrozenModel"]


class FrozenModel(BaseModel):
    """Frozen pydantic model; unknown keys are errors; field docstrings become descriptions."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
        json_schema_serialization_defaults_required=True,
    )
