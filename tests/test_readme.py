"""The README opens with the two set-up commands, and CI runs the second one as written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", text, re.DOTALL)
    assert block is not None, "README must open with a ```sh block"
    assert text.index("```sh") < 40, "the commands come first"
    return block.group(1).splitlines()


def test_readme_opens_with_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    install, tests = commands
    assert "pip install -e '.[test]'" in install
    assert "otsmaterials" in install.split("&&")[-1]
    assert tests.rstrip().endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in ci
    assert readme_commands()[1] in ci.splitlines()


def test_the_first_command_names_files_that_exist():
    install = readme_commands()[0]
    for token in install.split():
        if token.endswith(".toml") and "/" in token:
            assert (ROOT / token).is_file(), token
