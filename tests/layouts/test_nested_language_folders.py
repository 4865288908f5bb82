"""Language folders below a content folder: ``content/en/…`` and ``content/fa/…`` (Hugo),
``docs/en/…`` and ``docs/fr/…`` (MkDocs with a folder per language), ``docs/de/…`` beside the
pages of ``docs/`` (VitePress).

The language folder is a folder of its own below the site's content folder; the pages it holds
pair with their namesakes in the other languages' folders. A single folder named like a
language, with no sibling in another language, is an ordinary folder. Built end to end through
the public API.
"""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import material
from indexing import ENGLISH, FRENCH, GERMAN, Workspace, lesson_paths, titles


@pytest.fixture(scope="module")
def index(workspace: Workspace) -> om.Index:
    hugo = workspace.repo("hugo")
    hugo.write(
        {
            "hugo.yaml": "languages:\n  en: {}\n  de: {}\n  fr: {}\n",
            "content/en/about/index.md": f"# About\n\nWho we are. {ENGLISH}\n",
            "content/en/docs/setup.md": f"# Setup\n\nInstall the tools. {ENGLISH}\n",
            "content/en/docs/loops.md": f"# Loops\n\nRepeat things. {ENGLISH}\n",
        }
    ).commit("English", date="2020-01-01T12:00:00+00:00")
    hugo.write(
        {
            "content/de/about/index.md": f"# Über uns\n\nWer wir sind. {GERMAN}\n",
            "content/de/docs/setup.md": f"# Einrichtung\n\nInstalliere die Werkzeuge. {GERMAN}\n",
            "content/fr/docs/loops.md": f"# Boucles\n\nRépéter des choses. {FRENCH}\n",
        }
    ).commit("Translations", date="2021-01-01T12:00:00+00:00")
    mkdocs = workspace.repo("mkdocs")
    mkdocs.write(
        {
            "mkdocs.yml": "site_name: Lessons\n",
            "docs/en/first.md": f"# First steps\n\nOpen a terminal. {ENGLISH}\n",
            "docs/fr/first.md": f"# Premiers pas\n\nOuvrez un terminal. {FRENCH}\n",
            "notes/it/summary.md": f"# Summary\n\nWhat the IT team does. {ENGLISH}\n",
        }
    ).commit("Lessons")
    vitepress = workspace.repo("vitepress")
    vitepress.write(
        {
            "docs/guide/intro.md": f"# Introduction\n\nWhat the course is. {ENGLISH}\n",
            "docs/guide/install.md": f"# Installing\n\nGet the tools. {ENGLISH}\n",
            "docs/de/guide/intro.md": f"# Einführung\n\nWorum es im Kurs geht. {GERMAN}\n",
        }
    ).commit("A VitePress site")
    return workspace.build(
        "nested",
        [material("hugo", hugo), material("mkdocs", mkdocs), material("vitepress", vitepress)],
    )


def test_language_folders_below_the_content_folder_pair_their_pages(index: om.Index) -> None:
    assert set(lesson_paths(index, "hugo")) == {
        "content/about/index",
        "content/docs/loops",
        "content/docs/setup",
    }
    assert titles(index.lesson("hugo/content/docs/setup")) == {"en": "Setup", "de": "Einrichtung"}
    assert titles(index.lesson("hugo/content/docs/loops")) == {"en": "Loops", "fr": "Boucles"}
    assert index.material("hugo").original_language == "en"


def test_one_folder_named_like_a_language_is_an_ordinary_folder(index: om.Index) -> None:
    assert titles(index.lesson("mkdocs/docs/first")) == {"en": "First steps", "fr": "Premiers pas"}
    assert "notes/it/summary" in lesson_paths(index, "mkdocs")


def test_one_language_folder_beside_the_pages_it_translates(index: om.Index) -> None:
    """VitePress keeps the default language's pages in ``docs/`` and a translation's in
    ``docs/de/``: the folder counts because ``docs/guide/intro.md`` exists outside it."""
    assert set(lesson_paths(index, "vitepress")) == {"docs/guide/intro", "docs/guide/install"}
    assert titles(index.lesson("vitepress/docs/guide/intro")) == {
        "en": "Introduction",
        "de": "Einführung",
    }
