"""The translator workflow through ``otsmaterials.translate``, as another Python project uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from otsmaterials import translate

LESSON = """---
title: Loops
---
# Loops

Computers are good at repeating things.

- `for` loops repeat for each item
- `while` loops repeat while a condition holds
"""


def test_every_public_name_resolves() -> None:
    for name in translate.__all__:
        assert getattr(translate, name) is not None, name
    assert sorted(dir(translate)) == sorted(translate.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        translate.nope  # noqa: B018 - the attribute access is the test


def test_importing_the_package_loads_no_workflow_module() -> None:
    code = (
        "import sys, otsmaterials.translate as t; "
        "print(sorted(m for m in sys.modules if m.startswith('otsmaterials.translate.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_workflow_from_python(tmp_path: Path) -> None:
    root = tmp_path / "lessons"
    root.mkdir()
    (root / "loops.md").write_text(LESSON, encoding="utf-8")
    workspace = translate.Workspace.open(root)
    assert [lesson.key for lesson in workspace.lessons] == ["loops"]
    options = translate.ExtractOptions(location="file")

    made = translate.extract(workspace, workspace.lessons, options, check=False)
    assert [(c.action, c.path.relative_to(root).as_posix()) for c in made] == [
        ("created", "locale/templates/loops.pot")
    ]
    started = translate.init(workspace, workspace.lessons, "de", options)
    catalog_path = started[0].path
    assert catalog_path == root / "locale/de/LC_MESSAGES/loops.po"

    catalog = translate.parse_po(catalog_path.read_bytes(), str(catalog_path))
    german = {"Loops": "Schleifen", "Computers are good at repeating things.": "Computer …"}
    for entry in catalog.entries:
        entry.msgstr = german.get(entry.msgid, "")
    catalog_path.write_text(translate.format_po(catalog), encoding="utf-8")

    (stat,) = translate.lesson_stats(workspace, ["de"], options)
    assert (stat.lesson, stat.language) == ("loops", "de")
    assert (stat.counts.messages, stat.counts.translated) == (4, 2)

    (root / "loops.md").write_text(LESSON.replace("good at", "very good at"), encoding="utf-8")
    (change,) = translate.update(workspace, workspace.lessons, ["de"], options)
    assert change.action == "updated"
    assert change.merge is not None
    assert (change.merge.kept, change.merge.fuzzy) == (1, 1)

    report = translate.render(workspace, workspace.lessons, "de", tmp_path / "out", options)
    rendered = (tmp_path / "out" / "loops.md").read_text(encoding="utf-8")
    assert report.written == [(tmp_path / "out" / "loops.md").resolve()]
    assert rendered.startswith("---\ntitle: Schleifen\n---\n# Schleifen\n")
    assert "very good at" in rendered  # fuzzy: the original text stays

    assert translate.check_translations(workspace, ["de"])[0].rule == "fuzzy"
