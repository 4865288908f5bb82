"""A folder's README is its folder's lesson when it is the folder's only page.

In a Markdown site a folder's README introduces the pages of its folder (a landing page, no
lesson). An exercise folder that holds code beside its README (``exercises/00_intro/README.md``
and ``intro1.rs``) has no other page: its README is the exercise's lesson, keyed by the folder.
Built end to end through the public API.
"""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import material
from indexing import ENGLISH, Workspace, lesson_paths, titles


@pytest.fixture(scope="module")
def index(workspace: Workspace) -> om.Index:
    repo = workspace.repo("exercises")
    repo.write(
        {
            "README.md": "# Exercises\n\nSmall programs to fix.\n",
            "exercises/README.md": "# Exercise list\n\nOne folder per exercise.\n",
            "exercises/00_intro/README.md": f"# Intro\n\nRun the first program. {ENGLISH}\n",
            "exercises/00_intro/intro1.rs": "fn main() {}\n",
            "exercises/01_variables/README.md": f"# Variables\n\nBind a value. {ENGLISH}\n",
            "exercises/01_variables/README.de.md": (
                "# Variablen\n\nBinde einen Wert an einen Namen, und benutze ihn später wieder.\n"
            ),
            "exercises/01_variables/variables1.rs": "fn main() { let x = 5; }\n",
            "core/README.md": "# Core\n\nThe core pages.\n",
            "core/setup.md": f"# Setting up\n\nInstall the tools. {ENGLISH}\n",
            "website/content/usage/index.md": f"# Usage\n\nHow to run it. {ENGLISH}\n",
        }
    ).commit("Exercises and pages")
    return workspace.build("folders", [material("exercises", repo)])


def test_a_readme_alone_in_its_folder_is_the_folders_lesson(index: om.Index) -> None:
    paths = lesson_paths(index, "exercises")
    assert {"exercises/00_intro", "exercises/01_variables"} <= set(paths)
    assert titles(index.lesson("exercises/exercises/01_variables")) == {
        "en": "Variables",
        "de": "Variablen",
    }
    assert index.lesson("exercises/exercises/00_intro").original().path == (
        "exercises/00_intro/README.md"
    )


def test_a_readme_beside_pages_stays_their_landing_page(index: om.Index) -> None:
    paths = lesson_paths(index, "exercises")
    assert "core/setup" in paths
    assert "website/content/usage/index" in paths
    assert not [path for path in paths if path in {"exercises", "core"} or "README" in path]
