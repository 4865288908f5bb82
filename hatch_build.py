"""Build hook: compile the library's own message catalogs (``locales/``) into the wheel.

``locales/<lang>/LC_MESSAGES/otsmaterials.po`` becomes
``otsmaterials/locales/<lang>/LC_MESSAGES/otsmaterials.mo`` in the wheel, compiled with the
library's own strict reader and writer (no GNU gettext needed at build time).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``locales/*/LC_MESSAGES/otsmaterials.po`` to ``.mo`` files in the wheel."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from otsmaterials.gettext.compile import compile_po
            from otsmaterials.gettext.reader import parse_po
        finally:
            sys.path.pop(0)
        output = Path(tempfile.mkdtemp(prefix="otsmaterials-locales-"))
        self._output = output
        for source in sorted((root / "locales").glob("*/LC_MESSAGES/otsmaterials.po")):
            language = source.parent.parent.name
            target = output / language / "otsmaterials.mo"
            target.parent.mkdir(parents=True)
            target.write_bytes(compile_po(parse_po(source.read_bytes(), str(source))))
            wheel_path = f"otsmaterials/locales/{language}/LC_MESSAGES/otsmaterials.mo"
            build_data["force_include"][str(target)] = wheel_path

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the compiled catalogs' temporary folder once the wheel is written."""
        output = getattr(self, "_output", None)
        if output is not None:
            shutil.rmtree(output, ignore_errors=True)
