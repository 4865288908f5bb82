"""``otsmaterials sync`` validates the catalogue only when one of its files changed.

The plan a sync needs (settings, sources, branches) is remembered after a validation, with the
SHA-256 of every file the catalogue was read from; an unchanged catalogue is not validated again,
and its sync starts without pydantic. Every change to those files, to ``--allow-local`` or to
the memo itself validates again, reporting every problem as before (``docs/performance.md``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.syncing.memo import memo_folder, recall
from otsmaterials.syncing.plan import plan_of

from gitrepos import RepoBuilder, write_catalogue

PROBE = """
import sys
from otsmaterials.cli import main
code = main({args!r})
loaded = sorted(m for m in sys.modules if m.startswith(("otsmaterials.", "pydantic")))
print("LOADED", code, " ".join(loaded))
"""


def sync_loading(catalogue: Path, *extra: str) -> tuple[int, set[str]]:
    """``otsmaterials sync`` in a process of its own: its exit code and the modules it loaded."""
    args = ["sync", "-c", str(catalogue), *extra]
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, check=True
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    _word, code, *modules = line.split()
    return int(code), set(modules)


def material(ident: str, repo: RepoBuilder, **extra: object) -> dict[str, object]:
    return {"id": ident, "title": ident.title(), "source": str(repo.path), **extra}


@pytest.fixture
def repos(make_repo) -> dict[str, RepoBuilder]:
    made = {}
    for name in ("alpha", "beta"):
        repo = make_repo(name)
        repo.write({"index.md": f"# {name}\n"}).commit("first")
        repo.branch("de").write({"index.md": f"# {name} (de)\n"}).commit("de")
        made[name] = repo.checkout("main")
    return made


@pytest.fixture
def catalogue(tmp_path: Path, repos: dict[str, RepoBuilder]) -> Path:
    return write_catalogue(
        tmp_path / "catalogue.toml",
        [material("alpha", repos["alpha"], branches={"de": "de"}), material("beta", repos["beta"])],
        settings={"allow_local_sources": True, "cache_dir": "cache", "jobs": 2, "retries": 0},
    )


def test_an_unchanged_catalogue_syncs_without_the_models(catalogue: Path, run) -> None:
    first_code, first = sync_loading(catalogue)
    assert first_code == 0
    assert "otsmaterials.catalogue.model" in first  # validated once
    code, loaded = sync_loading(catalogue)
    assert code == 0
    assert not {m for m in loaded if m.startswith("pydantic")}
    assert "otsmaterials.catalogue.model" not in loaded
    assert "otsmaterials.syncing.report" not in loaded
    code, out, err = run("sync", "-c", catalogue)
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()[1:]] == [
        ["alpha", "unchanged"],
        ["beta", "unchanged"],
    ]
    assert err.endswith("0 cloned, 0 updated, 2 unchanged, 0 failed\n")


def test_the_remembered_plan_is_the_validated_one(tmp_path: Path, repos, catalogue: Path) -> None:
    shared = write_catalogue(
        tmp_path / "shared.toml",
        [material("gamma", repos["beta"], branch="de")],
        settings={"allow_local_sources": True},
    )
    including = tmp_path / "including.toml"
    including.write_text(
        f'include = ["{shared.name}"]\n' + catalogue.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    for path, allow_local in ((catalogue, None), (including, None), (including, True)):
        assert sync_loading(path, *(["--allow-local"] if allow_local else []))[0] == 0
        remembered = recall(path, allow_local, folder=memo_folder())
        validated = plan_of(om.load_catalogue(path, allow_local_sources=allow_local))
        assert remembered == validated
    assert [m.id for m in validated.materials] == ["gamma", "alpha", "beta"]  # included first
    assert validated.materials[0].branch == "de"
    assert validated.materials[1].branches == {"de": "de"}
    assert recall(including, False, folder=memo_folder()) is None  # another --allow-local


def test_every_change_to_a_file_it_was_read_from_validates_again(
    tmp_path: Path, repos, catalogue: Path, run
) -> None:
    shared = write_catalogue(tmp_path / "shared.toml", [material("gamma", repos["beta"])])
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text('include = ["shared.toml"]\n' + text, encoding="utf-8")
    assert run("sync", "-c", catalogue)[0] == 0
    assert recall(catalogue, None, folder=memo_folder()) is not None
    # an included file changes: its new material is synced
    shared.write_text(
        shared.read_text(encoding="utf-8").replace('id = "gamma"', 'id = "delta"'),
        encoding="utf-8",
    )
    assert recall(catalogue, None, folder=memo_folder()) is None
    code, out, _err = run("sync", "-c", catalogue)
    assert code == 0
    assert "delta" in out
    assert "gamma" not in out
    # the catalogue itself changes, into a bad one: every problem reported, exit 2
    catalogue.write_text(text.replace("jobs = 2", "jobs = 0"), encoding="utf-8")
    code, out, err = run("sync", "-c", catalogue)
    assert (code, out) == (2, "")
    assert err.startswith(f"otsmaterials: error: {catalogue}: ")
    assert "settings.jobs: Input should be greater than or equal to 1" in err
    # an included file goes away
    catalogue.write_text('include = ["shared.toml"]\n' + text, encoding="utf-8")
    assert run("sync", "-c", catalogue)[0] == 0
    shared.unlink()
    code, _out, err = run("sync", "-c", catalogue)
    assert code == 2
    assert "shared.toml" in err


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "not json",
        lambda text: text.replace('"jobs": 2', '"jobs": "two"'),
        lambda text: text.replace('"materials": [', '"materials": [7, '),
        lambda text: json.dumps({**json.loads(text), "stamp": []}),
        lambda text: text.replace('"alpha"', '"../../elsewhere"'),
        lambda text: text.replace('{"de": "de"}', '{"de": "-uX"}'),
        lambda text: text.replace('{"de": "de"}', '{"de": "refs/heads/x"}'),
    ],
)
def test_a_damaged_memo_is_not_read(catalogue: Path, run, damage) -> None:
    assert run("sync", "-c", catalogue)[0] == 0
    memos = list(memo_folder().glob("*.json"))
    assert len(memos) == 1
    memos[0].write_text(damage(memos[0].read_text(encoding="utf-8")), encoding="utf-8")
    assert recall(catalogue, None, folder=memo_folder()) is None
    code, out, _err = run("sync", "-c", catalogue)
    assert code == 0
    assert "alpha" in out
    assert recall(catalogue, None, folder=memo_folder()) is not None  # written again


def test_a_memo_that_cannot_be_written_is_no_error(
    catalogue: Path, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    for _ in range(2):
        code, out, _err = run("sync", "-c", catalogue)
        assert code == 0
        assert "beta" in out
    assert recall(catalogue, None, folder=memo_folder()) is None


def test_the_json_report_is_the_api_report(catalogue: Path, run) -> None:
    assert run("sync", "-c", catalogue)[0] == 0
    code, out, _err = run("sync", "-c", catalogue, "--json")
    assert code == 0
    document = json.loads(out)
    report = om.sync(om.load_catalogue(catalogue))
    expected = report.json_dict()
    for entry in (*document["materials"], *expected["materials"]):
        entry.pop("seconds")
    assert document == expected
    assert document["counts"]["unchanged"] == 2
