"""Navigation first: the site's own table of contents says which pages are lessons.

Fixture repositories shaped like real ones, indexed end to end through the public API:

* a GitBook book in two languages (``LANGS.md``, a ``SUMMARY.md`` per language, chapters as
  ``<chapter>/README.md``, an ``{% include %}`` fragment, a glossary);
* an mdBook with compact gettext catalogs (``po/<lang>.po`` for the whole book), parts,
  separators, a draft chapter, and two stale branches named after languages;
* a Spanish Carpentries Workbench lesson (``config.yaml`` with ``lang`` and ``episodes``, data
  files under ``episodes/data/``, supporting pages for learners and instructors), and one in
  the older style (``_episodes/``, ``_config.yml`` with ``lang``);
* a plain Markdown site of exercises whose only heading is ``## HINTS``, with an included
  fragment, and the catalogue's ``lessons``/``exclude`` globs on it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import otsmaterials as om

from gitrepos import material
from indexing import Workspace, all_versions, dedent, kinds, lesson_paths, titles, warnings, words

# --------------------------------------------------------------------------------------------
# A GitBook book in two languages


GITBOOK_EN = {
    "en/SUMMARY.md": dedent(
        """
        # Summary

        * [Introduction](README.md)
        * [Python](python_introduction/README.md)
            * [Prompt](python_introduction/README.md#prompt)
        * [What is Django?](django/README.md)
        * [Glossary](GLOSSARY.md)
        """
    ),
    "en/README.md": dedent(
        """
        # Django Girls Tutorial

        Welcome! We are really happy to see you here. In this tutorial we will take you on a
        journey under the hood of web technologies, and at the end you will have a small
        working web application: your own blog. See https://tutorial.djangogirls.org/ for the
        version online.

        ## How to follow this tutorial

        Work through the chapters in order, and ask your coach whenever you are stuck.
        """
    ),
    "en/python_introduction/README.md": dedent(
        """
        # Introduction to Python

        Let's write some code! Python is a very popular programming language that can be used
        for making websites, games, scientific software, graphics and much more. It was made
        in the late 1980s and its main goal is to be readable by human beings.

        {% include "/python_introduction/prompt.md" %}

        ## Python prompt

        To start playing with Python, we need to open up a command line on your computer.
        Once you are ready, type `python3` and press enter:

        ```
        $ python3
        Python 3.6.1 (...)
        Type "help", "copyright", "credits" or "license" for more information.
        >>> 2 + 3
        5
        ```
        """
    ),
    # The fragment the chapter above includes: not a lesson, though it has words.
    "en/python_introduction/prompt.md": dedent(
        """
        ## Prompt

        The prompt is the place where you type commands. On Windows it is called the Command
        Prompt, on macOS and Linux the terminal. Open it now and keep it open for the rest of
        the chapter.
        """
    ),
    # No top-level heading: the table of contents names it.
    "en/django/README.md": dedent(
        """
        ## Django in a nutshell

        Django is a free and open source web application framework, written in Python. A web
        framework is a set of components that helps you to develop websites faster and easier.
        Read more at https://www.djangoproject.com/ before you go on.

        ```
        (myvenv) ~$ pip install django~=2.0.0
        ```
        """
    ),
    "en/GLOSSARY.md": dedent(
        """
        ## Command line

        A program in which you type commands to the computer instead of clicking with the
        mouse on buttons and windows.

        ## Virtual environment

        A folder that keeps the Python packages of one project apart from the packages of the
        other projects on the same computer.
        """
    ),
}

GITBOOK_DE = {
    "de/SUMMARY.md": dedent(
        """
        # Zusammenfassung

        * [Einleitung](README.md)
        * [Python](python_introduction/README.md)
            * [Die Kommandozeile](python_introduction/README.md#prompt)
        * [Was ist Django?](django/README.md)
        """
    ),
    "de/README.md": dedent(
        """
        # Django Girls Tutorial

        Willkommen! Wir freuen uns wirklich, dich hier zu sehen. In diesem Tutorial nehmen wir
        dich mit auf eine Reise hinter die Kulissen der Web-Technologien, und am Ende hast du
        eine kleine funktionierende Webanwendung: deinen eigenen Blog. Unter
        https://tutorial.djangogirls.org/ findest du die Version im Netz.

        ## Wie du dieses Tutorial benutzt

        Arbeite die Kapitel der Reihe nach durch und frag deinen Coach, wenn du nicht weiterkommst.
        """
    ),
    "de/python_introduction/README.md": dedent(
        """
        # Einführung in Python

        Lass uns Code schreiben! Python ist eine sehr beliebte Programmiersprache, mit der man
        Webseiten, Spiele, wissenschaftliche Software, Grafiken und vieles mehr machen kann.
        Sie entstand Ende der 1980er Jahre, und ihr wichtigstes Ziel ist, dass Menschen sie
        gut lesen können.

        {% include "/python_introduction/prompt.md" %}

        ## Der Python-Prompt

        Um mit Python zu spielen, müssen wir auf deinem Computer eine Kommandozeile öffnen.
        Wenn du bereit bist, tippe `python3` ein und drücke Enter:

        ```
        $ python3
        Python 3.6.1 (...)
        Type "help", "copyright", "credits" or "license" for more information.
        >>> 2 + 3
        5
        ```
        """
    ),
    "de/python_introduction/prompt.md": dedent(
        """
        ## Die Kommandozeile

        Die Kommandozeile ist der Ort, an dem du Befehle eintippst. Unter Windows heißt sie
        Eingabeaufforderung, unter macOS und Linux Terminal. Öffne sie jetzt und lass sie für
        den Rest des Kapitels offen.
        """
    ),
    "de/django/README.md": dedent(
        """
        ## Django in Kürze

        Django ist ein kostenloses Open-Source-Framework für Webanwendungen, geschrieben in
        Python. Ein Web-Framework ist eine Sammlung von Komponenten, die dir helfen, Webseiten
        schneller und einfacher zu entwickeln. Lies mehr unter https://www.djangoproject.com/,
        bevor du weitermachst.

        ```
        (myvenv) ~$ pip install django~=2.0.0
        ```
        """
    ),
}


# --------------------------------------------------------------------------------------------
# An mdBook with one catalog per language for the whole book


MDBOOK_SUMMARY = dedent(
    """
    # Summary

    [Welcome](welcome.md)

    ---

    # Part One: Basics

    - [Hello, World](hello.md)
        - [Variables](hello/variables.md)
    - [Types and Values](types.md)

    ---

    # Part Two: Control Flow

    - [Loops](loops.md)
        - [for loops](loops/for.md)
    - [Pattern Matching]()

    ---

    [Thanks](thanks.md)
    """
)

HELLO = (
    "Hello, World",
    "Let us jump into the simplest possible Rust program, a classic Hello World program.",
    (
        "What you see: functions are introduced with fn, blocks are delimited by curly braces "
        "like in C and C++, and the main function is the entry point of the program."
    ),
    "Rust has hygienic macros, and println! is an example of this.",
)
VARIABLES = (
    "Variables",
    "Rust provides type safety via static typing. Variable bindings are made with let.",
    "Variables are immutable by default: add mut to allow a variable to change its value.",
)
TYPES = (
    "Types and Values",
    (
        "Rust has a few built-in types: signed and unsigned integers, floating point numbers, "
        "Unicode scalar values and booleans."
    ),
)
LOOPS = (
    "Loops",
    "There are three looping keywords in Rust: while, loop and for.",
    (
        "The while keyword works much like in other languages, executing the loop body as long "
        "as the condition is true."
    ),
)
WELCOME = (
    "Welcome to Comprehensive Rust",
    (
        "This is a free Rust course developed by the Android team at Google. The course covers "
        "the full spectrum of Rust, from basic syntax to advanced topics like generics and error "
        "handling."
    ),
)


def _page(messages: Sequence[str], code: str = "") -> str:
    title, *paragraphs = messages
    body = "\n\n".join(paragraphs)
    block = f"\n\n```rust,editable\n{code}\n```" if code else ""
    return f"# {title}\n\n{body}{block}\n"


MDBOOK_PAGES = {
    "book.toml": dedent(
        """
        [book]
        authors = ["Martin Geisler"]
        language = "en"
        multilingual = false
        src = "src"
        title = "Comprehensive Rust"

        [preprocessor.gettext]
        after = ["links"]

        [output.html]
        git-repository-url = "https://github.com/google/comprehensive-rust"
        """
    ),
    "src/SUMMARY.md": MDBOOK_SUMMARY,
    "src/welcome.md": _page(WELCOME),
    "src/hello.md": _page(HELLO, 'fn main() {\n    println!("Hello 🌍!");\n}'),
    "src/hello/variables.md": _page(
        VARIABLES, 'fn main() {\n    let x: i32 = 10;\n    println!("x: {x}");\n}'
    ),
    "src/types.md": _page(TYPES, "let a: u8 = 255;\nlet b: f64 = 3.14;"),
    "src/loops.md": _page(LOOPS, "let mut x = 200;\nwhile x >= 10 {\n    x = x / 2;\n}"),
    "src/loops/for.md": _page(
        (
            "for loops",
            (
                "The for loop iterates over ranges of values or the items in a collection. Under "
                "the hood it uses the IntoIterator trait to go over the values."
            ),
        ),
        'for x in 1..5 {\n    println!("x: {x}");\n}',
    ),
    "src/thanks.md": _page(
        (
            "Thanks!",
            (
                "Thank you for taking Comprehensive Rust! We hope you enjoyed it and that it was "
                "useful. We had a great time putting the course together."
            ),
        )
    ),
    # The repository's own documents, never lessons.
    "README.md": "# Comprehensive Rust\n\nThis repository has the source code for the course.\n",
    "GEMINI.md": dedent(
        """
        # Instructions for Gemini

        When you edit the course, keep the slides short and write every example so that it
        compiles in the playground. Use British English and run dprint before each commit.
        """
    ),
    "STYLE.md": dedent(
        """
        # Course style guide

        The course is meant to be taught by an instructor. Keep the slides short and put the
        longer explanations into the speaker notes of each page, so that the slides stay calm.
        """
    ),
    "TRANSLATIONS.md": dedent(
        """
        # Translations of the course

        We would love to have your help with translating the course into other languages. Run
        mdbook-xgettext to extract the messages and msgmerge to update your catalog in po/.
        """
    ),
}


def _po(language: str, entries: Sequence[tuple[str, str, str] | tuple[str, str, str, str]]) -> str:
    """A catalog as mdbook-xgettext and msgmerge write one: ``(references, msgid, msgstr)``."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: Comprehensive Rust\\n"',
        '"POT-Creation-Date: 2024-01-24T13:24:49+01:00\\n"',
        '"PO-Revision-Date: 2024-02-01 10:00+0100\\n"',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    ]
    for entry in entries:
        references, msgid, msgstr = entry[:3]
        lines += ["", f"#: {references}"]
        if len(entry) > 3:
            lines.append(f"#, {entry[3]}")
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"']
    return "\n".join(lines) + "\n"


PO_DE = _po(
    "de",
    [
        ("src/SUMMARY.md:3 src/welcome.md:1", "Welcome", "Willkommen"),
        ("src/SUMMARY.md:7", "Part One: Basics", "Teil 1: Grundlagen"),
        ("src/welcome.md:1", WELCOME[0], "Willkommen bei Comprehensive Rust"),
        (
            "src/welcome.md:3",
            WELCOME[1],
            (
                "Dies ist ein kostenloser Rust-Kurs, den das Android-Team bei Google entwickelt "
                "hat. Der Kurs deckt das ganze Spektrum von Rust ab."
            ),
        ),
        ("src/SUMMARY.md:9 src/hello.md:1", HELLO[0], "Hallo, Welt"),
        (
            "src/hello.md:3",
            HELLO[1],
            "Beginnen wir mit dem einfachsten Rust-Programm, einem klassischen Hallo Welt.",
        ),
        (
            "src/hello.md:12",
            HELLO[2],
            (
                "Funktionen werden mit fn eingeleitet, Blöcke stehen in geschweiften Klammern, und "
                "die Funktion main ist der Einstiegspunkt des Programms."
            ),
        ),
        ("src/hello.md:16", HELLO[3], "Rust hat hygienische Makros, println! ist eines davon."),
        ("src/SUMMARY.md:10 src/hello/variables.md:1", VARIABLES[0], "Variablen"),
        (
            "src/hello/variables.md:3",
            VARIABLES[1],
            (
                "Rust sorgt mit statischer Typisierung für Typsicherheit. Variablen bindet man "
                "mit let."
            ),
        ),
        ("src/hello/variables.md:12", VARIABLES[2], ""),
        ("src/SUMMARY.md:11 src/types.md:1", TYPES[0], "Typen und Werte"),
        (
            "src/types.md:3",
            TYPES[1],
            (
                "Rust hat einige eingebaute Typen: Ganzzahlen mit und ohne Vorzeichen, "
                "Gleitkommazahlen, Unicode-Zeichen und Wahrheitswerte."
            ),
        ),
        ("src/SUMMARY.md:17 src/loops.md:1", LOOPS[0], "Schleifen"),
        (
            "src/loops.md:3",
            LOOPS[1],
            "Es gibt drei Schlüsselwörter für Schleifen in Rust: while, loop und for.",
        ),
        (
            "src/loops.md:5",
            LOOPS[2],
            "Das Schlüsselwort while funktioniert wie in anderen Sprachen.",
            "fuzzy",
        ),
    ],
)

PO_FR = _po(
    "fr",
    [
        ("src/SUMMARY.md:3 src/welcome.md:1", "Welcome", "Bienvenue"),
        ("src/welcome.md:1", WELCOME[0], "Bienvenue dans Comprehensive Rust"),
        ("src/welcome.md:3", WELCOME[1], ""),
        ("src/SUMMARY.md:9 src/hello.md:1", HELLO[0], "Bonjour le monde"),
        (
            "src/hello.md:3",
            HELLO[1],
            (
                "Passons directement au programme Rust le plus simple possible, un Bonjour le "
                "monde classique."
            ),
        ),
        ("src/hello.md:12", HELLO[2], ""),
        ("src/hello.md:16", HELLO[3], ""),
    ],
)

PO_AR = _po(
    "ar",
    [
        ("src/SUMMARY.md:3 src/welcome.md:1", "Welcome", "مرحبا"),
        ("src/SUMMARY.md:9 src/hello.md:1", HELLO[0], "مرحبا بالعالم"),
    ],
)


# --------------------------------------------------------------------------------------------
# A Spanish Carpentries Workbench lesson


WORKBENCH = {
    "config.yaml": dedent(
        """
        carpentry: 'swc'
        carpentry_description: 'Software Carpentry'
        title: 'R para el análisis científico reproducible'
        created: '2016-06-21'
        keywords: 'software, data, lesson, The Carpentries'
        life_cycle: 'stable'
        license: 'CC-BY 4.0'
        source: 'https://github.com/swcarpentry/r-novice-gapminder-es'
        branch: 'main'
        contact: 'team@carpentries.org'
        lang: 'es'

        episodes:
        - 01-intro.md
        - 02-datos.Rmd

        learners:
        - setup.md

        instructors:
        - notes.md

        profiles:
        """
    ),
    "index.md": dedent(
        """
        ---
        site: sandpaper::sandpaper_site
        ---

        Esta lección es una introducción a la programación en R para personas sin experiencia
        previa en programación, con datos de población y esperanza de vida del proyecto
        Gapminder.
        """
    ),
    "README.md": "# R para el análisis científico reproducible\n\nUna lección de Software "
    "Carpentry.\n",
    "CODE_OF_CONDUCT.md": "---\ntitle: Código de conducta\n---\n\nSeguimos el código de "
    "conducta de The Carpentries.\n",
    "LICENSE.md": "---\ntitle: Licencia\n---\n\nCC BY 4.0\n",
    "episodes/01-intro.md": dedent(
        """
        ---
        title: "Introducción a R y RStudio"
        teaching: 45
        exercises: 10
        ---

        :::::::::::::::::::::::::::::::::::::: questions

        - ¿Cómo puedo orientarme en RStudio?
        - ¿Cómo puedo interactuar con R?

        ::::::::::::::::::::::::::::::::::::::::::::::::

        ## Motivación

        La ciencia es un proceso de varios pasos: una vez que has diseñado un experimento y
        recopilado los datos, ¡comienza la verdadera diversión! Esta lección te enseñará cómo
        empezar este proceso usando R y RStudio. Comenzaremos con los datos sin procesar,
        realizaremos análisis exploratorios y aprenderemos a graficar los resultados.

        ```r
        1 + 100
        x <- 1/40
        log(x)
        ```
        """
    ),
    "episodes/02-datos.Rmd": dedent(
        """
        ---
        title: "Estructuras de datos"
        teaching: 40
        exercises: 15
        source: Rmd
        ---

        Una de las características más poderosas de R es su habilidad de manejar datos
        tabulares, como los que ya tienes en una hoja de cálculo o en un archivo CSV. Comencemos
        creando un conjunto de datos de ejemplo en tu directorio `data/` con el nombre
        `feline-data.csv` y después lo cargamos en R.

        ```{r}
        gatos <- read.csv(file = "data/feline-data.csv")
        gatos$peso
        ```
        """
    ),
    # Not listed in config.yaml: not a lesson.
    "episodes/03-borrador.md": dedent(
        """
        ---
        title: "Borrador: funciones"
        ---

        Este episodio todavía no está terminado. Aquí vamos a explicar cómo se escriben
        funciones en R y cómo se documentan para que otras personas las puedan usar.
        """
    ),
    "episodes/data/empty.md": "",
    "episodes/data/notes.md": dedent(
        """
        # Notas sobre los datos

        Los datos de Gapminder contienen la población, la esperanza de vida y el producto
        interior bruto per cápita de muchos países entre 1952 y 2007.
        """
    ),
    "episodes/data/feline-data.csv": "coat,weight,likes_string\ncalico,2.1,1\n",
    "episodes/fig/rstudio.png": b"\x89PNG\r\n\x1a\n",
    "learners/setup.md": dedent(
        """
        ---
        title: Configuración
        ---

        Esta lección necesita R y RStudio. Instala primero R desde CRAN y después RStudio
        Desktop, que es gratuito, y comprueba que puedes abrir una sesión nueva.
        """
    ),
    "instructors/notes.md": dedent(
        """
        ---
        title: Notas para instructores
        ---

        La lección dura aproximadamente un día. Recomendamos hacer una pausa después del
        segundo episodio y dejar tiempo para los ejercicios en grupo.
        """
    ),
}


# The older Carpentries style: ``_episodes/`` and ``_config.yml``

CARPENTRIES_OLD = {
    "_config.yml": dedent(
        """
        carpentry: "swc"
        title: "La terminal de Unix"
        lang: es
        kind: "lesson"
        repository: swcarpentry-es/shell-novice-es
        """
    ),
    "index.md": "---\nlayout: lesson\nroot: .\n---\n\nUna introducción a la terminal.\n",
    "setup.md": "---\ntitle: Configuración\n---\n\nDescarga los archivos de la lección.\n",
    "_extras/guide.md": "---\ntitle: Guía del instructor\n---\n\nNotas para enseñar.\n",
    "_episodes/01-intro.md": dedent(
        """
        ---
        title: "Introducción a la terminal"
        teaching: 5
        exercises: 0
        ---

        La terminal es un programa en el que escribimos órdenes y la computadora las ejecuta.
        Al principio parece difícil, pero con ella podemos repetir tareas, combinar programas y
        trabajar en computadoras remotas sin interfaz gráfica.

        ~~~
        $ ls -F
        ~~~
        {: .language-bash}
        """
    ),
    "_episodes/02-filedir.md": dedent(
        """
        ---
        title: "Navegación de archivos y directorios"
        teaching: 15
        exercises: 10
        ---

        El sistema de archivos es la parte del sistema operativo que organiza los archivos y
        los directorios. Con la orden pwd sabemos en qué directorio estamos, y con cd nos
        movemos a otro directorio.

        ~~~
        $ pwd
        /Users/nelle
        ~~~
        {: .language-bash}
        """
    ),
}


# --------------------------------------------------------------------------------------------
# Exercises whose only heading is a sub-heading; the catalogue's globs


EXERCISES = {
    "README.md": "# Learn you Node\n\nA set of exercises for Node.js beginners.\n",
    "exercises/01-baby-steps/problem.md": dedent(
        """
        # Baby steps

        Write a program that accepts one or more numbers as command-line arguments and prints
        the sum of those numbers to the console. You can access command-line arguments through
        the global `process` object, which has an `argv` property.

        {% include_relative ../../shared/running.md %}
        """
    ),
    "exercises/loop-the-loop/problem.md": dedent(
        """
        Write a program that prints the numbers from one to one hundred, but print Fizz for the
        multiples of three and Buzz for the multiples of five. Use a `for` loop and the
        remainder operator to decide what to print on each line.

        ## HINTS

        The remainder operator `%` gives what is left over after a division. If
        `i % 3 === 0`, the number is a multiple of three.

        ```js
        for (let i = 1; i <= 100; i++) {
          console.log(i)
        }
        ```
        """
    ),
    "exercises/02_my_first_io/problem.md": dedent(
        """
        Write a program that uses a single synchronous filesystem operation to read a file and
        print the number of newlines it contains to the console, just as `cat file | wc -l`
        would do. The full path to the file is the first command-line argument.

        ## HINTS

        You will need the `fs` module from the Node core library: `require('fs')`.
        """
    ),
    # Included by the first exercise: not a lesson.
    "shared/running.md": dedent(
        """
        ## Running your solution

        Run your program with node followed by the name of the file, and check it with the
        verify command of the workshop until every test passes and the summary turns green.
        """
    ),
    "drafts/streams.md": dedent(
        """
        # Streams

        This exercise is not finished yet. It will explain how to read a large file piece by
        piece with a readable stream instead of reading it into memory all at once.
        """
    ),
    "data/cheatsheet.md": dedent(
        """
        # Cheat sheet

        The most useful functions of the Node core library on one page: reading files, writing
        files, making HTTP requests and starting a small web server of your own.
        """
    ),
}


@pytest.fixture(scope="module")
def navigation(workspace: Workspace) -> om.Index:
    book = workspace.repo("djangogirls")
    book.write(
        {
            "LANGS.md": "# Languages\n\n* [English](en/)\n* [Deutsch](de/)\n",
            "README.md": "# Django Girls Tutorial\n\nThe sources of the tutorial, one folder "
            "per language.\n",
            "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request against the English "
            "version first, then ask the translators to follow.\n",
            "book.json": '{"plugins": ["language-picker"]}\n',
            **GITBOOK_EN,
        }
    ).commit("English tutorial", date="2014-07-01T10:00:00+00:00")
    book.write(GITBOOK_DE).commit("Deutsche Übersetzung", date="2015-02-01T10:00:00+00:00")

    rust = workspace.repo("comprehensive-rust")
    rust.write(MDBOOK_PAGES).commit("The course", date="2023-01-09T10:00:00+00:00")
    rust.write({"po/de.po": PO_DE, "po/fr.po": PO_FR}).commit(
        "German and French", date="2023-03-01T10:00:00+00:00"
    )
    # A stale branch named after a language: it only added a catalog, its pages are English.
    rust.branch("arabic_translation").write({"po/ar.po": PO_AR}).commit(
        "Start an Arabic translation", date="2023-04-01T10:00:00+00:00"
    )
    rust.checkout("main")
    # Another: one page still in English, a typo fixed (not byte-identical to the original).
    thanks = MDBOOK_PAGES["src/thanks.md"].replace("a great time", "a really great time")
    rust.branch("german").write({"src/thanks.md": thanks}).commit(
        "Fix a typo", date="2023-05-01T10:00:00+00:00"
    )
    rust.checkout("main")

    carpentry = workspace.repo("r-novice-gapminder-es")
    carpentry.write(WORKBENCH).commit("Lección en español", date="2019-01-01T10:00:00+00:00")

    shell = workspace.repo("shell-novice-es")
    shell.write(CARPENTRIES_OLD).commit("Lección", date="2018-01-01T10:00:00+00:00")

    exercises = workspace.repo("learnyounode")
    exercises.write(EXERCISES).commit("Exercises", date="2014-01-01T10:00:00+00:00")

    compact = workspace.repo("sphinx-compact")
    compact.write(SPHINX_COMPACT).commit("Lessons and compact catalogs")

    return workspace.build(
        "navigation",
        [
            material("djangogirls", book),
            material("comprehensive-rust", rust),
            material("r-gapminder-es", carpentry),
            material("shell-novice-es", shell),
            material("learnyounode", exercises),
            material("sphinx-compact", compact),
            material(
                "learnyounode-globs",
                exercises,
                exclude=["drafts/*"],
                lessons=["data/cheatsheet.md"],
            ),
        ],
    )


# --------------------------------------------------------------------------------------------
# GitBook


def test_gitbook_chapters_in_summary_order(navigation):
    index = navigation
    assert index.material("djangogirls").original_language == "en"
    lessons = index.lessons(material="djangogirls")
    assert [lesson.path for lesson in lessons] == ["README", "python_introduction", "django"]
    assert [lesson.order for lesson in lessons] == sorted(lesson.order for lesson in lessons)
    assert lessons[1].original().path == "en/python_introduction/README.md"
    # Fragments, the table of contents, the glossary, the languages and the repository's own
    # documents are not lessons; an anchor into a chapter is no chapter of its own.
    paths = set(lesson_paths(index, "djangogirls"))
    assert (
        not {
            "python_introduction/prompt",
            "GLOSSARY",
            "SUMMARY",
            "LANGS",
            "CONTRIBUTING",
            "en/README",
        }
        & paths
    )
    files = {version.path for version in all_versions(index, "djangogirls")}
    assert (
        not {
            "en/python_introduction/prompt.md",
            "de/python_introduction/prompt.md",
            "en/GLOSSARY.md",
            "en/SUMMARY.md",
            "LANGS.md",
            "README.md",
            "CONTRIBUTING.md",
        }
        & files
    )


def test_gitbook_translations_paired_by_path(navigation):
    index = navigation
    for lesson in index.lessons(material="djangogirls"):
        assert lesson.original_language == "en"
        assert kinds(lesson) == {"en": "original", "de": "file"}
        german = lesson.versions["de"]
        assert german.path == lesson.original().path.replace("en/", "de/", 1)
        assert german.pairing == "path"
        assert german.confidence is not None
        assert german.confidence >= 0.35


def test_gitbook_titles_page_heading_then_summary_label(navigation):
    index = navigation
    # The page's own top-level heading wins over the table of contents' label.
    assert titles(index.lesson("djangogirls/README")) == {
        "en": "Django Girls Tutorial",
        "de": "Django Girls Tutorial",
    }
    assert titles(index.lesson("djangogirls/python_introduction")) == {
        "en": "Introduction to Python",
        "de": "Einführung in Python",
    }
    # Only sub-headings: the label of each language's SUMMARY.md.
    assert titles(index.lesson("djangogirls/django")) == {
        "en": "What is Django?",
        "de": "Was ist Django?",
    }


# --------------------------------------------------------------------------------------------
# mdBook


def test_mdbook_lessons_are_the_summary_chapters(navigation):
    index = navigation
    material_ = index.material("comprehensive-rust")
    assert material_.original_language == "en"
    assert lesson_paths(index, "comprehensive-rust") == [
        "welcome",
        "hello",
        "hello/variables",
        "types",
        "loops",
        "loops/for",
        "thanks",
    ]
    assert index.lesson("comprehensive-rust/hello").original().path == "src/hello.md"
    assert index.lesson("comprehensive-rust/loops/for").original().title == "for loops"
    files = {version.path for version in all_versions(index, "comprehensive-rust")}
    assert not {"GEMINI.md", "STYLE.md", "TRANSLATIONS.md", "README.md", "src/SUMMARY.md"} & files


def test_mdbook_sections_are_the_parts(navigation):
    sections = {
        lesson.path: lesson.section for lesson in navigation.lessons(material="comprehensive-rust")
    }
    assert sections["welcome"] is None  # a prefix chapter, before any part
    assert sections["hello"] == sections["hello/variables"] == "Part One: Basics"
    assert sections["types"] == "Part One: Basics"
    assert sections["loops"] == sections["loops/for"] == "Part Two: Control Flow"


def test_mdbook_suffix_chapter_belongs_to_no_part(navigation):
    assert navigation.lesson("comprehensive-rust/thanks").section is None


def test_mdbook_compact_catalogs_give_each_page_its_share(navigation):
    index = navigation
    hello = index.lesson("comprehensive-rust/hello")
    assert kinds(hello) == {"en": "original", "de": "gettext", "fr": "gettext"}
    assert hello.versions["de"].path == "po/de.po"
    assert hello.versions["fr"].path == "po/fr.po"
    assert titles(hello) == {"en": "Hello, World", "de": "Hallo, Welt", "fr": "Bonjour le monde"}
    assert hello.versions["de"].completeness == 1.0
    # French: the title and the first paragraph of the page's four messages.
    expected = words(*HELLO[:2]) / words(*HELLO)
    assert expected == pytest.approx(16 / 57)
    french = hello.versions["fr"]
    assert french.completeness == pytest.approx(expected, abs=1e-4)
    assert french.counts is not None
    assert (french.counts.messages, french.counts.translated) == (4, 2)
    assert french.counts.words == words(*HELLO)
    # German: one of three messages of the page on variables left untranslated.
    variables = index.lesson("comprehensive-rust/hello/variables")
    assert kinds(variables) == {"en": "original", "de": "gettext"}
    assert variables.versions["de"].completeness == pytest.approx(
        words(*VARIABLES[:2]) / words(*VARIABLES), abs=1e-4
    )
    # A fuzzy translation does not count.
    loops = index.lesson("comprehensive-rust/loops")
    assert loops.versions["de"].completeness == pytest.approx(
        words(*LOOPS[:2]) / words(*LOOPS), abs=1e-4
    )
    assert loops.versions["de"].counts is not None
    assert loops.versions["de"].counts.fuzzy == 1
    # Pages no message references have no version in that language.
    assert kinds(index.lesson("comprehensive-rust/loops/for")) == {"en": "original"}
    assert set(index.lesson("comprehensive-rust/types").versions) == {"en", "de"}


def test_mdbook_stale_branches_are_no_translations(navigation):
    index = navigation
    versions = all_versions(index, "comprehensive-rust")
    assert not [v for v in versions if v.language == "ar"]
    assert not [v for v in versions if v.kind == "branch"]
    assert kinds(index.lesson("comprehensive-rust/thanks")) == {"en": "original"}
    assert "ar" not in index.material("comprehensive-rust").languages
    # The branch with a page still in English (changed, not byte-identical) is reported.
    german = [p for p in warnings(index, "comprehensive-rust") if "'german'" in p.message]
    assert german, index.material("comprehensive-rust").problems


def test_mdbook_branch_that_changed_only_catalogs_is_reported(navigation):
    problems = warnings(navigation, "comprehensive-rust")
    assert [p for p in problems if "arabic_translation" in p.message], problems


# --------------------------------------------------------------------------------------------
# Carpentries Workbench


def test_workbench_episodes_in_config_order(navigation):
    index = navigation
    lessons = index.lessons(material="r-gapminder-es")
    assert [lesson.path for lesson in lessons] == ["01-intro", "02-datos"]
    assert [lesson.original().path for lesson in lessons] == [
        "episodes/01-intro.md",
        "episodes/02-datos.Rmd",
    ]
    assert [lesson.original().title for lesson in lessons] == [
        "Introducción a R y RStudio",
        "Estructuras de datos",
    ]
    files = {version.path for version in all_versions(index, "r-gapminder-es")}
    assert files == {"episodes/01-intro.md", "episodes/02-datos.Rmd"}


def test_workbench_language_from_config(navigation):
    index = navigation
    # No ``language`` in the catalogue: config.yaml's ``lang`` is the lessons' language.
    assert index.material("r-gapminder-es").original_language == "es"
    for lesson in index.lessons(material="r-gapminder-es"):
        assert lesson.original_language == "es"
        assert kinds(lesson) == {"es": "original"}
    assert {x.id for x in index.lessons(language="es", material="r-gapminder-es")} == {
        "r-gapminder-es/01-intro",
        "r-gapminder-es/02-datos",
    }


def test_older_carpentries_episodes_and_language(navigation):
    index = navigation
    assert index.material("shell-novice-es").original_language == "es"
    lessons = index.lessons(material="shell-novice-es")
    assert [lesson.path for lesson in lessons] == ["01-intro", "02-filedir"]
    assert [lesson.original().title for lesson in lessons] == [
        "Introducción a la terminal",
        "Navegación de archivos y directorios",
    ]
    assert all(lesson.original_language == "es" for lesson in lessons)


# --------------------------------------------------------------------------------------------
# Titles without navigation; the catalogue's globs


def test_sub_heading_is_never_the_title(navigation):
    index = navigation
    lessons = {lesson.path: lesson for lesson in index.lessons(material="learnyounode")}
    assert set(lessons) == {
        "exercises/01-baby-steps/problem",
        "exercises/02_my_first_io/problem",
        "exercises/loop-the-loop/problem",
        "drafts/streams",
    }
    assert {path: lesson.original().title for path, lesson in lessons.items()} == {
        "exercises/01-baby-steps/problem": "Baby steps",
        "exercises/02_my_first_io/problem": "My first io",
        "exercises/loop-the-loop/problem": "Loop the loop",
        "drafts/streams": "Streams",
    }
    for lesson in lessons.values():
        assert "HINTS" not in lesson.original().title
    # The included fragment and the data folder are not lessons.
    assert "shared/running" not in lessons
    assert "data/cheatsheet" not in lessons


def test_catalogue_globs_add_and_remove_lessons(navigation):
    index = navigation
    paths = set(lesson_paths(index, "learnyounode-globs"))
    assert paths == {
        "exercises/01-baby-steps/problem",
        "exercises/02_my_first_io/problem",
        "exercises/loop-the-loop/problem",
        "data/cheatsheet",
    }
    cheatsheet = index.lesson("learnyounode-globs/data/cheatsheet")
    assert cheatsheet.original().path == "data/cheatsheet.md"
    assert cheatsheet.original().title == "Cheat sheet"


# --------------------------------------------------------------------------------------------
# Sphinx with compact catalogs (gettext_compact): one catalog for a folder of documents

SPHINX_COMPACT = {
    "source/conf.py": "project = 'Extras'\nlanguage = 'en'\nlocale_dirs = ['locale/']\n",
    "source/index.rst": "Extras\n======\n\n.. toctree::\n\n   extras/files\n   extras/sets\n",
    "source/extras/files.rst": dedent(
        """
        Files
        =====

        Open a file with the open function and read it line by line.

        Close the file when you are done with it.
        """
    ),
    "source/extras/sets.rst": dedent(
        """
        Sets
        ====

        A set holds every value once, in no particular order.
        """
    ),
    # Sphinx's gettext builder with gettext_compact = True: extras/*.rst → extras.po
    "source/locale/de/LC_MESSAGES/extras.po": _po(
        "de",
        [
            ("../../source/extras/files.rst:2", "Files", "Dateien"),
            (
                "../../source/extras/files.rst:4",
                "Open a file with the open function and read it line by line.",
                "Öffne eine Datei mit der Funktion open und lies sie Zeile für Zeile.",
            ),
            ("../../source/extras/files.rst:6", "Close the file when you are done with it.", ""),
            ("../../source/extras/sets.rst:2", "Sets", "Mengen"),
            (
                "../../source/extras/sets.rst:4",
                "A set holds every value once, in no particular order.",
                "Eine Menge enthält jeden Wert einmal, in keiner bestimmten Reihenfolge.",
            ),
        ],
    ),
}


def test_sphinx_compact_catalog_split_by_references(navigation):
    index = navigation
    files = index.lesson("sphinx-compact/extras/files")
    sets = index.lesson("sphinx-compact/extras/sets")
    assert kinds(files) == {"en": "original", "de": "gettext"}
    assert files.versions["de"].path == "source/locale/de/LC_MESSAGES/extras.po"
    assert files.versions["de"].title == "Dateien"
    assert sets.versions["de"].title == "Mengen"
    # files.rst: "Files" (1 word) and the first sentence (13) translated, the last (9) not
    assert files.versions["de"].completeness == 14 / 23
    assert sets.versions["de"].completeness == 1.0
