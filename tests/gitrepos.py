"""Fixture git repositories made by the tests themselves (no network, no user config)."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

AUTHOR = ("Ada Lovelace", "ada@example.org")


def git(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> str:
    """Run the test's own git (never the library's) and return stdout."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=full_env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


class RepoBuilder:
    """A working repository to which tests add files, commits and branches."""

    def __init__(self, path: Path, *, branch: str = "main") -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        git("init", "-q", "-b", branch, str(path))
        git("config", "uploadpack.allowFilter", "true", cwd=path)
        git("config", "commit.gpgsign", "false", cwd=path)

    def write(self, files: Mapping[str, str | bytes]) -> RepoBuilder:
        """Write files (text or bytes) into the working tree and stage them."""
        for name, content in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            git("add", "--", name, cwd=self.path)
        return self

    def move(self, old: str, new: str) -> RepoBuilder:
        """``git mv old new`` (the parent folders of ``new`` are made)."""
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        git("mv", "--", old, new, cwd=self.path)
        return self

    def symlink(self, name: str, target: str) -> RepoBuilder:
        """Commit-able symlink ``name -> target``."""
        link = self.path / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
        git("add", "--", name, cwd=self.path)
        return self

    def gitlink(self, name: str, commit: str, url: str) -> RepoBuilder:
        """A submodule entry (gitlink + .gitmodules) without cloning the submodule."""
        git("update-index", "--add", "--cacheinfo", f"160000,{commit},{name}", cwd=self.path)
        self.write({".gitmodules": f'[submodule "{name}"]\n\tpath = {name}\n\turl = {url}\n'})
        return self

    def commit(
        self,
        message: str = "change",
        *,
        author: tuple[str, str] = AUTHOR,
        date: str = "2024-01-01T12:00:00+00:00",
    ) -> str:
        """Commit what is staged; return the commit id."""
        name, email = author
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        }
        git("commit", "-q", "--allow-empty", "-m", message, cwd=self.path, env=env)
        return self.head()

    def branch(self, name: str, *, start: str | None = None) -> RepoBuilder:
        """Create and switch to branch ``name``."""
        git("checkout", "-q", "-b", name, *([start] if start else []), cwd=self.path)
        return self

    def checkout(self, name: str) -> RepoBuilder:
        """Switch to an existing branch."""
        git("checkout", "-q", name, cwd=self.path)
        return self

    def head(self, ref: str = "HEAD") -> str:
        """The commit id of ``ref``."""
        return git("rev-parse", ref, cwd=self.path).strip()

    def bare(self, path: Path) -> Path:
        """A bare copy at ``path`` that allows partial clones (a 'server' repository)."""
        git("clone", "-q", "--bare", str(self.path), str(path))
        git("config", "uploadpack.allowFilter", "true", cwd=path)
        return path


def toml_value(value: object) -> str:
    """A TOML literal for a test value (no validation: tests write bad catalogues too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str | Path):
        return json.dumps(str(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return (
            "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(type(value))


def write_catalogue(
    path: Path,
    materials: list[Mapping[str, object]],
    *,
    settings: Mapping[str, object] | None = None,
    name: str = "Test catalogue",
) -> Path:
    """Write a catalogue file with the given materials and settings (not validated)."""
    lines = [f"name = {toml_value(name)}", ""]
    if settings:
        lines.append("[settings]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in settings.items())
        lines.append("")
    for entry in materials:
        lines.append("[[materials]]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in entry.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


GITCONFIG = (
    "[user]\n\tname = Test Runner\n\temail = runner@example.org\n"
    '[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n'
)
"""The global git configuration of every test: an identity, ``main``, local file transport."""


def isolate_git(patch: pytest.MonkeyPatch, home: Path) -> None:
    """Point HOME and git's global config at ``home``; no user or system config leaks in."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / ".gitconfig"
    config.write_text(GITCONFIG, encoding="utf-8")
    patch.setenv("HOME", str(home))
    patch.setenv("GIT_CONFIG_GLOBAL", str(config))
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    patch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # the default cache, sync's memos
    for name in ("OTSMATERIALS_CATALOGUE", "OTSMATERIALS_CACHE", "OTSMATERIALS_INDEX"):
        patch.delenv(name, raising=False)


@contextmanager
def git_environment(home: Path) -> Iterator[None]:
    """What the autouse ``isolated_git`` fixture does, for module-scoped fixtures that run git."""
    with pytest.MonkeyPatch.context() as patch:
        isolate_git(patch, home)
        yield


def material(ident: str, repo: RepoBuilder, **extra: object) -> dict[str, object]:
    """A catalogue entry for a local fixture repository."""
    return {
        "id": ident,
        "title": ident.replace("-", " ").title(),
        "source": str(repo.path),
        **extra,
    }


def orphan(repo: RepoBuilder, name: str) -> RepoBuilder:
    """Switch to a new branch ``name`` with no history and an empty working tree."""
    git("checkout", "-q", "--orphan", name, cwd=repo.path)
    git("rm", "-rqf", "--ignore-unmatch", ".", cwd=repo.path)
    return repo


def git_wrapper(tmp_path: Path, script: str) -> Path:
    """A folder for PATH with a ``git`` that runs ``script`` (``{git}``: the real git) first."""
    real = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    wrapper = bindir / "git"
    body = textwrap.dedent(script).format(git=real.strip())
    wrapper.write_text(f'#!/bin/sh\n{body}exec "{real.strip()}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return bindir
