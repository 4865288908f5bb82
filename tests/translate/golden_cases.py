"""The golden lessons under ``cases/``, shared by the extract and render golden tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from otsmaterials.translate.segments import DEFAULT_KEYS

CASES = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    """A lesson under ``cases/`` and the options it is extracted and rendered with."""

    name: str
    variant: str = ""
    keys: tuple[str, ...] = DEFAULT_KEYS
    include_code: bool = False
    bug: str | None = None

    @property
    def id(self) -> str:
        return self.name + self.variant

    @property
    def source(self) -> Path:
        return CASES / f"{self.name}.md"

    def expected(self, kind: str) -> Path:
        """The golden output of one kind (``pot``, ``render.md``)."""
        return CASES / f"{self.name}.md{self.variant}.expect.{kind}"
