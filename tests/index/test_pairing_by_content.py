"""Translations whose paths do not relate them to the original, paired by what survives translation.

Two fixture repositories, indexed end to end through the public API:

* a Django workshop with one Sphinx tree per language and translated file names: the German tree
  was written first and has an introduction the English translation lacks, so pairing by toctree
  position would shift every English page by one;
* a project in the Raspberry Pi Foundation's format whose German translation follows an older
  structure of the steps: one step was removed from the English project since, so step 4 of the
  German project translates step 3 of the English one.

Code blocks (Scratch ``blocks3`` included), URLs, image paths and numbers are what the two
languages share.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import otsmaterials as om

from gitrepos import git_environment, material
from indexing import Workspace, dedent, kinds, lesson_paths, titles


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with git_environment(tmp_path_factory.mktemp("home")):
        yield Workspace(tmp_path_factory.mktemp("pairing"))


# --------------------------------------------------------------------------------------------
# One Sphinx tree per language, file names translated


def _conf(language: str) -> str:
    return dedent(
        f"""
        # -*- coding: utf-8 -*-
        import sys, os
        sys.path.insert(0, os.path.abspath('..'))
        from common import *

        project = u'Django-Workshop'
        language = '{language}'
        """
    )


def _section(title: str, sentence: str, *children: str) -> str:
    entries = "\n".join(f"   {child}" for child in children)
    return (
        f"{title}\n{'=' * len(title)}\n\n{sentence}\n\n.. toctree::\n   :maxdepth: 1\n\n{entries}\n"
    )


GERMAN_TREE = {
    "docs/de/conf.py": _conf("de"),
    "docs/de/index.rst": dedent(
        """
        Django-Workshop
        ===============

        Willkommen zum Django-Workshop. In diesem Workshop baust du Schritt für Schritt eine
        kleine Webanwendung mit Django.

        .. toctree::
           :maxdepth: 2

           einfuehrung
           vorbereitung/index
           erste_schritte/index
        """
    ),
    "docs/de/einfuehrung.rst": dedent(
        """
        Einführung
        ==========

        Django ist ein Web-Framework, das in Python geschrieben ist. Es hilft dir dabei, schnell
        und sauber Webanwendungen zu entwickeln, ohne dass du dich um jedes Detail selbst
        kümmern musst. In diesem Workshop lernen wir die wichtigsten Bausteine kennen und bauen
        gemeinsam ein kleines Kochbuch mit Rezepten.

        Die offizielle Dokumentation findest du unter https://docs.djangoproject.com/en/1.4/ und
        die Geschichte des Projekts unter https://www.djangoproject.com/foundation/. Wenn du
        wissen willst, welche Version installiert ist, gib Folgendes ein::

            python -c "import django; print(django.get_version())"
        """
    ),
    "docs/de/vorbereitung/index.rst": _section(
        "Vorbereitung",
        "Bevor wir anfangen, richten wir gemeinsam die Arbeitsumgebung ein.",
        "python",
        "virtualenv",
    ),
    "docs/de/vorbereitung/python.rst": dedent(
        """
        Python installieren
        ===================

        Für diesen Workshop brauchst du Python in der Version 2.7. Unter Linux und macOS ist
        Python meistens schon installiert, unter Windows musst du es selbst herunterladen. Die
        Installationsdateien findest du auf der Seite http://www.python.org/download/ für alle
        Betriebssysteme.

        Öffne danach eine Konsole und prüfe, ob alles geklappt hat::

            $ python --version
            Python 2.7.3

        Wenn die Konsole eine Fehlermeldung zeigt, frag bitte einen der Coaches um Hilfe.
        """
    ),
    "docs/de/vorbereitung/virtualenv.rst": dedent(
        """
        Eine virtuelle Umgebung
        =======================

        Eine virtuelle Umgebung trennt die Pakete dieses Projekts von allen anderen Projekten
        auf deinem Rechner. So kannst du genau die Version von Django installieren, die wir im
        Workshop benutzen, ohne etwas anderes kaputt zu machen. Mehr darüber steht unter
        http://www.virtualenv.org/en/latest/.

        Installiere zuerst das Werkzeug und lege dann die Umgebung an::

            $ pip install virtualenv
            $ virtualenv django-workshop
            $ source django-workshop/bin/activate
            (django-workshop)$ pip install django==1.4
        """
    ),
    "docs/de/erste_schritte/index.rst": _section(
        "Erste Schritte",
        "Jetzt legen wir das Projekt an und verbinden es mit einer Datenbank.",
        "start",
        "datenbank",
    ),
    "docs/de/erste_schritte/start.rst": dedent(
        """
        Ein neues Projekt
        =================

        Mit dem Befehl ``django-admin.py`` legst du ein neues Projekt an. Django erzeugt dabei
        ein Verzeichnis mit allen Dateien, die das Projekt für den Anfang braucht. Danach
        startest du den Entwicklungsserver und schaust dir das Ergebnis im Browser an::

            $ django-admin.py startproject cookbook
            $ cd cookbook
            $ python manage.py runserver
            Validating models...
            Development server is running at http://127.0.0.1:8000/

        Öffne die Adresse http://127.0.0.1:8000/ in deinem Browser. Du siehst die Begrüßung
        von Django: das Projekt läuft.
        """
    ),
    "docs/de/erste_schritte/datenbank.rst": dedent(
        """
        Die Datenbank einrichten
        ========================

        Django speichert die Daten deiner Anwendung in einer Datenbank. Für den Workshop reicht
        SQLite, das schon mit Python installiert wird. Trage die Datenbank in die Datei
        ``settings.py`` ein und lege danach die Tabellen an. Alle Einstellungen sind unter
        https://docs.djangoproject.com/en/1.4/ref/settings/#databases beschrieben::

            DATABASES = {
                'default': {
                    'ENGINE': 'django.db.backends.sqlite3',
                    'NAME': 'cookbook.db',
                }
            }

        Dann erzeugst du die Tabellen mit diesem Befehl::

            $ python manage.py syncdb
            $ python manage.py dbshell
        """
    ),
}

ENGLISH_TREE = {
    "docs/en/conf.py": _conf("en"),
    "docs/en/index.rst": dedent(
        """
        Django Workshop
        ===============

        Welcome to the Django workshop. In this workshop you build a small web application
        with Django, step by step.

        .. toctree::
           :maxdepth: 2

           preparation/index
           first_steps/index
        """
    ),
    "docs/en/preparation/index.rst": _section(
        "Preparation",
        "Before we start, we set up the working environment together.",
        "python",
        "virtualenv",
    ),
    "docs/en/preparation/python.rst": dedent(
        """
        Installing Python
        =================

        For this workshop you need Python in version 2.7. On Linux and macOS Python is usually
        installed already, on Windows you have to download it yourself. You can find the
        installers for every operating system on the page http://www.python.org/download/.

        Then open a console and check that everything worked::

            $ python --version
            Python 2.7.3

        If the console shows an error message, please ask one of the coaches for help.
        """
    ),
    "docs/en/preparation/virtualenv.rst": dedent(
        """
        A virtual environment
        =====================

        A virtual environment keeps the packages of this project apart from every other project
        on your computer. That way you can install exactly the version of Django that we use in
        the workshop without breaking anything else. There is more about it at
        http://www.virtualenv.org/en/latest/.

        First install the tool, then create the environment::

            $ pip install virtualenv
            $ virtualenv django-workshop
            $ source django-workshop/bin/activate
            (django-workshop)$ pip install django==1.4
        """
    ),
    "docs/en/first_steps/index.rst": _section(
        "First steps",
        "Now we create the project and connect it to a database.",
        "start",
        "database",
    ),
    "docs/en/first_steps/start.rst": dedent(
        """
        A new project
        =============

        The command ``django-admin.py`` creates a new project. Django makes a directory with
        every file that the project needs to begin with. Then you start the development server
        and look at the result in your browser::

            $ django-admin.py startproject cookbook
            $ cd cookbook
            $ python manage.py runserver
            Validating models...
            Development server is running at http://127.0.0.1:8000/

        Open the address http://127.0.0.1:8000/ in your browser. You see the welcome page of
        Django: the project is running.
        """
    ),
    "docs/en/first_steps/database.rst": dedent(
        """
        Setting up the database
        =======================

        Django keeps the data of your application in a database. For the workshop SQLite is
        enough, and it comes with Python already. Add the database to the file ``settings.py``
        and then create the tables. Every setting is described at
        https://docs.djangoproject.com/en/1.4/ref/settings/#databases::

            DATABASES = {
                'default': {
                    'ENGINE': 'django.db.backends.sqlite3',
                    'NAME': 'cookbook.db',
                }
            }

        Then you create the tables with this command::

            $ python manage.py syncdb
            $ python manage.py dbshell
        """
    ),
}

# German lesson → its English translation.
DJANGO_PAIRS = {
    "vorbereitung/python": "docs/en/preparation/python.rst",
    "vorbereitung/virtualenv": "docs/en/preparation/virtualenv.rst",
    "erste_schritte/start": "docs/en/first_steps/start.rst",
    "erste_schritte/datenbank": "docs/en/first_steps/database.rst",
}


# --------------------------------------------------------------------------------------------
# Renumbered steps: a German project that follows an older structure


def _meta(title: str, *steps: str) -> str:
    listed = "\n".join(f'  - title: "{step}"' for step in steps)
    return (
        f"title: {title}\nhero_image: images/banner.png\nversion: 4\nlisted: true\n"
        f"copyedit: true\nlast_tested: 2021-03-01\nsteps:\n{listed}\n"
    )


def _step(text: str, code: tuple[str, ...], image: str) -> str:
    """A step: its prose, a Scratch 3 script, then a screenshot."""
    script = "\n".join(code)
    return f"{dedent(text)}\n```blocks3\n{script}\n```\n\n{image}\n"


EN_STEPS = {
    "en/meta.yml": _meta(
        "Boat race",
        "What you will make",
        "Draw the race course",
        "Steer the boat",
        "Add a timer",
    ),
    "en/step_1.md": dedent(
        """
        ## What you will make

        You are going to make a game in which you steer a boat around the obstacles of a race
        course and bring it safely to the desert island. The faster you get there, the better
        your score will be at the end of the race.

        ![The finished boat race](images/boat-race-finished.png)

        Play the finished game at [the project page](https://scratch.mit.edu/projects/63957956/)
        before you start, so that you know what you are building.
        """
    ),
    # Its only heading is a sub-heading that differs from the step's title in meta.yml.
    "en/step_2.md": _step(
        """
        ## Open the starter project

        --- task ---

        Open the starter project at [rpf.io/boat-race-go](https://rpf.io/boat-race-go). The
        backdrop is the race course: the wooden walls are white, the island is yellow and the
        water is blue. Put the boat at the start of the course when the flag is clicked.

        --- /task ---
        """,
        (
            "when flag clicked",
            "go to x: (-190) y: (-150)",
            "point in direction (0)",
            "switch costume to (normal v)",
        ),
        "![The boat at the start of the course](images/boat-start.png)",
    ),
    "en/step_3.md": _step(
        """
        ## Steer the boat

        --- task ---

        The boat should follow your mouse pointer all the time. Add a loop that turns the boat
        towards the mouse pointer and moves it forward a little, then test your code by clicking
        the green flag and moving the mouse around the stage.

        --- /task ---
        """,
        (
            "when flag clicked",
            "forever",
            "  point towards (mouse-pointer v)",
            "  move (1) steps",
            "  if <touching color [#ffffff]?> then",
            "    say [Noooooo!] for (1) seconds",
            "    go to x: (-190) y: (-150)",
            "  end",
            "end",
        ),
        "![The boat crashes into a wall](images/boat-crash.png)",
    ),
    "en/step_4.md": _step(
        """
        ## Add a timer

        --- task ---

        Create a new variable called time on the stage and set it to zero when the flag is
        clicked. Then add a loop that waits a short moment and adds a tenth of a second to the
        timer, so that players can see how fast they are.

        --- /task ---
        """,
        (
            "when flag clicked",
            "set [time v] to (0)",
            "forever",
            "  wait (0.1) seconds",
            "  change [time v] by (0.1)",
            "end",
        ),
        "![The timer on the stage](images/timer-stage.png)",
    ),
}

DE_STEPS = {
    "de-DE/meta.yml": _meta(
        "Bootsrennen",
        "Was du machen wirst",
        "Die Rennstrecke",
        "Herausforderung: mehr Boote",
        "Das Boot steuern",
        "Eine Stoppuhr",
    ),
    "de-DE/step_1.md": dedent(
        """
        ## Was du machen wirst

        Du wirst ein Spiel programmieren, in dem du ein Boot um die Hindernisse einer
        Rennstrecke herum steuerst und es sicher zur einsamen Insel bringst. Je schneller du
        dort ankommst, desto besser ist am Ende des Rennens deine Punktzahl.

        ![Das fertige Bootsrennen](images/boat-race-finished.png)

        Spiele das fertige Spiel auf [der Projektseite](https://scratch.mit.edu/projects/63957956/),
        bevor du anfängst, damit du weißt, was du baust.
        """
    ),
    "de-DE/step_2.md": _step(
        """
        ## Das Startprojekt öffnen

        --- task ---

        Öffne das Startprojekt unter [rpf.io/boat-race-go](https://rpf.io/boat-race-go). Der
        Hintergrund ist die Rennstrecke: die Holzwände sind weiß, die Insel ist gelb und das
        Wasser ist blau. Setze das Boot an den Start, wenn die grüne Flagge angeklickt wird.

        --- /task ---
        """,
        (
            "Wenn die grüne Flagge angeklickt wird",
            "gehe zu x: (-190) y: (-150)",
            "setze Richtung auf (0) Grad",
            "wechsle zu Kostüm (normal v)",
        ),
        "![Das Boot am Start der Strecke](images/boat-start.png)",
    ),
    # A challenge the English project no longer has.
    "de-DE/step_3.md": _step(
        """
        ## Herausforderung: mehr Boote

        --- challenge ---

        Kannst du ein zweites Boot hinzufügen, das von einem anderen Spieler gesteuert wird?
        Erstelle dafür einen Klon der Figur und lass ihn an einer anderen Stelle der Strecke
        starten. Der zweite Spieler steuert sein Boot mit den Pfeiltasten der Tastatur.

        --- /challenge ---
        """,
        (
            "Wenn ich als Klon entstehe",
            "gehe zu x: (50) y: (120)",
            "drehe dich um (15) Grad",
            "erzeuge Klon von (mir selbst v)",
        ),
        "![Zwei Boote auf der Strecke](images/two-boats.png)",
    ),
    "de-DE/step_4.md": _step(
        """
        ## Das Boot steuern

        --- task ---

        Das Boot soll die ganze Zeit deinem Mauszeiger folgen. Füge eine Schleife hinzu, die das
        Boot zum Mauszeiger dreht und ein kleines Stück vorwärts bewegt. Teste dann deinen Code,
        indem du auf die grüne Flagge klickst und die Maus über die Bühne bewegst.

        --- /task ---
        """,
        (
            "Wenn die grüne Flagge angeklickt wird",
            "wiederhole fortlaufend",
            "  drehe dich zu (Mauszeiger v)",
            "  gehe (1) er Schritt",
            "  falls <wird Farbe [#ffffff] berührt?> , dann",
            "    sage [Neeeeein!] für (1) Sekunden",
            "    gehe zu x: (-190) y: (-150)",
            "  end",
            "end",
        ),
        "![Das Boot fährt gegen eine Wand](images/boat-crash.png)",
    ),
    "de-DE/step_5.md": _step(
        """
        ## Eine Stoppuhr

        --- task ---

        Erstelle eine neue Variable mit dem Namen Zeit auf der Bühne und setze sie auf null,
        wenn die Flagge angeklickt wird. Füge dann eine Schleife hinzu, die einen kurzen Moment
        wartet und eine Zehntelsekunde zur Zeit addiert, damit die Spieler sehen, wie schnell
        sie sind.

        --- /task ---
        """,
        (
            "Wenn die grüne Flagge angeklickt wird",
            "setze [Zeit v] auf (0)",
            "wiederhole fortlaufend",
            "  warte (0.1) Sekunden",
            "  ändere [Zeit v] um (0.1)",
            "end",
        ),
        "![Die Stoppuhr auf der Bühne](images/timer-stage.png)",
    ),
}


@pytest.fixture(scope="module")
def pairing_index(workspace: Workspace) -> om.Index:
    django = workspace.repo("django-workshop")
    django.write(
        {"docs/common.py": "extensions = []\nmaster_doc = 'index'\n", **GERMAN_TREE}
    ).commit("Der Workshop auf Deutsch", date="2012-03-01T10:00:00+00:00")
    django.write(ENGLISH_TREE).commit("English translation", date="2012-09-01T10:00:00+00:00")

    # The same trees, the English one written first: English is then the original.
    english_first = workspace.repo("django-english-first")
    english_first.write(
        {"docs/common.py": "extensions = []\nmaster_doc = 'index'\n", **ENGLISH_TREE}
    ).commit("The workshop in English", date="2012-03-01T10:00:00+00:00")
    english_first.write(GERMAN_TREE).commit(
        "Deutsche Übersetzung", date="2012-09-01T10:00:00+00:00"
    )

    boats = workspace.repo("boat-race")
    boats.write(
        {**EN_STEPS, "en/images/boat-start.png": b"\x89PNG\r\n\x1a\n", "en/code/boat.sb3": b"PK"}
    ).commit("Boat race", date="2017-01-10T10:00:00+00:00")
    boats.write(DE_STEPS).commit("Deutsche Übersetzung", date="2018-05-01T10:00:00+00:00")
    return workspace.build(
        "pairing",
        [
            material("django-workshop", django),
            material("django-english-first", english_first),
            material("boat-race", boats),
        ],
    )


def _problems(index: om.Index, material_id: str, path: str) -> list[om.IndexProblem]:
    return [p for p in index.material(material_id).problems if p.path == path]


def test_sphinx_trees_german_written_first_is_the_original(pairing_index):
    index = pairing_index
    assert index.material("django-workshop").original_language == "de"
    lessons = index.lessons(material="django-workshop")
    assert [lesson.path for lesson in lessons] == [
        "einfuehrung",
        "vorbereitung/python",
        "vorbereitung/virtualenv",
        "erste_schritte/start",
        "erste_schritte/datenbank",
    ]
    assert all(lesson.original_language == "de" for lesson in lessons)
    assert [lesson.original().title for lesson in lessons] == [
        "Einführung",
        "Python installieren",
        "Eine virtuelle Umgebung",
        "Ein neues Projekt",
        "Die Datenbank einrichten",
    ]
    # The introduction has no English counterpart.
    einfuehrung = index.lesson("django-workshop/einfuehrung")
    assert kinds(einfuehrung) == {"de": "original"}
    assert einfuehrung.original().path == "docs/de/einfuehrung.rst"


def test_sphinx_trees_english_pages_paired_by_content(pairing_index):
    index = pairing_index
    for key, english in DJANGO_PAIRS.items():
        lesson = index.lesson(f"django-workshop/{key}")
        assert kinds(lesson) == {"de": "original", "en": "file"}, key
        assert lesson.versions["de"].path == f"docs/de/{key}.rst"
        version = lesson.versions["en"]
        assert version.path == english, key
        # Positions differ by one (the German introduction): not the same place in the toctree.
        assert version.pairing == "content", key
        assert version.confidence is not None
        assert version.confidence >= 0.35, key
        assert lesson.original().pairing is None
        assert lesson.original().confidence is None
    assert titles(index.lesson("django-workshop/erste_schritte/datenbank")) == {
        "de": "Die Datenbank einrichten",
        "en": "Setting up the database",
    }
    # English pages are versions of German lessons, never lessons of their own.
    paths = set(lesson_paths(index, "django-workshop"))
    assert not {"first_steps/database", "preparation/python", "database"} & paths
    assert {x.id for x in index.lessons(language="en", material="django-workshop")} == {
        f"django-workshop/{key}" for key in DJANGO_PAIRS
    }


def test_sphinx_section_pages_are_navigation(pairing_index):
    index = pairing_index
    paths = lesson_paths(index, "django-workshop")
    assert not {"index", "vorbereitung/index", "erste_schritte/index"} & set(paths)
    sections = {lesson.path: lesson.section for lesson in index.lessons(material="django-workshop")}
    assert sections == {
        "einfuehrung": None,
        "vorbereitung/python": "Vorbereitung",
        "vorbereitung/virtualenv": "Vorbereitung",
        "erste_schritte/start": "Erste Schritte",
        "erste_schritte/datenbank": "Erste Schritte",
    }


def test_sphinx_trees_english_written_first_is_the_original(pairing_index):
    index = pairing_index
    assert index.material("django-english-first").original_language == "en"
    lessons = index.lessons(material="django-english-first")
    assert [lesson.path for lesson in lessons] == [
        "preparation/python",
        "preparation/virtualenv",
        "first_steps/start",
        "first_steps/database",
    ]
    assert [lesson.section for lesson in lessons] == [
        "Preparation",
        "Preparation",
        "First steps",
        "First steps",
    ]
    english = {path: key for key, path in DJANGO_PAIRS.items()}
    for lesson in lessons:
        assert lesson.original_language == "en"
        assert kinds(lesson) == {"en": "original", "de": "file"}
        version = lesson.versions["de"]
        assert version.path == f"docs/de/{english[lesson.original().path]}.rst"
        assert version.pairing == "content"
    # The German introduction translates nothing: reported, never a lesson written in German.
    problems = _problems(index, "django-english-first", "docs/de/einfuehrung.rst")
    assert [problem.severity for problem in problems] == ["warning"]
    assert "einfuehrung" not in lesson_paths(index, "django-english-first")


def test_renumbered_steps_paired_by_content(pairing_index):
    index = pairing_index
    assert index.material("boat-race").original_language == "en"
    assert lesson_paths(index, "boat-race") == ["step_1", "step_2", "step_3", "step_4"]
    for lesson in index.lessons(material="boat-race"):
        assert lesson.original_language == "en"
    expected = {
        "step_1": ("de-DE/step_1.md", "path"),
        "step_2": ("de-DE/step_2.md", "path"),
        "step_3": ("de-DE/step_4.md", "content"),
        "step_4": ("de-DE/step_5.md", "content"),
    }
    for key, (path, method) in expected.items():
        lesson = index.lesson(f"boat-race/{key}")
        assert kinds(lesson) == {"en": "original", "de-DE": "file"}, key
        version = lesson.versions["de-DE"]
        assert (version.path, version.pairing) == (path, method), key
        assert version.confidence is not None
        assert version.confidence >= 0.35, key
    assert titles(index.lesson("boat-race/step_3")) == {
        "en": "Steer the boat",
        "de-DE": "Das Boot steuern",
    }


def test_renumbered_steps_leftover_is_reported_not_a_lesson(pairing_index):
    index = pairing_index
    # The removed challenge: reported, and never a lesson in German.
    assert all(
        lesson.original_language != "de-DE" for lesson in index.lessons(material="boat-race")
    )
    assert "de-DE" not in index.material("boat-race").original_language
    assert all(
        version.path != "de-DE/step_3.md"
        for lesson in index.lessons(material="boat-race")
        for version in lesson.versions.values()
    )
    problems = _problems(index, "boat-race", "de-DE/step_3.md")
    assert problems, index.material("boat-race").problems
    assert all(problem.severity == "warning" for problem in problems)


def test_step_title_from_meta_when_the_page_has_only_a_sub_heading(pairing_index):
    lessons = pairing_index.lessons(material="boat-race")
    assert [lesson.original().title for lesson in lessons] == [
        "What you will make",
        "Draw the race course",
        "Steer the boat",
        "Add a timer",
    ]
    assert pairing_index.lesson("boat-race/step_2").versions["de-DE"].title == "Die Rennstrecke"


def test_pairing_in_the_json_export_and_its_schema(pairing_index):
    document = json.loads(pairing_index.export_json())
    boats = next(m for m in document["materials"] if m["id"] == "boat-race")
    step = next(lesson for lesson in boats["lessons"] if lesson["id"] == "boat-race/step_3")
    german = step["versions"]["de-DE"]
    assert (german["path"], german["pairing"]) == ("de-DE/step_4.md", "content")
    assert 0.35 <= german["confidence"] <= 1.0
    assert step["versions"]["en"].get("pairing") is None
    assert step["versions"]["en"].get("confidence") is None
    version = json.loads(om.export_schema())["$defs"]["LessonVersion"]["properties"]
    assert {"pairing", "confidence"} <= set(version)
    assert "content" in json.dumps(version["pairing"])
