"""The Sphinx extension, through real in-process Sphinx builds of a small OTS-style site."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("sphinx")

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from otsmaterials.integrations._sphinx_credits import display_name, public_url

from gitrepos import RepoBuilder, git

ADA = ("Ada Lovelace", "ada@example.org")
ADA_KING = ("Ada King", "ada@example.org")  # the same person under another name
GRACE = ("Grace Hopper", "grace@example.org")
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

CONF = """\
project = "Python for beginners"
extensions = ["otsmaterials.integrations.sphinx"]
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
"""

INDEX = """\
Welcome
=======

.. toctree::

   loops
   credits

.. contributors::
"""

LOOPS = """\
Loops
*****

Computers are good at repeating things.

.. attribution::
"""

CREDITS = """\
Credits
=======

.. contributors::
   :authors-only:
   :format: inline
   :show-commits:
   :path: source/loops.rst

.. contributors::
   :translators-only:
   :languages: current
"""

LICENSE = """\
The material in this repository is licensed under Creative Commons CC BY-SA 4.0:
https://creativecommons.org/licenses/by-sa/4.0/
"""


def po(language: str, translators: list[str], last: str, messages: dict[str, str]) -> str:
    block = "".join(f"# {person}\n" for person in translators)
    entries = "".join(
        f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in messages.items()
    )
    return (
        "# Python for beginners\n# Copyright (C) 2013, OpenTechSchool\n#\n"
        f"# Translators:\n{block}"
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: Python for beginners\\n"\n'
        f'"Last-Translator: {last}\\n"\n'
        f'"Language: {language}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        f"{entries}"
    )


CATALOGS = {
    "source/locale/de/LC_MESSAGES/index.po": po(
        "de",
        ["Hans Müller <hans@example.de>, 2013", "Erika Mustermann <erika@example.de>, 2014"],
        "Hans Müller <hans@example.de>",
        {"Welcome": "Willkommen"},
    ),
    "source/locale/de/LC_MESSAGES/loops.po": po(
        "de",
        ["Erika Mustermann <erika@example.de>, 2014"],
        "Erika Mustermann <erika@example.de>",
        {"Loops": "Schleifen", "Computers are good at repeating things.": "Computer wiederholen."},
    ),
    "source/locale/fr/LC_MESSAGES/index.po": po(
        "fr", ["jean@example.fr, 2015"], "jean@example.fr", {"Welcome": "Bienvenue"}
    ),
    # The source language's catalog: a copy of the template, placeholders only.
    "source/locale/en/LC_MESSAGES/loops.po": po(
        "en", ["FIRST AUTHOR <EMAIL@ADDRESS>, 2013."], "FULL NAME <EMAIL@ADDRESS>", {"Loops": ""}
    ),
}


@dataclass
class Build:
    app: Sphinx
    warnings: str
    status: str
    outdir: Path

    def page(self, name: str) -> str:
        return (self.outdir / f"{name}.html").read_text(encoding="utf-8")

    def text(self, name: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", self.page(name)).split())


def build(srcdir: Path, outdir: Path, **overrides: str) -> Build:
    warnings, status = io.StringIO(), io.StringIO()
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir,
            srcdir,
            outdir / "html",
            outdir / "doctrees",
            "html",
            confoverrides=overrides,
            status=status,
            warning=warnings,
        )
        try:
            app.build()
        finally:
            locale.translators.clear()  # Sphinx keeps translators per process: forget this build's
    return Build(app, warnings.getvalue(), status.getvalue(), outdir / "html")


def make_site(path: Path) -> RepoBuilder:
    repo = RepoBuilder(path)
    first = {"source/conf.py": CONF, "source/index.rst": INDEX, "source/loops.rst": LOOPS}
    repo.write({**first, "LICENSE": LICENSE, "README.md": "# Python for beginners\n"})
    repo.commit("Start", author=ADA, date="2020-03-01T10:00:00+00:00")
    repo.write({"source/loops.rst": LOOPS + "\n"})
    repo.commit("Loops", author=ADA_KING, date="2021-01-01T10:00:00+00:00")
    repo.write({"source/credits.rst": CREDITS, **CATALOGS})
    repo.commit("Credits and translations", author=GRACE, date="2021-06-01T10:00:00+00:00")
    repo.write({".github/dependabot.yml": "version: 2\n"})
    repo.commit("Bump", author=BOT, date="2022-01-01T10:00:00+00:00")
    repo.write({"source/loops.rst": LOOPS})
    repo.commit("Loops again", author=ADA, date="2022-02-01T10:00:00+00:00")
    remote = "https://ada:s3cret-token@github.com/OpenTechSchool/python-beginners.git"
    git("remote", "add", "origin", remote, cwd=path)
    return repo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test Runner\n\temail = runner@example.org\n"
        "[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_GLOBAL", str(config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        yield make_site(tmp_path_factory.mktemp("site") / "python-beginners").path


@pytest.fixture(scope="module")
def english(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(site / "source", tmp_path_factory.mktemp("en"))


@pytest.fixture(scope="module")
def german(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(site / "source", tmp_path_factory.mktemp("de"), language="de")


def test_builds_without_warnings_from_the_extension(english: Build, german: Build):
    for built in (english, german):
        assert "contributors:" not in built.warnings
        assert "attribution:" not in built.warnings
        assert "ERROR" not in built.warnings


def test_contributors_lists_authors_merged_without_bots(english: Build):
    text = english.text("index")
    assert "Ada Lovelace" in text
    assert "Grace Hopper" in text
    assert "Ada King" not in text  # the same e-mail: one person, under the name used most
    assert "dependabot" not in text


def test_contributors_groups_translators_by_language(english: Build, german: Build):
    assert "German Erika Mustermann Hans Müller French" in english.text("index")
    assert "French jean Python" in english.text("index")  # a bare address: its local part
    assert "Deutsch Erika Mustermann Hans Müller Französisch" in german.text("index")
    assert "FIRST AUTHOR" not in english.page("index")


def test_no_email_address_anywhere(english: Build, german: Build):
    for built in (english, german):
        for name in ("index", "loops", "credits"):
            assert EMAIL.findall(built.text(name)) == [], name
            assert "s3cret" not in built.page(name)


def test_options_inline_commits_path_and_current_language(english: Build, german: Build):
    assert "Ada Lovelace (3 commits)." in english.text("credits")
    assert "Grace Hopper" not in english.text("credits")  # :path: source/loops.rst
    german_credits = german.text("credits")
    assert "Deutsch Erika Mustermann Hans Müller" in german_credits
    assert "Jean" not in german_credits and "jean" not in german_credits  # :languages: current
    assert "Erika" not in english.text("credits")  # English has no translators


def test_attribution_in_english(english: Build):
    page = english.page("loops")
    text = english.text("loops")
    source = "https://github.com/OpenTechSchool/python-beginners"
    assert f"“Loops” by Ada Lovelace, source: {source} , licensed under CC BY-SA 4.0 ." in text
    assert f'href="{source}"' in page
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in page
    assert "Translated" not in text


def test_attribution_in_german(german: Build):
    page = german.page("loops")
    text = german.text("loops")
    assert "„Schleifen“ von Ada Lovelace, Quelle:" in text
    assert "lizenziert unter CC BY-SA 4.0" in text
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.de"' in page
    assert "Übersetzung (Deutsch): Erika Mustermann." in text
    assert "Hans" not in text  # he translated another page


def test_catalogs_and_licence_are_dependencies(site: Path, german: Build):
    deps = {Path(p) for p in german.app.env.dependencies["index"]}
    catalogs = site / "source" / "locale"
    assert catalogs / "de" / "LC_MESSAGES" / "index.po" in deps
    assert catalogs / "fr" / "LC_MESSAGES" / "index.po" in deps
    assert site / ".git" / "logs" / "HEAD" in deps
    loops = {Path(p) for p in german.app.env.dependencies["loops"]}
    assert catalogs / "de" / "LC_MESSAGES" / "loops.po" in loops
    assert site / "LICENSE" in loops


def test_a_changed_catalog_rebuilds_the_page(site: Path, tmp_path: Path):
    first = build(site / "source", tmp_path, language="de")
    assert "Französisch jean" in first.text("index")
    catalog = site / "source" / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    original = catalog.read_text(encoding="utf-8")
    named = original.replace("# jean@example.fr", "# Jean Dupont <jean@example.fr>")
    try:
        catalog.write_text(named, encoding="utf-8")
        later = time.time() + 5  # newer than the first build, whatever the clock's resolution
        os.utime(catalog, (later, later))
        again = build(site / "source", tmp_path, language="de")
        assert "Französisch Jean Dupont Python" in again.text("index")  # merged by e-mail
        assert "0 added, 1 changed, 0 removed" in again.status  # index only: not loops
    finally:
        catalog.write_text(original, encoding="utf-8")


def test_without_git_a_warning_not_a_crash(site: Path, tmp_path: Path):
    srcdir = tmp_path / "plain" / "source"
    shutil.copytree(site / "source", srcdir)
    built = build(srcdir, tmp_path / "out", otsmaterials_license="CC BY-SA 3.0")
    assert "contributors: no git repository" in built.warnings
    assert "attribution: no git repository" in built.warnings
    assert "Erika Mustermann" in built.text("index")  # translators still listed
    text = built.text("loops")
    assert "“Loops”, licensed under CC BY-SA 3.0 ." in text  # no authors, no source
    assert "source:" not in text


def test_source_url_setting_wins(site: Path, tmp_path: Path):
    url = "https://opentechschool.github.io/python-beginners/"
    built = build(site / "source", tmp_path, otsmaterials_source_url=url)
    assert f'href="{url}"' in built.page("loops")
    assert "github.com/OpenTechSchool" not in built.page("loops")


def test_public_url_and_display_name():
    assert public_url("git@github.com:Org/repo.git") == "https://github.com/Org/repo"
    assert public_url("https://u:t@example.org:8443/a/b.git?x=1") == "https://example.org:8443/a/b"
    assert public_url("ssh://git@example.org:22/a/b") == "https://example.org/a/b"
    assert public_url("/srv/git/repo.git") is None
    assert public_url("file:///srv/git/repo.git") is None
    assert public_url("C:/repos/x") is None
    assert display_name("hans@example.de") == "hans"
    assert display_name("Hans <hans@example.de>") == "Hans"


def test_import_without_sphinx_names_the_extra():
    code = (
        "import sys\n"
        "sys.modules['sphinx'] = None\n"
        "sys.modules['docutils'] = None\n"
        "import otsmaterials.integrations.sphinx\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "pip install 'otsmaterials[sphinx]'" in result.stderr


# --------------------------------------------------------------------------------------------
# One attribution everywhere: the same people, licence and wording as the index


def test_same_attribution_as_the_index(site: Path, german: Build, tmp_path: Path):
    import otsmaterials as om

    from gitrepos import write_catalogue

    catalogue = write_catalogue(
        tmp_path / "catalogue.toml",
        [{"id": "pb", "title": "Python for beginners", "source": str(site)}],
        settings={"allow_local_sources": True, "cache_dir": "cache", "index": "index.sqlite"},
    )
    assert om.build(om.load_catalogue(catalogue)).ok
    with om.Index.open(tmp_path / "index.sqlite") as index:
        expected = index.attribution("pb/loops", language="de")
    text = german.text("loops")
    assert expected.authors == ("Ada Lovelace",)
    assert expected.translators == ("Erika Mustermann",)
    lead = f"„{expected.title}“ von {', '.join(expected.authors)}, Quelle:"
    assert lead in text
    tail = "Übersetzung (Deutsch): Erika Mustermann. Bearbeitung von „Loops“."
    assert tail in expected.text()
    assert tail in text
    assert expected.license == "CC-BY-SA-4.0"


def test_a_moved_page_keeps_its_authors_and_order_option(tmp_path: Path):
    repo = RepoBuilder(tmp_path / "moved")
    repo.write({"docs/en/conf.py": CONF, "docs/en/index.rst": INDEX, "docs/en/loops.rst": LOOPS})
    repo.write({"docs/en/credits.rst": CREDITS.replace("source/loops.rst", "source/loops.rst")})
    repo.write({"LICENSE": LICENSE}).commit("start", author=ADA, date="2012-01-01T10:00:00+00:00")
    for number in range(2):
        repo.write({"docs/en/loops.rst": LOOPS + "\n" * (number + 1)})
        repo.commit("more", author=GRACE, date=f"2013-0{number + 1}-01T10:00:00+00:00")
    for name in ("conf.py", "index.rst", "loops.rst", "credits.rst"):
        repo.move(f"docs/en/{name}", f"source/{name}")
    repo.commit("move", author=("Mo Ver", "mo@example.org"), date="2014-01-01T10:00:00+00:00")
    git("remote", "add", "origin", "https://github.com/OpenTechSchool/moved.git", cwd=repo.path)
    by_name = build(repo.path / "source", tmp_path / "by-name")
    assert "“Loops” by Ada Lovelace, Grace Hopper, and Mo Ver, source:" in by_name.text("loops")
    by_count = build(
        repo.path / "source", tmp_path / "by-count", otsmaterials_order="contributions"
    )
    assert "“Loops” by Grace Hopper, Ada Lovelace, and Mo Ver, source:" in by_count.text("loops")
    # :path: with :show-commits: counts the commits from before the move too
    assert "Grace Hopper (2 commits), Ada Lovelace (1 commit)" in by_count.text("credits")


def test_without_git_licence_pages_are_read_and_every_gap_is_warned(site: Path, tmp_path: Path):
    srcdir = tmp_path / "plain" / "source"
    shutil.copytree(site / "source", srcdir)
    lizenz = (
        "Lizenz\n======\n\nDieses Werk ist unter einem Creative Commons Namensnennung-Weitergabe "
        "unter\ngleichen Bedingungen 3.0 Deutschland Lizenzvertrag lizenziert.\n"
    )
    (srcdir / "lizenz.rst").write_text(lizenz, encoding="utf-8")
    built = build(srcdir, tmp_path / "out")
    assert "attribution: no git repository" in built.warnings
    assert "attribution: no source" in built.warnings
    assert "no licence statement" not in built.warnings
    assert "licensed under CC BY-SA 3.0 DE" in built.text("loops")
    (srcdir / "lizenz.rst").unlink()
    bare = build(srcdir, tmp_path / "bare")
    assert "attribution: no licence statement found" in bare.warnings
    assert "licensed under" not in bare.text("loops")


def test_language_names_follow_the_sentence():
    from otsmaterials.attribution.render import language_name, sentence_locale

    assert language_name("de", "fr") == "allemand"  # inside a sentence
    assert language_name("de", "fr", heading=True) == "Allemand"
    assert sentence_locale("fr") == "fr"
    assert sentence_locale("pt-BR") == "en"  # no Portuguese messages: the sentence is English
