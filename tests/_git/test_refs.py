"""Reading a mirror's origin URL from its config file agrees with git, or leaves it to git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from otsmaterials._git.mirror import Mirror
from otsmaterials._git.process import GitRunner
from otsmaterials._git.refs import UNKNOWN, read_branches, read_origin_url
from otsmaterials._git.remote import mirror_url

from gitrepos import git

CLONED = """[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = true
[remote "origin"]
\turl = {url}
\tfetch = +refs/heads/*:refs/heads/*
\tmirror = true
"""

CONFIGS = {
    "as cloned": CLONED.format(url="https://example.org/a/b.git"),
    "a local path": CLONED.format(url="/srv/git/materials/a.git"),
    "no origin": "[core]\n\tbare = true\n",
    "another remote": '[remote "upstream"]\n\turl = https://example.org/u.git\n',
    "section in capitals": '[Remote "origin"]\n\tURL = https://example.org/c.git\n',
    "subsection in capitals": '[remote "Origin"]\n\turl = https://example.org/d.git\n',
    "old dotted section": "[remote.origin]\n\turl = https://example.org/e.git\n",
    "quoted value": '[remote "origin"]\n\turl = "https://example.org/f.git"\n',
    "comment after": '[remote "origin"]\n\turl = https://example.org/g.git ; old\n',
    "key after header": '[remote "origin"] url = https://example.org/h.git\n',
    "two urls": '[remote "origin"]\n\turl = https://a.example/x\n\turl = https://b.example/y\n',
    "empty url": '[remote "origin"]\n\turl =\n',
    "include": '[include]\n\tpath = other\n[remote "origin"]\n\turl = https://example.org/i\n',
    "continued line": '[remote "origin"]\n\turl = https://example.org/\\\nj.git\n',
}


def git_answer(repository: Path) -> str | None:
    done = subprocess.run(
        ["git", "--git-dir", str(repository), "config", "--get", "remote.origin.url"],
        capture_output=True,
        text=True,
        check=False,
        env={"HOME": str(repository.parent), "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"},
    )
    return done.stdout.strip() or None


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_the_config_file_gives_what_git_gives_or_is_left_to_git(name: str, tmp_path: Path) -> None:
    repository = tmp_path / "mirror.git"
    git("init", "-q", "--bare", str(repository))
    (repository / "config").write_text(CONFIGS[name], encoding="utf-8")
    read = read_origin_url(repository)
    expected = git_answer(repository)
    if read != UNKNOWN:
        assert read == expected
    assert mirror_url(GitRunner(home=tmp_path / "home"), repository) == expected


def test_plain_configs_are_read_without_git(tmp_path: Path) -> None:
    repository = tmp_path / "mirror.git"
    repository.mkdir()
    for name in ("as cloned", "a local path", "no origin", "another remote"):
        (repository / "config").write_text(CONFIGS[name], encoding="utf-8")
        assert read_origin_url(repository) != UNKNOWN, name
    (repository / "config").unlink()
    assert read_origin_url(repository) == UNKNOWN


def git_branches(repository: Path) -> dict[str, str]:
    listing = git("--git-dir", str(repository), "for-each-ref", "--format=%(objectname) %(refname)")
    return {
        ref.removeprefix("refs/heads/"): oid
        for oid, ref in (line.split(" ", 1) for line in listing.splitlines())
        if ref.startswith("refs/heads/")
    }


@pytest.fixture
def branched(tmp_path: Path) -> tuple[Path, str, str]:
    """A bare repository with two commits, its branches packed, then loose ones added."""
    work = tmp_path / "work"
    git("init", "-q", "-b", "main", str(work))
    for number in (1, 2):
        (work / "f.md").write_text(f"# {number}\n", encoding="utf-8")
        git("add", "-A", cwd=work)
        git("-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "c", cwd=work)
    first, second = git("rev-list", "main", cwd=work).split()[::-1]
    repository = tmp_path / "mirror.git"
    git("clone", "-q", "--mirror", str(work), str(repository))
    git("--git-dir", str(repository), "pack-refs", "--all")
    return repository, first, second


def test_branches_read_from_the_ref_files_are_what_git_lists(
    branched: tuple[Path, str, str],
) -> None:
    repository, first, second = branched
    for name, oid in {"feature/a/b": first, "fix-1": second, "main": first}.items():
        git("--git-dir", str(repository), "update-ref", f"refs/heads/{name}", oid)
    (repository / "refs" / "heads" / "feature" / "c.lock").write_text(second, encoding="ascii")
    (repository / "refs" / "tags").mkdir(exist_ok=True)
    git("--git-dir", str(repository), "update-ref", "refs/tags/v1", second)
    read = read_branches(repository)
    assert read == git_branches(repository)
    assert read is not None
    assert read["main"] == first  # the loose ref overrides the packed one
    assert read["feature/a/b"] == first
    assert "feature/c.lock" not in read
    assert "v1" not in read


def test_a_symbolic_or_damaged_loose_branch_is_left_to_git(
    branched: tuple[Path, str, str], tmp_path: Path
) -> None:
    repository, _first, _second = branched
    heads = repository / "refs" / "heads"
    (heads / "nested").mkdir()
    (heads / "nested" / "alias").write_text("ref: refs/heads/main\n", encoding="ascii")
    assert read_branches(repository) is None
    mirror = Mirror.at(repository, home=tmp_path / "home")
    assert mirror.branches() == git_branches(repository)
