"""Every repository layout of ``docs/layouts.md``, indexed end to end through the public API.

Each fixture builds small git repositories shaped like one pattern, writes a catalogue, runs
``om.build`` and opens the index; the tests check what a site generator would see: lesson ids and
order, sections, titles per language, kinds, completeness, staleness, topics, and that pages that
are not lessons are absent.
"""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import material, orphan
from indexing import (
    Workspace,
    dedent,
    kinds,
    lesson_paths,
    po_catalog,
    remove,
    titles,
    words,
)

# --------------------------------------------------------------------------------------------
# 1. Sphinx with gettext catalogs


CONF_PY2 = dedent(
    """
    # -*- coding: utf-8 -*-
    #
    # Python for Beginners documentation build configuration file.
    import sys, os
    print "Building the Python for Beginners docs"
    extensions = []
    templates_path = ['_templates']
    source_suffix = '.rst'
    master_doc = 'index'
    project = u'Python for Beginners'
    copyright = u'2012, OpenTechSchool and contributors'
    version = '0.1'
    language = 'en'
    locale_dirs = ['locale/']
    gettext_compact = False
    html_theme = 'default'
    """
)

LOOPS = (
    "Loops",
    "Computers are good at doing the same thing again and again.",
    "Counting with range",
    "The ``range`` function gives you a sequence of numbers.",
    "Use a loop to print the numbers from one to ten, like this::",
)
LOOPS_RST = dedent(
    f"""
    {LOOPS[0]}
    *****

    Computers are good at doing the same
    thing again and again.

    .. code-block:: python

       for number in range(3):
           print(number)

    {LOOPS[2]}
    ===================

    {LOOPS[3]}

    {LOOPS[4]}

        for number in range(1, 11):
            print(number)
    """
)
INTRO = (
    "Introduction",
    "This workshop is for people who have never written a program.",
    "You will learn how to talk to the computer in Python.",
)
INTRO_ADDED = "At the end of the day you will write a small game of your own."
INTRO_RST = dedent(
    f"""
    {INTRO[0]}
    ============

    {INTRO[1]}

    {INTRO[2]}
    """
)
INTRO_DE = [
    (INTRO[0], "Einführung"),
    (INTRO[1], "Dieser Workshop ist für Leute, die noch nie programmiert haben."),
    (INTRO[2], "Du lernst, wie du mit dem Computer in Python sprichst."),
]
INTRO_DE_REVISED = po_catalog(
    "introduction", [(INTRO[0], "Einstieg"), *INTRO_DE[1:]], language="de"
)


def _rst(title: str, *paragraphs: str) -> str:
    return "\n\n".join([f"{title}\n{'=' * len(title)}", *paragraphs]) + "\n"


@pytest.fixture(scope="module")
def sphinx_gettext(workspace: Workspace) -> om.Index:
    repo = workspace.repo("python-beginners", branch="master")
    repo.write(
        {
            "README.rst": _rst("Python for Beginners", "The material of the workshop."),
            ".tx/config": dedent(
                """
                [main]
                host = https://www.transifex.com

                type = PO

                [python-for-beginners.loops]
                file_filter = source/translations/<lang>/LC_MESSAGES/loops.po
                source_file = _build/locale/en/loops.pot
                source_lang = en

                [python-for-beginners.pybeginners]
                file_filter = source/_locales/<lang>/LC_MESSAGES/pybeginners.po
                source_file = _build/locale/en/pybeginners.pot
                source_lang = en
                """
            ),
            "source/conf.py": CONF_PY2,
            "source/index.rst": dedent(
                """
                Python for Beginners
                ********************

                Welcome to the workshop. These pages teach you the basics of programming.

                .. toctree::
                    :maxdepth: 2

                    introduction
                    basics/index
                    loops
                    copyright
                """
            ),
            "source/copyright.rst": _rst(
                "Copyright", "This work is licensed under CC BY-SA 3.0 Unported."
            ),
            "source/locale/de/LC_MESSAGES/index.po": po_catalog(
                "index", [("Python for Beginners", "Python für Anfänger")], language="de"
            ),
            "source/locale/de/LC_MESSAGES/copyright.po": po_catalog(
                "copyright", [("Copyright", "Urheberrecht")], language="de"
            ),
            "source/basics/index.rst": dedent(
                """
                The basics
                ==========

                Two small steps before the loops.

                .. toctree::

                   variables
                   strings
                """
            ),
            "source/basics/variables.rst": _rst(
                "Variables", "A variable is a name for a value that you want to keep."
            ),
            "source/basics/strings.rst": _rst(
                "Strings", "A string is a piece of text between quotes."
            ),
            "source/introduction.rst": INTRO_RST,
            "source/loops.rst": LOOPS_RST,
            # German: partly translated, one fuzzy entry.
            "source/locale/de/LC_MESSAGES/loops.po": po_catalog(
                "loops",
                [
                    (LOOPS[0], "Schleifen"),
                    (
                        LOOPS[1],
                        "Computer können immer wieder dasselbe tun, ohne dass sie sich langweilen.",
                    ),
                    (LOOPS[2], "Zählen mit range"),
                    (LOOPS[3], "Die Funktion range gibt dir eine Folge von Zahlen.", "fuzzy"),
                    (LOOPS[4], ""),
                ],
                language="de",
                translators=["Sabine Krüger <sabine@example.org>, 2013"],
            ),
            "source/locale/de/LC_MESSAGES/introduction.po": po_catalog(
                "introduction", INTRO_DE, language="de"
            ),
            "source/locale/de/LC_MESSAGES/basics/variables.po": po_catalog(
                "basics/variables",
                [
                    ("Variables", "Variablen"),
                    (
                        "A variable is a name for a value that you want to keep.",
                        "Eine Variable ist ein Name für einen Wert, den du behalten willst.",
                    ),
                ],
                language="de",
            ),
            # Chilean Spanish, gettext spelling es_CL.
            "source/locale/es_CL/LC_MESSAGES/loops.po": po_catalog(
                "loops",
                [
                    (LOOPS[0], "Ciclos"),
                    (LOOPS[1], "Las computadoras son buenas para hacer lo mismo una y otra vez."),
                    (LOOPS[2], "Contar con range"),
                    (LOOPS[3], "La función range te da una secuencia de números."),
                    (LOOPS[4], "Usa un ciclo para imprimir los números del uno al diez."),
                ],
                language="es_CL",
            ),
            # French: a byte copy of the template, nothing translated.
            "source/locale/fr/LC_MESSAGES/loops.po": po_catalog(
                "loops", [(message, "") for message in LOOPS], language=None
            ),
            # The source language's own (empty) catalogs.
            "source/locale/en/LC_MESSAGES/loops.po": po_catalog(
                "loops", [(message, "") for message in LOOPS], language="en"
            ),
            # The older single catalog of every lesson: superseded.
            "source/_locales/de/LC_MESSAGES/pybeginners.po": po_catalog(
                "pybeginners",
                [
                    (LOOPS[0], "Schleifen (alt)"),
                    (INTRO[0], "Einleitung (alt)"),
                    ("Strings", "Zeichenketten (alt)"),
                ],
                language="de",
            ),
            # Korean, where .tx/config says the catalogs are.
            "source/translations/ko/LC_MESSAGES/loops.po": po_catalog(
                "loops",
                [
                    (LOOPS[0], "반복문"),
                    (LOOPS[1], "컴퓨터는 같은 일을 계속 반복하는 데 능숙합니다."),
                    (LOOPS[2], "range로 세기"),
                    (LOOPS[3], "range 함수는 숫자의 나열을 줍니다."),
                    (LOOPS[4], "반복문으로 1부터 10까지의 숫자를 출력하세요."),
                ],
                language="ko",
            ),
        }
    ).commit("Lessons and their catalogs", date="2013-05-04T10:00:00+00:00")
    # The introduction grows a paragraph; the German catalog is touched later but does not
    # learn the new message.
    repo.write({"source/introduction.rst": f"{INTRO_RST}\n{INTRO_ADDED}\n"}).commit(
        "A new paragraph", date="2013-07-01T10:00:00+00:00"
    )
    repo.write({"source/locale/de/LC_MESSAGES/introduction.po": INTRO_DE_REVISED}).commit(
        "Besserer Titel", date="2013-08-01T10:00:00+00:00"
    )
    return workspace.build("sphinx-gettext", [material("python-beginners", repo)])


def test_sphinx_toctree_order_and_conf_py2(sphinx_gettext):
    index = sphinx_gettext
    material_ = index.material("python-beginners")
    assert material_.branch == "master"
    assert material_.original_language == "en"
    paths = lesson_paths(index, "python-beginners")
    # The sub-index itself may or may not count as a lesson; the lessons it lists are in place.
    assert [p for p in paths if p != "basics/index"] == [
        "introduction",
        "basics/variables",
        "basics/strings",
        "loops",
    ]
    orders = [lesson.order for lesson in index.lessons(material="python-beginners")]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)
    # Neither the master document, nor the licence page, nor catalogs, nor the README are
    # lessons (their catalogs, index.po and copyright.po, do not make them lessons either).
    assert not {"index", "copyright", "pybeginners", "README"} & set(paths)
    loops = index.lesson("python-beginners/loops")
    assert loops.original().title == "Loops"
    assert loops.original().path == "source/loops.rst"
    assert loops.original().kind == "original"
    assert loops.original().completeness == 1.0


def test_sphinx_gettext_languages_kinds_and_titles(sphinx_gettext):
    loops = sphinx_gettext.lesson("python-beginners/loops")
    assert loops.original_language == "en"
    assert set(loops.versions) == {"en", "de", "es-CL", "fr", "ko"}
    assert kinds(loops) == {
        "en": "original",
        "de": "gettext",
        "es-CL": "gettext",
        "fr": "gettext",
        "ko": "gettext",
    }
    # The source language's own catalogs are ignored: English is the .rst.
    assert loops.versions["en"].path == "source/loops.rst"
    assert loops.versions["de"].path == "source/locale/de/LC_MESSAGES/loops.po"
    assert loops.versions["es-CL"].path == "source/locale/es_CL/LC_MESSAGES/loops.po"
    assert loops.versions["ko"].path == "source/translations/ko/LC_MESSAGES/loops.po"
    # Titles come from the msgstr of the title; the superseded _locales catalog is not used.
    assert titles(loops) == {
        "en": "Loops",
        "de": "Schleifen",
        "es-CL": "Ciclos",
        "fr": "Loops",
        "ko": "반복문",
    }
    # The title from the catalog as last committed (the translator revised it).
    assert sphinx_gettext.lesson("python-beginners/introduction").versions["de"].title == (
        "Einstieg"
    )
    strings = sphinx_gettext.lesson("python-beginners/basics/strings")
    assert set(strings.versions) == {"en"}
    variables = sphinx_gettext.lesson("python-beginners/basics/variables")
    assert variables.versions["de"].title == "Variablen"
    assert variables.versions["de"].path == "source/locale/de/LC_MESSAGES/basics/variables.po"
    assert variables.versions["de"].completeness == 1.0


def test_sphinx_gettext_completeness_counts_translated_words_fuzzy_not(sphinx_gettext):
    loops = sphinx_gettext.lesson("python-beginners/loops")
    german = loops.versions["de"]
    expected = words(*LOOPS[:3]) / words(*LOOPS)
    assert german.completeness == pytest.approx(expected, abs=1e-4)
    assert german.counts is not None
    assert german.counts.messages == len(LOOPS)
    assert german.counts.translated == 3
    assert german.counts.fuzzy == 1
    assert german.counts.untranslated == 1
    assert german.counts.words == words(*LOOPS)
    assert german.outdated is False
    assert loops.versions["es-CL"].completeness == 1.0
    assert loops.versions["es-CL"].outdated is False
    assert loops.versions["ko"].completeness == 1.0


def test_sphinx_gettext_empty_french_catalog_is_never_chosen(sphinx_gettext):
    index = sphinx_gettext
    loops = index.lesson("python-beginners/loops")
    assert loops.versions["fr"].completeness == 0.0
    assert "fr" not in loops.languages()
    assert loops.languages() == ["de", "en", "es-CL", "ko"]
    chosen = index.best_version("python-beginners/loops", ["fr"])
    assert chosen.language == "en"
    assert chosen.kind == "original"
    assert index.best_version("python-beginners/loops", ["es-CL", "en;q=0.5"]).title == "Ciclos"
    assert "python-beginners/loops" not in {x.id for x in index.lessons(language="fr")}
    assert "python-beginners/loops" in {x.id for x in index.lessons(language="es-CL")}


def test_sphinx_gettext_catalog_lagging_behind_the_source(sphinx_gettext):
    # The catalog was committed after the .rst changed, but lacks the new paragraph.
    german = sphinx_gettext.lesson("python-beginners/introduction").versions["de"]
    assert german.updated == "2013-08-01"
    expected = words(*INTRO) / words(*INTRO, INTRO_ADDED)
    assert german.completeness == pytest.approx(expected, abs=1e-4)
    assert german.completeness < 1.0
    assert german.outdated is True
    assert german.counts is not None
    assert german.counts.missing == 1
    assert german.counts.messages == 4


# --------------------------------------------------------------------------------------------
# 2. Sphinx on one branch, a Jekyll translation on another


def _front(title: str, body: str = "", **keys: str) -> str:
    lines = ["---", *(f"{key}: {value}" for key, value in keys.items()), f"title: {title}", "---"]
    return "\n".join(lines) + "\n" + (f"\n{body}\n" if body else "")


STRUCTURE_EN = (
    "Every web page has the same basic structure. The head holds information about the page "
    "and the body holds the content that you can see."
)
STRUCTURE_DE = (
    "Jede Webseite hat die gleiche Struktur. Im Kopf stehen die Informationen über die Seite "
    "und im Körper steht der Inhalt, den du sehen kannst. Öffne die Datei in deinem Editor und "
    "sieh dir die Tags an, die wir in der letzten Übung geschrieben haben."
)
STYLING_EN = (
    "With CSS you can change the colours and the fonts of your page. Add a style sheet to the "
    "head of the page and write your first rule."
)
FORMS_EN = "A form lets the visitors of your page send you a message. You need a form element."
FORMS_DE = (
    "Mit einem Formular kann der Besucher der Seite dir eine Nachricht schicken. Du brauchst "
    "dafür ein Element und ein paar Eingabefelder, die wir jetzt zusammen bauen, und die "
    "Daten werden dann an den Server geschickt."
)

HELLO_FR = (
    "Chaque page web a la même structure de base. La tête contient des informations sur la "
    "page et le corps contient le contenu que vous pouvez voir dans le navigateur."
)

HELLO_NL = (
    "Elke webpagina heeft dezelfde structuur. In het hoofd staat de informatie over de pagina "
    "en in het lichaam staat de inhoud die je kunt zien als je de pagina opent."
)


@pytest.fixture(scope="module")
def branch_repos(workspace: Workspace) -> dict[str, object]:
    repo = workspace.repo("html-css-beginners", branch="sphinx")
    repo.write(
        {
            "source/conf.py": "project = u'HTML and CSS for Beginners'\nmaster_doc = 'index'\n",
            "source/index.rst": dedent(
                """
                HTML and CSS for Beginners
                ==========================

                .. toctree::

                   core/structure
                   core/styling
                   core/layout
                   extras/forms
                """
            ),
            "source/core/structure.rst": _rst("The Template Structure", STRUCTURE_EN),
            "source/core/styling.rst": _rst("Styling with CSS", STYLING_EN),
            "source/core/layout.rst": _rst(
                "Page Layout", "Boxes sit next to each other or on top of each other."
            ),
            "source/extras/forms.rst": _rst("Forms", FORMS_EN),
        }
    ).commit("Sphinx lessons", date="2014-01-10T10:00:00+00:00")
    orphan(repo, "german").write(
        {
            "_config.yml": "title: HTML und CSS für Anfänger\nbaseurl: /html-css-beginners\n",
            "index.md": _front("Willkommen", "Das ist die Startseite des Workshops."),
            # A translation.
            "core/structure.md": _front("Die Template-Struktur", STRUCTURE_DE, layout="ots"),
            # Still in English: not a translation.
            "core/styling.md": _front("Styling with CSS", STYLING_EN, layout="ots"),
            # Front matter and an empty body: not a translation.
            "core/layout.md": _front("Seitenlayout", layout="ots"),
            # An English front matter title over a German body: a translation.
            "extras/forms.md": _front("Forms", FORMS_DE, layout="ots"),
        }
    ).commit("Deutsche Übersetzung", date="2014-02-01T10:00:00+00:00")
    orphan(repo, "gh-pages").write(
        {
            "index.html": "<html><head><title>HTML and CSS</title></head><body></body></html>",
            "core/structure.html": f"<h1>The Template Structure</h1><p>{STRUCTURE_EN}</p>",
            "built-only.html": f"<title>Built only</title><p>{STYLING_EN}</p>",
        }
    ).commit("Built site", date="2014-02-02T10:00:00+00:00")
    orphan(repo, "jekyll-pages").write(
        {
            "_config.yml": "title: HTML and CSS\n",
            "core/old-page.md": _front("An old page", STYLING_EN),
            "core/structure.md": _front("The Template Structure", STRUCTURE_EN),
        }
    ).commit("An older copy", date="2014-02-03T10:00:00+00:00")
    repo.checkout("sphinx")
    repo.write(
        {"source/core/structure.rst": _rst("The Template Structure", STRUCTURE_EN, FORMS_EN)}
    ).commit("More on the structure", date="2014-03-05T10:00:00+00:00")

    deutsch = workspace.repo("js-deutsch")
    deutsch.write(
        {
            "README.md": "# JavaScript\n\nThe workshop.\n",
            "hello.md": "# Hello\n\n" + STRUCTURE_EN + "\n",
            "values.md": "# Values\n\n" + STYLING_EN + "\n",
        }
    ).commit("English", date="2015-01-01T10:00:00+00:00")
    deutsch.branch("deutsch").write({"hello.md": "# Hallo\n\n" + STRUCTURE_DE + "\n"}).commit(
        "Deutsch", date="2015-02-01T10:00:00+00:00"
    )
    deutsch.checkout("main")
    deutsch.branch("français").write({"hello.md": "# Bonjour\n\n" + HELLO_FR + "\n"}).commit(
        "Français", date="2015-03-01T10:00:00+00:00"
    )
    deutsch.checkout("main")
    # A branch whose name says no language: only the catalogue's ``branches`` finds it.
    deutsch.branch("wip").write({"hello.md": "# Hallo wereld\n\n" + HELLO_NL + "\n"}).commit(
        "Nederlands", date="2015-04-01T10:00:00+00:00"
    )
    deutsch.checkout("main")

    index = workspace.build(
        "branches",
        [
            material("htmlcss-auto", repo),
            material("htmlcss-named", repo, branches={"de": "german"}),
            material("deutsch-auto", deutsch),
            material("deutsch-gettext", deutsch, layout="gettext"),
            material("deutsch-named", deutsch, branches={"nl": "wip"}),
            material("htmlcss-gettext", repo, layout="gettext"),
        ],
    )
    return {"index": index, "repo": repo}


@pytest.mark.parametrize("ident", ["htmlcss-auto", "htmlcss-named"])
def test_branch_translation_of_a_sphinx_material(branch_repos, ident):
    index = branch_repos["index"]
    assert index.material(ident).branch == "sphinx"
    assert lesson_paths(index, ident) == [
        "core/structure",
        "core/styling",
        "core/layout",
        "extras/forms",
    ]
    structure = index.lesson(f"{ident}/core/structure")
    assert kinds(structure) == {"en": "original", "de": "branch"}
    assert titles(structure) == {"en": "The Template Structure", "de": "Die Template-Struktur"}
    german = structure.versions["de"]
    assert german.path == "core/structure.md"
    assert german.branch == "german"
    assert structure.versions["en"].path == "source/core/structure.rst"
    assert structure.versions["en"].branch == "sphinx"
    # Still English, or empty: not translations.
    assert set(index.lesson(f"{ident}/core/styling").versions) == {"en"}
    assert set(index.lesson(f"{ident}/core/layout").versions) == {"en"}
    # An English front matter title over a German body is a translation.
    forms = index.lesson(f"{ident}/extras/forms")
    assert kinds(forms) == {"en": "original", "de": "branch"}
    assert forms.versions["de"].title == "Forms"
    assert index.best_version(f"{ident}/extras/forms", "de-DE,de;q=0.9").path == "extras/forms.md"


@pytest.mark.parametrize("ident", ["htmlcss-auto", "htmlcss-named"])
def test_branch_translation_staleness(branch_repos, ident):
    index = branch_repos["index"]
    german = index.lesson(f"{ident}/core/structure").versions["de"]
    assert german.outdated is True
    assert german.staleness is not None
    assert german.staleness.commits == 1
    assert german.staleness.since == "2014-03-05"
    assert german.updated == "2014-02-01"
    forms = index.lesson(f"{ident}/extras/forms").versions["de"]
    assert forms.outdated is False
    assert forms.staleness is not None
    assert forms.staleness.commits == 0
    assert forms.staleness.since is None


def test_built_and_old_branches_are_not_lessons(branch_repos):
    index = branch_repos["index"]
    for ident in ("htmlcss-auto", "htmlcss-named"):
        paths = lesson_paths(index, ident)
        assert "built-only" not in paths
        assert "core/old-page" not in paths
        assert "index" not in paths
        branches = {
            version.branch
            for lesson in index.lessons(material=ident)
            for version in lesson.versions.values()
        }
        assert branches == {"sphinx", "german"}


def test_branch_named_in_the_language_itself(branch_repos):
    index = branch_repos["index"]
    assert lesson_paths(index, "deutsch-auto") == ["hello", "values"]
    hello = index.lesson("deutsch-auto/hello")
    assert kinds(hello) == {"en": "original", "de": "branch", "fr": "branch"}
    assert titles(hello) == {"en": "Hello", "de": "Hallo", "fr": "Bonjour"}
    assert hello.versions["de"].branch == "deutsch"
    assert hello.versions["fr"].branch == "français"
    # values.md is unchanged on the branch: still English.
    assert set(index.lesson("deutsch-auto/values").versions) == {"en"}


def test_catalogue_branches_name_a_translation_branch(branch_repos):
    index = branch_repos["index"]
    named = index.lesson("deutsch-named/hello")
    assert kinds(named)["nl"] == "branch"
    assert named.versions["nl"].branch == "wip"
    assert named.versions["nl"].title == "Hallo wereld"
    # Without the catalogue's word, a branch called ``wip`` is no translation.
    assert "nl" not in index.lesson("deutsch-auto/hello").versions


@pytest.mark.parametrize("ident", ["deutsch-gettext", "htmlcss-gettext"])
def test_layout_gettext_ignores_translation_branches(branch_repos, ident):
    index = branch_repos["index"]
    lessons = index.lessons(material=ident)
    assert lessons
    for lesson in lessons:
        assert set(lesson.versions) == {"en"}, lesson.id


# --------------------------------------------------------------------------------------------
# 3. Jekyll with a navigation map


@pytest.fixture(scope="module")
def jekyll_map(workspace: Workspace) -> om.Index:
    repo = workspace.repo("python-flask", branch="gh-pages")
    repo.write(
        {
            "_config.yml": dedent(
                """
                permalinks: title
                baseurl: /python-flask
                title: Python Flask
                map:
                 - title: Home
                   path: /
                   caption: Websites with Python Flask
                 - title: Core
                   path: /core.html
                   caption: The 'mandatory' workshop content
                   subpages:
                    - title: Setting up
                      path: /core/setup.html
                      caption: Installation instructions for Windows, OSX and Linux.
                    - title: Your first app
                      path: /core/hello.html
                      caption:
                    - title: Templating
                      path: /core/templates.html
                      caption:
                 - title: Extras
                   path: /extras.html
                   caption: Additional workshop content
                   subpages:
                    - title: Going live
                      path: /extras/deploy.html
                      caption:
                """
            ),
            # A blank line after the opening ---.
            "index.md": "---\n\nlayout: ots\ntitle: Python Flask\n---\n\nWelcome.\n",
            "core/README.md": "---\nlayout: ots\ntitle: Core\n---\n\nThe core lessons.\n",
            "extras/README.md": "---\nlayout: ots\ntitle: Extras\n---\n\nMore lessons.\n",
            "core/setup.md": _front(
                "Setup", "Install Flask with pip and make a folder.", layout="ots"
            ),
            # A blank line after the opening ---.
            "core/hello.md": "---\n\nlayout: ots\ntitle: Hello, Flask\n\n---\n\nYour first app.\n",
            "core/templates.md": _front("Templates", "Jinja fills in the gaps.", layout="ots"),
            "extras/deploy.md": _front("Deployment", "Put the app on a server.", layout="ots"),
            "_layouts/ots.html": "<html><body>{{ content }}</body></html>\n",
            "Gemfile": "source 'https://rubygems.org'\ngem 'github-pages'\n",
            "css/main.css": "body { color: black; }\n",
            "css/notes.md": "# Notes on the style sheet\n",
            "files/exercise.md": "# Data for the exercise\n",
            "files/app.py": "print('hello')\n",
            "LICENCE": "This work is licensed under Creative Commons CC BY-SA 3.0.\n",
        }
    ).commit("Site")
    return workspace.build("jekyll-map", [material("python-flask", repo)])


def test_jekyll_map_gives_order_and_sections(jekyll_map):
    lessons = jekyll_map.lessons(material="python-flask")
    assert [lesson.path for lesson in lessons] == [
        "core/setup",
        "core/hello",
        "core/templates",
        "extras/deploy",
    ]
    assert [lesson.section for lesson in lessons] == ["Core", "Core", "Core", "Extras"]
    # The page's own title wins over the map's label.
    assert [lesson.original().title for lesson in lessons] == [
        "Setup",
        "Hello, Flask",
        "Templates",
        "Deployment",
    ]
    assert [lesson.order for lesson in lessons] == sorted(lesson.order for lesson in lessons)
    assert all(set(lesson.versions) == {"en"} for lesson in lessons)
    assert jekyll_map.lesson("python-flask/core/setup").versions["en"].path == "core/setup.md"


def test_jekyll_landing_pages_and_assets_are_not_lessons(jekyll_map):
    paths = set(lesson_paths(jekyll_map, "python-flask"))
    for absent in ("index", "core/README", "extras/README", "core", "extras", "css/notes"):
        assert absent not in paths
    assert not any(p.startswith(("files/", "css/", "_layouts/")) for p in paths)
    with pytest.raises(om.NotFoundError):
        jekyll_map.lesson("python-flask/index")


# --------------------------------------------------------------------------------------------
# 4. Plain HTML pages with language suffixes


def _page(title: str, body: str, *, links: tuple[str, ...] = ()) -> str:
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}</title></head>\n"
        f"<body><h1>{title}</h1><p>{body}</p><ol>{items}</ol></body></html>\n"
    )


PAGES_EN = {
    1: ("Lists &amp; Loops", "Here you learn how to repeat the same steps for every item."),
    2: ("Functions", "A function is a piece of code that has a name."),
    3: ("Objects", "An object holds values and the functions that work on them."),
    4: ("Events", "The browser tells you when the user clicks on the page."),
}
PAGES_DE = {
    1: ("Listen &amp; Schleifen", "Hier lernst du, wie du die gleichen Schritte wiederholst."),
    2: ("Funktionen", "Eine Funktion ist ein Stück Code, das einen Namen hat."),
    3: ("Objekte", "Ein Objekt enthält Werte und die Funktionen, die mit ihnen arbeiten."),
    4: ("Ereignisse", "Der Browser sagt dir, wenn der Benutzer auf die Seite klickt."),
}


@pytest.fixture(scope="module")
def html_suffix(workspace: Workspace) -> om.Index:
    repo = workspace.repo("js-curriculum")
    files = {
        "index.html": _page(
            "Curriculum &amp; Overview",
            "Four pages for the evening.",
            links=("page1.html", "page2.html", "page3.html", "page4.html", "index_de.html"),
        ),
        "index_de.html": _page(
            "Lehrplan &amp; Überblick",
            "Vier Seiten für den Abend.",
            links=("page1_de.html", "page2_de.html", "page3_de.html", "page4_de.html"),
        ),
        "lib/codemirror2/LICENSE": "Copyright (C) 2011 by Marijn Haverbeke\nMIT licence\n",
        "lib/codemirror2/index.html": _page("CodeMirror", "In-browser code editing."),
        "lib/codemirror2/demo/complete.html": _page("CodeMirror: Autocomplete", "A demo."),
        "lib/codemirror2/codemirror.js": "var CodeMirror = {};\n",
    }
    for number, (title, body) in PAGES_EN.items():
        files[f"page{number}.html"] = _page(title, body)
    for number, (title, body) in PAGES_DE.items():
        files[f"page{number}_de.html"] = _page(title, body)
    repo.write(files).commit("Curriculum", date="2012-09-01T10:00:00+00:00")
    repo.write({"page2.html": _page("Functions", PAGES_EN[2][1] + " It can return a value.")})
    repo.commit("More on functions", date="2012-10-01T10:00:00+00:00")
    return workspace.build("html-suffix", [material("js-curriculum", repo)])


def test_html_suffix_pairs_pages_and_decodes_entities(html_suffix):
    index = html_suffix
    paths = lesson_paths(index, "js-curriculum")
    assert paths[:4] == ["page1", "page2", "page3", "page4"]
    page1 = index.lesson("js-curriculum/page1")
    assert kinds(page1) == {"en": "original", "de": "file"}
    assert titles(page1) == {"en": "Lists & Loops", "de": "Listen & Schleifen"}
    assert page1.versions["de"].path == "page1_de.html"
    assert page1.versions["en"].path == "page1.html"
    for number in (2, 3, 4):
        lesson = index.lesson(f"js-curriculum/page{number}")
        assert titles(lesson) == {"en": PAGES_EN[number][0], "de": PAGES_DE[number][0]}
    assert page1.versions["de"].outdated is False


def test_html_suffix_file_translation_staleness(html_suffix):
    german = html_suffix.lesson("js-curriculum/page2").versions["de"]
    assert german.kind == "file"
    assert german.outdated is True
    assert german.staleness is not None
    assert german.staleness.commits == 1
    assert german.staleness.since == "2012-10-01"


def test_html_suffix_vendored_files_are_not_lessons(html_suffix):
    paths = lesson_paths(html_suffix, "js-curriculum")
    assert not any(p.startswith("lib/") or "codemirror" in p for p in paths)
    assert not {"LICENSE", "index.html"} & set(paths)
    assert not any(p.endswith("_de") and p != "index_de" for p in paths)


def test_html_suffix_index_de_is_the_german_index(html_suffix):
    paths = lesson_paths(html_suffix, "js-curriculum")
    assert "index_de" not in paths
    for lesson in html_suffix.lessons(material="js-curriculum"):
        for version in lesson.versions.values():
            if version.path.endswith("_de.html"):
                assert version.language == "de", version
                assert version.kind == "file", version
    if "index" in paths:
        assert titles(html_suffix.lesson("js-curriculum/index")) == {
            "en": "Curriculum & Overview",
            "de": "Lehrplan & Überblick",
        }


# --------------------------------------------------------------------------------------------
# 5. One Sphinx tree per language


@pytest.fixture(scope="module")
def sphinx_trees(workspace: Workspace) -> om.Index:
    repo = workspace.repo("django-workshop")

    def tree(language: str, entries: list[str]) -> str:
        body = "\n".join(f"   {entry}" for entry in entries)
        return f"Django Workshop\n===============\n\n.. toctree::\n   :maxdepth: 2\n\n{body}\n"

    def sub(title: str, entries: list[str]) -> str:
        body = "\n".join(f"   {entry}" for entry in entries)
        return f"{title}\n{'=' * len(title)}\n\n.. toctree::\n\n{body}\n"

    repo.write(
        {
            "docs/common.py": "project = u'Django Workshop'\n",
            "docs/de/conf.py": "execfile('../common.py')\nlanguage = 'de'\n",
            "docs/en/conf.py": "execfile('../common.py')\nlanguage = 'en'\n",
            "docs/de/index.rst": tree("de", ["einfuehrung", "erste_schritte/index", "lizenz"]),
            "docs/de/einfuehrung.rst": _rst(
                "Einführung", "In diesem Workshop baust du eine Webseite mit Django."
            ),
            "docs/de/erste_schritte/index.rst": sub("Erste Schritte", ["datenbank", "vorlagen"]),
            "docs/de/erste_schritte/datenbank.rst": _rst(
                "Die Datenbank", "Die Daten werden in einer Datenbank gespeichert."
            ),
            "docs/de/erste_schritte/vorlagen.rst": _rst(
                "Vorlagen", "Mit Vorlagen wird aus den Daten eine Seite."
            ),
            "docs/de/lizenz.rst": _rst("Lizenz", "CC BY-SA 3.0 Deutschland."),
            "docs/en/index.rst": tree("en", ["introduction", "first_steps/index", "license"]),
            "docs/en/introduction.rst": _rst(
                "Introduction", "In this workshop you build a web site with Django."
            ),
            "docs/en/first_steps/index.rst": sub("First Steps", ["database"]),
            "docs/en/first_steps/database.rst": _rst(
                "The Database", "The data is stored in a database."
            ),
            "docs/en/license.rst": _rst("License", "CC BY-SA 3.0 Germany."),
        }
    ).commit("Both trees")
    return workspace.build("sphinx-trees", [material("django", repo, language="de")])


def test_sphinx_tree_per_language_pairs_by_toctree_position(sphinx_trees):
    index = sphinx_trees
    assert index.material("django").original_language == "de"
    paths = [p for p in lesson_paths(index, "django") if not p.endswith("index")]
    assert paths == ["einfuehrung", "erste_schritte/datenbank", "erste_schritte/vorlagen"]
    database = index.lesson("django/erste_schritte/datenbank")
    assert database.original_language == "de"
    assert kinds(database) == {"de": "original", "en": "file"}
    assert titles(database) == {"de": "Die Datenbank", "en": "The Database"}
    assert database.versions["de"].path == "docs/de/erste_schritte/datenbank.rst"
    assert database.versions["en"].path == "docs/en/first_steps/database.rst"
    intro = index.lesson("django/einfuehrung")
    assert titles(intro) == {"de": "Einführung", "en": "Introduction"}
    # The English tree has one document fewer: that lesson is German only.
    templates = index.lesson("django/erste_schritte/vorlagen")
    assert set(templates.versions) == {"de"}
    assert templates.versions["de"].kind == "original"


def test_sphinx_tree_per_language_english_names_are_not_lessons(sphinx_trees):
    paths = lesson_paths(sphinx_trees, "django")
    assert not any(p.startswith(("first_steps", "en/", "introduction")) for p in paths)
    assert "database" not in " ".join(paths)
    assert not {"lizenz", "license", "index"} & set(paths)


# --------------------------------------------------------------------------------------------
# 6. Jekyll posts as chapters, 7. pages ordered by ``num``


@pytest.fixture(scope="module")
def jekyll_sequences(workspace: Workspace) -> om.Index:
    posts = workspace.repo("js-posts")
    posts.write(
        {
            "_config.yml": "title: JavaScript for Cats\n",
            "index.md": _front("JavaScript for Cats", "Start here."),
            "_layouts/default.html": "<footer>Licensed under CC BY-SA 3.0</footer>\n",
            "_posts/2013-01-01-intro.md": _front("Intro", "Hello.", chapter="1"),
            "_posts/2013-01-02-variables.markdown": _front("Variables", "Boxes.", chapter="2"),
            "_posts/2013-01-03-functions.md": _front("Functions", "Verbs.", chapter="3"),
            "_posts/2013-01-10-objects.md": _front("Objects", "Things.", chapter="4"),
        }
    ).commit("Posts")

    pages = workspace.repo("git-workshop")
    pages.write(
        {
            "_config.yml": "title: Git\n",
            "_data/authors.yml": "- firstname: Ada\n  lastname: Lovelace\n",
            "_data/team.md": "# The team\n",
            "index.md": _front("Git workshop", "Start here."),
            "welcome.markdown": "---\ntitle: Welcome\nnum: 0\n---\n\nHello.\n",
            "zebra.markdown": "---\ntitle: Commits\nnum: 1\n---\n\nSave your work.\n",
            "datastructures.markdown": dedent(
                """
                ---
                num: 2
                ---

                ##a) Basic data structures

                Blobs, trees and commits.

                ##b) References

                Branches point at commits.
                """
            ),
            "branches.markdown": "---\ntitle: Branches\nnum: 3\n---\n\nWork in parallel.\n",
            "appendix.markdown": "---\ntitle: Appendix\nnum: 999\n---\n\nMore.\n",
            "cheatsheet.markdown": "---\ntitle: Cheat sheet\n---\n\nCommands.\n",
            "glossary.markdown": "---\ntitle: Glossary\nnum:\n---\n\nWords.\n",
        }
    ).commit("Pages")
    return workspace.build(
        "jekyll-sequences", [material("js-posts", posts), material("git-workshop", pages)]
    )


def test_jekyll_posts_ordered_by_date_keyed_by_slug(jekyll_sequences):
    lessons = jekyll_sequences.lessons(material="js-posts")
    assert [lesson.path for lesson in lessons] == ["intro", "variables", "functions", "objects"]
    assert [lesson.original().title for lesson in lessons] == [
        "Intro",
        "Variables",
        "Functions",
        "Objects",
    ]
    assert lessons[1].original().path == "_posts/2013-01-02-variables.markdown"
    assert jekyll_sequences.lesson("js-posts/functions").id == "js-posts/functions"


def test_jekyll_pages_ordered_by_num(jekyll_sequences):
    paths = lesson_paths(jekyll_sequences, "git-workshop")
    assert paths[:4] == ["welcome", "zebra", "datastructures", "branches"]
    assert set(paths[4:]) == {"appendix", "cheatsheet", "glossary"}
    assert not {"index", "_data/team", "team"} & set(paths)
    titles_ = [jekyll_sequences.lesson(f"git-workshop/{p}").original().title for p in paths[:4]]
    # ``##a) …`` is a sub-heading, never the title: the file name, made readable, is.
    assert titles_ == ["Welcome", "Commits", "Datastructures", "Branches"]


# --------------------------------------------------------------------------------------------
# 8. Plain HTML chapters, 9. co-learning folders


@pytest.fixture(scope="module")
def plain_sites(workspace: Workspace) -> om.Index:
    chapters = workspace.repo("javascript-beginners")
    chapters.write(
        {
            "index.html": _page(
                "JavaScript for Beginners",
                "Work through the chapters in order.",
                links=("chapter1.html", "chapter3.html", "chapter2.html"),
            ),
            "chapter1.html": _page("Getting started", "Open the console of your browser."),
            "chapter2.html": _page("Loops &amp; Arrays", "Arrays keep many values."),
            "chapter3.html": _page("Values", "Numbers and strings are values."),
            "chapter1_solutions.html": _page("Solutions", "The answers of chapter one."),
        }
    ).commit("Chapters")

    colearning = workspace.repo("colearning")
    colearning.write(
        {
            "README.md": "# Co-learning\n\nEvery folder is one exercise.\n",
            "exercises/02-loops/README.md": "# Loops\n\nRepeat things.\n",
            "exercises/01-hello/README.md": "# Hello world\n\nPrint a greeting.\n",
            "exercises/01-hello/hello.py": "print('hello')\n",
            "participants/anna/README.md": "# Anna's notes\n\nWhat I learned today.\n",
        }
    ).commit("Folders")
    return workspace.build(
        "plain", [material("chapters", chapters), material("colearning", colearning)]
    )


def test_html_chapters_ordered_by_the_links_of_index(plain_sites):
    lessons = plain_sites.lessons(material="chapters")
    assert [lesson.path for lesson in lessons] == ["chapter1", "chapter3", "chapter2"]
    assert [lesson.original().title for lesson in lessons] == [
        "Getting started",
        "Values",
        "Loops & Arrays",
    ]
    paths = {lesson.path for lesson in lessons}
    assert "chapter1_solutions" not in paths
    assert "index" not in paths


def test_colearning_folders_are_lessons(plain_sites):
    lessons = plain_sites.lessons(material="colearning")
    assert [lesson.path for lesson in lessons] == [
        "exercises/01-hello",
        "exercises/02-loops",
        "participants/anna",
    ]
    assert [lesson.original().title for lesson in lessons] == [
        "Hello world",
        "Loops",
        "Anna's notes",
    ]
    assert lessons[0].original().path == "exercises/01-hello/README.md"
    assert "" not in {lesson.path for lesson in lessons}
    assert "README" not in {lesson.path for lesson in lessons}


# --------------------------------------------------------------------------------------------
# 10. Languages in folders, suffixes and front matter; forced layouts


@pytest.fixture(scope="module")
def marked_languages(workspace: Workspace) -> om.Index:
    folders = workspace.repo("web-folders")
    folders.write(
        {
            "README.md": "# Web\n\nThe workshop in three languages.\n",
            "en/setup.md": "# Setting up\n\nInstall the editor before the workshop.\n",
            "de/setup.md": "# Einrichtung\n\nInstalliere den Editor vor dem Workshop.\n",
            "pt-BR/setup.md": "# Configuração\n\nInstale o editor antes do workshop.\n",
            "en/html.md": "# HTML basics\n\nTags give the text a structure.\n",
            "de/html.md": "# HTML-Grundlagen\n\nTags geben dem Text eine Struktur.\n",
        }
    ).commit("Three languages")

    underscore = workspace.repo("web-underscore")
    underscore.write(
        {
            "en/setup.md": "# Setting up\n\nInstall the editor before the workshop.\n",
            "pt_BR/setup.md": "# Configuração\n\nInstale o editor antes do workshop.\n",
        }
    ).commit("Two languages")

    suffixes = workspace.repo("suffixes")
    suffixes.write(
        {
            "README.md": "# Suffixes\n",
            "lesson.md": "# The lesson\n\nThe text of the lesson.\n",
            "lesson.de.md": "# Die Lektion\n\nDer Text der Lektion.\n",
            "loops.md": "# Loops\n\nRepeat the same steps.\n",
            "loops_de.md": "# Schleifen\n\nWiederhole die gleichen Schritte.\n",
            "intro_to.md": "# Intro to programming\n\nA first look at code.\n",
        }
    ).commit("Suffixes")

    front = workspace.repo("front-matter-lang")
    front.write(
        {
            "setup.md": _front("Setup", "Install the editor before the workshop."),
            "einrichtung.md": "---\nlang: de\ntitle: Einrichtung\n---\n\nInstalliere den Editor.\n",
            "oppsett.md": "---\nlang: no\ntitle: Oppsett\n---\n\nInstaller editoren.\n",
            "werkzeuge.md": "---\nlanguage: de\ntitle: Werkzeuge\n---\n\nDer Editor.\n",
        }
    ).commit("Languages in front matter")

    french = workspace.repo("bases-python")
    french.write(
        {
            "bases.md": "# Les bases\n\nDans cet atelier, vous apprenez les bases de Python.\n",
            "boucles.md": "# Les boucles\n\nUne boucle répète les mêmes étapes.\n",
        }
    ).commit("Français")

    return workspace.build(
        "marked",
        [
            material("folders", folders),
            material("underscore", underscore),
            material("suffixes", suffixes),
            material("suffixes-single", suffixes, layout="single"),
            material("front", front),
            material("french", french, language="fr"),
        ],
    )


def test_per_language_folders(marked_languages):
    index = marked_languages
    assert set(lesson_paths(index, "folders")) == {"setup", "html"}
    setup = index.lesson("folders/setup")
    assert kinds(setup) == {"en": "original", "de": "file", "pt-BR": "file"}
    assert titles(setup) == {"en": "Setting up", "de": "Einrichtung", "pt-BR": "Configuração"}
    assert setup.versions["pt-BR"].path == "pt-BR/setup.md"
    assert setup.versions["en"].path == "en/setup.md"
    html = index.lesson("folders/html")
    assert kinds(html) == {"en": "original", "de": "file"}
    assert index.best_version("folders/setup", "pt-BR,pt;q=0.8").title == "Configuração"


def test_per_language_folders_gettext_spelling(marked_languages):
    assert lesson_paths(marked_languages, "underscore") == ["setup"]
    setup = marked_languages.lesson("underscore/setup")
    assert kinds(setup) == {"en": "original", "pt-BR": "file"}
    assert setup.versions["pt-BR"].path == "pt_BR/setup.md"


def test_filename_suffixes(marked_languages):
    index = marked_languages
    assert set(lesson_paths(index, "suffixes")) == {"lesson", "loops", "intro_to"}
    lesson = index.lesson("suffixes/lesson")
    assert kinds(lesson) == {"en": "original", "de": "file"}
    assert titles(lesson) == {"en": "The lesson", "de": "Die Lektion"}
    assert lesson.versions["de"].path == "lesson.de.md"
    loops = index.lesson("suffixes/loops")
    assert titles(loops) == {"en": "Loops", "de": "Schleifen"}
    assert loops.versions["de"].path == "loops_de.md"
    # ``_to`` is not taken for Tongan when there is no ``intro.md``.
    intro = index.lesson("suffixes/intro_to")
    assert kinds(intro) == {"en": "original"}
    assert intro.original().title == "Intro to programming"


def test_layout_single_stops_suffix_recognition(marked_languages):
    paths = set(lesson_paths(marked_languages, "suffixes-single"))
    assert {"lesson", "lesson.de", "loops", "loops_de", "intro_to"} <= paths
    lesson = marked_languages.lesson("suffixes-single/lesson")
    assert set(lesson.versions) == {"en"}
    separate = marked_languages.lesson("suffixes-single/lesson.de")
    assert separate.versions[separate.original_language].path == "lesson.de.md"


def test_front_matter_language(marked_languages):
    index = marked_languages
    assert set(lesson_paths(index, "front")) == {"setup", "einrichtung", "oppsett", "werkzeuge"}
    assert index.lesson("front/setup").original_language == "en"
    german = index.lesson("front/einrichtung")
    assert german.original_language == "de"
    assert titles(german) == {"de": "Einrichtung"}
    norwegian = index.lesson("front/oppsett")
    assert norwegian.original_language == "no"
    assert titles(norwegian) == {"no": "Oppsett"}
    assert kinds(index.lesson("front/werkzeuge")) == {"de": "original"}


def test_single_language_material_in_french(marked_languages):
    index = marked_languages
    assert index.material("french").original_language == "fr"
    lessons = index.lessons(material="french")
    assert [lesson.path for lesson in lessons] == ["bases", "boucles"]
    for lesson in lessons:
        assert lesson.original_language == "fr"
        assert kinds(lesson) == {"fr": "original"}
    assert lessons[1].versions["fr"].title == "Les boucles"
    assert {x.id for x in index.lessons(language="fr", material="french")} == {
        "french/bases",
        "french/boucles",
    }


# --------------------------------------------------------------------------------------------
# 11. Topics


@pytest.fixture(scope="module")
def topics_index(workspace: Workspace) -> om.Index:
    repo = workspace.repo("topics")
    repo.write(
        {
            "flask.md": "---\ntitle: Flask\ntags: [Python, Web Development]\ntopics: Flask\n---\n"
            "\nA small web app.\n",
            "projects.md": "---\ntitle: Projects\ncategory: Beginner Projects\n---\n\nIdeas.\n",
            "plain.md": "---\ntitle: Plain\n---\n\nNothing special.\n",
        }
    ).commit("Tagged pages")
    return workspace.build(
        "topics", [material("topics", repo, topics=["python"])], topics={"python": "Python"}
    )


def test_topics_from_catalogue_and_front_matter(topics_index):
    index = topics_index
    assert index.lesson("topics/flask").topics[0] == "python"
    assert set(index.lesson("topics/flask").topics) == {"python", "web-development", "flask"}
    assert set(index.lesson("topics/projects").topics) == {"python", "beginner-projects"}
    assert index.lesson("topics/plain").topics == ("python",)
    topics = {topic.id: topic for topic in index.topics()}
    assert set(topics) == {"python", "web-development", "flask", "beginner-projects"}
    assert index.topics()[0].id == "python"
    assert topics["python"].name == "Python"
    assert topics["python"].lessons == 3
    assert topics["web-development"].name.lower() == "web development"
    assert topics["beginner-projects"].name.lower() == "beginner projects"
    assert topics["flask"].name.lower() == "flask"
    assert topics["flask"].lessons == 1
    assert [x.id for x in index.lessons(topic="flask")] == ["topics/flask"]
    assert [x.id for x in index.lessons(topic="beginner-projects")] == ["topics/projects"]
    assert len(index.lessons(topic="python")) == 3
    assert index.lessons(topic="Web Development") == []


# --------------------------------------------------------------------------------------------
# 12. Mixed: gettext on the default branch, a translation branch for other lessons

FUNCTIONS_EN = (
    "A function is a piece of code with a name. You can call it again and again, and it can "
    "give you a value back when it is done."
)
FUNCTIONS_DE = (
    "Eine Funktion ist ein Stück Code mit einem Namen. Du kannst sie immer wieder aufrufen, und "
    "sie kann dir einen Wert zurückgeben, wenn sie fertig ist."
)


@pytest.fixture(scope="module")
def mixed(workspace: Workspace) -> om.Index:
    repo = workspace.repo("mixed")
    repo.write(
        {
            "source/conf.py": CONF_PY2,
            "source/index.rst": dedent(
                """
                Python
                ======

                .. toctree::

                   loops
                   functions
                """
            ),
            "source/loops.rst": LOOPS_RST,
            "source/functions.rst": _rst("Functions", FUNCTIONS_EN),
            "source/locale/de/LC_MESSAGES/loops.po": po_catalog(
                "loops",
                [
                    (LOOPS[0], "Schleifen"),
                    (LOOPS[1], "Computer können immer wieder dasselbe tun."),
                    (LOOPS[2], "Zählen mit range"),
                    (LOOPS[3], "Die Funktion range gibt dir eine Folge von Zahlen."),
                    (LOOPS[4], "Gib mit einer Schleife die Zahlen von eins bis zehn aus."),
                ],
                language="de",
            ),
        }
    ).commit("Lessons", date="2016-01-01T10:00:00+00:00")
    repo.branch("german")
    remove(repo, "source/functions.rst")
    repo.write({"source/functions.rst": _rst("Funktionen", FUNCTIONS_DE)}).commit(
        "Funktionen auf Deutsch", date="2016-02-01T10:00:00+00:00"
    )
    repo.checkout("main")
    return workspace.build("mixed", [material("mixed", repo)])


def test_mixed_gettext_and_branch_translations(mixed):
    assert lesson_paths(mixed, "mixed") == ["loops", "functions"]
    loops = mixed.lesson("mixed/loops")
    assert kinds(loops) == {"en": "original", "de": "gettext"}
    assert titles(loops) == {"en": "Loops", "de": "Schleifen"}
    assert loops.versions["de"].completeness == 1.0
    functions = mixed.lesson("mixed/functions")
    assert kinds(functions) == {"en": "original", "de": "branch"}
    assert titles(functions) == {"en": "Functions", "de": "Funktionen"}
    assert functions.versions["de"].branch == "german"
    assert functions.versions["de"].path == "source/functions.rst"
    assert functions.versions["de"].outdated is False
    assert {x.id for x in mixed.lessons(language="de")} == {"mixed/loops", "mixed/functions"}
    layout = mixed.material("mixed").layout
    assert "gettext" in layout
    assert "branch" in layout
