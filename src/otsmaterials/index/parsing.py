"""Parse lesson files and catalogs once per blob: results are cached by git object id.

A blob id names its content, so a file that did not change between two builds (or that is the
same on two branches) is parsed once. Failures are cached too: a bad file is reported again
without being read again.

Every file is parsed here, so this is where a fault is contained: a parser that fails in a way
it should not (any exception but a :class:`~otsmaterials.errors.ParseError`) makes that file a
reported problem ("unexpected …", with the parser's file and line, for a bug report) and the rest
of the material is read. Such results are not cached: a fixed otsmaterials reads the file again.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import re
import signal
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any, NamedTuple, Protocol

from otsmaterials.errors import UNEXPECTED, ParseError, unexpected
from otsmaterials.formats import FORMAT_VERSION, parse_document
from otsmaterials.formats.decode import decode_text
from otsmaterials.formats.document import DEFAULT_MAX_BYTES, ParsedDocument
from otsmaterials.formats.includes import include_targets
from otsmaterials.formats.markdown import MarkdownParse, read_markdown
from otsmaterials.formats.rst import rst_messages
from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.reader import parse_po
from otsmaterials.index import store
from otsmaterials.index.limits import PO_CACHE_VERSION
from otsmaterials.index.workers import Ticket, WorkerPool, WorkerStartError
from otsmaterials.languages.identify import TextLanguage, identify
from otsmaterials.layouts.base import Tree
from otsmaterials.translate.documents import MARKDOWN_SUFFIXES, document_segments

__all__ = [
    "DocResult",
    "ParseCache",
    "PoResult",
    "TextLanguage",
    "Wanted",
    "document_messages",
    "parse_catalogs",
    "parse_documents",
    "send_documents",
    "text_language",
]

_SPDX_HEADER = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")
_DOC_KIND = f"doc-{FORMAT_VERSION}.7"
"""Parse results' version: .2 Markdown messages; .3 SPDX header; .4 HTML messages; .5 the text's
language and the files a page includes; .6 the language only once asked; .7 the messages too."""
_PO_KIND = f"po-{PO_CACHE_VERSION}"


class ParseCache(Protocol):
    """Where parse results are kept between builds (the index's SQLite file, or memory)."""

    def get(self, kind: str, oid: str) -> str | None:
        """The stored JSON for ``(kind, oid)``, if any."""

    def stored(self, kind: str, oids: Iterable[str]) -> set[str]:
        """Those of ``oids`` that have a stored JSON of ``kind`` (one look-up for many)."""

    def put(self, kind: str, oid: str, value: str, *, packed: bytes | None = None) -> None:
        """Store the JSON for ``(kind, oid)``.

        ``packed``: the same as :func:`otsmaterials.index.store.pack` makes it, when a worker
        process made it already.
        """


@dataclass(frozen=True)
class DocResult:
    """A parsed lesson file, or why it could not be parsed."""

    doc: ParsedDocument | None
    """The summary, when parsing worked."""
    messages: tuple[str, ...] | None = None
    """The document's translatable messages (reST, Markdown, HTML), to measure catalogs against;
    ``None`` until asked (see :class:`Wanted` and :func:`document_messages`)."""
    spdx: str | None = None
    """The licence its ``SPDX-License-Identifier`` header names, if any."""
    language: TextLanguage | None = None
    """The language its text is written in, where it could be told (see ``identified``)."""
    identified: bool = False
    """Whether the text's language was asked yet (worker processes ask while they parse; in the
    build's own process it is asked only where a decision needs it, see :func:`text_language`)."""
    includes: tuple[str, ...] = ()
    """The files it includes (``{% include %}``, ``.. include::`` …), as written."""
    error: ParseError | None = None
    """The error, when it did not."""


@dataclass(frozen=True)
class Wanted:
    """What parsing a material's files computes besides each file's summary.

    Both are needed for some pages only, and cost about a quarter of a page's parse each: a
    page's messages measure its per-lesson gettext catalogs; its text's language is asked where
    its place states none or another than the original's (:mod:`otsmaterials.index.labels`).
    What is not computed here is computed (and cached) where a decision needs it:
    :func:`text_language`, :func:`document_messages`. Computing it here is cheaper (in the
    worker processes, from the parse already made).
    """

    messages: bool = True
    """Whether the messages are made (the material has catalogs)."""
    languages: frozenset[str] | None = None
    """The paths whose text's language the worker processes ask; ``None``: every path."""

    def job(self, data: bytes, path: str, max_bytes: int) -> Job:
        """The job that parses ``path`` as wanted."""
        language = self.languages is None or path in self.languages
        return Job(data, path, max_bytes, language, self.messages)


_EVERYTHING = Wanted()


@dataclass(frozen=True)
class PoResult:
    """A parsed catalog, or why it could not be parsed."""

    catalog: PoFile | None
    """The catalog, when parsing worked."""
    error: ParseError | None = None
    """The error, when it did not."""


def _error_json(error: ParseError) -> str:
    return json.dumps({"error": error.message, "line": error.line})


def _unexpected_json(error: Exception | str) -> str:
    """The result for a parser that failed unexpectedly: reported, never cached.

    ``error``: the exception, or what to say of the failure.
    """
    message = error if isinstance(error, str) else unexpected(error)
    return json.dumps({"error": message, "line": None, "unexpected": True})


def _cacheable(value: str) -> bool:
    return not value.endswith('"unexpected": true}')


def _error_from(data: dict[str, object], path: str) -> ParseError:
    line = data.get("line")
    return ParseError(str(data["error"]), path=path, line=line if isinstance(line, int) else None)


def _parse_doc(
    data: bytes, path: str, max_bytes: int, identify_text: bool = False, messages: bool = True
) -> str:
    try:
        return _doc_json(data, path, max_bytes, identify_text=identify_text, messages=messages)
    except ParseError as error:
        return _error_json(error)
    except Exception as error:  # noqa: BLE001 - contained: this file is a problem, not the build
        return _unexpected_json(error)


def _doc_json(
    data: bytes, path: str, max_bytes: int, *, identify_text: bool, messages: bool
) -> str:
    """The cache JSON of one lesson file: ``messages`` and ``language`` only if asked."""
    # A Markdown file is parsed once: its tokens give the text and the messages.
    markdown = (
        read_markdown(data, path, max_bytes=max_bytes)
        if path.lower().endswith(MARKDOWN_SUFFIXES)
        else None
    )
    doc = markdown.doc if markdown else parse_document(data, path, max_bytes=max_bytes)
    text = markdown.text if markdown else decode_text(data, path).text
    header = _SPDX_HEADER.search(text[:4096])
    more: dict[str, object] = {
        "spdx": header.group(1) if header else None,
        "includes": list(include_targets(text)),
    }
    if messages:
        more["messages"] = _messages(doc, text, path, markdown)
    if identify_text:
        more["language"] = _language_json(identify(doc.text))
    # pydantic writes the summary's JSON itself: a third of the time of json.dumps of its dict.
    return _result_json(doc.model_dump_json(), more)


_PARTS = ("spdx", "includes", "messages", "language")
"""A result's parts after ``doc``, in the order they are written (``messages`` and ``language``
only once asked)."""


def _result_json(doc: str, parts: dict[str, object]) -> str:
    """A result's cache JSON: the same bytes whether a part was made with the rest or later.

    ``doc``: the summary's JSON as pydantic writes it (compact, UTF-8), as :func:`_json` does.
    """
    written = [f',"{key}":{_json(parts[key])}' for key in _PARTS if key in parts]
    return f'{{"doc":{doc}{"".join(written)}}}'


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _messages(
    doc: ParsedDocument, text: str, path: str, markdown: MarkdownParse | None
) -> list[str]:
    """A document's translatable messages (``markdown``: its tokens, when it was read so)."""
    if doc.format == "rst":
        return rst_messages(text)
    if doc.format in {"markdown", "html"}:
        return [s.msgid for s in document_segments(text, path, parsed=markdown)]
    return []


def _language_json(found: TextLanguage | None) -> list[object] | None:
    return [found.language, found.confidence] if found else None


def text_language(cache: ParseCache, oid: str | None, result: DocResult) -> DocResult:
    """``result`` with its text's language asked, the answer kept in the parse cache."""
    if result.identified or result.doc is None:
        return result
    found = identify(result.doc.text)
    _store_more(cache, oid, "language", _language_json(found))
    return replace(result, language=found, identified=True)


def document_messages(
    cache: ParseCache, tree: Tree, path: str, result: DocResult, *, max_bytes: int
) -> DocResult:
    """``result`` with its document's messages, kept in the parse cache.

    Made from the file again if they were not made when it was parsed.
    """
    if result.messages is not None or result.doc is None:
        return result
    # The cache outlives a build's limit: the file may have been parsed under a larger one.
    data = tree.read([path], max_size=max(max_bytes, DEFAULT_MAX_BYTES) + 1).get(path)
    if data is None:  # larger than any lesson this build or the parser's default reads
        return replace(result, messages=())
    markdown = (  # it was parsed whole once, perhaps under a larger limit: read whole again
        read_markdown(data, path, max_bytes=len(data))
        if path.lower().endswith(MARKDOWN_SUFFIXES)
        else None
    )
    text = markdown.text if markdown else decode_text(data, path).text
    messages = _messages(result.doc, text, path, markdown)
    _store_more(cache, tree.oid(path), "messages", messages)
    return replace(result, messages=tuple(messages))


def _store_more(cache: ParseCache, oid: str | None, key: str, value: object) -> None:
    """Add what was asked later to a file's stored parse result."""
    stored = cache.get(_DOC_KIND, oid) if oid is not None else None
    if oid is not None and stored is not None:
        data = json.loads(stored)
        data[key] = value
        cache.put(_DOC_KIND, oid, _result_json(_json(data.pop("doc")), data))


class Job(NamedTuple):
    """What a worker parses."""

    data: bytes
    path: str
    max_bytes: int
    language: bool = True
    """Whether the text's language is asked (in a worker process; never in the build's)."""
    messages: bool = True
    """Whether the document's messages are made."""
    catalog: bool = False
    """Whether the file is a gettext catalog (``.po``), not a page."""


Key = tuple[str, str]
"""A job sent ahead, as it is taken back: ``(blob id, path)``."""
Parsed = tuple[str, bytes | None]
"""A job's cache JSON, and the same as the cache stores it when a worker process made it
(compressed there, in parallel, instead of in the build's process; ``None`` if not cached)."""


@dataclass(frozen=True)
class _Sent:
    """A job sent to the workers ahead of the material that needs it."""

    job: Job
    ticket: Ticket[Job, Parsed]
    """The job's chunk."""
    index: int
    """The job's place in its chunk."""


class ParsePool:
    """Parses many files in worker processes.

    A build is CPU-bound, and a parser process that dies (a crash in a C extension, the
    out-of-memory killer) costs the file it was parsing, not the build
    (:mod:`otsmaterials.index.workers`). Few files parse in-process.

    The build sends a material's files ahead (:meth:`send`) before it assembles and writes the
    material before it, so that the workers parse while the build's own process works; the
    results are taken back by blob id and path (:meth:`take`) when the material is indexed.
    """

    def __init__(self, workers: int = 1, *, threshold: int = 64) -> None:
        self.workers = workers
        self.threshold = threshold
        self._pool: WorkerPool[Job, Parsed] | None = None
        self._sent: dict[Key, _Sent] = {}

    def prepare(self) -> None:
        """Start what the worker processes start from, without waiting for it.

        The fork server imports the parsers (a quarter of a second) while the caller lists and
        reads the first files to send, instead of while the first :meth:`send` waits for it.
        """
        if self._pool is not None or self.workers < 2:
            return
        if _start_method().get_start_method() == "forkserver":
            # The resource tracker first: starting it unblocks SIGINT in this thread.
            multiprocessing.resource_tracker.ensure_running()
            with _interrupts_blocked():  # the fork server and its workers inherit it blocked
                multiprocessing.forkserver.ensure_running()

    def parallel(self, count: int, minimum: int | None = None) -> bool:
        """Whether ``count`` files go to the worker processes (else they parse in-process).

        ``minimum``: how many make it worth it (:attr:`threshold` pages unless said).
        """
        return self.workers >= 2 and count >= (self.threshold if minimum is None else minimum)

    def results(self, jobs: list[Job], *, minimum: int | None = None) -> Iterator[Parsed]:
        """What each job gives, in order, as the workers finish them.

        The caller stores and decodes the first results while the workers parse the rest.
        ``minimum``: see :meth:`parallel`.
        """
        if not self.parallel(len(jobs), minimum):
            yield from (_parse_here(job) for job in jobs)  # the language is asked where needed
            return
        size = self._chunk(len(jobs))
        done = 0
        try:
            pool = self._started()
            with _interrupts_blocked():  # workers start here: they never see Ctrl-C
                tickets = [
                    pool.submit(jobs[start : start + size]) for start in range(0, len(jobs), size)
                ]
            for ticket in tickets:
                values = pool.result(ticket)
                yield from values
                done += len(values)
        except WorkerStartError:
            self._broken()
            yield from (_parse_here(job) for job in jobs[done:])

    def send(self, jobs: list[Job], keys: list[Key]) -> None:
        """Start parsing ``jobs`` in the worker processes; :meth:`take` gives each result back."""
        size = self._chunk(len(jobs))
        try:
            pool = self._started()
            with _interrupts_blocked():
                for start in range(0, len(jobs), size):
                    chunk = jobs[start : start + size]
                    ticket = pool.submit(chunk)
                    for index, job in enumerate(chunk):
                        self._sent[keys[start + index]] = _Sent(job, ticket, index)
        except WorkerStartError:
            self._broken()  # what was sent is parsed here when it is taken

    def sent(self, key: Key) -> bool:
        """Whether the job of ``key`` was sent and not taken back yet."""
        return key in self._sent

    def take(self, key: Key) -> Parsed:
        """The result of the job sent as ``key`` (waiting for it); ``key`` must be :meth:`sent`."""
        sent = self._sent.pop(key)
        if self._pool is None:  # no worker could start: parse it here
            return _parse_here(sent.job)
        try:
            return self._pool.result(sent.ticket)[sent.index]
        except WorkerStartError:
            self._broken()
            return _parse_here(sent.job)

    def forget(self, keys: Iterable[Key]) -> None:
        """Drop the jobs sent as ``keys`` that nobody took (their results are not needed)."""
        for key in keys:
            self._sent.pop(key, None)

    def _started(self) -> WorkerPool[Job, Parsed]:
        if self._pool is None:
            self._pool = WorkerPool(
                _parse_chunk, _died, self.workers, _start_method(), _ignore_interrupts
            )
        return self._pool

    def _chunk(self, count: int) -> int:
        return max(1, count // (self.workers * 4))

    def _broken(self) -> None:
        """No worker could start: stop the others; the rest parses in this process."""
        self.close()
        self.workers = 1

    def close(self) -> None:
        """Stop the workers, without waiting for their processes to end."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # the build commits while the workers end


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Block SIGINT in this thread while worker processes start, so they start blocking it.

    A terminal's Ctrl-C goes to the whole process group: the workers would print tracebacks of
    their own. The build stops them (``close``) when the interrupt reaches this process, which
    gets it as soon as it unblocks it.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start_method() -> ForkServerContext | SpawnContext:
    """How the worker processes start: never by *fork* (the caller may have threads).

    Where there is one (POSIX), they are forked from :mod:`multiprocessing`'s fork server, a
    fresh single-threaded process that imports the parsers once (``set_forkserver_preload``:
    this module), instead of each importing them (*spawn*: 0.25 s of CPU each). The fork
    server stays for later builds of the process; a caller that already started it with other
    modules keeps them, and the workers import the parsers themselves. It also reads a page
    once (:mod:`otsmaterials.index.warmup`), so that its processes start with the parsers made.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["otsmaterials.index.warmup"])
    return context


_WARM_UP = (
    b"---\ntitle: Warm-up\n---\n\n# Warm-up\n\n"
    b"A page of a few words, read once so that the first lesson is not the first page read.\n"
)


def warm_up() -> None:
    """Make what parsing a page makes on first use: the parser, the validators, the model.

    Where it fails, the first page a process parses makes it (and reports what fails).
    """
    _parse_doc(_WARM_UP, "warm-up.md", len(_WARM_UP), identify_text=True, messages=True)


def _ignore_interrupts() -> None:
    """In a worker process: Ctrl-C is the build's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _job_json(job: Job, *, language: bool) -> str:
    """The cache JSON of a job: a catalog's, or a page's (its text's ``language`` asked or not)."""
    if job.catalog:
        return _catalog_json(job.data, job.path)
    return _parse_doc(job.data, job.path, job.max_bytes, language, job.messages)


def _parse_here(job: Job) -> Parsed:
    """Parse in the build's process (the language is asked where a decision needs it)."""
    return _job_json(job, language=False), None


def _parse_job(job: Job) -> Parsed:
    """Parse in a worker process.

    The text's language is asked at once where wanted, and the result compressed for the cache,
    in parallel.
    """
    value = _job_json(job, language=job.language)
    return value, store.pack(value) if _cacheable(value) else None


def _parse_chunk(jobs: Sequence[Job]) -> list[Parsed]:
    """:func:`_parse_job` of each job, in a worker process."""
    return [_parse_job(job) for job in jobs]


def _died(job: Job, reason: str) -> Parsed:
    """The result of a job whose parsing process died twice: the file's problem, not cached.

    A later build reads the file again (as it does after any unexpected failure).
    """
    del job  # the problem names the file
    message = f"{UNEXPECTED}end of the parsing process while reading this file, twice ({reason})"
    return _unexpected_json(message), None


def send_documents(
    tree: Tree,
    paths: Iterable[str],
    cache: ParseCache,
    *,
    max_bytes: int,
    pool: ParsePool,
    wanted: Wanted = _EVERYTHING,
) -> list[Key]:
    """Start parsing ahead the files of ``paths`` that :func:`parse_documents` would parse.

    :func:`parse_documents` takes their results back from ``pool``. Returns what was sent (see
    :meth:`ParsePool.forget`); nothing when the files are few enough to parse in-process.
    """
    oids = tree.oids()
    unsent = [path for path in paths if path in oids and not pool.sent((oids[path], path))]
    stored = cache.stored(_DOC_KIND, (oids[path] for path in unsent))
    missing = [path for path in unsent if oids[path] not in stored]
    if not pool.parallel(len(missing)):
        return []
    contents = tree.read(missing, max_size=max_bytes + 1)
    jobs = [wanted.job(contents[path], path, max_bytes) for path in missing if path in contents]
    keys = [(oids[path], path) for path in missing if path in contents]
    pool.send(jobs, keys)
    return keys


def parse_documents(
    tree: Tree,
    paths: Iterable[str],
    cache: ParseCache,
    *,
    max_bytes: int,
    pool: ParsePool | None = None,
    wanted: Wanted = _EVERYTHING,
) -> dict[str, DocResult]:
    """Parse lesson files (path relative to the tree's subdir) → result, using the cache.

    What :func:`send_documents` sent to ``pool`` ahead is taken back from it.
    """
    pool = pool or ParsePool(1)
    oids = tree.oids()
    asked = [path for path in paths if path in oids]
    sent = list(dict.fromkeys(path for path in asked if pool.sent((oids[path], path))))
    missing = [
        path
        for path in asked
        if not pool.sent((oids[path], path)) and cache.get(_DOC_KIND, oids[path]) is None
    ]
    contents = tree.read(missing, max_size=max_bytes + 1)
    jobs = [wanted.job(contents[path], path, max_bytes) for path in missing if path in contents]
    taken = ((path, pool.take((oids[path], path))) for path in sent)
    fresh = zip((job.path for job in jobs), pool.results(jobs), strict=True)
    results = {}
    for path, (value, packed) in itertools.chain(taken, fresh):  # stored as they come
        if _cacheable(value):
            cache.put(_DOC_KIND, oids[path], value, packed=packed)
        elif path in sent:
            cache.get(_DOC_KIND, oids[path])  # used, as looking it up before sending made it
        results[path] = _doc_result(value, path)
    for path in asked:
        if path in results:
            continue
        stored = cache.get(_DOC_KIND, oids[path])
        if stored is None:
            skipped = tree.skipped(path)
            reason = skipped.reason if skipped else "could not be read"
            results[path] = DocResult(None, error=ParseError(f"file {reason}", path=path))
        else:
            results[path] = _doc_result(stored, path)
    return {path: results[path] for path in asked}


def _doc_result(stored: str, path: str) -> DocResult:
    """A parse result from its cache JSON."""
    data = json.loads(stored)
    if "error" in data:
        return DocResult(None, error=_error_from(data, path))
    doc = ParsedDocument.model_validate(data["doc"])
    language = data.get("language")
    messages = data.get("messages")
    return DocResult(
        doc,
        tuple(messages) if messages is not None else None,
        spdx=data.get("spdx"),
        language=TextLanguage(language[0], language[1]) if language else None,
        identified="language" in data,
        includes=tuple(data.get("includes", ())),
    )


def _catalog_json(data: bytes, path: str) -> str:
    try:
        return _po_json(data, path)
    except ParseError as error:
        return _error_json(error)
    except Exception as error:  # noqa: BLE001 - contained: this file is a problem, not the build
        return _unexpected_json(error)


def _po_json(data: bytes, path: str) -> str:
    catalog = parse_po(data, path)
    entries = [
        [
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural,
            e.msgstr_plural,
            e.flags,
            e.obsolete,
            sorted(
                {
                    location.rsplit(":", 1)[0] if ":" in location else location
                    for location in e.locations
                }
            ),
        ]
        for e in catalog.entries
    ]
    return json.dumps(
        {"header": catalog.header, "comments": catalog.header_comments, "entries": entries}
    )


def _catalog_from(data: dict[str, Any]) -> PoFile:
    entries = [
        PoEntry(
            msgctxt=context,
            msgid=msgid,
            msgstr=msgstr,
            msgid_plural=plural,
            msgstr_plural=list(plurals),
            flags=list(flags),
            obsolete=bool(obsolete),
            locations=list(locations),
        )
        for context, msgid, msgstr, plural, plurals, flags, obsolete, locations in data["entries"]
    ]
    header = [(str(k), str(v)) for k, v in data["header"]]
    comments = [str(line) for line in data["comments"]]
    return PoFile(header=header, header_comments=comments, header_flags=[], entries=entries)


_CATALOGS_IN_WORKERS = 2
"""Catalogs to parse that go to the worker processes: each is a whole book's, or a lesson's."""


def parse_catalogs(
    tree: Tree, paths: Iterable[str], cache: ParseCache, *, pool: ParsePool | None = None
) -> dict[str, PoResult]:
    """Parse ``.po`` files (paths relative to the tree's subdir), using the cache.

    Two or more are parsed in ``pool``'s worker processes, if it has any.
    """
    oids = tree.oids()
    wanted = [path for path in paths if path in oids]
    missing = [path for path in wanted if cache.get(_PO_KIND, oids[path]) is None]
    contents = tree.read(missing, max_size=16 * 1024 * 1024)
    jobs = [Job(contents.pop(path), path, 0, catalog=True) for path in missing if path in contents]
    pool = pool or ParsePool(1)
    fresh: dict[str, str] = {}
    parsed = pool.results(jobs, minimum=_CATALOGS_IN_WORKERS)
    for path, (value, packed) in zip((job.path for job in jobs), parsed, strict=True):
        fresh[path] = value
        if _cacheable(value):
            cache.put(_PO_KIND, oids[path], value, packed=packed)
    results = {}
    for path in wanted:
        stored = fresh.get(path) or cache.get(_PO_KIND, oids[path])
        if stored is None:
            results[path] = PoResult(None, ParseError("catalog could not be read", path=path))
            continue
        data = json.loads(stored)
        if "error" in data:
            results[path] = PoResult(None, _error_from(data, path))
        else:
            results[path] = PoResult(_catalog_from(data))
    return results
