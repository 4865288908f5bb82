"""Hostile repository contents, end to end through the public API (``docs/threat-model.md``).

Every test commits the hostile content next to two good lessons, syncs and indexes it with
``om.build`` (local sources allowed), and checks four outcomes: one clear problem per bad file
(path, and line where there is one) in both ``report.index.problems`` and the material's stored
``problems``; the good lessons still indexed; nothing of the host in the index (titles, search,
export, the index file's bytes); and an export that is valid UTF-8 JSON.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import socket
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.cli import main
from otsmaterials.formats import parse_document
from otsmaterials.index.material import Limits

from gitrepos import RepoBuilder, git, write_catalogue
from workload import assert_scales_linearly, assert_work_bounded

MATERIAL = "hostile"
LOCAL = {"allow_local_sources": True}
HOST_FILE = Path("/etc/passwd")
HOST_MARKER = "root:x:0:0"

GOOD_MD = {
    "good-one.md": "# First good lesson\n\nPlain text about loops.\n",
    "good-two.md": "# Second good lesson\n\nMore text about functions.\n",
}
GOOD_TITLES = {
    f"{MATERIAL}/good-one": "First good lesson",
    f"{MATERIAL}/good-two": "Second good lesson",
}


@dataclass
class Built:
    """One synced and indexed fixture repository."""

    report: om.BuildReport
    index: om.Index
    catalogue: Path
    out: Path

    @property
    def index_path(self) -> Path:
        return self.out / "index.sqlite"

    @property
    def mirror(self) -> Path:
        return self.out / "cache" / "mirrors" / f"{MATERIAL}.git"


@pytest.fixture
def host_file() -> Path:
    """The host file hostile content points at; the checks mean nothing without its marker."""
    if not HOST_FILE.is_file() or HOST_MARKER not in HOST_FILE.read_text("utf-8", "replace"):
        pytest.skip(f"{HOST_FILE} does not hold {HOST_MARKER!r} here")
    return HOST_FILE


def hostile_repo(make_repo, files, *, symlinks=(), good=GOOD_MD) -> RepoBuilder:
    """The fixture repository: the good lessons, the hostile files and symlinks, committed."""
    repo = make_repo(MATERIAL)
    repo.write({**good, **files})
    for name, target in symlinks:
        repo.symlink(name, target)
    repo.commit("hostile content")
    return repo


def catalogue_for(tmp_path: Path, materials, settings=None) -> Path:
    entries = [
        {"id": ident, "title": ident.title(), "source": str(path)} for ident, path in materials
    ]
    return write_catalogue(
        tmp_path / "catalogue.toml", entries, settings={**LOCAL, **(settings or {})}
    )


def build(tmp_path: Path, repo: RepoBuilder, *, settings=None) -> Built:
    """Sync and index ``repo`` into ``tmp_path/out`` through the public API."""
    return build_from(tmp_path, catalogue_for(tmp_path, [(MATERIAL, repo.path)], settings))


def build_from(tmp_path: Path, catalogue: Path) -> Built:
    """Sync and index the catalogue's materials into ``tmp_path/out``."""
    out = tmp_path / "out"
    report = om.build(om.load_catalogue(catalogue), cache=out / "cache", index=out / "index.sqlite")
    return Built(report, om.Index.open(out / "index.sqlite"), catalogue, out)


def problems_at(built: Built, path: str | None, material: str = MATERIAL) -> list[om.IndexProblem]:
    """The problems reported for ``path``; the index stores the same ones on the material."""
    reported = [p for p in built.report.index.problems if p.material == material and p.path == path]
    stored = [p for p in built.index.material(material).problems if p.path == path]
    assert reported == stored
    return reported


def one_problem(
    built: Built, path: str | None, *, severity: str, match: str, line: object = ...
) -> om.IndexProblem:
    """Exactly one problem for ``path``, of this severity, matching ``match`` (and ``line``)."""
    found = problems_at(built, path)
    assert len(found) == 1, found
    problem = found[0]
    assert problem.severity == severity, problem
    assert re.search(match, problem.message), problem.message
    if line is not ...:
        assert problem.line == line, problem
    return problem


def problem_paths(built: Built) -> set[str | None]:
    return {p.path for p in built.report.index.problems}


def lesson_ids(built: Built) -> set[str]:
    return {lesson.id for lesson in built.index.lessons(material=MATERIAL)}


def index_bytes(built: Built) -> bytes:
    """Every byte of the index file (and of any WAL or journal next to it)."""
    files = sorted(built.out.glob("index.sqlite*"))
    assert files
    return b"".join(path.read_bytes() for path in files)


def check_outcome(built: Built, good: dict[str, str] = GOOD_TITLES) -> dict:
    """The checks every hostile build must pass; returns the parsed JSON export."""
    assert built.report.sync.ok, built.report.sync
    assert built.report.index.ok, built.report.index.materials
    (status,) = [m for m in built.report.index.materials if m.id == MATERIAL]
    assert status.status == "indexed"
    for lesson_id, title in good.items():
        lesson = built.index.lesson(lesson_id)
        assert lesson.original().title == title
        assert problems_at(built, lesson.original().path) == []
    # The export is valid UTF-8 JSON (strict encoding: no lone surrogates).
    text = built.index.export_json()
    document = json.loads(text.encode("utf-8").decode("utf-8"))
    exported = {lesson["id"] for m in document["materials"] for lesson in m["lessons"]}
    assert set(good) <= exported
    assert exported == {lesson.id for lesson in built.index.lessons()}
    # Nothing of the host: not in the export, not in search results, not in the file at all.
    assert HOST_MARKER not in text
    for hit in built.index.search("root") + built.index.search("bash"):
        assert HOST_MARKER not in hit.title + hit.snippet
    stored = index_bytes(built)
    assert b"Plain text about loops" in stored  # lesson text is in the bytes scanned
    assert HOST_MARKER.encode() not in stored
    return document


def tree_listing(root: Path, *, skip: Path | None = None) -> set[str]:
    """Every path under ``root`` (``skip`` and what is under it left out)."""
    found = set()
    for path in root.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        found.add(path.relative_to(root).as_posix())
    return found


# --- symlinks (threat-model.md, no-checkout) ------------------------------------------------------


def test_symlinks_are_ignored_with_a_warning(tmp_path, make_repo, host_file):
    repo = hostile_repo(
        make_repo,
        {},
        symlinks=[
            ("lesson.md", str(host_file)),
            ("img", "/"),
            ("core/setup.md", "../../../../../../../../../../etc/passwd"),
        ],
    )
    built = build(tmp_path, repo)

    for path in ("lesson.md", "img", "core/setup.md"):
        one_problem(built, path, severity="warning", match=r"^symlink ignored$", line=None)
    assert problem_paths(built) == {"lesson.md", "img", "core/setup.md"}
    assert lesson_ids(built) == set(GOOD_TITLES)
    assert built.index.search("root") == []
    assert built.index.search("passwd") == []
    check_outcome(built)


# --- traversal through a lesson id (threat-model.md, safe-names) ----------------------------------


def test_traversing_lesson_id_is_rejected_and_nothing_lands_outside(tmp_path, make_repo):
    repo = hostile_repo(
        make_repo,
        {"evil.md": "---\ntitle: Evil lesson\nid: ../../../tmp/evil\n---\n# Evil\n\nEvil words.\n"},
    )
    catalogue = catalogue_for(tmp_path, [(MATERIAL, repo.path)])
    parent_before = set(os.listdir(tmp_path.parent))
    outside_before = tree_listing(tmp_path, skip=tmp_path / "out")
    tmp_evil = Path("/tmp/evil").exists()

    built = build_from(tmp_path, catalogue)

    problem = one_problem(built, "evil.md", severity="error", match=r"\bid\b", line=3)
    assert "../../../tmp/evil" in problem.message
    assert problem_paths(built) == {"evil.md"}
    assert lesson_ids(built) == set(GOOD_TITLES)
    assert built.index.search("evil") == []
    check_outcome(built)

    # The JSON export goes exactly where it is asked to, and nowhere else.
    exports = tmp_path / "out" / "exports"
    exports.mkdir()
    target = exports / "export.json"
    assert (
        main(["export", "--index", str(built.index_path), "--format", "json", "-o", str(target)])
        == 0
    )
    assert os.listdir(exports) == ["export.json"]
    assert json.loads(target.read_bytes().decode("utf-8"))["materials"][0]["id"] == MATERIAL

    parent_after = set(os.listdir(tmp_path.parent))
    assert parent_after == parent_before
    assert not [name for name in parent_after if "evil" in name]
    assert tree_listing(tmp_path, skip=tmp_path / "out") == outside_before
    assert not [p for p in tree_listing(tmp_path / "out") if "evil" in p]
    assert Path("/tmp/evil").exists() == tmp_evil
    for base in (built.out, built.mirror, built.out / "cache"):
        assert not (base / "../../../tmp/evil").resolve().exists()


# --- language codes (threat-model.md, language-allowlist) -----------------------------------------

BAD_LANGUAGES = {
    "lang-dots.md": '"../../x"',
    "lang-traverse.md": '"de/../../etc"',
    "lang-nul.md": '"x\\0y"',  # a YAML escape: the value holds a NUL character
    "lang-reserved.md": "CON",
}


def test_language_codes_are_allowlisted(tmp_path, make_repo):
    files = {
        name: f"---\ntitle: Bad language\nlang: {value}\n---\n# Bad language\n\nWords.\n"
        for name, value in BAD_LANGUAGES.items()
    }
    files |= {
        "lang-ok.md": '---\ntitle: Latinica\nlang: "sr@latin"\n---\n# Latinica\n\nReči.\n',
        "CON/good-one.md": "# Reserved folder\n\nA folder named like a device.\n",
        "sr@latin/good-one.md": "# Prva dobra lekcija\n\nObičan tekst o petljama.\n",
        "zh_Hant_TW/good-one.md": "# 第一課\n\n關於迴圈的文字。\n",
    }
    repo = hostile_repo(make_repo, files)
    catalogue = catalogue_for(tmp_path, [(MATERIAL, repo.path)])
    outside_before = tree_listing(tmp_path, skip=tmp_path / "out")
    parent_before = set(os.listdir(tmp_path.parent))

    built = build_from(tmp_path, catalogue)

    for name in BAD_LANGUAGES:
        one_problem(built, name, severity="error", match=r"^front matter: lang: ", line=3)
        assert f"{MATERIAL}/{name[:-3]}" not in lesson_ids(built)
    assert problem_paths(built) == set(BAD_LANGUAGES)

    # sr@latin and zh_Hant_TW are languages (as folders and in front matter), CON is not.
    good_one = built.index.lesson(f"{MATERIAL}/good-one")
    assert set(good_one.versions) == {"en", "sr-Latn", "zh-Hant-TW"}
    assert good_one.versions["sr-Latn"].path == "sr@latin/good-one.md"
    assert good_one.versions["zh-Hant-TW"].path == "zh_Hant_TW/good-one.md"
    assert built.index.lesson(f"{MATERIAL}/lang-ok").original_language == "sr-Latn"
    reserved = built.index.lesson(f"{MATERIAL}/CON/good-one")
    assert set(reserved.versions) == {"en"}
    languages = set(built.index.material(MATERIAL).languages)
    assert languages == {"en", "sr-Latn", "zh-Hant-TW"}
    document = check_outcome(built)
    assert set(document["materials"][0]["languages"]) == languages

    # No directory was made for any of the codes, anywhere.
    assert tree_listing(tmp_path, skip=tmp_path / "out") == outside_before
    assert set(os.listdir(tmp_path.parent)) == parent_before
    names = {"x", "etc", "CON", "con", "x\x00y", "sr@latin", "sr-Latn", "zh_Hant_TW", "zh-Hant-TW"}
    names |= {"locale", "LC_MESSAGES"}
    created = {Path(p).name for p in tree_listing(tmp_path / "out")}
    assert not created & names


# --- size and file-count budgets (threat-model.md, budgets) ---------------------------------------


def test_oversized_blob_is_left_out_of_the_mirror_and_reported(tmp_path, make_repo):
    video = random.Random(16).randbytes(3 * 1024 * 1024)  # incompressible
    huge = b"# Huge lesson\n\n" + b"word " * 300_000
    repo = hostile_repo(make_repo, {"media/video.bin": video, "huge.md": huge})
    oids = {
        name: git("rev-parse", f"HEAD:{name}", cwd=repo.path).strip()
        for name in ("media/video.bin", "huge.md")
    }

    built = build(tmp_path, repo, settings={"max_blob_size": 1024 * 1024})

    # The video is a warning; a lesson lost to the size limit is an error.
    for name, severity in (("media/video.bin", "warning"), ("huge.md", "error")):
        one_problem(
            built, name, severity=severity, match=r"^not in the mirror \(over its size limit\)$"
        )
    assert problem_paths(built) == set(oids)
    missing = git(
        "--git-dir", str(built.mirror), "rev-list", "--objects", "--missing=print", "HEAD"
    ).split()
    assert {f"?{oid}" for oid in oids.values()} <= set(missing)
    mirror_bytes = sum(p.stat().st_size for p in built.mirror.rglob("*") if p.is_file())
    assert mirror_bytes < 1024 * 1024
    assert lesson_ids(built) == set(GOOD_TITLES)
    check_outcome(built)


def test_material_over_its_file_budget_is_reported_not_indexed(tmp_path, make_repo):
    good = hostile_repo(make_repo, {})
    crowded = make_repo("crowded")
    for number in range(60):
        page = crowded.path / f"page-{number:02}.md"
        page.write_text(f"# Page {number}\n\nText of page {number}.\n", encoding="utf-8")
    git("add", "-A", cwd=crowded.path)
    crowded.commit("sixty files")
    catalogue = om.load_catalogue(
        catalogue_for(tmp_path, [(MATERIAL, good.path), ("crowded", crowded.path)])
    )
    out = tmp_path / "out"
    synced = om.sync(catalogue, cache=out / "cache")
    assert synced.ok

    report = om.build_index(
        catalogue, cache=out / "cache", index=out / "index.sqlite", limits=Limits(max_files=50)
    )
    index = om.Index.open(out / "index.sqlite")
    built = Built(
        om.BuildReport(sync=synced, index=report), index, tmp_path / "catalogue.toml", out
    )

    # The material over budget fails (exit 1 in the CLI) and is not in the index.
    (status,) = [m for m in report.materials if m.id == "crowded"]
    assert status.status == "failed"
    assert re.search(r"over budget: 60 files \(limit 50\); not indexed", status.error or "")
    assert not report.ok
    assert "crowded" not in {m.id for m in built.index.materials()}
    assert built.index.lessons(material="crowded") == []
    assert lesson_ids(built) == set(GOOD_TITLES)
    assert problems_at(built, None) == []

    # Control: within the default budget the same repository gives its 60 lessons.
    control = om.build_index(catalogue, cache=out / "cache", index=out / "control.sqlite")
    assert not [p for p in control.problems if p.material == "crowded"]
    assert len(om.Index.open(out / "control.sqlite").lessons(material="crowded")) == 60


# --- YAML bombs (threat-model.md, safe-yaml) ------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous, current = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines)


def test_billion_laughs_front_matter_is_refused_quickly(tmp_path, make_repo):
    lesson = f"---\ntitle: Laughs\n{billion_laughs()}\n---\n# Laughs\n\nLaughing words.\n"
    repo = hostile_repo(make_repo, {"bomb.md": lesson})

    built = build(tmp_path, repo)

    one_problem(built, "bomb.md", severity="error", match=r"^YAML aliases not allowed$", line=3)
    assert problem_paths(built) == {"bomb.md"}
    assert lesson_ids(built) == set(GOOD_TITLES)
    assert built.index.search("lol") == []
    assert built.index.search("laughing") == []
    check_outcome(built)

    # Quickly: the parse refuses the first anchor, so 8 levels (9**8 lols) cost what 2 cost.
    def refuse(levels: int) -> None:
        page = f"---\ntitle: Laughs\n{billion_laughs(levels)}\n---\n# Laughs\n"
        with pytest.raises(om.ParseError, match="YAML aliases not allowed"):
            parse_document(page.encode(), "bomb.md")

    assert_work_bounded(refuse, 2)


_SUBPROCESS_BUILD = """
import json, os, sys
import yaml

def c_loader_used(*args, **kwargs):  # stands in for libyaml's crash on deep nesting
    os._exit(86)

for name in ("CSafeLoader", "CLoader", "CBaseLoader", "CFullLoader", "CUnsafeLoader"):
    if hasattr(yaml, name):
        setattr(yaml, name, c_loader_used)
import otsmaterials as om
catalogue, cache, index = sys.argv[1:4]
report = om.build(om.load_catalogue(catalogue), cache=cache, index=index)
print(json.dumps({
    "libyaml": bool(yaml.__with_libyaml__),
    "ok": report.ok,
    "problems": [p.model_dump(mode="json") for p in report.index.problems],
}))
"""


def test_deeply_nested_front_matter_does_not_kill_the_process(tmp_path, make_repo):
    lesson = "---\ntitle: Deep\ntags: " + "[" * 100_000 + "\n---\n# Deep\n\nDeep words.\n"
    repo = hostile_repo(make_repo, {"deep.md": lesson})
    catalogue = catalogue_for(tmp_path, [(MATERIAL, repo.path)])
    out = tmp_path / "out"

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _SUBPROCESS_BUILD,
            str(catalogue),
            str(out / "cache"),
            str(out / "index.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 86, "the C loader read the untrusted front matter"
    assert result.returncode == 0, result.stderr
    child = json.loads(result.stdout)
    assert child["libyaml"] is True  # libyaml is installed, so the C loader was available
    assert child["ok"] is True
    (problem,) = child["problems"]
    assert problem["path"] == "deep.md"
    assert problem["severity"] == "error"
    assert problem["line"] == 3
    assert problem["message"].startswith("YAML too deep")

    index = om.Index.open(out / "index.sqlite")
    (stored,) = index.material(MATERIAL).problems
    assert stored.model_dump(mode="json") == problem
    assert {lesson.id for lesson in index.lessons()} == set(GOOD_TITLES)
    assert index.search("deep") == []
    json.loads(index.export_json().encode("utf-8"))


# --- YAML type coercion (threat-model.md, safe-yaml) ----------------------------------------------


def test_nothing_is_coerced(tmp_path, make_repo):
    repo = hostile_repo(
        make_repo,
        {
            "norsk.md": "---\ntitle: Løkker\nlang: no\n---\n# Løkker\n\nTekst om løkker.\n",
            "versioned.md": "---\ntitle: Versioned\nversion: 1.10\n---\n# Versioned\n\nZebra.\n",
            "twice.md": "---\ntitle: Alpha\nlayout: page\ntitle: Omega\n---\n# Twice\n\nYak.\n",
        },
    )
    built = build(tmp_path, repo)

    norsk = built.index.lesson(f"{MATERIAL}/norsk")
    assert set(norsk.versions) == {"no"}
    assert norsk.original_language == "no"
    assert norsk.versions["no"].title == "Løkker"
    assert "no" in {info.tag for info in built.index.languages()}
    assert problems_at(built, "norsk.md") == []

    problem = one_problem(built, "versioned.md", severity="error", match=r"\bversion\b", line=3)
    assert "1.1" in problem.message
    problem = one_problem(built, "twice.md", severity="error", match=r"\btitle\b", line=4)
    assert "duplicate" in problem.message
    assert problem_paths(built) == {"versioned.md", "twice.md"}

    assert lesson_ids(built) == {*GOOD_TITLES, f"{MATERIAL}/norsk"}
    for word in ("zebra", "yak", "alpha", "omega", "versioned"):
        assert built.index.search(word) == [], word
    assert set(built.index.material(MATERIAL).languages) == {"en", "no"}
    check_outcome(built)


# --- pathological Markdown (threat-model.md, budgets) ---------------------------------------------


def test_pathological_markdown_is_bounded(tmp_path, make_repo):
    repo = hostile_repo(
        make_repo,
        {
            "brackets.md": b"[" * (1024 * 1024),
            "brackets-at-limit.md": b"[" * (256 * 1024),
            "quotes.md": b">" * 100_000 + b" deep quote\n",
        },
    )
    built = build(tmp_path, repo)

    one_problem(built, "brackets.md", severity="error", match=r"over (the size )?limit", line=None)
    for name in ("brackets-at-limit.md", "quotes.md"):
        found = problems_at(built, name)
        if f"{MATERIAL}/{name[:-3]}" in lesson_ids(built):
            assert found == []
        else:
            (problem,) = found
            if problem.severity == "warning":  # read in time, but a page of brackets has no text
                assert problem.message == "holds no words: not a lesson"
            else:
                assert re.search(r"over (the size )?limit|nested too deeply", problem.message)
    for problem in built.report.index.problems:
        assert "Recursion" not in problem.message
    assert problem_paths(built) <= {"brackets.md", "brackets-at-limit.md", "quotes.md"}
    assert f"{MATERIAL}/brackets" not in lesson_ids(built)
    check_outcome(built)
    # Bounded: the steps of a parse grow like the brackets and not at all with the quotes' depth
    # past the nesting limit (a quadratic parse: 16-fold for 4 times the brackets).
    assert_scales_linearly(lambda size: parse_document(b"[" * size, "brackets.md"), 4096)
    assert_work_bounded(lambda depth: parse_document(b">" * depth + b" deep\n", "quotes.md"), 5000)


# --- script injection (threat-model.md, text-only) ------------------------------------------------

FORBIDDEN = ("<script", "onerror", "javascript:")
XSS_LESSON = """\
# Heading <script>alert(1)</script>

## Section <img src=x onerror=alert(1)> two

Click [x](javascript:alert(1)) or <script>alert(1)</script> now.

<img src=x onerror=alert(1)>

<script>
document.write("pwned")
</script>

Plain xss words <javascript:alert(1)> end.
"""


def test_markdown_scripts_and_javascript_links_never_reach_the_index(tmp_path, make_repo):
    repo = hostile_repo(make_repo, {"xss.md": XSS_LESSON})
    built = build(tmp_path, repo)

    assert problem_paths(built) == set()
    version = built.index.lesson(f"{MATERIAL}/xss").original()
    assert version.title.startswith("Heading")
    assert len(version.headings) == 1
    for forbidden in FORBIDDEN:
        assert forbidden not in version.title
        assert forbidden not in " ".join(version.headings)
    hits = [
        hit for word in ("click", "xss", "alert", "section") for hit in built.index.search(word)
    ]
    assert {hit.lesson for hit in hits} == {f"{MATERIAL}/xss"}
    assert built.index.search("pwned") == []
    document = check_outcome(built)
    export = json.dumps(document)
    stored = index_bytes(built)
    for forbidden in FORBIDDEN:
        for hit in hits:
            assert forbidden not in hit.title + hit.snippet
        assert forbidden not in export
        assert forbidden.encode() not in stored


def test_html_in_a_front_matter_title_never_reaches_the_index(tmp_path, make_repo):
    lesson = (
        "---\ntitle: Safe <script>alert(1)</script> <img src=x onerror=alert(1)> title\n---\n"
        "# Heading\n\nBody words.\n"
    )
    repo = hostile_repo(make_repo, {"xss.md": lesson})
    built = build(tmp_path, repo)

    version = built.index.lesson(f"{MATERIAL}/xss").original()
    hits = built.index.search("body")
    export = built.index.export_json()
    for forbidden in FORBIDDEN[:2]:
        assert forbidden not in version.title
        assert all(forbidden not in hit.title for hit in hits)
        assert forbidden not in export


# --- reST directives that read files or URLs (threat-model.md, text-only) -------------------------

GOOD_RST = {
    "conf.py": "project = 'Hostile'\nlanguage = 'en'\n",
    "index.rst": (
        "Hostile course\n==============\n\n.. toctree::\n\n   good-one\n   good-two\n   hostile\n"
    ),
    "good-one.rst": "First good lesson\n=================\n\nPlain text about loops.\n",
    "good-two.rst": "Second good lesson\n==================\n\nMore text about functions.\n",
}


def hostile_rst(host_file: Path, port: int) -> str:
    return (
        "Hostile lesson\n==============\n\nBefore the directives.\n\n"
        f".. include:: {host_file}\n\n"  # line 6
        ".. raw:: html\n"  # line 8
        f"   :file: {host_file}\n\n"
        ".. csv-table:: Remote\n"  # line 11
        f"   :url: http://127.0.0.1:{port}/\n\n"
        ".. csv-table:: Also remote\n"  # line 14
        "   :url: http://127.0.0.1:9/\n\n"
        "After the directives.\n"
    )


@pytest.fixture
def no_network(monkeypatch):
    """A listener nobody should reach, and every socket connect in this process refused."""
    attempts: list[object] = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("network access during the build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    try:
        yield listener, attempts
    finally:
        listener.close()


def test_rst_file_and_url_directives_are_warned_about_and_never_followed(
    tmp_path, make_repo, host_file, no_network
):
    listener, attempts = no_network
    port = listener.getsockname()[1]
    text = hostile_rst(host_file, port)
    lines = text.split("\n")
    assert [lines[n - 1].split("::")[0] for n in (6, 8, 11, 14)] == [
        ".. include",
        ".. raw",
        ".. csv-table",
        ".. csv-table",
    ]
    repo = hostile_repo(make_repo, {"hostile.rst": text}, good=GOOD_RST)

    built = build(tmp_path, repo)

    found = problems_at(built, "hostile.rst")
    assert all(p.severity == "warning" for p in found), found
    named = [re.fullmatch(r"directive (\S+) ignored \(line (\d+)\)", p.message) for p in found]
    assert all(named), found
    assert sorted((m[1], int(m[2])) for m in named) == sorted(
        [("include", 6), ("raw", 8), ("csv-table", 11), ("csv-table", 14)]
    )
    assert problem_paths(built) == {"hostile.rst"}
    version = built.index.lesson(f"{MATERIAL}/hostile").original()
    assert version.title == "Hostile lesson"
    assert {hit.lesson for hit in built.index.search("after")} == {f"{MATERIAL}/hostile"}
    assert built.index.search("nologin") == []
    check_outcome(built)

    assert attempts == []
    with pytest.raises(BlockingIOError):
        listener.accept()


def test_directive_warnings_carry_their_line(tmp_path, make_repo, host_file, no_network):
    listener, _attempts = no_network
    repo = hostile_repo(
        make_repo, {"hostile.rst": hostile_rst(host_file, listener.getsockname()[1])}, good=GOOD_RST
    )
    built = build(tmp_path, repo)

    found = problems_at(built, "hostile.rst")
    assert [p.line for p in found] == [6, 8, 11, 14]


# --- encodings (threat-model.md, strict-decoding) -------------------------------------------------

BAD_ENCODINGS = {
    "c1.md": (b"# Bad bytes\n\nCaf\xc3\xa9 then \x93quoted\x94 and \xff.\n", b"\x93", 3),
    "utf16.md": (codecs.BOM_UTF16_LE + "# UTF-16\n\nText.\n".encode("utf-16-le"), None, 1),
    "nul.md": (b"# NUL\n\nsome\x00thing\n", b"\x00", 3),
    "surrogate.md": (b"# Surrogate\n\nlone \xed\xa0\x80 here\n", b"\xed", 3),
}


def test_undecodable_files_give_one_error_with_the_byte_offset(tmp_path, make_repo):
    files = {name: data for name, (data, _marker, _line) in BAD_ENCODINGS.items()}
    files["latin1.md"] = "# Café\n\nDéjà vu in Latin-1.\n".encode("latin-1")
    files["bom.md"] = codecs.BOM_UTF8 + b"# With a BOM\n\nFine text.\n"
    repo = hostile_repo(make_repo, files)

    built = build(tmp_path, repo)

    for name, (data, marker, line) in BAD_ENCODINGS.items():
        offset = data.index(marker) if marker is not None else 0
        one_problem(built, name, severity="error", match=rf"byte offset {offset}\b", line=line)
        assert f"{MATERIAL}/{name[:-3]}" not in lesson_ids(built)
    one_problem(
        built,
        "latin1.md",
        severity="warning",
        match=r"^not UTF-8 \(byte offset 5\): read as Latin-1$",
    )
    assert problem_paths(built) == {*BAD_ENCODINGS, "latin1.md"}
    assert built.index.lesson(f"{MATERIAL}/latin1").original().title == "Café"
    assert built.index.lesson(f"{MATERIAL}/bom").original().title == "With a BOM"
    assert lesson_ids(built) == {*GOOD_TITLES, f"{MATERIAL}/latin1", f"{MATERIAL}/bom"}
    assert {hit.lesson for hit in built.index.search("déjà")} == {f"{MATERIAL}/latin1"}
    check_outcome(built)


# --- file names (threat-model.md, safe-names) -----------------------------------------------------


def test_colliding_and_undecodable_names(tmp_path, make_repo):
    nfc = unicodedata.normalize("NFC", "café.md")
    nfd = unicodedata.normalize("NFD", "café.md")
    assert nfc != nfd
    repo = hostile_repo(
        make_repo,
        {
            "Lesson.md": "# Upper lesson\n\nUpper words.\n",
            "lesson.md": "# Lower lesson\n\nLower words.\n",
            nfc: "# Composed café\n\nComposed words.\n",
            nfd: "# Decomposed café\n\nDecomposed words.\n",
        },
    )
    bad_name = os.fsdecode(b"\xff.md")
    (repo.path / bad_name).write_bytes(b"# Bad name\n\nBad name words.\n")
    subprocess.run(["git", "add", "--", bad_name], cwd=repo.path, check=True)
    repo.commit("bad name")

    built = build(tmp_path, repo)

    one_problem(built, "\\xff.md", severity="warning", match=r"not valid UTF-8")
    for pair in (("Lesson.md", "lesson.md"), (nfc, nfd)):
        found = [p for name in pair for p in problems_at(built, name)]
        assert len(found) == 1, found
        (problem,) = found
        assert problem.severity == "error"
        assert re.search(r"collides with .*case or Unicode normalisation", problem.message)
        (kept,) = set(pair) - {problem.path}
        assert kept in problem.message
        versions = [
            lesson.original().path
            for lesson in built.index.lessons(material=MATERIAL)
            if lesson.original().path in pair
        ]
        assert versions == [kept]
    assert len(built.report.index.problems) == 3
    assert len(lesson_ids(built)) == 4
    assert built.index.search("bad") == []
    document = check_outcome(built)
    paths = [
        v["path"]
        for m in document["materials"]
        for x in m["lessons"]
        for v in x["versions"].values()
    ]
    assert all(not any(0xD800 <= ord(c) <= 0xDFFF for c in path) for path in paths)

    target = tmp_path / "export.json"
    assert main(["export", "--index", str(built.index_path), "-o", str(target)]) == 0
    json.loads(target.read_bytes().decode("utf-8"))


# --- the CLI shows the problems ------------------------------------------------------------------


def test_cli_index_prints_each_problem_with_path_and_line(tmp_path, make_repo, host_file, capsys):
    repo = hostile_repo(
        make_repo,
        {
            "bomb.md": f"---\ntitle: Laughs\n{billion_laughs()}\n---\n# Laughs\n",
            "latin1.md": "# Café\n\nLatin-1 text.\n".encode("latin-1"),
        },
        symlinks=[("lesson.md", str(host_file))],
    )
    catalogue = catalogue_for(tmp_path, [(MATERIAL, repo.path)])
    cache = tmp_path / "out" / "cache"
    assert om.sync(om.load_catalogue(catalogue), cache=cache).ok
    capsys.readouterr()

    def index(name: str, *extra: str) -> tuple[int, str, str]:
        argv = ["index", "-c", str(catalogue), "--cache", str(cache)]
        code = main([*argv, "--index", str(tmp_path / "out" / name), "-q", *extra])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = index("verbose.sqlite", "-v")
    assert code == 0  # bad files are reported, they do not fail the index
    assert re.search(rf"^{MATERIAL}\s+indexed\s+\w+\s+3$", out, re.MULTILINE), out
    expected = [
        f"{MATERIAL}: bomb.md:3: error: YAML aliases not allowed",
        f"{MATERIAL}: lesson.md: warning: symlink ignored",
        f"{MATERIAL}: latin1.md: warning: not UTF-8 (byte offset 5): read as Latin-1",
    ]
    for line in expected:
        assert line in err.splitlines(), err
    assert HOST_MARKER not in out + err

    code, out, err = index("quiet.sqlite")
    assert code == 0
    assert expected[0] in err.splitlines()
    assert expected[1] not in err and expected[2] not in err
    assert "warnings" not in err  # -q: errors only, no summary

    code, out, err = index("json.sqlite", "--json")
    assert code == 0
    problems = json.loads(out)["problems"]
    assert {(p["path"], p["line"], p["severity"]) for p in problems} == {
        ("bomb.md", 3, "error"),
        ("lesson.md", None, "warning"),
        ("latin1.md", None, "warning"),
    }
