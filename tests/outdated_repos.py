"""Two materials whose translations fall behind their originals (for the outdated tests).

A folder translation (the demo's web-markdown ``de/core/setup.md``) and a branch translation (the
demo's js-branches ``german``) are made behind their originals by edits to the English lessons: a
paragraph changed, one added, a heading and its paragraph removed, a heading renamed.
"""

from __future__ import annotations

from pathlib import Path

import otsmaterials as om

from gitrepos import RepoBuilder, git_environment, write_catalogue

DEMO = Path(__file__).resolve().parents[1] / "src/otsmaterials/demo/materials"
WEB = DEMO / "web-markdown/main"
JS = DEMO / "js-branches"

INTRO = (
    "Before we start, you need two programs and a folder. Both programs are\n"
    "free, and you may already have them.\n"
)
NEW_INTRO = (
    "Before we start, you need two programs and a folder. Both programs are\n"
    "free, and your computer may already have them.\n"
)
ADDED = "If you use a school computer, ask your coach before you install anything.\n"
REMOVED_START = "## A web browser"


def web_repo(root: Path) -> RepoBuilder:
    repo = RepoBuilder(root / "web")
    files = {
        str(path.relative_to(WEB)): path.read_text(encoding="utf-8")
        for path in WEB.rglob("*")
        if path.is_file()
    }
    repo.write(files).commit("Lessons and translations", date="2024-01-01T12:00:00+00:00")
    setup = (WEB / "core/setup.md").read_text(encoding="utf-8")
    start = setup.index(REMOVED_START)
    end = setup.index("## A folder for the workshop")
    edited = setup[:start] + setup[end:]
    edited = edited.replace(INTRO, NEW_INTRO + "\n" + ADDED)
    repo.write({"core/setup.md": edited}).commit("Setup: clearer", date="2024-03-01T12:00:00+00:00")
    repo.write({"core/setup.md": edited.replace("## A text editor", "## An editor")})
    repo.commit("Setup: shorter heading", date="2024-03-11T12:00:00+00:00")
    return repo


def js_repo(root: Path) -> RepoBuilder:
    repo = RepoBuilder(root / "js")
    repo.write(_files(JS / "main-1")).commit("English", date="2024-03-01T10:00:00+00:00")
    repo.branch("german")
    repo.write(_files(JS / "german")).commit("Deutsch", date="2024-04-01T10:00:00+00:00")
    repo.checkout("main")
    hello = (JS / "main-1/01-hello.md").read_text(encoding="utf-8")
    repo.write({"01-hello.md": hello.replace("## Exercise", "## Exercises")})
    repo.commit("Plural", date="2024-05-01T10:00:00+00:00")
    return repo


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }


def build_outdated(root: Path) -> tuple[Path, om.Index]:
    """Make both repositories under ``root``, build them; the catalogue and the index."""
    with git_environment(root / "home"):
        web, js = web_repo(root), js_repo(root)
        catalogue = write_catalogue(
            root / "catalogue.toml",
            [
                {"id": "web", "title": "Web", "source": str(web.path)},
                {
                    "id": "js",
                    "title": "JS",
                    "source": str(js.path),
                    "branches": {"de": "german"},
                },
            ],
            settings={"allow_local_sources": True, "cache_dir": "cache", "index": "index.sqlite"},
        )
        report = om.build(om.load_catalogue(catalogue), index=root / "index.sqlite")
        assert report.ok, report
    return catalogue, om.Index.open(root / "index.sqlite")
