"""``check licenses``: every rule on fixture materials, the ShareAlike rule on its own, the CLI.

One catalogue with ``required_licenses`` holds a material for each rule (and one that breaks none)
and is built once for the module; a second, clean catalogue checks the exit code 0.
"""

from __future__ import annotations

import json

import pytest

from otsmaterials.cli import main
from otsmaterials.index.compliance import LicenceFinding, check_licences, share_alike_ok

from gitrepos import RepoBuilder, material, orphan
from licence_repos import (
    ADA,
    HELLO_DE,
    HELLO_EN,
    Built,
    Workspace,
    deed,
    notice,
)

REQUIRED = ["CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0"]
DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
HANS = ("Hans Müller", "hans@example.de")
FINDING_KEYS = {"rule", "material", "lesson", "language", "message", "fix", "paths"}


# --------------------------------------------------------------------------------------------
# The ShareAlike rule


@pytest.mark.parametrize(
    ("original", "adaptation", "ok"),
    [
        ("CC-BY-SA-3.0", "CC-BY-SA-3.0", True),
        ("CC-BY-SA-3.0", "CC-BY-SA-4.0", True),  # a later version is allowed …
        ("CC-BY-SA-4.0", "CC-BY-SA-3.0", False),  # … an earlier one is not
        ("CC-BY-SA-2.0", "CC-BY-SA-2.5", True),
        ("CC-BY-SA-4.0", "CC-BY-4.0", False),  # dropping ShareAlike
        ("CC-BY-SA-4.0", "CC0-1.0", False),
        ("CC-BY-SA-4.0", "MIT", False),
        ("CC-BY-SA-4.0", "CC-BY-NC-SA-4.0", False),  # adding NonCommercial
        ("CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", True),
        ("CC-BY-NC-SA-4.0", "CC-BY-SA-4.0", False),
        # A national port counts as its version.
        ("CC-BY-SA-3.0-DE", "CC-BY-SA-3.0", True),
        ("CC-BY-SA-3.0", "CC-BY-SA-3.0-DE", True),
        ("CC-BY-SA-3.0-DE", "CC-BY-SA-4.0", True),
        ("CC-BY-SA-4.0", "CC-BY-SA-3.0-AT", False),
        ("LicenseRef-CC-BY-SA-3.0-CH", "CC-BY-SA-4.0", True),
        # Without ShareAlike anything goes.
        ("CC-BY-4.0", "CC-BY-SA-4.0", True),
        ("CC-BY-4.0", "CC-BY-NC-4.0", True),
        ("MIT", "CC-BY-4.0", True),
        ("CC0-1.0", "CC-BY-SA-3.0", True),
    ],
)
def test_share_alike_ok(original, adaptation, ok):
    assert share_alike_ok(original, adaptation) is ok


# --------------------------------------------------------------------------------------------
# Fixture materials


def _translated(
    w: Workspace, name: str, original: str, translation: str | None, *, orphaned: bool = False
) -> RepoBuilder:
    """A workshop licensed ``original`` with a ``german`` branch licensed ``translation``."""
    repo = w.workshop(name, {"LICENSE": original})
    if orphaned:
        orphan(repo, "german").write({"README.md": "# Workshop\n\nÜber den Workshop.\n"})
    else:
        repo.branch("german")
    repo.write({"hello.md": HELLO_DE, **({"LICENSE": translation} if translation else {})})
    repo.commit("Deutsch", author=HANS, date="2015-01-01T10:00:00+00:00")
    repo.checkout("main")
    return repo


def _front(title: str, body: str, **keys: str) -> str:
    lines = ["---", f"title: {title}", *(f"{key}: {value}" for key, value in keys.items()), "---"]
    return "\n".join(lines) + f"\n\n{body}\n"


@pytest.fixture(scope="module")
def checked(workspace: Workspace) -> Built:
    w = workspace
    conflict = w.workshop(
        "conflict",
        {
            "LICENSE": notice("by-sa", "4.0"),
            "README.md": "# Workshop\n\n## Licence\n\nCC BY-NC-SA 3.0, see "
            f"{deed('by-nc-sa', '3.0')} for the terms of reuse.\n",
        },
    )
    unlicensed = w.workshop("unlicensed")
    bots = w.repo("bots")
    bots.write({"README.md": "# Workshop\n\nAbout it.\n", "LICENSE": notice("by-sa", "4.0")})
    bots.commit("Start", author=ADA)
    bots.write(
        {
            "hello.md": HELLO_EN,
            "named.md": _front("Named", "Written long ago by someone we know.", author="Ada L."),
        }
    ).commit("Import lessons", author=DEPENDABOT)
    file_translation = w.workshop(
        "file-by",
        {
            "LICENSE": notice("by-sa", "4.0"),
            "hello.de.md": _front("Hallo", HELLO_DE.split("\n", 2)[2], license="CC BY 4.0"),
        },
    )
    lesson_nc = w.workshop(
        "lesson-nc",
        {
            "LICENSE": notice("by-sa", "4.0"),
            "other.md": _front("Other", "A lesson under other terms.", license="CC BY-NC-SA 4.0"),
        },
    )
    materials = [
        material("clean", w.workshop("clean", {"LICENSE": notice("by-sa", "4.0")})),
        material("unlicensed", unlicensed),
        material("unlicensed-settled", unlicensed, license="CC-BY-SA-4.0"),
        material("noncommercial", w.workshop("nc", {"LICENSE": notice("by-nc-sa", "4.0")})),
        material("noderivatives", w.workshop("nd", {"LICENSE": notice("by-nd", "4.0")})),
        material("conflict", conflict),
        material("conflict-settled", conflict, license="CC-BY-SA-4.0"),
        material(
            "sa3-to-sa4", _translated(w, "sa3", notice("by-sa", "3.0"), notice("by-sa", "4.0"))
        ),
        material(
            "sa4-to-sa3", _translated(w, "sa4", notice("by-sa", "4.0"), notice("by-sa", "3.0"))
        ),
        material("sa-to-by", _translated(w, "by", notice("by-sa", "4.0"), notice("by", "4.0"))),
        material(
            "orphan-branch",
            _translated(w, "orphan", notice("by-sa", "4.0"), None, orphaned=True),
        ),
        material("file-by", file_translation),
        material("lesson-nc", lesson_nc),
        material("bots", bots),
    ]
    return w.build("checked", materials, settings={"required_licenses": REQUIRED})


def _findings(built: Built, required: list[str] | None = REQUIRED) -> list[LicenceFinding]:
    index = built.index
    return check_licences(index.materials(), index.lessons(), required=required)


def _summary(findings: list[LicenceFinding], material_id: str) -> set[tuple[str, ...]]:
    return {
        (f.rule, f.lesson or "", f.language or "") for f in findings if f.material == material_id
    }


EXPECTED = {
    "clean": set(),
    "unlicensed": {("no-licence", "", "")},
    "unlicensed-settled": set(),
    "noncommercial": {("not-accepted", "", "")},
    "noderivatives": {("not-accepted", "", "")},
    "conflict": {("conflicting-evidence", "", "")},
    "conflict-settled": set(),
    "sa3-to-sa4": set(),
    "sa4-to-sa3": {("share-alike", "sa4-to-sa3/hello", "de")},
    "sa-to-by": {("share-alike", "sa-to-by/hello", "de")},
    "file-by": {("share-alike", "file-by/hello", "de")},
    "lesson-nc": {("not-accepted", "lesson-nc/other", "en")},
    "bots": {("no-author", "bots/hello", "en")},
}


@pytest.mark.parametrize("ident", sorted(EXPECTED))
def test_findings_per_material(checked, ident):
    assert _summary(_findings(checked), ident) == EXPECTED[ident]


def test_branch_and_file_licences_on_the_versions(checked):
    index = checked.index
    licence = index.material("sa3-to-sa4").license
    assert licence is not None
    assert licence.spdx == "CC-BY-SA-3.0"
    assert index.lesson("sa3-to-sa4/hello").versions["de"].license == "CC-BY-SA-4.0"
    assert index.lesson("sa3-to-sa4/hello").versions["en"].license is None
    assert index.lesson("sa4-to-sa3/hello").versions["de"].license == "CC-BY-SA-3.0"
    assert index.lesson("sa-to-by/hello").versions["de"].license == "CC-BY-4.0"
    assert index.lesson("file-by/hello").versions["de"].kind == "file"
    assert index.lesson("file-by/hello").versions["de"].license == "CC-BY-4.0"


def test_translation_branch_without_licence_file(checked):
    assert checked.index.lesson("orphan-branch/hello").versions["de"].license is None
    assert _summary(_findings(checked), "orphan-branch") == set()


def test_finding_details(checked):
    findings = {(f.material, f.rule): f for f in _findings(checked)}
    nc = findings["noncommercial", "not-accepted"]
    assert "CC-BY-NC-SA-4.0" in nc.message
    assert nc.paths == ("LICENSE",)
    share = findings["sa4-to-sa3", "share-alike"]
    assert "CC-BY-SA-3.0" in share.message
    assert "CC-BY-SA-4.0" in share.message
    assert share.paths == ("hello.md",)
    conflict = findings["conflict", "conflicting-evidence"]
    assert "CC-BY-SA-4.0" in conflict.message
    assert "CC-BY-NC-SA-3.0" in conflict.message
    assert [path.split(":")[0] for path in conflict.paths] == ["README.md"]
    author = findings["bots", "no-author"]
    assert author.paths == ("hello.md",)
    assert "author" in author.fix
    assert all(f.fix and f.message for f in findings.values())


def test_without_required_licences_nothing_is_unaccepted(checked):
    findings = _findings(checked, required=None)
    assert "not-accepted" not in {f.rule for f in findings}
    # The other rules still apply.
    assert {"no-licence", "share-alike", "conflicting-evidence", "no-author"} <= {
        f.rule for f in findings
    }


def test_cli_check_licenses_text(checked, capsys):
    code = main(["--lang", "en", "check", "licenses", "-c", str(checked.catalogue)])
    assert code == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert "no-licence: unlicensed: no licence found" in lines
    assert any(line.startswith("share-alike: sa4-to-sa3 sa4-to-sa3/hello de: ") for line in lines)
    assert any(line.startswith("no-author: bots bots/hello en: ") for line in lines)
    assert any(
        line.startswith("not-accepted: noderivatives: licence CC-BY-ND-4.0") for line in lines
    )
    assert any(line.startswith("conflicting-evidence: conflict: ") for line in lines)
    fixes = [line for line in lines if line.startswith("  fix: ")]
    findings = [line for line in lines if not line.startswith("  ")]
    assert len(fixes) == len(findings) == len(_findings(checked))
    assert "findings" in captured.err


def test_cli_check_licenses_json(checked, capsys):
    code = main(["--lang", "en", "check", "licenses", "-c", str(checked.catalogue), "--json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"schema_version", "required", "findings"}
    assert report["schema_version"] == 1
    assert report["required"] == REQUIRED
    assert all(set(finding) == FINDING_KEYS for finding in report["findings"])
    assert {f["rule"] for f in report["findings"]} == {
        "no-licence",
        "not-accepted",
        "share-alike",
        "conflicting-evidence",
        "no-author",
    }
    for ident, expected in EXPECTED.items():
        got = {
            (f["rule"], f["lesson"] or "", f["language"] or "")
            for f in report["findings"]
            if f["material"] == ident
        }
        assert got == expected, ident
    # Findings come in catalogue order.
    order = [m.id for m in checked.index.materials()]
    positions = [order.index(f["material"]) for f in report["findings"]]
    assert positions == sorted(positions)
    sa = next(f for f in report["findings"] if f["material"] == "sa-to-by")
    assert sa["paths"] == ["hello.md"]
    assert sa["lesson"] == "sa-to-by/hello"


@pytest.fixture(scope="module")
def clean(workspace: Workspace) -> Built:
    w = workspace
    return w.build(
        "clean",
        [
            material("clean", w.workshop("clean-2", {"LICENSE": notice("by-sa", "4.0")})),
            material("settled", w.workshop("settled"), license="CC-BY-SA-4.0"),
            material(
                "translated",
                _translated(w, "clean-sa", notice("by-sa", "4.0"), notice("by-sa", "4.0")),
            ),
        ],
        settings={"required_licenses": ["CC-BY-SA-4.0"]},
    )


def test_cli_clean_catalogue_exits_0(clean, capsys):
    assert main(["--lang", "en", "check", "licenses", "-c", str(clean.catalogue)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no findings" in captured.err
    assert main(["--lang", "en", "check", "licenses", "-c", str(clean.catalogue), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"schema_version": 1, "required": ["CC-BY-SA-4.0"], "findings": []}
