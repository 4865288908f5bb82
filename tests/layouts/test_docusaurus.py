"""Docusaurus sites: the docs of ``docs/`` and each locale's translation under ``i18n/``.

Built end to end through the public API on repositories shaped like a Docusaurus site.
"""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import material
from indexing import ENGLISH, FRENCH, GERMAN, Workspace, lesson_paths, titles

_CONFIG = """
const config = {
  title: 'Lessons',
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'fr', 'de'],
  },
};
module.exports = config;
"""


@pytest.fixture(scope="module")
def index(workspace: Workspace) -> om.Index:
    site = workspace.repo("site")
    site.write(
        {
            "docusaurus.config.js": _CONFIG,
            "README.md": "# Website\n\nBuilt with Docusaurus.\n",
            "docs/intro.md": f"---\nsidebar_position: 1\n---\n\n# Intro\n\nStart here. {ENGLISH}\n",
            "docs/tutorial/basics.md": f"# Basics\n\nThe first steps. {ENGLISH}\n",
            "docs/tutorial/extras.mdx": "import Tabs from '@theme/Tabs';\n\n# Extras\n",
            "blog/2024-01-01-welcome.md": f"# Welcome\n\nOur blog. {ENGLISH}\n",
            "i18n/fr/docusaurus-plugin-content-docs/current/intro.md": (
                f"# Introduction\n\nCommencez ici. {FRENCH}\n"
            ),
            "i18n/de/docusaurus-plugin-content-docs/current/tutorial/basics.md": (
                f"# Grundlagen\n\nDie ersten Schritte. {GERMAN}\n"
            ),
            "i18n/de/docusaurus-plugin-content-blog/2024-01-01-welcome.md": (
                f"# Willkommen\n\nUnser Blog. {GERMAN}\n"
            ),
            "i18n/de/code.json": "{}\n",
        }
    ).commit("A Docusaurus site")
    website = workspace.repo("website")
    website.write(
        {
            "README.md": "# A project\n\nIts website is in website/.\n",
            "website/docusaurus.config.ts": _CONFIG.replace("'en'", "'pt-BR'", 1),
            "website/docs/setup.md": "# Configuração\n\nInstale as ferramentas antes da "
            "oficina, para que tudo esteja pronto.\n",
        }
    ).commit("A website folder")
    both = workspace.repo("both")
    both.write(
        {
            "docusaurus.config.js": _CONFIG.replace("'en'", "'zh'", 1),
            "docs/home.md": f"# Home Page\n\nRecent projects. {ENGLISH}\n",
            "i18n/zh/docusaurus-plugin-content-docs/current/home.md": (
                "# 主页\n\n最近的项目可以通过右键菜单删除，新建项目时可以选择一个模板。\n"
            ),
        }
    ).commit("Docs in English, the default locale translated")
    return workspace.build(
        "docusaurus",
        [material("site", site), material("web", website), material("both", both)],
    )


def test_the_docs_are_the_lessons_and_each_locale_translates_them(index: om.Index) -> None:
    assert set(lesson_paths(index, "site")) == {"intro", "tutorial/basics"}
    assert titles(index.lesson("site/intro")) == {"en": "Intro", "fr": "Introduction"}
    assert titles(index.lesson("site/tutorial/basics")) == {"en": "Basics", "de": "Grundlagen"}
    assert index.lesson("site/intro").original().path == "docs/intro.md"
    assert index.material("site").original_language == "en"


def test_a_configuration_in_a_website_folder_with_its_default_locale(index: om.Index) -> None:
    assert lesson_paths(index, "web") == ["setup"]
    assert index.material("web").original_language == "pt-BR"


def test_a_default_locale_translated_too_leaves_the_docs_language_to_their_text(
    index: om.Index,
) -> None:
    """``defaultLocale: 'zh'`` with ``i18n/zh/…`` beside English docs (a site built one locale at
    a time): the docs are English, their translation Chinese."""
    assert titles(index.lesson("both/home")) == {"en": "Home Page", "zh": "主页"}
    assert index.material("both").original_language == "en"
