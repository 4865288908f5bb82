"""Credits on histories like real ones: lessons moved once, bots without ``[bot]``, a translator
whose address names a service on his own domain, one person under a login and a full name.

Built once for the module: a Sphinx material whose lessons lived in ``docs/en/`` before they
moved to ``source/`` (as in OpenTechSchool's python-beginners), with German catalogs.
"""

from __future__ import annotations

import pytest

from otsmaterials.attribution.people import (
    Contribution,
    clean_name,
    is_bot,
    merge_people,
    order_names,
    po_translators,
)
from otsmaterials.cli import main

from gitrepos import material
from licence_repos import Built, Workspace, po_catalog

BEFORE = [
    ("Andreas Hug", "andreas@example.org"),
    ("Matthew Iversen", "matt@example.org"),
    ("Angus Gratton", "angus@example.org"),
    ("Steven Farlie", "steven@example.org"),
    ("Charles Pletcher", "charles@example.org"),
]
MOVER = ("Robert Lehmann", "1234+rlehmann@users.noreply.github.com")
AFTER = ("Alper Cugun", "alper@example.org")
ROBERT_TX = "Robert Lehmann <transifex@robertlehmann.de>"
BOTS = [
    ("Code Club Build Bot", "codeclubrobot@users.noreply.github.com"),
    ("greenkeeperio-bot", "support@greenkeeper.io"),
    ("Anonymous", "noreply@weblate.org"),
    ("GitHub Actions", "actions@github.com"),
    (
        "Raspberry Pi Translations Bot",
        "36728703+raspberrypitranslationsbot@users.noreply.github.com",
    ),
]
CONF = "project = u'Python'\nlanguage = 'en'\nlocale_dirs = ['locale/']\n"
INDEX = "Python\n======\n\n.. toctree::\n\n   loops\n   functions\n"
LOOPS = "Loops\n=====\n\nComputers are good at doing the same thing again and again.\n"
FUNCTIONS = "Functions\n=========\n\nA function is a named piece of code.\n"


def _date(year: int, month: int = 1) -> str:
    return f"{year}-{month:02d}-01T10:00:00+00:00"


def _german(translators: list[str], last: str) -> str:
    return po_catalog(
        [("Loops", "Schleifen"), (LOOPS.splitlines()[-1], "Computer wiederholen gern.")],
        language="de",
        translators=translators,
        last_translator=last,
    )


@pytest.fixture(scope="module")
def moved(workspace: Workspace) -> Built:
    repo = workspace.repo("python-beginners")
    repo.write(
        {
            "LICENSE": "Licensed under CC BY-SA 3.0: https://creativecommons.org/licenses/by-sa/3.0/\n"
        }
    )
    repo.write({"docs/en/conf.py": CONF, "docs/en/index.rst": INDEX, "docs/en/loops.rst": LOOPS})
    repo.write({"docs/en/functions.rst": FUNCTIONS})
    repo.commit("first", author=BEFORE[0], date=_date(2012))
    for number, person in enumerate(BEFORE[1:], start=1):
        repo.write({"docs/en/loops.rst": LOOPS + "\nMore.\n" * number})
        repo.commit(f"loops {number}", author=person, date=_date(2012, number + 1))
    # Bots edit the lesson: none of them is an author.
    for number, bot in enumerate(BOTS, start=1):
        repo.write({"docs/en/loops.rst": LOOPS + "\nMore.\n" * (10 + number)})
        repo.commit(f"automatic {number}", author=bot, date=_date(2013, number))
    # The move: every lesson from docs/en/ to source/ (one commit, as python-beginners did).
    for name in ("conf.py", "index.rst", "loops.rst", "functions.rst"):
        repo.move(f"docs/en/{name}", f"source/{name}")
    repo.commit("Move the sources to source/", author=MOVER, date=_date(2014))
    repo.write({"source/loops.rst": LOOPS + "\nA while loop.\n"})
    repo.commit(
        "while loops\n\nCo-authored-by: Dana Pair <dana@example.org>\n"
        "Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        author=AFTER,
        date=_date(2015),
    )
    # The same people under other forms of their identity.
    repo.write({"source/functions.rst": FUNCTIONS + "\nReturn values.\n"})
    repo.commit(
        "functions", author=("rlehmann", "rlehmann@users.noreply.github.com"), date=_date(2015, 2)
    )
    repo.write({"source/functions.rst": FUNCTIONS + "\nParameters.\n"})
    repo.commit(
        "parameters", author=("=Kristian Rother", "krother@example.eu"), date=_date(2015, 3)
    )
    repo.write({"source/functions.rst": FUNCTIONS + "\nDefaults.\n"})
    repo.commit("defaults", author=("Kristian Rother", "krother@example.eu"), date=_date(2015, 4))
    # German catalogs: Robert is credited by his own address, which names a service.
    repo.write(
        {
            "source/locale/de/LC_MESSAGES/loops.po": _german(
                [f"{ROBERT_TX}, 2013", "Kristian Rother <krother@example.eu>, 2013"], ROBERT_TX
            )
        }
    )
    repo.commit("German", author=("Benjamin Kampmann", "ben@example.org"), date=_date(2016))
    return workspace.build("moves", [material("python-beginners", repo)])


def _version(built: Built, lesson: str, language: str):
    return built.index.lesson(f"python-beginners/{lesson}").versions[language]


def test_moved_lesson_keeps_the_authors_from_before_the_move(moved):
    authors = set(_version(moved, "loops", "en").authors)
    assert authors == {*(name for name, _ in BEFORE), "Robert Lehmann", "Alper Cugun", "Dana Pair"}


def test_history_of_a_moved_file_follows_it(moved):
    version = _version(moved, "loops", "en")
    assert version.path == "source/loops.rst"
    assert version.updated == "2015-01-01"  # the last change, after the move


def test_bots_are_never_credited(moved):
    material = moved.index.material("python-beginners")
    names = {p.name for p in material.contributors}
    credited = {
        name
        for lesson in moved.index.lessons()
        for version in lesson.versions.values()
        for name in (*version.authors, *version.translators)
    }
    for name, _ in BOTS:
        assert name not in names
        assert name not in credited
    assert not any("bot" in name.lower() for name in names | credited)


def test_service_named_address_on_own_domain_is_a_translator(moved):
    assert "Robert Lehmann" in _version(moved, "loops", "de").translators


def test_one_person_one_entry(moved):
    contributors = {p.name: p for p in moved.index.material("python-beginners").contributors}
    # Login (old no-reply form), full name (numbered no-reply) and the catalog's address: one.
    assert "rlehmann" not in contributors
    robert = contributors["Robert Lehmann"]
    assert robert.roles == ("author", "translator")
    assert robert.commits == 2
    assert "=Kristian Rother" not in contributors
    assert contributors["Kristian Rother"].commits == 2
    assert set(_version(moved, "functions", "en").authors) == {
        "Andreas Hug",
        "Robert Lehmann",
        "Kristian Rother",
    }


def test_cli_attribution_orders_by_name_or_by_contributions(moved, capsys):
    common = ["--lang", "en", "attribution", "python-beginners/functions", "-c"]
    assert main([*common, str(moved.catalogue)]) == 0
    by_name = capsys.readouterr().out
    assert "by Andreas Hug, Kristian Rother, and Robert Lehmann" in by_name
    assert main([*common, str(moved.catalogue), "--order", "contributions"]) == 0
    by_count = capsys.readouterr().out
    assert "by Kristian Rother, Robert Lehmann, and Andreas Hug" in by_count


# --------------------------------------------------------------------------------------------
# The rules on their own


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Robert Lehmann", "transifex@robertlehmann.de"),
        ("Jo Weber", "weblate@jo-weber.example"),
        ("Chris Crowd", "crowdin@chris.example"),
        ("Michal Čihař", "michal@weblate.org"),
        ("Talbot Bot-Smith", None),
        ("Abbot Costello", "abbot@example.org"),
        ("Dana", "12345+dana@users.noreply.github.com"),
    ],
)
def test_people_whose_name_or_address_contains_a_service_are_people(name, email):
    assert not is_bot(name, email)


@pytest.mark.parametrize(
    ("name", "email"),
    [
        *BOTS,
        ("Transifex Bot", None),
        ("transifex-integration[bot]", None),
        ("Crowdin Bot", "support+bot@crowdin.com"),
        ("Weblate", "noreply@weblate.org"),
        ("Hosted Weblate", "hosted@weblate.org"),
        ("Renovate Bot", "bot@renovateapp.com"),
        ("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com"),
        ("Dependabot", "support@dependabot.com"),
        ("Auto Update", "noreply@example.org"),
    ],
)
def test_bots_by_name_or_by_address(name, email):
    assert is_bot(name, email)


def test_po_block_keeps_the_service_named_address_and_drops_anonymous():
    found = po_translators(
        [
            "Translators:",
            "Robert Lehmann <transifex@robertlehmann.de>, 2013-2014",
            "Anonymous <noreply@weblate.org>, 2020",
            "=Kristian Rother <krother@example.eu>, 2014",
        ],
        "Anonymous <noreply@weblate.org>",
        "de",
    )
    assert [(c.name, c.email) for c in found] == [
        ("Robert Lehmann", "transifex@robertlehmann.de"),
        ("Kristian Rother", "krother@example.eu"),
    ]


def test_login_and_full_name_linked_by_a_shared_address():
    people = merge_people(
        [
            Contribution("valentina-s", "valentina-s@users.noreply.github.com", "author", 16),
            Contribution("Valentina Staneva", "valentina-s@users.noreply.github.com", "author", 3),
            Contribution("zkamvar", "zkamvar@users.noreply.github.com", "author", 19),
            Contribution("Zhian N. Kamvar", "1234+zkamvar@users.noreply.github.com", "author", 2),
        ]
    )
    assert [(p.name, p.commits) for p in people] == [
        ("Zhian N. Kamvar", 21),
        ("Valentina Staneva", 19),
    ]


def test_names_trimmed_and_ordered():
    assert clean_name(" =Ada  Lovelace, ") == "Ada Lovelace"
    assert order_names(("Zoe", "Émile", "ada")) == ("ada", "Émile", "Zoe")
    assert order_names(("Zoe", "Émile", "ada"), "contributions") == ("Zoe", "Émile", "ada")
