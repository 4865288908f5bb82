"""Search folds each language's customary spellings, in the index and in queries, both ways.

German ``ä ö ü ß`` match ``ae oe ue ss`` (and the plain accent fold stays: ``ubung`` finds
``Übung``); French ``œ æ`` match ``oe ae``; Danish ``æ ø å`` match ``ae oe aa``; Spanish has none
(``ñ`` folds to ``n`` with the accents), and one language's spellings never apply to another's
text.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import otsmaterials as om

from clirun import Run
from gitrepos import git_environment
from indexing import Workspace, dedent

GERMAN_UMLAUTS = dedent(
    """
    # Übungen für Anfänger

    In dieser Übung öffnest du den Editor und schreibst ein kleines Programm. Es berechnet die
    Größe eines Fensters und zeigt sie an. Danach änderst du die Straße im Beispiel.
    """
)
GERMAN_PLAIN = dedent(
    """
    # Strassenbahn und Fahrplan

    Diese Uebersicht zeigt die Haltestellen der Linie. Die Groesse der Tabelle haengt von der
    Zahl der Haltestellen ab, und jede Strasse bekommt eine eigene Zeile in der Tabelle.
    """
)
FRENCH_LIGATURES = dedent(
    """
    # Le cœur du programme

    Cette leçon montre le cœur de notre programme. Nous écrivons une petite œuvre ensemble, et
    chaque fonction reçoit un nom clair pour que tout le monde comprenne ce qu'elle fait.
    """
)
FRENCH_PLAIN = dedent(
    """
    # Les oeufs de Pâques

    Dans cette leçon, nous comptons les oeufs cachés dans le jardin avec une boucle. Chaque
    oeuf trouvé est ajouté à la liste, et à la fin le programme affiche le total des oeufs.
    """
)
SPANISH = dedent(
    """
    # España y sus ciudades

    En esta lección escribimos una función que cuenta las ciudades de España por año. El
    pingüino del ejemplo nos ayuda a recordar que cada función devuelve un valor nuevo.
    """
)
DANISH = dedent(
    """
    # Søen og skoven

    I denne lektion skriver vi et lille program om søen ved skoven. Programmet tæller fuglene på
    åen, og til sidst viser det hvor mange der så ud til at være på vandet i dag.
    """
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[om.Index]:
    with git_environment(tmp_path_factory.mktemp("home")):
        workspace = Workspace(tmp_path_factory.mktemp("spellings"))
        materials = []
        for ident, language, files in [
            ("deutsch", "de", {"umlaute.md": GERMAN_UMLAUTS, "ohne.md": GERMAN_PLAIN}),
            ("francais", "fr", {"coeur.md": FRENCH_LIGATURES, "oeufs.md": FRENCH_PLAIN}),
            ("espanol", "es", {"espana.md": SPANISH}),
            ("dansk", "da", {"soeen.md": DANISH}),
        ]:
            repo = workspace.repo(ident).write(files)
            repo.commit("lessons")
            materials.append(
                {"id": ident, "title": ident, "source": str(repo.path), "language": language}
            )
        with workspace.build("all", materials) as opened:
            yield opened


def found(index: om.Index, query: str, language: str | None = None) -> set[str]:
    return {hit.lesson for hit in index.search(query, language=language)}


def test_the_fixture_is_in_its_languages(index: om.Index) -> None:
    assert {lesson.id: lesson.original_language for lesson in index.lessons()} == {
        "deutsch/umlaute": "de",
        "deutsch/ohne": "de",
        "francais/coeur": "fr",
        "francais/oeufs": "fr",
        "espanol/espana": "es",
        "dansk/soeen": "da",
    }


@pytest.mark.parametrize(
    ("query", "lessons"),
    [
        # written without the letters, the text has them
        ("uebung", {"deutsch/umlaute"}),
        ("Uebungen fuer Anfaenger", {"deutsch/umlaute"}),
        ("oeffnest", {"deutsch/umlaute"}),
        ("groesse", {"deutsch/umlaute", "deutsch/ohne"}),
        ("strasse", {"deutsch/umlaute", "deutsch/ohne"}),
        ("STRASSE", {"deutsch/umlaute", "deutsch/ohne"}),
        # written with the letters, the text has not
        ("Übersicht", {"deutsch/ohne"}),
        ("hängt", {"deutsch/ohne"}),
        ("Straßenbahn", {"deutsch/ohne"}),
        # the plain accent fold stays
        ("ubung", {"deutsch/umlaute"}),
        ("offnest", {"deutsch/umlaute"}),
        ("Übung", {"deutsch/umlaute"}),
        # not German spellings
        ("uberung", set()),
        ("strase", set()),
        # words with spellings beside words without, in any order
        ("Haltestellen uebersicht", {"deutsch/ohne"}),
        ("uebersicht Haltestellen", {"deutsch/ohne"}),
        ("die Größe", {"deutsch/umlaute", "deutsch/ohne"}),
        ("Größe die Tabelle", {"deutsch/ohne"}),
        ("Editor Übung Programm", {"deutsch/umlaute"}),
        ("Fahrplan Übung", set()),
    ],
)
def test_german(index: om.Index, query: str, lessons: set[str]) -> None:
    assert found(index, query) == lessons
    assert found(index, query, "de") == lessons


@pytest.mark.parametrize(
    ("query", "lessons"),
    [
        ("coeur", {"francais/coeur"}),
        ("oeuvre", {"francais/coeur"}),
        ("cœur", {"francais/coeur"}),
        ("Œufs", {"francais/oeufs"}),
        ("œuf", {"francais/oeufs"}),
        ("oeufs", {"francais/oeufs"}),
        ("lecon recoit", {"francais/coeur"}),  # accents: the plain fold
        ("paques", {"francais/oeufs"}),
        ("programme cœur", {"francais/coeur"}),
        ("oeufs jardin boucle", {"francais/oeufs"}),
    ],
)
def test_french(index: om.Index, query: str, lessons: set[str]) -> None:
    assert found(index, query) == lessons
    assert found(index, query, "fr") == lessons


@pytest.mark.parametrize(
    ("query", "lessons"),
    [
        ("espana", {"espanol/espana"}),
        ("España", {"espanol/espana"}),
        ("funcion", {"espanol/espana"}),
        ("leccion", {"espanol/espana"}),
        ("pinguino", {"espanol/espana"}),
        ("ano", {"espanol/espana"}),  # ñ folds to n with the accents
        # no German spelling in a Spanish text, no invented Spanish one
        ("pingueino", set()),
        ("anio", set()),
        ("espanna", set()),
    ],
)
def test_spanish(index: om.Index, query: str, lessons: set[str]) -> None:
    assert found(index, query, "es") == lessons


def test_spellings_belong_to_their_language(index: om.Index) -> None:
    assert found(index, "pingueino") == set()  # ü in Spanish text is not German ü
    assert found(index, "uebung", "fr") == set()
    assert found(index, "coeur", "de") == set()
    assert found(index, "soeen", "da") == {"dansk/soeen"}
    assert found(index, "aaen taeller", "da") == {"dansk/soeen"}
    assert found(index, "søen", "da") == {"dansk/soeen"}


def test_snippets_show_the_text_as_written(index: om.Index) -> None:
    (hit,) = index.search("strassenbahn")
    assert hit.title == "Strassenbahn und Fahrplan"
    (hit,) = index.search("Übung", language="de")
    assert "[Übung]" in hit.snippet
    (hit,) = index.search("uebung", language="de")
    assert "uebung" not in hit.snippet.lower()  # the spellings are never shown


def test_cli_search(index: om.Index, run: Run) -> None:
    code, out, _ = run("search", "uebung", "--index", index.path)
    assert code == 0
    assert "deutsch/umlaute" in out
    code, out, _ = run("search", "coeur", "--language", "fr", "--index", index.path)
    assert code == 0
    assert "francais/coeur" in out
    assert "deutsch" not in out
    code, out, _ = run(
        "search", "Haltestellen uebersicht", "--language", "de", "--index", index.path
    )
    assert code == 0
    assert "deutsch/ohne" in out
