"""A whole book's catalog credits its translators on every page it translates, and in the
material's contributors once per commit: worked out once for all the pages that share it."""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import RepoBuilder, write_catalogue

SUMMARY = "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n- [Three](three.md)\n"
PAGES = {
    "book.toml": '[book]\ntitle = "A book"\nlanguage = "en"\nsrc = "src"\n',
    "src/SUMMARY.md": SUMMARY,
    "src/one.md": "# One\n\nThe first chapter of the book, with a few words in it.\n",
    "src/two.md": "# Two\n\nThe second chapter of the book, with a few words in it.\n",
    "src/three.md": "# Three\n\nThe third chapter of the book, with a few words in it.\n",
}
ENTRIES = [
    ("src/SUMMARY.md:3 src/one.md:1", "One", "Eins"),
    ("src/one.md:3", "The first chapter of the book, with a few words in it.", "Das erste."),
    ("src/SUMMARY.md:4 src/two.md:1", "Two", "Zwei"),
    ("src/two.md:3", "The second chapter of the book, with a few words in it.", "Das zweite."),
    ("src/SUMMARY.md:5 src/three.md:1", "Three", "Drei"),
    ("src/three.md:3", "The third chapter of the book, with a few words in it.", "Das dritte."),
]


def _catalog(translated: int) -> str:
    """``po/de.po`` with the first ``translated`` entries translated."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Language: de\\n"',
        '"Last-Translator: Carla Cruz <carla@example.org>\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    ]
    for number, (references, msgid, msgstr) in enumerate(ENTRIES):
        lines += ["", f"#: {references}", f'msgid "{msgid}"']
        lines.append(f'msgstr "{msgstr if number < translated else ""}"')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> om.Index:
    root = tmp_path_factory.mktemp("shared-credits")
    book = RepoBuilder(root / "book")
    book.write(PAGES).commit("The book", author=("Ada Author", "ada@example.org"))
    german = [
        (2, ("Anna Alt", "anna@example.org")),
        (4, ("Ben Berg", "ben@example.org")),
        (6, ("Anna Alt", "anna@work.example")),
    ]
    for day, (translated, person) in enumerate(german, start=2):
        book.write({"po/de.po": _catalog(translated)}).commit(
            "German", author=person, date=f"2024-01-0{day}T12:00:00+00:00"
        )
    path = write_catalogue(
        root / "catalogue.toml",
        [{"id": "book", "title": "A book", "source": str(book.path)}],
        settings={"allow_local_sources": True},
    )
    report = om.build(om.load_catalogue(path), cache=root / "cache", index=root / "index.sqlite")
    assert report.ok
    return om.Index.open(root / "index.sqlite")


def test_every_page_of_the_catalog_credits_its_translators(index: om.Index) -> None:
    for key in ("one", "two", "three"):
        lesson = index.lesson(f"book/{key}")
        assert lesson.versions["de"].kind == "gettext"
        assert lesson.versions["de"].translators == ("Anna Alt", "Ben Berg", "Carla Cruz")
        assert lesson.versions["en"].authors == ("Ada Author",)


def test_the_material_counts_each_commit_once(index: om.Index) -> None:
    [material] = [m for m in index.materials() if m.id == "book"]
    people = {p.name: p for p in material.contributors}
    assert set(people) == {"Anna Alt", "Ben Berg", "Carla Cruz", "Ada Author"}
    assert (people["Anna Alt"].commits, people["Anna Alt"].roles) == (2, ("translator",))
    assert (people["Ben Berg"].commits, people["Ben Berg"].languages) == (1, ("de",))
    assert (people["Carla Cruz"].commits, people["Carla Cruz"].roles) == (0, ("translator",))
    assert (people["Ada Author"].commits, people["Ada Author"].roles) == (1, ("author",))
    # as often under each of her addresses (a commit each, on three pages): the one met
    # first, in the history read newest first
    assert people["Anna Alt"].email == "anna@work.example"
