"""The status page in a real browser: Chromium headless (``--dump-dom``, ``--screenshot``).

The page's script runs: the filters appear, a state kept in the URL (``#language=…&state=…``)
hides the rows and columns it should, the count says how many lessons show, and nothing is
written to the console (no error, no warning). Skipped, with a message, where no Chromium is
installed (``.ci/run`` installs it from the system's packages when it can). The screenshot of the
demo's report is ``docs/report.png`` (written again with ``OTSMATERIALS_REFRESH_DOCS=1``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import otsmaterials as om

from demo_fixture import Demo
from report_pages import by_id, find_all, matrix, parse, text

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
DOCS = Path(__file__).resolve().parents[2] / "docs"

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium to test the report in (install the system's chromium package)",
)


def chromium(url: str, profile: Path, *extra: str) -> tuple[str, str]:
    """Run headless Chromium on ``url``: (stdout, the console lines of its log)."""
    assert BROWSER is not None
    result = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # tests may run as root in containers
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, "\n".join(console)


@pytest.fixture(scope="module")
def page(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    om.write_report(om.Index.open(demo.index), path)
    return path


def shown(root: object, material: str) -> list[str]:
    _, rows = matrix(by_id(root, f"m-{material}"))  # type: ignore[arg-type]
    return [row.lesson for row in rows if not row.hidden]


def test_filters_from_the_url(page: Path, demo: Demo, tmp_path: Path) -> None:
    dom, console = chromium(
        f"{page.as_uri()}#language=es-CL&state=partial", tmp_path / "profile", "--dump-dom"
    )
    assert console == ""
    root = parse(dom)
    assert by_id(root, "filters").get("hidden") is None  # the script showed the filters
    index = om.Index.open(demo.index)
    partial = [
        lesson.id
        for lesson in index.lessons()
        if "es-CL" in lesson.versions and 0 < lesson.versions["es-CL"].completeness < 1
    ]
    assert partial == ["python-sphinx/loops"]
    assert shown(root, "python-sphinx") == partial
    # the other materials have no such lesson: their sections are hidden
    assert by_id(root, "m-web-markdown").get("hidden") is not None
    assert by_id(root, "m-js-branches").get("hidden") is not None
    # only the original's and the chosen language's columns show
    _, rows = matrix(by_id(root, "m-python-sphinx"))
    loops = next(row for row in rows if row.lesson == "python-sphinx/loops")
    visible = [tag for tag, cell in loops.cells.items() if cell.get("hidden") is None]
    assert visible == ["en", "es-CL"]
    assert text(by_id(root, "f-count")) == "1 of 11 lessons shown"
    selects = {s.get("id"): s for s in find_all(root, "select")}
    assert selects["f-language"] is not None


def test_topic_filter_and_no_filter(page: Path, tmp_path: Path) -> None:
    dom, console = chromium(f"{page.as_uri()}#topic=javascript", tmp_path / "p1", "--dump-dom")
    assert console == ""
    root = parse(dom)
    assert shown(root, "js-branches") == [
        "js-branches/01-hello",
        "js-branches/02-values",
        "js-branches/03-functions",
    ]
    assert by_id(root, "m-python-sphinx").get("hidden") is not None
    materials = next(t for t in find_all(root, "table") if "materials" in (t.get("class") or ""))
    rows = [tr for tr in find_all(materials, "tr") if tr.get("data-topics") is not None]
    titles = [text(next(iter(find_all(tr, "a")))) for tr in rows if tr.get("hidden") is None]
    assert titles == ["JavaScript Basics"]
    assert text(by_id(root, "f-count")) == "3 of 11 lessons shown"
    # an unknown value in the URL filters nothing
    dom, console = chromium(f"{page.as_uri()}#state=nonsense", tmp_path / "p2", "--dump-dom")
    assert console == ""
    root = parse(dom)
    assert text(by_id(root, "f-count")) == "11 of 11 lessons shown"


def test_outdated_state_in_the_browser(tmp_path: Path) -> None:
    from outdated_repos import build_outdated

    _, index = build_outdated(tmp_path / "repos")
    path = tmp_path / "report.html"
    om.write_report(index, path)
    dom, console = chromium(
        f"{path.as_uri()}#state=outdated&language=de", tmp_path / "p", "--dump-dom"
    )
    assert console == ""
    root = parse(dom)
    assert shown(root, "web") == ["web/core/setup"]
    assert shown(root, "js") == ["js/01-hello"]


def test_screenshot_of_the_demo(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _, console = chromium(
        page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1400,1000"
    )
    assert console == ""
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1400, 1000)
    target = DOCS / "report.png"
    if os.environ.get("OTSMATERIALS_REFRESH_DOCS") or not target.exists():
        shutil.copyfile(shot, target)
