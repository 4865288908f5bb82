"""People: authors from history, ``.mailmap``, merged identities, bots, declared authors and
translators.

A fixture repository with a known history (dates, names, e-mail addresses) is built once for the
module; the tests check each lesson version's authors and translators, the material's merged
contributors, and that e-mail addresses stay out of the exports unless asked for.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials._git.history import Commit
from otsmaterials.attribution.people import (
    Contribution,
    from_commits,
    is_bot,
    merge_people,
    merged_names,
    po_translators,
)
from otsmaterials.cli import main

from gitrepos import git, material
from licence_repos import (
    ADA,
    HELLO_DE,
    HELLO_EN,
    LOOPS_DE,
    LOOPS_EN,
    Built,
    Workspace,
    dedent,
    notice,
    po_catalog,
)

# --------------------------------------------------------------------------------------------
# Pure functions


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        ("dependabot-preview[bot]", None),
        ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
        ("renovate[bot]", None),
        ("Renovate Bot", None),
        ("pre-commit-ci[bot]", None),
        ("allcontributors[bot]", None),
        ("GitHub Action", "action@github.com"),
        ("web-flow", None),
        ("Transifex Bot", None),
        # A human name, but the e-mail of a bot account.
        ("Auto Update", "49699333+dependabot[bot]@users.noreply.github.com"),
    ],
)
def test_is_bot(name, email):
    assert is_bot(name, email)


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Ada Lovelace", "ada@example.org"),
        ("Bob Dependable", "bob@example.org"),
        ("Robert Botham", None),
        ("Abbot Costello", "abbot@example.org"),
        ("Matthew Smith", "renovation@example.org"),
    ],
)
def test_is_not_bot(name, email):
    assert not is_bot(name, email)


def _c(name: str, email: str | None, commits: int = 1, *years: int, **extra: str) -> Contribution:
    return Contribution(
        name,
        email,
        extra.get("role", "author"),
        commits,
        set(years),
        extra.get("language"),
    )


def test_merge_people_one_email_two_names():
    people = merge_people(
        [
            _c("Matt Smith", "matt@example.org", 1, 2013),
            _c("Matthew Smith", "matt@example.org", 2, 2014),
            _c("Ada Lovelace", "ada@example.org", 1, 2012),
        ]
    )
    assert [(p.name, p.email, p.commits, p.years) for p in people] == [
        ("Matthew Smith", "matt@example.org", 3, (2013, 2014)),
        ("Ada Lovelace", "ada@example.org", 1, (2012,)),
    ]


def test_merge_people_one_name_two_emails_case_and_accents():
    people = merge_people(
        [
            _c("Grace Hopper", "grace@example.org", 2, 2015),
            _c("Grace Hopper", "grace@navy.example", 1, 2016),
            _c("GRACE HOPPER", "Grace@Navy.Example", 1, 2017),
            _c("José García", "jose@example.es", 1, 2018),
            _c("Jose Garcia", None, 0, role="translator", language="es"),
        ]
    )
    assert [(p.name, p.commits, p.years) for p in people] == [
        ("Grace Hopper", 4, (2015, 2016, 2017)),
        ("José García", 1, (2018,)),
    ]
    assert people[0].email == "grace@example.org"  # the address used most
    assert people[1].roles == ("author", "translator")
    assert people[1].languages == ("es",)


def test_merge_people_is_transitive():
    # A shares a name with B, B shares an e-mail with C: one person.
    people = merge_people(
        [
            _c("Nick Old", "nick@old.example", 1, 2013),
            _c("Nick Old", "nick@new.example", 1, 2014),
            _c("Nicholas New", "nick@new.example", 3, 2015),
        ]
    )
    assert len(people) == 1
    assert (people[0].name, people[0].commits, people[0].years) == (
        "Nicholas New",
        5,
        (2013, 2014, 2015),
    )


def test_merge_people_counts_each_of_many_alike_contributions():
    """A lesson's history gives one contribution per commit: alike ones count one by one.

    The name shown is the full name of the most commits (a contribution without commits, from
    a catalog or front matter, counts one); the address shown the one of the most
    contributions, whatever their commits; on a tie, the one given first.
    """
    people = merge_people(
        [
            *[_c("A. Lovelace", "ada@work.example", 1, 2013)] * 3,
            _c("Ada Lovelace", "ada@home.example", 10, 2014),
            *[_c("Ada Lovelace", "ada@work.example", 0, role="translator", language="de")] * 2,
            *[_c("Charles Babbage", "cb@example.org", 1, 2015)] * 2,
            *[_c("Charles B.", "cb@example.net", 1, 2016)] * 2,
            *[_c("Charles B.", "cb@example.org", 0)] * 2,
        ]
    )
    assert [(p.name, p.email, p.commits, p.years, p.roles, p.languages) for p in people] == [
        (
            "Ada Lovelace",
            "ada@work.example",
            13,
            (2013, 2014),
            ("author", "translator"),
            ("de",),
        ),
        ("Charles B.", "cb@example.org", 4, (2015, 2016), ("author",), ()),
    ]
    three = merge_people([*[_c("A. Lovelace", "ada@work.example", 1)] * 3, _c("Ada L", None, 2)])
    assert [(p.name, p.commits) for p in three] == [("A. Lovelace", 3), ("Ada L", 2)]
    tie = merge_people([*[_c("Ada B", "b@x.example", 1)] * 2, *[_c("Ada A", "b@x.example", 1)] * 2])
    assert [(p.name, p.commits) for p in tie] == [("Ada B", 4)]


_CONTRIBUTIONS = st.lists(
    st.builds(
        _c,
        st.sampled_from(["Ada L", "ada l", "Ádá L", "ada", " ", "Bo B", "Bo", "bob"]),
        st.sampled_from([None, "a@x.example", "A@X.example", "1+ada@users.noreply.github.com"]),
        st.integers(0, 3),
        role=st.sampled_from(["author", "translator"]),
        language=st.sampled_from(["de", "fr"]),
    ),
    max_size=12,
)


@given(_CONTRIBUTIONS)
@settings(max_examples=200, deadline=None, derandomize=True)
def test_merged_names_are_the_merged_peoples(contributions: list[Contribution]) -> None:
    """A version's credits keep the names only: the same names, in the same order."""
    assert merged_names(contributions) == tuple(p.name for p in merge_people(contributions))


@given(_CONTRIBUTIONS, st.lists(st.integers(1, 4), min_size=12, max_size=12))
@settings(max_examples=150, deadline=None, derandomize=True)
def test_a_contribution_standing_for_several_counts_as_they_do(
    contributions: list[Contribution], times: list[int]
) -> None:
    """Versions that share their credits give them once, so many times: the same people."""
    repeated = [copy for c, n in zip(contributions, times, strict=False) for copy in [c] * n]
    standing = [dataclasses.replace(c, times=n) for c, n in zip(contributions, times, strict=False)]
    assert merge_people(standing) == merge_people(repeated)
    assert merged_names(standing) == merged_names(repeated)


@given(st.lists(_CONTRIBUTIONS, min_size=1, max_size=6))
@settings(max_examples=100, deadline=None, derandomize=True)
def test_names_kept_across_versions_are_the_names_worked_out(
    versions: list[list[Contribution]],
) -> None:
    """A material's versions share authors: names kept by contributions are the same names."""
    memo: dict[tuple[tuple[str, str | None, str, str | None, int], ...], tuple[str, ...]] = {}
    for contributions in [*versions, *versions]:
        assert merged_names(contributions, memo=memo) == merged_names(contributions)
    assert 0 < len(memo) <= len(versions)


def test_names_kept_across_versions_follow_each_versions_commits() -> None:
    memo: dict[tuple[tuple[str, str | None, str, str | None, int], ...], tuple[str, ...]] = {}
    ada_first = [Contribution("Ada L", None, "author", 3), Contribution("Bo B", None, "author", 1)]
    bo_first = [Contribution("Ada L", None, "author", 1), Contribution("Bo B", None, "author", 3)]
    assert merged_names(ada_first, memo=memo) == ("Ada L", "Bo B")
    assert merged_names(bo_first, memo=memo) == ("Bo B", "Ada L")


def _commit(oid: str, author: str, email: str, year: int, *coauthors: str) -> Commit:
    stamp = 1_000_000_000 + (year - 2001) * 31_557_600
    return Commit(oid, stamp, author, email, "change", ("a.md",), coauthors=coauthors)


def test_commits_read_once_credit_as_when_read_each_time() -> None:
    """A material's versions share commits: what one version read, the next takes as read."""
    commits = [
        _commit("c1", "=Ada Lovelace,", "ada@example.org", 2014, "Bo B <bo@example.org>"),
        _commit("c2", "dependabot[bot]", "1+dependabot[bot]@users.noreply.github.com", 2015),
        _commit("c3", "ada@example.org", "", 2016, "Ada Lovelace <ada@example.org>"),
    ]
    known: dict[str, tuple[tuple[str, str | None, int], ...]] = {}
    first = from_commits(commits[:2], known=known)
    again = from_commits(commits, role="translator", known=known)
    assert set(known) == {"c1", "c2", "c3"}
    assert first == from_commits(commits[:2])
    assert again == from_commits(commits, role="translator")
    assert [(c.name, c.email, c.role, c.years) for c in again] == [
        ("Ada Lovelace", "ada@example.org", "translator", {2014}),
        ("Bo B", "bo@example.org", "translator", {2014}),
        ("ada", "ada@example.org", "translator", {2016}),
        ("Ada Lovelace", "ada@example.org", "translator", {2016}),
    ]


def test_merge_people_order_and_blank_names():
    people = merge_people(
        [
            _c("Zoe Zed", None, 1),
            _c("  ", "blank@example.org", 5),
            _c("Anna Alpha", None, 1),
            _c("Carl Busy", None, 4),
        ]
    )
    assert [p.name for p in people] == ["Carl Busy", "Anna Alpha", "Zoe Zed"]


def test_po_translators_block_and_last_translator():
    comments = [
        "SOME DESCRIPTIVE TITLE.",
        "Copyright (C) 2012, OpenTechSchool and contributors",
        "This file is distributed under the same license as the Python for Beginners package.",
        "",
        "Translators:",
        "Erika Mustermann <erika@example.de>, 2013",
        "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.",
        "FULL NAME <EMAIL@ADDRESS>, 2013.",
        "Hans Müller <hans@example.de>, 2013, 2014",
    ]
    found = po_translators(comments, "Erika Mustermann <erika@example.de>", "de")
    assert [(c.name, c.email, c.role, sorted(c.years), c.language) for c in found] == [
        ("Erika Mustermann", "erika@example.de", "translator", [2013], "de"),
        ("Hans Müller", "hans@example.de", "translator", [2013, 2014], "de"),
        ("Erika Mustermann", "erika@example.de", "translator", [], "de"),
    ]
    people = merge_people(found)
    assert [(p.name, p.years, p.languages) for p in people] == [
        ("Erika Mustermann", (2013,), ("de",)),
        ("Hans Müller", (2013, 2014), ("de",)),
    ]


def test_po_translators_placeholders_only():
    comments = ["FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.", "", "Translators:"]
    assert po_translators(comments, "FULL NAME <EMAIL@ADDRESS>", "fr") == []
    # Names before the Translators block (the template's copyright lines) are not translators.
    assert po_translators(["Copyright (C) 2012 Someone <x@example.org>"], None, "fr") == []


# --------------------------------------------------------------------------------------------
# A material with a known history

NICK_OLD = ("Old Nick", "nick@old.example")
MATT = ("Matt Smith", "matt@example.org")
MATTHEW = ("Matthew Smith", "matt@example.org")
GRACE = ("Grace Hopper", "grace@example.org")
GRACE_NAVY = ("Grace Hopper", "grace@navy.example")
DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
ACTIONS = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
TINA = ("Tina Translator", "tina@example.de")
HANS = ("Hans Müller", "hans@example.de")
PULL = ("Pull Requester", "pull@example.org")
SIDE = ("Side Dev", "side@example.org")
PAT = ("Pat Committer", "pat@example.org")

MAILMAP = "Nicholas New <nick@new.example> Old Nick <nick@old.example>\n"
AUTHORS_YML = dedent(
    """
    - firstname: Linus
      lastname: Example
      email: linus@example.org
      website: https://linus.example.org
    - firstname: Margaret
      lastname: Hamilton
      email: margaret@example.org
    """
)
AUTHORS_FILE = (
    "Authors of this workshop\n\nJane Doe <jane@example.org>\nJohn Roe <john@example.org>\n"
)
AUTOREN_PAGE = "# Autoren\n\n* Erika Beispiel\n* Max Mustermann\n"

EMAILS = {
    "ada@example.org",
    "nick@new.example",
    "nick@old.example",
    "matt@example.org",
    "grace@example.org",
    "grace@navy.example",
    "tina@example.de",
    "hans@example.de",
    "linus@example.org",
    "margaret@example.org",
    "jane@example.org",
    "john@example.org",
    "erika@example.de",
    "juan@example.es",
    "lola@example.es",
}


def _date(year: int, month: int = 6) -> str:
    return f"{year}-{month:02d}-01T10:00:00+00:00"


def _front(title: str, body: str, **keys: str) -> str:
    lines = ["---", f"title: {title}", *(f"{key}: {value}" for key, value in keys.items()), "---"]
    return "\n".join(lines) + f"\n\n{body}\n"


@pytest.fixture(scope="module")
def people(workspace: Workspace) -> Built:
    repo = workspace.repo("history")
    repo.write(
        {
            "README.md": "# Workshop\n\nAbout it.\n",
            "hello.md": HELLO_EN,
            "LICENSE": notice("by-sa", "4.0"),
        }
    ).commit("Hello lesson", author=ADA, date=_date(2012, 3))
    repo.write({"hello.md": HELLO_EN + "\nSay it twice.\n"}).commit(
        "Say it twice", author=NICK_OLD, date=_date(2013, 2)
    )
    repo.write({"loops.md": LOOPS_EN}).commit("Loops", author=MATT, date=_date(2013, 5))
    repo.write({"loops.md": LOOPS_EN + "\nA for loop.\n"}).commit(
        "for", author=MATTHEW, date=_date(2014, 5)
    )
    repo.write({"loops.md": LOOPS_EN + "\nA while loop.\n"}).commit(
        "while", author=MATTHEW, date=_date(2014, 7)
    )
    repo.write({"hello.md": HELLO_EN + "\nSay it three times.\n"}).commit(
        "three", author=GRACE, date=_date(2015)
    )
    repo.write({"loops.md": LOOPS_EN + "\nBreak out of a loop.\n"}).commit(
        "break", author=GRACE_NAVY, date=_date(2016)
    )
    repo.write({"hello.md": HELLO_EN + "\nSay it three times!\n"}).commit(
        "Bump", author=DEPENDABOT, date=_date(2017, 1)
    )
    repo.write({"loops.md": LOOPS_EN + "\nBreak out of a loop!\n"}).commit(
        "Format", author=ACTIONS, date=_date(2017, 2)
    )
    repo.write(
        {
            ".mailmap": MAILMAP,
            "_data/authors.yml": AUTHORS_YML,
            "AUTHORS": AUTHORS_FILE,
            "autoren.md": AUTOREN_PAGE,
            "front.md": _front(
                "Front", "A lesson whose author is named in front matter.", author="Front Author"
            ),
            "pair.md": _front(
                "Pair", "A lesson written by two people together.", authors="[Ann One, Bob Two]"
            ),
        }
    ).commit("Authors", author=ADA, date=_date(2018))
    # A whole translation on a branch named after its language.
    repo.branch("german").write({"loops.md": LOOPS_DE}).commit(
        "Schleifen", author=HANS, date=_date(2020)
    )
    repo.checkout("main")
    # A translation file next to the original.
    repo.write({"hello.de.md": HELLO_DE}).commit("Hallo", author=TINA, date=_date(2019))
    # Neither a pull request nor a side branch is the history of the lessons.
    repo.branch("experiment").write({"hello.md": HELLO_EN + "\nAn experiment.\n"}).commit(
        "Experiment", author=SIDE, date=_date(2021)
    )
    repo.checkout("main")
    repo.branch("pr").write({"hello.md": HELLO_EN + "\nA proposal.\n"}).commit(
        "Proposal", author=PULL, date=_date(2021)
    )
    repo.checkout("main")
    git("update-ref", "refs/pull/1/head", "pr", cwd=repo.path)
    git("branch", "-q", "-D", "pr", cwd=repo.path)

    gettext = workspace.repo("gettext")
    gettext.write(
        {
            "LICENSE": notice("by-sa", "3.0"),
            "source/conf.py": "project = u'Python'\nlanguage = 'en'\nlocale_dirs = ['locale/']\n",
            "source/index.rst": "Python\n======\n\n.. toctree::\n\n   loops\n",
            "source/loops.rst": "Loops\n=====\n\nComputers are good at doing the same thing.\n",
        }
    ).commit("English", author=ADA, date=_date(2013))
    gettext.write(
        {
            "source/locale/de/LC_MESSAGES/loops.po": po_catalog(
                [
                    ("Loops", "Schleifen"),
                    ("Computers are good at doing the same thing.", "Computer wiederholen gern."),
                ],
                language="de",
                translators=[
                    "Erika Mustermann <erika@example.de>, 2013",
                    "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.",
                    "Hans Müller <hans@example.de>, 2013, 2014",
                ],
                last_translator="Erika Mustermann <erika@example.de>",
            ),
            "source/locale/es/LC_MESSAGES/loops.po": po_catalog(
                [
                    ("Loops", "Bucles"),
                    ("Computers are good at doing the same thing.", "Los ordenadores repiten."),
                ],
                language="es",
                translators=["Juan Pérez <juan@example.es>, 2014"],
            ),
            # A language with an empty catalog: the pull from Transifex touches three languages.
            "source/locale/fr/LC_MESSAGES/loops.po": po_catalog([], language="fr"),
        }
    ).commit("Translations from Transifex", author=PAT, date=_date(2014))
    # A translator who commits the catalog of her own language is credited for it.
    gettext.write(
        {
            "source/locale/es/LC_MESSAGES/loops.po": po_catalog(
                [
                    ("Loops", "Bucles"),
                    ("Computers are good at doing the same thing.", "Los ordenadores repiten."),
                ],
                language="es",
                translators=["Juan Pérez <juan@example.es>, 2014"],
                last_translator="Juan Pérez <juan@example.es>",
            )
        }
    ).commit("es: Last-Translator", author=("Lola Commits", "lola@example.es"), date=_date(2015))
    return workspace.build("people", [material("history", repo), material("gettext", gettext)])


def _versions(built: Built, lesson: str):
    return built.index.lesson(lesson).versions


def _contributors(built: Built, ident: str) -> dict[str, object]:
    return {p.name: p for p in built.index.material(ident).contributors}


def test_lesson_authors_from_history(people):
    # .mailmap applied, bots left out, most commits first (then by name).
    assert _versions(people, "history/hello")["en"].authors == (
        "Ada Lovelace",
        "Grace Hopper",
        "Nicholas New",
    )
    # "Matt Smith" and "Matthew Smith" share an e-mail address: one person, the name used most.
    assert _versions(people, "history/loops")["en"].authors == ("Matthew Smith", "Grace Hopper")


def test_front_matter_authors(people):
    assert _versions(people, "history/front")["en"].authors == ("Ada Lovelace", "Front Author")
    assert _versions(people, "history/pair")["en"].authors == (
        "Ada Lovelace",
        "Ann One",
        "Bob Two",
    )


def test_contributors_commit_counts_years_and_merged_identities(people):
    contributors = _contributors(people, "history")
    summary = {
        name: (p.commits, p.years, p.roles)
        for name, p in contributors.items()
        if name in {"Ada Lovelace", "Nicholas New", "Matthew Smith", "Grace Hopper"}
    }
    assert summary == {
        "Ada Lovelace": (2, (2012, 2018), ("author",)),
        "Nicholas New": (1, (2013,), ("author",)),
        "Matthew Smith": (3, (2013, 2014), ("author",)),
        "Grace Hopper": (2, (2015, 2016), ("author",)),
    }
    assert contributors["Nicholas New"].email == "nick@new.example"
    assert contributors["Matthew Smith"].email == "matt@example.org"
    commits = [p.commits for p in people.index.material("history").contributors]
    assert commits == sorted(commits, reverse=True)


def test_bots_old_identities_and_other_refs_are_not_people(people):
    names = set(_contributors(people, "history"))
    credited = {
        name
        for lesson in people.index.lessons(material="history")
        for version in lesson.versions.values()
        for name in (*version.authors, *version.translators)
    }
    for absent in (
        "dependabot[bot]",
        "github-actions[bot]",
        "Old Nick",
        "Matt Smith",
        "Pull Requester",
        "Side Dev",
        "Test Runner",
    ):
        assert absent not in names
        assert absent not in credited


def test_declared_authors(people):
    contributors = _contributors(people, "history")
    for name, email in [
        ("Linus Example", "linus@example.org"),
        ("Margaret Hamilton", "margaret@example.org"),
        ("Jane Doe", "jane@example.org"),
        ("John Roe", "john@example.org"),
        ("Erika Beispiel", None),
        ("Max Mustermann", None),
    ]:
        person = contributors[name]
        assert (person.email, person.roles, person.commits) == (email, ("author",), 0)
    # The AUTHORS file's title line is no person.
    assert "Authors of this workshop" not in contributors


def test_front_matter_authors_are_contributors(people):
    contributors = _contributors(people, "history")
    for name in ("Front Author", "Ann One", "Bob Two"):
        assert name in contributors
        assert contributors[name].roles == ("author",)


def test_branch_translator(people):
    loops = _versions(people, "history/loops")
    assert loops["de"].kind == "branch"
    # Only the branch's own commits: not the history it shares with main.
    assert loops["de"].translators == ("Hans Müller",)
    assert loops["de"].authors == ()
    hans = _contributors(people, "history")["Hans Müller"]
    assert (hans.roles, hans.languages, hans.commits, hans.years) == (
        ("translator",),
        ("de",),
        1,
        (2020,),
    )
    for author in ("Ada Lovelace", "Matthew Smith", "Grace Hopper", "Nicholas New"):
        assert _contributors(people, "history")[author].roles == ("author",)


def test_translation_file_translator(people):
    hello = _versions(people, "history/hello")
    assert hello["de"].kind == "file"
    assert hello["de"].translators == ("Tina Translator",)
    assert hello["de"].authors == ()
    tina = _contributors(people, "history")["Tina Translator"]
    assert (tina.languages, tina.commits, tina.years) == (("de",), 1, (2019,))
    assert "translator" in tina.roles


def test_translation_file_translator_is_not_an_author(people):
    assert _contributors(people, "history")["Tina Translator"].roles == ("translator",)


def test_po_translators_credited_per_language(people):
    loops = _versions(people, "gettext/loops")
    assert loops["de"].kind == "gettext"
    assert {"Erika Mustermann", "Hans Müller"} <= set(loops["de"].translators)
    assert "Juan Pérez" in loops["es"].translators
    for version in loops.values():
        assert not any("FULL NAME" in n or "FIRST AUTHOR" in n for n in version.translators)
    assert "Juan Pérez" not in loops["de"].translators
    contributors = _contributors(people, "gettext")
    erika = contributors["Erika Mustermann"]
    assert (erika.roles, erika.languages, erika.years) == (("translator",), ("de",), (2013,))
    assert contributors["Hans Müller"].years == (2013, 2014)
    juan = contributors["Juan Pérez"]
    assert (juan.roles, juan.languages, juan.years) == (("translator",), ("es",), (2014,))
    assert not any("FULL NAME" in n or "FIRST AUTHOR" in n for n in contributors)


def test_bulk_catalog_committer_is_not_credited_as_translator(people):
    """A commit that updates the catalogs of three languages at once is a maintainer pulling
    them from Transifex, not a translation; a commit to one language's catalog is."""
    loops = _versions(people, "gettext/loops")
    assert "Pat Committer" not in loops["de"].translators
    assert "Pat Committer" not in loops["es"].translators
    assert set(loops["es"].translators) == {"Juan Pérez", "Lola Commits"}
    lola = _contributors(people, "gettext")["Lola Commits"]
    assert (lola.roles, lola.commits) == (("translator",), 1)


def test_export_json_has_contributors_without_emails(people):
    text = people.index.export_json()
    for email in EMAILS:
        assert email not in text
    document = json.loads(text)
    entry = next(m for m in document["materials"] if m["id"] == "history")
    by_name = {person["name"]: person for person in entry["contributors"]}
    assert by_name["Matthew Smith"] == {
        "name": "Matthew Smith",
        "roles": ["author"],
        "commits": 3,
        "years": [2013, 2014],
        "languages": [],
    }
    assert by_name["Hans Müller"]["languages"] == ["de"]
    assert by_name["Hans Müller"]["roles"] == ["translator"]
    lessons = {lesson["id"]: lesson for lesson in entry["lessons"]}
    loops = lessons["history/loops"]["versions"]
    # By name, as the attribution lists them (OpenTechSchool's contributors page does too) ...
    assert loops["en"]["authors"] == ["Grace Hopper", "Matthew Smith"]
    assert loops["de"]["translators"] == ["Hans Müller"]
    names = [person["name"] for person in entry["contributors"]]
    assert names == sorted(names, key=str.casefold)
    # ... or most contributions first.
    by_count = json.loads(people.index.export_json(order="contributions"))
    entry = next(m for m in by_count["materials"] if m["id"] == "history")
    lessons = {lesson["id"]: lesson for lesson in entry["lessons"]}
    assert lessons["history/loops"]["versions"]["en"]["authors"] == [
        "Matthew Smith",
        "Grace Hopper",
    ]
    commits = [person["commits"] for person in entry["contributors"]]
    assert commits == sorted(commits, reverse=True)


def test_export_json_with_emails_when_asked(people):
    document = json.loads(people.index.export_json(include_emails=True))
    entry = next(m for m in document["materials"] if m["id"] == "history")
    by_name = {person["name"]: person for person in entry["contributors"]}
    assert by_name["Ada Lovelace"]["email"] == "ada@example.org"
    assert by_name["Nicholas New"]["email"] == "nick@new.example"
    assert by_name["Grace Hopper"]["email"] in {"grace@example.org", "grace@navy.example"}
    assert by_name["Linus Example"]["email"] == "linus@example.org"
    # Only people with an address get the key: nobody invents one.
    assert "email" not in by_name["Erika Beispiel"]


def test_cli_export_and_show_have_no_emails(people, capsys):
    common = ["--lang", "en"]
    assert main([*common, "export", "-c", str(people.catalogue)]) == 0
    plain = capsys.readouterr().out
    assert json.loads(plain)["materials"]
    assert not any(email in plain for email in EMAILS)
    assert main([*common, "export", "-c", str(people.catalogue), "--include-emails"]) == 0
    assert "ada@example.org" in capsys.readouterr().out
    assert main([*common, "show", "history/loops", "-c", str(people.catalogue), "--json"]) == 0
    shown = capsys.readouterr().out
    versions = json.loads(shown)["lesson"]["versions"]
    assert versions["en"]["authors"] == ["Matthew Smith", "Grace Hopper"]
    assert versions["de"]["translators"] == ["Hans Müller"]
    assert not any(email in shown for email in EMAILS)


def test_cli_show_names_authors_translators_and_licence(people, capsys):
    assert main(["--lang", "en", "show", "history/loops", "-c", str(people.catalogue)]) == 0
    out = capsys.readouterr().out
    assert "Matthew Smith" in out
    assert "Hans Müller" in out
    assert "CC-BY-SA-4.0" in out or "Attribution-ShareAlike 4.0" in out
