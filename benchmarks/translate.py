"""Translator figures: extraction against mdpo's md2po, update against GNU msgmerge and pybabel.

Usage: python benchmarks/translate.py [--lessons 200] [--big 2000] [--timeout 600] [--venv DIR]
                                     [--rounds 5] [--extract-only | --update-only]

Writes a synthetic Markdown corpus into a temporary directory: ``--lessons`` lessons of about ten
paragraphs each, and one big lesson of ``--big`` paragraph messages (the case of ``pitfalls.md``).
Paragraphs are 40–90 words drawn from a Zipf-distributed vocabulary (so that paragraphs share
common words but stay distinguishable, as prose does), wrapped at 72 columns, with a little inline
markup.

Extraction (one ``.pot`` per lesson): otsmaterials in-process (``lesson_segments`` +
``template_for`` + ``format_po`` + write) and as ``otsmaterials extract --root``; md2po once per
file, and mdpo's Python API for all files in one process. The in-process extraction and mdpo's
API (the anchor) run ``--rounds`` times, alternated, each into a fresh folder (mdpo in a fresh
process each time); their rows give the medians, wall and CPU, and the ratios are of medians.
``--extract-only`` runs only those two.

Update: every lesson gets a fully translated catalog; then about 10 % of the paragraphs change by
one word and about 5 % in whitespace only (a doubled space). Each tool merges the same new
``.pot`` (made by otsmaterials) into the same old ``.po``: otsmaterials ``merge_catalog``
in-process (parse, merge, write) and as ``otsmaterials update`` (which extracts too); GNU
``msgmerge --previous`` once per file; ``pybabel update`` once per file (Babel's
``Catalog.update``, fuzzy matching on), and Babel's API for all files in one process. Babel runs
without ``--previous``: Babel 2.19 writes the ``#|`` line of a msgid longer than the line width
cut into pieces that no reader accepts (msgcat: "end-of-line within string"). Every tool's
output is read back with otsmaterials' parser to count fuzzy and obsolete entries: the tools did
comparable work when the counts agree (otsmaterials keeps whitespace-only changes translated, by
design, so it marks about 5 % fewer fuzzy).

The competitors run in their own virtual environment (``benchmarks/translate_requirements.txt``,
created under the temporary directory, or reused from ``--venv DIR``); ``msgmerge`` comes from
PATH and is skipped when missing. Each competitor row is capped at ``--timeout`` seconds and then
reported as "> timeout". Process start costs (``--version``, median of 5) are printed apart.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from corpus import zipf_vocabulary
from otsmaterials._version import __version__
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.merge import merge_catalog, new_catalog
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate.templates import lesson_segments, template_for

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "translate_requirements.txt"
PROJECT = "Benchmark"
CREATED = "2025-01-01 00:00+0000"
LANGUAGE = "de"
WORD_CHANGED = 0.10
SPACE_CHANGED = 0.05

# --- the corpus -------------------------------------------------------------------------------

FUNCTION_WORDS = (
    "the of and to a in is that for it as with on be by this are or from at an which can not "
    "you your we if when then each more than into its has will"
).split()


class Vocabulary:
    """Function words first, then made-up words; drawn with Zipf weights (1 / rank)."""

    def __init__(self, rng: random.Random, size: int = 5000) -> None:
        self.words, self.cumulative = zipf_vocabulary(FUNCTION_WORDS, rng, size)

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def paragraph_tokens(rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    """40–90 words in sentences of 8–18 words, with the odd code span, bold word or link."""
    tokens: list[str] = []
    total = rng.randint(40, 90)
    while len(tokens) < total:
        sentence = vocabulary.draw(rng, rng.randint(8, 18))
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "."
        tokens += sentence
    for kind, chance in (("code", 0.3), ("bold", 0.2), ("link", 0.15)):
        if rng.random() < chance:
            index = rng.randrange(1, len(tokens) - 1)
            word = tokens[index]
            if word.isalpha() and word.islower():
                tokens[index] = {
                    "code": f"`{word}()`",
                    "bold": f"**{word}**",
                    "link": f"[{word}](https://example.org/{word})",
                }[kind]
    return tokens


@dataclass
class Paragraph:
    tokens: list[str]
    doubled_space: int | None = None
    """Which space of the wrapped text is doubled (a whitespace-only change), if any."""

    def render(self) -> str:
        text = "\n".join(
            textwrap.wrap(" ".join(self.tokens), 72, break_long_words=False, break_on_hyphens=False)
        )
        if self.doubled_space is not None:
            spaces = [i for i, char in enumerate(text) if char == " "]
            at = spaces[self.doubled_space % len(spaces)]
            text = text[:at] + " " + text[at:]
        return text


@dataclass
class Lesson:
    name: str
    title: str
    blocks: list[str | Paragraph] = field(default_factory=list)
    """Headings (strings) and paragraphs."""

    def render(self) -> str:
        body = "\n\n".join(
            f"## {block}" if isinstance(block, str) else block.render() for block in self.blocks
        )
        return f'---\ntitle: "{self.title}"\n---\n\n# {self.title}\n\n{body}\n'

    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]


def make_lesson(
    rng: random.Random, vocabulary: Vocabulary, name: str, paragraphs: int, heading_every: int
) -> Lesson:
    words = " ".join(vocabulary.draw(rng, 3)).capitalize()
    lesson = Lesson(name, f"{name.replace('-', ' ').capitalize()}: {words}")
    for number in range(paragraphs):
        if heading_every and number % heading_every == 0:
            lesson.blocks.append(
                f"Part {number // heading_every + 1}: {vocabulary.draw(rng, 1)[0]}"
            )
        lesson.blocks.append(Paragraph(paragraph_tokens(rng, vocabulary)))
    return lesson


def changed(
    rng: random.Random, vocabulary: Vocabulary, lesson: Lesson, counts: dict[str, int]
) -> Lesson:
    """A copy of ``lesson`` where ~10 % of the paragraphs lost a word and ~5 % gained a space."""
    blocks: list[str | Paragraph] = []
    for block in lesson.blocks:
        if isinstance(block, str):
            blocks.append(block)
            continue
        new = Paragraph(list(block.tokens))
        draw = rng.random()
        if draw < WORD_CHANGED:
            plain = [i for i, t in enumerate(new.tokens) if t.isalpha() and t.islower()]
            index = rng.choice(plain)
            replacement = new.tokens[index]
            while replacement == new.tokens[index]:
                replacement = vocabulary.draw(rng, 1)[0]
            new.tokens[index] = replacement
            counts["word"] += 1
        elif draw < WORD_CHANGED + SPACE_CHANGED:
            new.doubled_space = rng.randrange(1000)
            counts["space"] += 1
        blocks.append(new)
    return Lesson(lesson.name, lesson.title, blocks)


@dataclass
class Corpus:
    """One workspace's lessons before and after the edits, and the files made from them."""

    label: str
    root: Path
    """A working copy with the lessons as they were (``_config.yml``, ``lessons/*.md``)."""
    changed_root: Path
    """A working copy with the edited lessons and the old, translated catalogs under ``locale``."""
    names: list[str]
    old_po: Path
    """``<name>.po``: the translated catalogs of the lessons as they were."""
    new_pot: Path
    """``<name>.pot``: the templates of the edited lessons."""
    paragraphs: int = 0
    chars: float = 0.0
    """Average length of a paragraph message."""
    counts: dict[str, int] = field(default_factory=lambda: {"word": 0, "space": 0})


def fake_translation(msgid: str) -> str:
    return " ".join(word[::-1] for word in msgid.split(" "))


def lesson_template(root: Path, relative: str) -> PoFile:
    text = decode_text((root / relative).read_bytes(), relative).text
    return template_for(lesson_segments(text), path=relative, project=PROJECT, created=CREATED)


def write_workspace(root: Path, lessons: Sequence[Lesson]) -> None:
    (root / "lessons").mkdir(parents=True)
    (root / "_config.yml").write_text(f"title: {PROJECT}\n", encoding="utf-8")
    for lesson in lessons:
        (root / "lessons" / f"{lesson.name}.md").write_text(lesson.render(), encoding="utf-8")


def make_corpus(
    base: Path, label: str, lessons: list[Lesson], rng: random.Random, vocabulary: Vocabulary
) -> Corpus:
    corpus = Corpus(
        label,
        base / "original",
        base / "edited",
        [lesson.name for lesson in lessons],
        base / "old-po",
        base / "new-pot",
    )
    edited = [changed(rng, vocabulary, lesson, corpus.counts) for lesson in lessons]
    texts = [" ".join(p.tokens) for lesson in lessons for p in lesson.paragraphs()]
    corpus.paragraphs = len(texts)
    corpus.chars = statistics.mean(len(text) for text in texts)
    write_workspace(corpus.root, lessons)
    write_workspace(corpus.changed_root, edited)
    catalogs = corpus.changed_root / "locale" / LANGUAGE / "LC_MESSAGES" / "lessons"
    for folder in (corpus.old_po, corpus.new_pot, catalogs):
        folder.mkdir(parents=True)
    for name in corpus.names:
        relative = f"lessons/{name}.md"
        catalog = new_catalog(lesson_template(corpus.root, relative), LANGUAGE, now=CREATED)
        for entry in catalog.entries:
            entry.msgstr = fake_translation(entry.msgid)
        text = format_po(catalog)
        (corpus.old_po / f"{name}.po").write_text(text, encoding="utf-8")
        (catalogs / f"{name}.po").write_text(text, encoding="utf-8")
        pot = format_po(lesson_template(corpus.changed_root, relative))
        (corpus.new_pot / f"{name}.pot").write_text(pot, encoding="utf-8")
    return corpus


# --- the competitors' environment -------------------------------------------------------------

MDPO_SCRIPT = """
import json, sys, time
from mdpo.md2po import markdown_to_pofile
jobs = json.loads(open(sys.argv[1], encoding="utf-8").read())
started, cpu = time.perf_counter(), time.process_time()
for source, target in jobs:
    markdown_to_pofile(source, po_filepath=target, save=True)
print(time.perf_counter() - started, time.process_time() - cpu)
"""

BABEL_SCRIPT = """
import json, sys, time
from babel.messages.pofile import read_po, write_po
jobs = json.loads(open(sys.argv[1], encoding="utf-8").read())
started = time.perf_counter()
for old, pot, out in jobs:
    with open(old, "rb") as f:
        catalog = read_po(f, locale="de")
    with open(pot, "rb") as f:
        template = read_po(f)
    catalog.update(template, no_fuzzy_matching=False)
    with open(out, "wb") as f:
        write_po(f, catalog)
print(time.perf_counter() - started)
"""

VERSIONS_SCRIPT = """
import json
from importlib import metadata
print(json.dumps({n: metadata.version(n) for n in ("mdpo", "pymd4c", "Babel", "polib")}))
"""


def competitor_venv(where: Path) -> Path:
    """The venv's bin folder, made (or reused) with mdpo and Babel installed."""
    binary = where / "bin"
    python = binary / "python"
    if python.exists():
        probe = subprocess.run(
            [str(python), "-c", "import mdpo.md2po, babel.messages"],
            capture_output=True,
            check=False,
        )
        if probe.returncode == 0 and (binary / "md2po").exists() and (binary / "pybabel").exists():
            return binary
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(where)], check=True)
    installed = subprocess.run(
        [
            *(str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"),
            *("-r", str(REQUIREMENTS)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode != 0:
        print(installed.stdout + installed.stderr)
        raise subprocess.CalledProcessError(installed.returncode, "pip install")
    print(f"competitors' venv made in {time.perf_counter() - started:.0f} s: {where}")
    return binary


# --- running and counting ---------------------------------------------------------------------


@dataclass
class Row:
    tool: str
    task: str
    corpus: str
    files: int
    seconds: float | None
    """``None``: timed out."""
    messages: int | None = None
    fuzzy: int | None = None
    obsolete: int | None = None
    note: str = ""
    cpu: float | None = None
    """CPU seconds of the work (in-process rows; mdpo's API: inside its process)."""
    inside: float | None = None
    """Wall seconds inside the competitor's process (imports and interpreter start left out)."""


class TimeoutReachedError(Exception):
    pass


class ToolFailedError(Exception):
    pass


def run_commands(commands: Sequence[Sequence[str]], timeout: float, cwd: Path) -> float:
    """Run each command in turn (all within ``timeout`` seconds); the wall time."""
    started = time.perf_counter()
    for command in commands:
        left = timeout - (time.perf_counter() - started)
        if left <= 0:
            raise TimeoutReachedError
        try:
            done = subprocess.run(
                list(command), cwd=cwd, capture_output=True, timeout=left, check=False
            )
        except subprocess.TimeoutExpired:
            raise TimeoutReachedError from None
        if done.returncode != 0:
            message = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise ToolFailedError(f"{command[0]} exited {done.returncode}: {message[:300]}")
    return time.perf_counter() - started


def run_script(python: Path, script: str, jobs: list[list[str]], timeout: float, tmp: Path) -> str:
    """Run a Python script in the competitors' venv with ``jobs`` as JSON; its printed time."""
    (tmp / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    (tmp / "script.py").write_text(script, encoding="utf-8")
    try:
        done = subprocess.run(
            [str(python), str(tmp / "script.py"), str(tmp / "jobs.json")],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TimeoutReachedError from None
    if done.returncode != 0:
        raise ToolFailedError(done.stderr.decode("utf-8", "replace").strip()[-300:])
    return done.stdout.decode().strip().splitlines()[-1]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def count(paths: Sequence[Path]) -> tuple[int, int, int]:
    """Active messages, fuzzy ones and obsolete ones in catalogs (read with otsmaterials)."""
    messages = fuzzy = obsolete = 0
    for path in paths:
        catalog = parse_po(path.read_bytes(), str(path))
        for entry in catalog.entries:
            if entry.obsolete:
                obsolete += 1
            else:
                messages += 1
                fuzzy += entry.fuzzy
    return messages, fuzzy, obsolete


def measure(
    rows: list[Row],
    row: Row,
    work: Callable[[], float],
    outputs: Callable[[], list[Path]],
) -> None:
    """Fill ``row`` from ``work`` (its seconds) and the catalogs it wrote; print it at once."""
    try:
        row.seconds = work()
    except TimeoutReachedError:
        row.seconds = None
    except ToolFailedError as error:
        row.seconds = None
        row.note = f"failed: {error}"
    if row.seconds is not None:
        try:
            row.messages, row.fuzzy, row.obsolete = count(outputs())
        except (OSError, ValueError) as error:
            row.note = (row.note + f"; outputs unreadable: {error}").lstrip("; ")
    rows.append(row)
    print(f"  {format_row(row)}", flush=True)


def startup(command: Sequence[str]) -> float:
    """Median wall time of 5 runs of ``command`` (a process start, imports included)."""
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(list(command), capture_output=True, check=False)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


# --- the benchmark ----------------------------------------------------------------------------


def otsmaterials_command() -> list[str]:
    script = Path(sys.executable).parent / "otsmaterials"
    return [str(script)] if script.exists() else [sys.executable, "-m", "otsmaterials"]


def extract_in_process(corpus: Corpus, out: Path) -> tuple[float, float]:
    """Extract every lesson of ``corpus`` into ``out``: wall and CPU seconds."""
    out.mkdir(parents=True)

    def work() -> None:
        for name in corpus.names:
            relative = f"lessons/{name}.md"
            text = decode_text((corpus.root / relative).read_bytes(), relative).text
            template = template_for(lesson_segments(text), path=relative, project=PROJECT)
            (out / f"{name}.pot").write_text(format_po(template), encoding="utf-8")

    cpu = time.process_time()
    wall = timed(work)
    return wall, time.process_time() - cpu


def update_in_process(corpus: Corpus, out: Path) -> tuple[float, float]:
    """Parse, merge, write every catalog; the total and the time in ``merge_catalog`` alone."""
    out.mkdir(parents=True)
    merging = 0.0

    def work() -> None:
        nonlocal merging
        for name in corpus.names:
            old = parse_po((corpus.old_po / f"{name}.po").read_bytes(), name)
            template = parse_po((corpus.new_pot / f"{name}.pot").read_bytes(), name)
            started = time.perf_counter()
            result = merge_catalog(old, template)
            merging += time.perf_counter() - started
            (out / f"{name}.po").write_text(format_po(result.catalog), encoding="utf-8")

    return timed(work), merging


def bench_extract(
    rows: list[Row],
    corpus: Corpus,
    out: Path,
    binary: Path | None,
    timeout: float,
    rounds: int,
    *,
    only_api: bool = False,
) -> None:
    files = len(corpus.names)
    label = corpus.label
    bench_extract_side_by_side(rows, corpus, out, binary, timeout, rounds)
    if only_api:
        return
    cli_root = out / "otsm-cli"
    shutil.copytree(corpus.root, cli_root)
    measure(
        rows,
        Row("otsmaterials extract (CLI, 1 process)", "extract", label, files, None),
        lambda: run_commands(
            [[*otsmaterials_command(), "extract", "--root", str(cli_root)]], timeout, cli_root
        ),
        lambda: sorted((cli_root / "locale" / "templates").rglob("*.pot")),
    )
    if binary is None:
        return
    per_file = out / "md2po"
    per_file.mkdir()
    measure(
        rows,
        Row("md2po (CLI, 1 process per file)", "extract", label, files, None),
        lambda: run_commands(
            [
                [
                    *(str(binary / "md2po"), f"lessons/{name}.md", "-q", "-s"),
                    *("-p", str(per_file / f"{name}.pot")),
                ]
                for name in corpus.names
            ],
            timeout,
            corpus.root,
        ),
        lambda: sorted(per_file.glob("*.pot")),
    )


def bench_extract_side_by_side(
    rows: list[Row], corpus: Corpus, out: Path, binary: Path | None, timeout: float, rounds: int
) -> None:
    """otsmaterials in-process and mdpo's ``markdown_to_pofile`` (one process for all files),
    alternated ``rounds`` times, each into a fresh folder: two rows of medians."""
    files = len(corpus.names)
    label = corpus.label
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    for number in range(rounds):
        target = out / f"otsm-{number}"
        ours.append(extract_in_process(corpus, target))
        if binary is None:
            continue
        api = out / f"mdpo-api-{number}"
        api.mkdir(parents=True)
        jobs = [
            [str(corpus.root / "lessons" / f"{name}.md"), str(api / f"{name}.pot")]
            for name in corpus.names
        ]
        started = time.perf_counter()
        try:
            wall, cpu = run_script(binary / "python", MDPO_SCRIPT, jobs, timeout, out).split()
        except (TimeoutReachedError, ToolFailedError) as error:
            print(f"  mdpo markdown_to_pofile: {error or 'timed out'}")
            binary = None
            continue
        theirs.append((time.perf_counter() - started, float(wall), float(cpu)))
    note = f"median of {rounds}" + (", alternated with mdpo" if theirs else "")
    row = Row("otsmaterials (in-process)", "extract", label, files, None, note=note)
    measure(
        rows,
        row,
        lambda: statistics.median(wall for wall, _ in ours),
        lambda: sorted((out / "otsm-0").glob("*.pot")),
    )
    row.cpu = statistics.median(cpu for _, cpu in ours)
    row.note = f"CPU {row.cpu:.3f} s; {note}"
    if not theirs:
        return
    row = Row("mdpo markdown_to_pofile (API, 1 process)", "extract", label, files, None)
    measure(
        rows,
        row,
        lambda: statistics.median(whole for whole, _, _ in theirs),
        lambda: sorted((out / "mdpo-api-0").glob("*.pot")),
    )
    row.inside = statistics.median(inside for _, inside, _ in theirs)
    row.cpu = statistics.median(cpu for _, _, cpu in theirs)
    row.note = f"{row.inside:.3f} s inside the process (CPU {row.cpu:.3f} s); median of {rounds}"


def bench_update(
    rows: list[Row], corpus: Corpus, out: Path, binary: Path | None, timeout: float
) -> None:
    files = len(corpus.names)
    label = corpus.label
    ours = out / "otsm"
    merge_only: list[float] = []

    def in_process() -> float:
        total, merging = update_in_process(corpus, ours)
        merge_only.append(merging)
        return total

    row = Row("otsmaterials merge_catalog (in-process)", "update", label, files, None)
    measure(rows, row, in_process, lambda: sorted(ours.glob("*.po")))
    row.note = f"{merge_only[0]:.2f} s in merge_catalog; parse + write the rest"
    cli_root = out / "otsm-cli"
    shutil.copytree(corpus.changed_root, cli_root)
    measure(
        rows,
        Row("otsmaterials update (CLI, 1 process)", "update", label, files, None),
        lambda: run_commands(
            [[*otsmaterials_command(), "update", "--root", str(cli_root), "-l", LANGUAGE]],
            timeout,
            cli_root,
        ),
        lambda: sorted((cli_root / "locale").rglob("*.po")),
    )
    rows[-1].note = "extracts the edited lessons too"
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        print("  msgmerge: not on PATH, skipped (apt-get install gettext)")
    else:
        target = out / "msgmerge"
        target.mkdir()
        measure(
            rows,
            Row("GNU msgmerge --previous (1 process per file)", "update", label, files, None),
            lambda: run_commands(
                [
                    [
                        *(msgmerge, "--previous", "-q", str(corpus.old_po / f"{name}.po")),
                        *(str(corpus.new_pot / f"{name}.pot"), "-o", str(target / f"{name}.po")),
                    ]
                    for name in corpus.names
                ],
                timeout,
                out,
            ),
            lambda: sorted(target.glob("*.po")),
        )
    if binary is None:
        return
    target = out / "pybabel"
    target.mkdir()
    for name in corpus.names:
        shutil.copyfile(corpus.old_po / f"{name}.po", target / f"{name}.po")
    measure(
        rows,
        Row("pybabel update (1 process per file)", "update", label, files, None),
        lambda: run_commands(
            [
                [
                    *(str(binary / "pybabel"), "-q", "update", "-l", LANGUAGE),
                    *("-i", str(corpus.new_pot / f"{name}.pot"), "-o", str(target / f"{name}.po")),
                ]
                for name in corpus.names
            ],
            timeout,
            out,
        ),
        lambda: sorted(target.glob("*.po")),
    )
    if files == 1:
        return  # one file: the API would only repeat the same Catalog.update
    api = out / "babel-api"
    api.mkdir()
    jobs = [
        [str(corpus.old_po / f"{n}.po"), str(corpus.new_pot / f"{n}.pot"), str(api / f"{n}.po")]
        for n in corpus.names
    ]
    inside: list[str] = []

    def babel_api() -> float:
        started = time.perf_counter()
        inside.append(run_script(binary / "python", BABEL_SCRIPT, jobs, timeout, out))
        return time.perf_counter() - started

    row = Row("Babel Catalog.update (API, 1 process)", "update", label, files, None)
    measure(rows, row, babel_api, lambda: sorted(api.glob("*.po")))
    if inside:
        row.note = f"{float(inside[0]):.2f} s inside the process"


COLUMNS = ("tool", "task", "corpus", "files", "seconds", "messages", "fuzzy", "obsolete", "note")
WIDTHS = (46, 7, 20, 5, 9, 8, 6, 8, 0)


def format_row(row: Row) -> str:
    def number(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    seconds = "> timeout" if row.seconds is None else f"{row.seconds:.2f}"
    if row.note.startswith("failed"):
        seconds = "failed"
    cells = (
        row.tool,
        row.task,
        row.corpus,
        str(row.files),
        seconds,
        number(row.messages),
        number(row.fuzzy),
        number(row.obsolete),
        row.note,
    )
    return table_line(cells)


def table_line(cells: Sequence[str]) -> str:
    out = []
    for index, (cell, width) in enumerate(zip(cells, WIDTHS, strict=True)):
        numeric = 3 <= index <= 7
        out.append(cell.rjust(width) if numeric else cell.ljust(width))
    return "  ".join(out).rstrip()


def source_state() -> str:
    """`` at <commit>`` (``+ local changes`` when src/ differs from it), or nothing outside git.

    The commit is that of the otsmaterials imported (another checkout's when this script runs
    with its interpreter), not the script's.
    """
    root = Path(decode_text.__code__.co_filename).resolve().parents[3]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    if commit.returncode != 0:
        return ""
    changes = " + local changes in src/" if dirty.stdout.strip() else ""
    return f" at {commit.stdout.strip()}{changes}"


def print_machine(binary: Path | None) -> None:
    cores = os.cpu_count()
    print(
        f"machine: {platform.system()} {platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}; single-threaded runs, one at a time"
    )
    markdown = metadata.version("markdown-it-py")
    tools = [f"otsmaterials {__version__}{source_state()} (markdown-it-py {markdown})"]
    if binary is not None:
        done = subprocess.run(
            [str(binary / "python"), "-c", VERSIONS_SCRIPT],
            capture_output=True,
            check=True,
            text=True,
        )
        found = json.loads(done.stdout)
        tools.append(f"mdpo {found['mdpo']} (pymd4c {found['pymd4c']}, polib {found['polib']})")
        tools.append(f"Babel {found['Babel']}")
    msgmerge = shutil.which("msgmerge")
    if msgmerge:
        first = subprocess.run(
            [msgmerge, "--version"], capture_output=True, text=True, check=False
        ).stdout.splitlines()
        tools.append(first[0] if first else "msgmerge (version unknown)")
    else:
        tools.append("msgmerge: not on PATH")
    print("tools: " + "; ".join(tools))


def print_startup(binary: Path | None) -> None:
    commands = {"otsmaterials --version": [*otsmaterials_command(), "--version"]}
    if binary is not None:
        commands["md2po --version"] = [str(binary / "md2po"), "--version"]
        commands["pybabel --version"] = [str(binary / "pybabel"), "--version"]
    msgmerge = shutil.which("msgmerge")
    if msgmerge:
        commands["msgmerge --version"] = [msgmerge, "--version"]
    shown = ", ".join(f"{name} {startup(command):.3f} s" for name, command in commands.items())
    print(f"process start (median of 5): {shown}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=200, help="lessons of ~10 paragraphs")
    parser.add_argument("--big", type=int, default=2000, help="paragraphs of the big lesson")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per competitor row")
    parser.add_argument("--venv", type=Path, help="reuse (or make) the competitors' venv here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternated runs of in-process extraction and mdpo"
    )
    parser.add_argument(
        "--update-only",
        action="store_true",
        help="only the update rows, against msgmerge (no competitors' venv, no extraction)",
    )
    parser.add_argument(
        "--extract-only",
        action="store_true",
        help="only in-process extraction against mdpo's API (no update, CLI or md2po rows)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="otsm-translate-bench-") as temp:
        tmp = Path(temp)
        binary: Path | None = None
        try:
            if not args.update_only:
                binary = competitor_venv((args.venv or tmp / "venv").resolve())
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"competitors' venv could not be made ({error}): md2po and pybabel skipped")
        print_machine(binary)
        print_startup(binary)

        rng = random.Random(args.seed)
        vocabulary = Vocabulary(rng)
        started = time.perf_counter()
        corpora = []
        if args.lessons:
            lessons = [
                make_lesson(rng, vocabulary, f"lesson-{n:04}", rng.randint(8, 12), 4)
                for n in range(1, args.lessons + 1)
            ]
            label = f"{args.lessons} lessons"
            corpora.append(make_corpus(tmp / "small", label, lessons, rng, vocabulary))
        if args.big:
            big = make_lesson(rng, vocabulary, "big-lesson", args.big, 0)
            label = f"1 lesson × {args.big} par."
            corpora.append(make_corpus(tmp / "big", label, [big], rng, vocabulary))
        for corpus in corpora:
            print(
                f"corpus {corpus.label}: {corpus.paragraphs:,} paragraphs of {corpus.chars:.0f} "
                f"characters on average; edited: {corpus.counts['word']:,} paragraphs by one "
                f"word, {corpus.counts['space']:,} by one space"
            )
        print(
            f"corpora made in {time.perf_counter() - started:.1f} s; timeout {args.timeout:.0f} s"
        )
        print()
        print(table_line(COLUMNS))
        rows: list[Row] = []
        for corpus in corpora:
            base = tmp / "runs" / corpus.root.parent.name
            if not args.update_only:
                bench_extract(
                    rows,
                    corpus,
                    base / "extract",
                    binary,
                    args.timeout,
                    args.rounds,
                    only_api=args.extract_only,
                )
            if not args.extract_only:
                bench_update(rows, corpus, base / "update", binary, args.timeout)
        print()
        print("Results")
        print(table_line(COLUMNS))
        for row in rows:
            print(format_row(row))
        print_ratios(rows)
        print_notes(corpora, args.timeout)
    return 0


def print_ratios(rows: Sequence[Row]) -> None:
    """Extraction in-process against mdpo's API, and the update through the CLI against
    msgmerge, corpus by corpus (same run: a fair ratio)."""
    if any(row.task == "extract" for row in rows):
        print()
        print(
            "Extract: otsmaterials in-process / mdpo markdown_to_pofile "
            "(same run, medians; goal 0.5)"
        )
    for corpus in dict.fromkeys(row.corpus for row in rows):
        ours = [r for r in rows if r.corpus == corpus and r.tool == "otsmaterials (in-process)"]
        mdpo = [r for r in rows if r.corpus == corpus and r.tool.startswith("mdpo markdown_to")]
        if not (ours and mdpo and ours[0].seconds and mdpo[0].seconds):
            continue
        mine, theirs = ours[0], mdpo[0]
        figures = [f"{mine.seconds:.3f} s / {theirs.seconds:.3f} s (whole process)"]
        ratios = [f"{mine.seconds / theirs.seconds:.2f}"]
        if theirs.inside:
            figures.append(f"{theirs.inside:.3f} s (inside it)")
            ratios.append(f"{mine.seconds / theirs.inside:.2f}")
        if mine.cpu and theirs.cpu:
            figures.append(f"CPU {mine.cpu:.3f} s / {theirs.cpu:.3f} s (inside it)")
            ratios.append(f"{mine.cpu / theirs.cpu:.2f}")
        print(f"- {corpus}: {', '.join(figures)} = {', '.join(ratios)}")
    if not any(row.task == "update" for row in rows):
        return
    print()
    print("Update: otsmaterials CLI / GNU msgmerge (same run; below 1.0 is faster)")
    for corpus in dict.fromkeys(row.corpus for row in rows):
        ours = [r for r in rows if r.corpus == corpus and r.tool.startswith("otsmaterials update")]
        gnu = [r for r in rows if r.corpus == corpus and r.tool.startswith("GNU msgmerge")]
        if ours and gnu and ours[0].seconds and gnu[0].seconds:
            ratio = ours[0].seconds / gnu[0].seconds
            print(f"- {corpus}: {ours[0].seconds:.2f} s / {gnu[0].seconds:.2f} s = {ratio:.2f}")


def print_notes(corpora: Sequence[Corpus], timeout: float) -> None:
    print()
    print("Notes")
    for corpus in corpora:
        word, space = corpus.counts["word"], corpus.counts["space"]
        print(
            f"- {corpus.label}: fuzzy expected {word:,} from otsmaterials (whitespace-only edits "
            f"keep their translation), {word + space:,} from msgmerge and Babel (they mark them "
            "fuzzy too); nothing should turn obsolete."
        )
    print(
        "- md2po reports one message more per lesson: it does not know YAML front matter and reads "
        "`title: ...` followed by `---` as a setext heading."
    )
    print(
        "- Per-file CLI rows include one process start per file (see 'process start' above); "
        "the API rows run every file in one process ('inside the process' leaves out the "
        "interpreter start and imports)."
    )
    print(
        "- pybabel runs without --previous: Babel writes the #| line of a msgid longer than the "
        "line width in pieces no reader accepts. '> timeout': stopped after "
        f"{timeout:.0f} s."
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
