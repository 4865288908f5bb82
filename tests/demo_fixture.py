"""Shared helpers: the bundled demo, small corpora of local materials, file and table digests."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import otsmaterials as om

from gitrepos import RepoBuilder, write_catalogue

LOCAL = {"allow_local_sources": True, "cache_dir": "cache", "index": "index.sqlite"}


DEMO_LESSONS = [  # the demo's lessons, in catalogue and lesson order
    "python-sphinx/introduction",
    "python-sphinx/variables",
    "python-sphinx/loops",
    "python-sphinx/functions",
    "web-markdown/core/setup",
    "web-markdown/core/html-basics",
    "web-markdown/core/css-basics",
    "web-markdown/extras/forms",
    "js-branches/01-hello",
    "js-branches/02-values",
    "js-branches/03-functions",
]


@dataclass(frozen=True)
class Demo:
    """The bundled demo, built once."""

    directory: Path
    catalogue: Path
    index: Path


def build_demo(directory: Path) -> Demo:
    """``create_demo``, then ``build`` (the demo catalogue keeps cache and index inside)."""
    catalogue_path = om.create_demo(directory)
    report = om.build(om.load_catalogue(catalogue_path))
    assert report.ok, report
    return Demo(directory.resolve(), catalogue_path, Path(report.index.index))


def copy_demo(demo: Demo, target: Path) -> Demo:
    """A copy of a built demo in ``target`` that syncs and builds as the original does.

    The catalogue names its repositories, cache and index relative to its folder; only the
    mirrors' ``origin`` URLs are absolute (``file://…/repos/<name>.git``), so they are pointed at
    the copy's repositories (otherwise the next sync would clone every material afresh).
    """
    shutil.copytree(demo.directory, target, symlinks=True)
    target = target.resolve()
    old, new = f"{demo.directory.as_uri()}/", f"{target.as_uri()}/"
    for config in (target / "cache" / "mirrors").glob("*.git/config"):
        text = config.read_text(encoding="utf-8")
        assert old in text, config
        config.write_text(text.replace(old, new), encoding="utf-8")
    return Demo(
        target,
        target / demo.catalogue.relative_to(demo.directory),
        target / demo.index.relative_to(demo.directory),
    )


@dataclass(frozen=True)
class DemoState:
    """What a test that only reads a demo must leave as it was."""

    files: dict[str, str]
    """sha256 of every file by relative path, SQLite's ``-wal``/``-shm`` files left out: a
    read-only connection leaves them behind; what they hold is in ``tables``."""
    tables: dict[str, list[tuple[object, ...]]]
    """Every row of the index."""


def demo_state(demo: Demo) -> DemoState:
    files = {
        str(path.relative_to(demo.directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(demo.directory.rglob("*"))
        if path.is_file() and not path.is_symlink() and not path.name.endswith(("-wal", "-shm"))
    }
    return DemoState(files, table_contents(demo.index))


def demo_changes(demo: Demo, before: DemoState) -> list[str]:
    """The files of a demo, and its index's tables, that differ from ``before``."""
    after = demo_state(demo)
    files = sorted(
        n
        for n in before.files.keys() | after.files.keys()
        if before.files.get(n) != after.files.get(n)
    )
    return files + (["the index's tables"] if after.tables != before.tables else [])


def lesson_md(title: str, num: int, body: str) -> str:
    """A Markdown lesson with front matter (title and order)."""
    return f"---\ntitle: {title}\nnum: {num}\n---\n\n{body}\n"


def english(word: str, size: int = 12) -> str:
    """An English paragraph with one distinctive word in it."""
    return " ".join([f"This part of the lesson is about {word} and the way it works."] * size)


@dataclass
class Corpus:
    """Several materials in local repositories, with a catalogue and an index."""

    root: Path
    repos: dict[str, RepoBuilder] = field(default_factory=dict)
    entries: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def catalogue_path(self) -> Path:
        return self.root / "catalogue.toml"

    @property
    def index_path(self) -> Path:
        return self.root / "index.sqlite"

    def add(
        self,
        ident: str,
        files: Mapping[str, str],
        *,
        date: str = "2024-01-01T12:00:00+00:00",
        **extra: object,
    ) -> RepoBuilder:
        """A material whose first commit holds ``files``."""
        repo = RepoBuilder(self.root / "src" / ident)
        repo.write(files).commit("first", date=date)
        self.repos[ident] = repo
        self.entries[ident] = {
            "id": ident,
            "title": f"Material {ident}",
            "source": str(repo.path),
            **extra,
        }
        return repo

    def write_catalogue(self, only: Sequence[str] | None = None) -> Path:
        """The catalogue file, with every material (or only ``only``)."""
        chosen = [self.entries[i] for i in (only if only is not None else self.entries)]
        return write_catalogue(self.catalogue_path, chosen, settings=LOCAL, name="Test corpus")

    def catalogue(self) -> om.Catalogue:
        return om.load_catalogue(self.catalogue_path)

    def build(self) -> om.BuildReport:
        """Sync, then index (the catalogue file must have been written)."""
        return om.build(self.catalogue())

    def sync(self) -> om.SyncReport:
        report = om.sync(self.catalogue())
        assert report.ok, report
        return report


def numbered_lessons(ident: str, count: int, *, words: int = 12) -> dict[str, str]:
    """``count`` Markdown lessons, each with a word unique to it (``<ident>word<n>``)."""
    files = {
        f"{n:02d}-part{n}.md": lesson_md(
            f"Part {n} of {ident}", n, english(f"{ident}word{n}", words)
        )
        for n in range(1, count + 1)
    }
    files["README.md"] = f"# {ident}\n\nA test material.\n"
    return files


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (closing it never checkpoints or rewrites the file)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the FTS shadow tables included), sorted."""
    with closing(read_only(path)) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        contents = {}
        for name in names:
            rows = connection.execute(f'SELECT * FROM "{name}"').fetchall()
            contents[name] = sorted(rows, key=repr)
        contents["user_version"] = connection.execute("PRAGMA user_version").fetchall()
    return contents


def file_digests(path: Path) -> dict[str, str]:
    """sha256 of the index file and of its WAL (a missing WAL counts as an empty one)."""
    digests: dict[str, str] = {}
    for suffix in ("", "-wal"):
        file = Path(f"{path}{suffix}")
        data = file.read_bytes() if file.exists() else b""
        digests[file.name] = hashlib.sha256(data).hexdigest()
    return digests


def pragma(path: Path, name: str) -> object:
    """One PRAGMA's value, read on a connection that is closed afterwards."""
    with closing(read_only(path)) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


def lesson_ids(index: om.Index) -> list[str]:
    return [lesson.id for lesson in index.lessons()]


GERMAN = (
    "Die Variablen sind wichtig, und wir können sie in einer Schleife verwenden. "
    "Das ist nicht schwer, wenn man es einmal gesehen hat, und es macht Spaß. "
) * 4
SPANISH = (
    "La función es una parte del programa que se puede usar muchas veces con distintos "
    "valores, y también es fácil de escribir para las personas que empiezan. "
) * 4


def build_stale_corpus(root: Path) -> Corpus:
    """One material with current and outdated file translations and an outdated branch one.

    * ``stale/01-intro``: Spanish file translation (2024-02-01), original changed 2024-03-05;
    * ``stale/02-next``: German translation on branch ``german`` (2024-02-15), original changed
      2024-04-07;
    * ``stale/03-last``: Spanish file translation (2024-02-01), original unchanged since.
    """
    corpus = Corpus(root)
    repo = corpus.add(
        "stale",
        {
            "01-intro.md": lesson_md("Introduction", 1, english("introduction")),
            "02-next.md": lesson_md("Next steps", 2, english("steps")),
            "03-last.md": lesson_md("Last words", 3, english("farewell")),
        },
        branches={"de": "german"},
        topics=["testing"],
    )
    repo.write(
        {
            "01-intro.es.md": lesson_md("Introducción", 1, SPANISH),
            "03-last.es.md": lesson_md("Últimas palabras", 3, SPANISH),
        }
    ).commit("Spanish", date="2024-02-01T12:00:00+00:00")
    repo.branch("german").write({"02-next.md": lesson_md("Nächste Schritte", 2, GERMAN)})
    repo.commit("Deutsch", date="2024-02-15T12:00:00+00:00")
    repo.checkout("main")
    repo.write({"01-intro.md": lesson_md("Introduction", 1, english("introduction", 20))})
    repo.commit("longer intro", date="2024-03-05T12:00:00+00:00")
    repo.write({"02-next.md": lesson_md("Next steps", 2, english("steps", 20))})
    repo.commit("longer next steps", date="2024-04-07T12:00:00+00:00")
    corpus.write_catalogue()
    report = corpus.build()
    assert report.ok, report
    return corpus
