"""``otsmaterials catalogue check`` and the root command's options."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.cli import main

VALID = textwrap.dedent(
    """\
    name = "Test"

    [[topics]]
    id = "python"
    name = "Python"

    [[materials]]
    id = "one"
    title = "One"
    source = "https://github.com/OpenTechSchool/one"
    topics = ["python"]

    [[materials]]
    id = "two"
    title = "Two"
    source = "https://github.com/OpenTechSchool/two"
    """
)

BAD = textwrap.dedent(
    """\
    name = "Test"
    colour = "blue"

    [[materials]]
    id = "one"
    title = "One"
    source = "ext::sh -c touch% /tmp/pwned"

    [[materials]]
    id = "one"
    title = "Again"
    source = "https://github.com/OpenTechSchool/one"
    language = "../../x"
    """
)

# (key, line, words of the message) for BAD
BAD_PROBLEMS = [
    ("colour", 2, "unknown key"),
    ("materials[0] (one).source", 7, "transport helpers"),
    ("materials[1].id", 10, "duplicate id 'one' (first used by materials[0])"),
    ("materials[1] (one).language", 13, "invalid language code '../../x'"),
]


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    path = tmp_path / "valid.toml"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_valid_file_exits_0_with_a_one_line_summary(
    valid: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalogue", "check", "-c", str(valid)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.splitlines() == [f"{valid}: valid (2 materials, 1 topic)"]
    assert captured.err == ""


def test_file_with_problems_exits_1_and_prints_every_problem(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalogue", "check", "--catalogue", str(bad)])
    out = capsys.readouterr().out
    assert code == 1
    assert str(bad) in out
    assert "4 problems in the catalogue" in out
    for key, line, message in BAD_PROBLEMS:
        assert f"line {line}: {key}: " in out
        assert message in out
    assert "Traceback" not in out


def test_json_report_of_a_file_with_problems(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["catalogue", "check", "-c", str(bad), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert document["schema_version"] == 1
    assert document["ok"] is False
    assert document["path"] == str(bad)
    problems = document["problems"]
    assert [(p["key"], p["line"]) for p in problems] == [(k, n) for k, n, _ in BAD_PROBLEMS]
    for problem, (_key, _line, message) in zip(problems, BAD_PROBLEMS, strict=True):
        assert set(problem) == {"key", "line", "message"}
        assert message in problem["message"]


def test_json_report_of_a_valid_file(valid: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["catalogue", "check", "-c", str(valid), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["schema_version"] == 1
    assert document["ok"] is True
    assert document["problems"] == []
    assert (document["materials"], document["topics"]) == (2, 1)


def test_json_output_is_deterministic(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["catalogue", "check", "-c", str(bad), "--json"])
    first = capsys.readouterr().out
    main(["catalogue", "check", "-c", str(bad), "--json"])
    assert capsys.readouterr().out == first


def test_missing_file_exits_2_naming_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    code = main(["catalogue", "check", "-c", str(missing)])
    captured = capsys.readouterr()
    assert code == 2
    output = captured.out + captured.err
    assert f"{missing}: no such file" in output
    assert "Traceback" not in output


def test_missing_file_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.toml"
    code = main(["catalogue", "check", "-c", str(missing), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 2
    assert document["ok"] is False
    assert document["path"] == str(missing)
    assert document["problems"] == [{"key": "(file)", "line": None, "message": "no such file"}]


def test_toml_syntax_error_is_a_finding_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\n[[materials]\n', encoding="utf-8")
    code = main(["catalogue", "check", "-c", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(f"{path}:2: invalid TOML")


def test_environment_variable_names_the_catalogue(
    valid: Path, bad: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OTSMATERIALS_CATALOGUE", str(valid))
    assert main(["catalogue", "check"]) == 0
    assert str(valid) in capsys.readouterr().out
    # -c wins over the environment.
    assert main(["catalogue", "check", "-c", str(bad)]) == 1
    assert str(bad) in capsys.readouterr().out


def test_default_catalogue_is_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["catalogue", "check"])
    assert code == 2
    assert "catalogue.toml: no such file" in capsys.readouterr().err
    (tmp_path / "catalogue.toml").write_text(VALID, encoding="utf-8")
    assert main(["catalogue", "check"]) == 0
    assert "catalogue.toml: valid" in capsys.readouterr().out


def test_allow_local_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "local.toml"
    path.write_text(VALID.replace("https://github.com/OpenTechSchool/two", "repos/two"), "utf-8")
    assert main(["catalogue", "check", "-c", str(path)]) == 1
    assert "line 16: materials[1] (two).source" in capsys.readouterr().out
    assert main(["catalogue", "check", "-c", str(path), "--allow-local"]) == 0
    assert "valid (2 materials" in capsys.readouterr().out


def test_shipped_catalogue_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(om.__file__).parent / "catalogues" / "opentechschool.toml"
    assert main(["catalogue", "check", "-c", str(shipped)]) == 0
    assert "valid (11 materials, 5 topics)" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--version"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip() == f"otsmaterials, version {om.__version__}"
    assert om.__version__[0].isdigit()


@pytest.mark.parametrize(
    "argv",
    [
        ["--no-such-option"],
        ["catalogue", "check", "--no-such-option"],
        ["catalogue", "no-such-command"],
        ["catalogue", "check", "-c"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("otsmaterials: error: ")
    assert captured.err.count("\n") == 1  # one line, naming the --help to read
    assert "--help`)" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
