"""Languages from the text: a folder, a suffix or a missing setting does not decide alone.

Fixture repositories, indexed end to end through the public API:

* a German Sphinx project whose only statement of its language is ``conf.py``'s ``language``;
* a Sphinx project in Spanish with English ``X_en.rst`` companions and no ``language`` anywhere;
* a Jekyll site with language folders where one region folder is an untouched copy of the
  English pages, another holds a page still in English (changed, so not byte-identical), and a
  third holds German text under an Italian code;
* a code that is no language tag (``me-ME``, Montenegrin) as a folder, as a file name suffix and
  as a branch name, each indexed once as it is and once with the catalogue's ``language_codes``
  mapping the code to a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import otsmaterials as om

from gitrepos import git_environment, material
from indexing import Workspace, all_versions, dedent, kinds, lesson_paths, titles, warnings


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with git_environment(tmp_path_factory.mktemp("home")):
        yield Workspace(tmp_path_factory.mktemp("textlang"))


# --------------------------------------------------------------------------------------------
# A Spanish original with English ``X_en.rst`` companions


CURSO = {
    "conf.py": dedent(
        """
        # -*- coding: utf-8 -*-
        extensions = ['sphinx.ext.todo']
        templates_path = ['_templates']
        source_suffix = '.rst'
        master_doc = 'index'
        project = u'Curso de Python'
        copyright = u'2015, Python Cuernavaca'
        html_theme = 'alabaster'
        """
    ),
    "index.rst": dedent(
        """
        Curso de Python
        ===============

        .. toctree::
           :maxdepth: 1

           bucles
           bucles_en
           funciones
           funciones_en
        """
    ),
    "bucles.rst": dedent(
        """
        Bucles
        ======

        Un bucle repite las mismas instrucciones varias veces. En Python usamos la palabra
        ``for`` para recorrer los elementos de una lista o de un rango de números, y la palabra
        ``while`` para repetir algo mientras una condición sea verdadera. Escribe el siguiente
        ejemplo en el intérprete y observa lo que pasa::

            for numero in range(1, 11):
                print(numero)

        Después cambia el rango para que el programa cuente de dos en dos hasta llegar al veinte.
        """
    ),
    "bucles_en.rst": dedent(
        """
        Loops
        =====

        A loop repeats the same instructions several times. In Python we use the word ``for``
        to go through the items of a list or a range of numbers, and the word ``while`` to
        repeat something as long as a condition is true. Type the following example into the
        interpreter and watch what happens::

            for numero in range(1, 11):
                print(numero)

        Then change the range so that the program counts in steps of two until it reaches twenty.
        """
    ),
    "funciones.rst": dedent(
        """
        Funciones
        =========

        Una función es un bloque de código con un nombre. La definimos una sola vez con la
        palabra ``def`` y después la podemos llamar todas las veces que queramos, con valores
        distintos cada vez. Así el programa es más corto y más fácil de leer::

            def saludar(nombre):
                return "Hola, " + nombre

            print(saludar("Ana"))

        Escribe ahora una función que reciba dos números y devuelva el mayor de los dos.
        """
    ),
    "funciones_en.rst": dedent(
        """
        Functions
        =========

        A function is a block of code with a name. We define it only once with the word ``def``
        and then we can call it as often as we like, with different values each time. That
        way the program is shorter and easier to read::

            def saludar(nombre):
                return "Hola, " + nombre

            print(saludar("Ana"))

        Now write a function that takes two numbers and gives back the larger of the two.
        """
    ),
}


# --------------------------------------------------------------------------------------------
# Language folders, with an untouched copy and a page still in English


def _jekyll(title: str, body: str, code: str) -> str:
    return f"---\nlayout: page\ntitle: {title}\n---\n\n{dedent(body)}\n```html\n{code}\n```\n"


SETUP_CODE = '<!DOCTYPE html>\n<meta charset="utf-8">\n<title>My first page</title>'
HTML_CODE = "<h1>Hello!</h1>\n<p>This is my first web page.</p>"

SETUP_EN = _jekyll(
    "Setting up",
    """
    Before the workshop, install a text editor and a web browser on your computer. The text
    editor is the program in which you write your code, and the browser shows the page that you
    made. If you do not know which editor to choose, ask one of the coaches: they will gladly
    help you get everything ready in time. Then create a folder for the workshop.
    """,
    SETUP_CODE,
)
HTML_EN = _jekyll(
    "HTML basics",
    """
    HTML is the language in which we describe the structure of a web page. Every element starts
    with an opening tag and ends with a closing tag. We write the heading of the page between
    the h1 tags and ordinary paragraphs between the p tags. Open the file index.html in your
    editor and write your first heading now.
    """,
    HTML_CODE,
)

REGION_SITE_DE_SETUP = _jekyll(
    "Einrichtung",
    """
    Installiere vor dem Workshop einen Texteditor und einen Webbrowser auf deinem Computer.
    Der Texteditor ist das Programm, in dem du deinen Code schreibst, und der Browser zeigt
    die Seite, die du gemacht hast. Wenn du nicht weißt, welchen Editor du nehmen sollst,
    frag einen der Coaches: Sie helfen dir gern, alles rechtzeitig vorzubereiten.
    """,
    SETUP_CODE,
)

REGION_SITE = {
    "_config.yml": "title: Web for beginners\nbaseurl: /web-beginners\n",
    "README.md": "# Web for beginners\n\nThe workshop in several languages.\n",
    "en/setup.md": SETUP_EN,
    "en/html.md": HTML_EN,
    "de/setup.md": REGION_SITE_DE_SETUP,
    "de/html.md": _jekyll(
        "HTML-Grundlagen",
        """
        HTML ist die Sprache, in der wir die Struktur einer Webseite beschreiben. Jedes Element
        beginnt mit einem öffnenden Tag und endet mit einem schließenden Tag. Die Überschrift
        der Seite schreiben wir zwischen die h1-Tags und normale Absätze zwischen die p-Tags.
        Öffne jetzt die Datei index.html in deinem Editor und schreibe deine erste Überschrift.
        """,
        HTML_CODE,
    ),
    "es-ES/setup.md": _jekyll(
        "Preparación",
        """
        Antes del taller, instala un editor de texto y un navegador web en tu ordenador. El
        editor de texto es el programa en el que escribes tu código, y el navegador muestra la
        página que has hecho. Si no sabes qué editor elegir, pregunta a uno de los mentores: te
        ayudarán con mucho gusto a tenerlo todo listo a tiempo.
        """,
        SETUP_CODE,
    ),
    # Still English: a typo fixed on the way, so it is not the original's file.
    "es-ES/html.md": HTML_EN.replace("ordinary paragraphs", "normal paragraphs"),
    # Filed under Italian, written in German.
    "it/setup.md": REGION_SITE_DE_SETUP,
    # Untouched copies of the English pages.
    "pt-PT/setup.md": SETUP_EN,
    "pt-PT/html.md": HTML_EN,
}


# --------------------------------------------------------------------------------------------
# A folder code that is no language tag


SETUP_ME = _jekyll(
    "Priprema",
    """
    Prije radionice instaliraj uređivač teksta i veb pregledač na svoj računar. Uređivač teksta
    je program u kojem pišeš svoj kod, a pregledač prikazuje stranicu koju si napravio. Ako ne
    znaš koji uređivač da izabereš, pitaj nekog od mentora: rado će ti pomoći da sve na vrijeme
    pripremiš. Zatim napravi novu fasciklu za radionicu.
    """,
    SETUP_CODE,
)
HTML_ME = _jekyll(
    "Osnove HTML-a",
    """
    HTML je jezik kojim opisujemo strukturu veb stranice. Svaki element počinje otvarajućom
    oznakom i završava se zatvarajućom oznakom. Naslov stranice pišemo između oznaka h1, a
    obične pasuse između oznaka p. Sada otvori datoteku index.html u svom uređivaču i napiši
    svoj prvi naslov, pa sačuvaj promjene.
    """,
    HTML_CODE,
)

MONTENEGRIN_SITE = {
    "README.md": "# Web for beginners\n\nThe workshop in three languages.\n",
    "en/setup.md": SETUP_EN,
    "en/html.md": HTML_EN,
    "de/setup.md": REGION_SITE_DE_SETUP,
    "de/html.md": REGION_SITE["de/html.md"],
    "me-ME/setup.md": SETUP_ME,
    "me-ME/html.md": HTML_ME,
}


# --------------------------------------------------------------------------------------------
# The site's own language setting


HANDBUCH = {
    "docs/conf.py": "project = u'Git-Handbuch'\nmaster_doc = 'index'\nlanguage = 'de'\n",
    "docs/index.rst": "Git-Handbuch\n============\n\n.. toctree::\n\n   commits\n   zweige\n",
    "docs/commits.rst": dedent(
        """
        Commits
        =======

        Ein Commit ist ein Schnappschuss deines Projekts. Git merkt sich bei jedem Commit, wer
        ihn wann gemacht hat und welche Dateien sich seit dem letzten Commit verändert haben.
        Schreibe zu jedem Commit eine kurze Nachricht, die erklärt, warum du etwas geändert
        hast::

            git add index.html
            git commit -m "Eine erste Seite"
        """
    ),
    # Too little text to tell its language: the site's setting says it.
    "docs/zweige.rst": "Zweige\n======\n\n::\n\n    git branch neu\n    git switch neu\n",
}


@pytest.fixture(scope="module")
def languages(workspace: Workspace) -> om.Index:
    curso = workspace.repo("curso-python")
    curso.write(CURSO).commit("Curso y traducción", date="2015-03-01T10:00:00+00:00")

    region = workspace.repo("web-region-copies")
    english = {
        path: text
        for path, text in REGION_SITE.items()
        if not path.startswith(("de/", "es-ES/", "pt-PT/", "it/"))
    }
    region.write(english).commit("The workshop", date="2016-01-01T10:00:00+00:00")
    region.write(REGION_SITE).commit("Translations", date="2016-06-01T10:00:00+00:00")

    montenegrin = workspace.repo("web-montenegrin")
    montenegrin.write(
        {p: t for p, t in MONTENEGRIN_SITE.items() if not p.startswith(("de/", "me"))}
    )
    montenegrin.commit("The workshop", date="2017-01-01T10:00:00+00:00")
    montenegrin.write(MONTENEGRIN_SITE).commit("Prijevod", date="2017-06-01T10:00:00+00:00")

    # The same code as a file name suffix, and as a branch name.
    suffixed = workspace.repo("suffix-montenegrin")
    suffixed.write(
        {
            "setup.md": SETUP_EN,
            "html.md": HTML_EN,
            "html.de.md": REGION_SITE["de/html.md"],
            "setup.me-ME.md": SETUP_ME,
            "html.me-ME.md": HTML_ME,
        }
    ).commit("Pages", date="2017-01-01T10:00:00+00:00")
    branched = workspace.repo("branch-montenegrin")
    branched.write({"setup.md": SETUP_EN, "html.md": HTML_EN}).commit(
        "Pages", date="2017-01-01T10:00:00+00:00"
    )
    branched.branch("me-ME").write({"setup.md": SETUP_ME, "html.md": HTML_ME}).commit(
        "Prijevod", date="2017-06-01T10:00:00+00:00"
    )
    branched.checkout("main")

    handbuch = workspace.repo("git-handbuch")
    handbuch.write(HANDBUCH).commit("Handbuch", date="2018-01-01T10:00:00+00:00")

    return workspace.build(
        "languages",
        [
            material("git-handbuch", handbuch),
            material("curso-python", curso),
            material("web-region-copies", region),
            material("web-montenegrin", montenegrin),
            material(
                "web-montenegrin-mapped",
                montenegrin,
                language_codes={"me-ME": "sr-Latn-ME"},
            ),
            material("suffix-montenegrin", suffixed),
            material("suffix-montenegrin-mapped", suffixed, language_codes={"me-ME": "sr-Latn-ME"}),
            material("branch-montenegrin", branched),
            material("branch-montenegrin-mapped", branched, language_codes={"me-ME": "sr-Latn-ME"}),
        ],
    )


# --------------------------------------------------------------------------------------------
# The site's setting; X.rst and X_en.rst


def test_sphinx_language_setting_is_the_original_language(languages):
    index = languages
    assert index.material("git-handbuch").original_language == "de"
    assert lesson_paths(index, "git-handbuch") == ["commits", "zweige"]
    for lesson in index.lessons(material="git-handbuch"):
        assert lesson.original_language == "de"
        assert kinds(lesson) == {"de": "original"}


def test_spanish_original_with_english_companions(languages):
    index = languages
    assert index.material("curso-python").original_language == "es"
    assert lesson_paths(index, "curso-python") == ["bucles", "funciones"]
    for key, english in (("bucles", "Loops"), ("funciones", "Functions")):
        lesson = index.lesson(f"curso-python/{key}")
        assert lesson.original_language == "es"
        assert kinds(lesson) == {"es": "original", "en": "file"}
        assert lesson.versions["es"].path == f"{key}.rst"
        assert lesson.versions["en"].path == f"{key}_en.rst"
        assert lesson.versions["en"].title == english
        assert lesson.versions["en"].pairing == "path"
    assert titles(index.lesson("curso-python/bucles"))["es"] == "Bucles"


def test_no_file_of_two_languages_is_dropped(languages):
    index = languages
    files = {version.path for version in all_versions(index, "curso-python")}
    assert files == {"bucles.rst", "bucles_en.rst", "funciones.rst", "funciones_en.rst"}
    assert not [p for p in index.material("curso-python").problems if p.severity == "error"]


# --------------------------------------------------------------------------------------------
# Untouched copies in region folders


def test_copies_in_region_folders_are_no_translations(languages):
    index = languages
    assert index.material("web-region-copies").original_language == "en"
    assert set(lesson_paths(index, "web-region-copies")) == {"setup", "html"}
    setup = index.lesson("web-region-copies/setup")
    assert kinds(setup) == {"en": "original", "de": "file", "es-ES": "file"}
    assert titles(setup) == {"en": "Setting up", "de": "Einrichtung", "es-ES": "Preparación"}
    html = index.lesson("web-region-copies/html")
    assert kinds(html) == {"en": "original", "de": "file"}
    files = {version.path for version in all_versions(index, "web-region-copies")}
    assert not {"pt-PT/setup.md", "pt-PT/html.md", "es-ES/html.md"} & files
    # Nothing counts in Portuguese, not even as an empty translation.
    assert "pt-PT" not in index.material("web-region-copies").languages
    assert index.lessons(language="pt-PT", material="web-region-copies") == []


def test_folder_whose_text_is_another_language_is_reported(languages):
    index = languages
    files = {version.path for version in all_versions(index, "web-region-copies")}
    assert "it/setup.md" not in files
    assert not [v for v in all_versions(index, "web-region-copies") if v.language == "it"]
    messages = [p.message for p in warnings(index, "web-region-copies", "it/setup.md")]
    assert len(messages) == 1, index.material("web-region-copies").problems
    assert "(de)" in messages[0]


@pytest.mark.parametrize("path", ["pt-PT/setup.md", "pt-PT/html.md", "es-ES/html.md"])
def test_copies_in_region_folders_are_reported(languages, path):
    messages = [p.message for p in warnings(languages, "web-region-copies", path)]
    assert len(messages) == 1, languages.material("web-region-copies").problems
    assert "not a translation" in messages[0]


# --------------------------------------------------------------------------------------------
# A folder code that is no language tag


_SERBO_CROATIAN = re.compile(r"\((sr|hr|bs|sh|cnr)\)")


def test_invalid_folder_code_is_reported_never_labelled(languages):
    index = languages
    versions = all_versions(index, "web-montenegrin")
    assert not [v for v in versions if v.path.startswith("me-ME/")]
    assert {v.language for v in versions} == {"en", "de"}
    assert set(lesson_paths(index, "web-montenegrin")) == {"setup", "html"}
    assert kinds(index.lesson("web-montenegrin/setup")) == {"en": "original", "de": "file"}
    # Reported (once per folder or once per page), with the language the text reads as.
    reports = [
        problem
        for problem in index.material("web-montenegrin").problems
        if "'me-ME'" in problem.message
    ]
    assert reports, index.material("web-montenegrin").problems
    for problem in reports:
        assert problem.severity == "warning"
        assert (problem.path or "me-ME").startswith("me-ME")
        assert _SERBO_CROATIAN.search(problem.message), problem.message


def test_folder_code_mapped_in_the_catalogue(languages):
    index = languages
    assert set(lesson_paths(index, "web-montenegrin-mapped")) == {"setup", "html"}
    setup = index.lesson("web-montenegrin-mapped/setup")
    assert kinds(setup) == {"en": "original", "de": "file", "sr-Latn-ME": "file"}
    assert setup.versions["sr-Latn-ME"].path == "me-ME/setup.md"
    assert setup.versions["sr-Latn-ME"].title == "Priprema"
    html = index.lesson("web-montenegrin-mapped/html")
    assert html.versions["sr-Latn-ME"].title == "Osnove HTML-a"
    assert not [
        p for p in index.material("web-montenegrin-mapped").problems if "me-ME" in (p.path or "")
    ]


def _code_reports(index: om.Index, material_id: str) -> list[om.IndexProblem]:
    return [p for p in index.material(material_id).problems if "'me-ME'" in p.message]


def test_invalid_suffix_code_is_reported_never_labelled(languages):
    index = languages
    labelled = {v.path: v.language for v in all_versions(index, "suffix-montenegrin")}
    assert labelled.get("setup.me-ME.md") != "en"
    assert labelled.get("html.me-ME.md") != "en"
    assert set(lesson_paths(index, "suffix-montenegrin")) == {"setup", "html"}
    assert kinds(index.lesson("suffix-montenegrin/html")) == {"en": "original", "de": "file"}
    files = {version.path for version in all_versions(index, "suffix-montenegrin")}
    assert not {"setup.me-ME.md", "html.me-ME.md"} & files
    reports = _code_reports(index, "suffix-montenegrin")
    assert reports, index.material("suffix-montenegrin").problems
    assert all(_SERBO_CROATIAN.search(problem.message) for problem in reports)


def test_suffix_code_mapped_in_the_catalogue(languages):
    index = languages
    assert set(lesson_paths(index, "suffix-montenegrin-mapped")) == {"setup", "html"}
    setup = index.lesson("suffix-montenegrin-mapped/setup")
    assert kinds(setup) == {"en": "original", "sr-Latn-ME": "file"}
    assert setup.versions["sr-Latn-ME"].path == "setup.me-ME.md"


def test_invalid_branch_code_is_reported(languages):
    index = languages
    assert {v.language for v in all_versions(index, "branch-montenegrin")} == {"en"}
    reports = _code_reports(index, "branch-montenegrin")
    assert reports, index.material("branch-montenegrin").problems
    assert all(_SERBO_CROATIAN.search(problem.message) for problem in reports)


def test_branch_code_mapped_in_the_catalogue(languages):
    setup = languages.lesson("branch-montenegrin-mapped/setup")
    assert kinds(setup) == {"en": "original", "sr-Latn-ME": "branch"}
    assert setup.versions["sr-Latn-ME"].branch == "me-ME"
    assert setup.versions["sr-Latn-ME"].title == "Priprema"
