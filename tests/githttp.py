"""A local git host for network tests: smart HTTP with fault injection, and a black hole.

:class:`GitHttpServer` serves the bare repositories under one directory over git's "smart HTTP"
protocol by running ``git http-backend`` as a CGI program, on ``127.0.0.1`` and an ephemeral port.
Per repository it can be told to answer with scripted faults (``429`` twice, then serve; ``503``
always; ``401`` with ``WWW-Authenticate``; ``404``), it counts the requests it received, and it
measures how many requests it handled at once (with an optional limit above which it answers 429,
like a host that throttles clients opening too many connections).

:class:`BlackHoleServer` accepts TCP connections and never answers: a stalled network.

Both are context managers; nothing here is a pytest fixture, so any test module can use them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
import socket
import subprocess
import sys
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from types import TracebackType

__all__ = [
    "BlackHoleServer",
    "Fault",
    "GitHttpServer",
    "Response",
    "http_backend",
    "repo_name",
    "request_phase",
]

_SERVICE = re.compile(r"/(?:info/refs|git-upload-pack|git-receive-pack|HEAD|objects/.*)/?$")
_HOP_BY_HOP = frozenset(
    {"content-type", "content-length", "content-encoding", "transfer-encoding", "connection"}
)


@functools.cache
def http_backend() -> str | None:
    """The path of ``git-http-backend``, or ``None`` when git or the backend is missing."""
    try:
        exec_path = subprocess.run(
            ["git", "--exec-path"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    backend = Path(exec_path) / "git-http-backend"
    return str(backend) if os.access(backend, os.X_OK) else None


def request_phase(method: str, path: str, body: bytes) -> str:
    """What a smart-HTTP request does: ``refs`` (the ``info/refs`` advertisement), ``ls-refs``
    (protocol v2 ref listing), ``fetch`` (asking for objects), or ``other``."""
    if method == "GET" and path.endswith("/info/refs"):
        return "refs"
    if method == "POST" and path.endswith("/git-upload-pack"):
        if b"command=ls-refs" in body:
            return "ls-refs"
        if b"command=fetch" in body or b"want " in body:
            return "fetch"
    return "other"


def repo_name(path: str) -> str:
    """The repository a request path is about: ``/repo-07.git/info/refs`` → ``repo-07``."""
    return _SERVICE.sub("", "/" + path.lstrip("/")).strip("/").removesuffix(".git")


@dataclass(frozen=True)
class Response:
    """An HTTP response the server sends back."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass(frozen=True)
class Fault:
    """A scripted answer in place of the repository's real one."""

    status: int
    """The HTTP status to answer with."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Extra response headers (``WWW-Authenticate``, ``Retry-After``)."""
    body: bytes = b""
    """The response body; a short reason phrase when empty."""
    phase: str | None = None
    """The only phase (``refs``, ``ls-refs``, ``fetch``) that gets the fault; ``None``: any."""

    def applies(self, phase: str) -> bool:
        return self.phase is None or self.phase == phase

    def response(self) -> Response:
        body = self.body or f"injected fault: HTTP {self.status}\n".encode()
        headers = (("Content-Type", "text/plain"), *self.headers.items())
        return Response(self.status, tuple(headers), body)


@dataclass
class _Script:
    """What one repository answers: scripted steps first, then ``always`` (or the real thing)."""

    steps: deque[Fault | None] = field(default_factory=deque)
    always: Fault | None = None

    def next(self, phase: str) -> Fault | None:
        """The fault for a request of ``phase``; a step waits for a request it applies to."""
        if self.steps:
            step = self.steps[0]
            if step is None or step.applies(phase):
                return self.steps.popleft()
            return None
        if self.always is not None and self.always.applies(phase):
            return self.always
        return None


@dataclass(frozen=True)
class Request:
    """A request the server received."""

    method: str
    path: str
    query: str
    repo: str
    phase: str
    status: int


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    request_queue_size = 128

    def __init__(self, app: GitHttpServer) -> None:
        self.app = app
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that went away (a git process killed at its timeout) is not a test failure;
        # the error is kept for tests that want to look at it.
        self.app.errors.append(repr(sys.exc_info()[1]))


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.0"
    server_version = "githttp-test/1"

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, *args: object) -> None:
        pass

    def _handle(self) -> None:
        split = urlsplit(self.path)
        path = unquote(split.path)
        try:
            body = self._read_body()
        except (ValueError, OSError, EOFError) as error:
            self._write(Response(400, (), f"bad request body: {error}\n".encode()))
            return
        headers = dict(self.headers.items())
        response = self.server.app.handle(self.command, path, split.query, headers, body)
        with contextlib.suppress(OSError):
            self._write(response)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                if not line:
                    raise EOFError("the body ended inside a chunk header")
                size = int(line.split(b";", 1)[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(3)
            body = b"".join(chunks)
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
        if self.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip"):
            body = gzip.decompress(body)
        return body

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            if name.lower() not in ("content-length", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        self.wfile.flush()


class GitHttpServer:
    """Serves ``<root>/<name>.git`` at ``http://127.0.0.1:<port>/<name>.git`` (smart HTTP).

    ``max_concurrent``: above this many requests in progress at once, answer 429.
    ``latency``: seconds every request is held (inside the concurrency window) before answering.
    """

    def __init__(
        self, root: Path, *, max_concurrent: int | None = None, latency: float = 0.0
    ) -> None:
        backend = http_backend()
        if backend is None:
            raise RuntimeError("git http-backend is not installed")
        self.backend = backend
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.max_concurrent = max_concurrent
        self.latency = latency
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._scripts: dict[str, _Script] = {}
        self._counts: Counter[str] = Counter()
        self._log: list[Request] = []
        self._active = 0
        self._peak = 0
        self._over_limit = 0
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> GitHttpServer:
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="githttp",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> GitHttpServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- addresses --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, name: str, *, userinfo: str | None = None) -> str:
        """The clone URL of repository ``name`` (``userinfo`` like ``user:pass``)."""
        auth = f"{userinfo}@" if userinfo else ""
        return f"http://{auth}127.0.0.1:{self.port}/{name}.git"

    def repo_path(self, name: str) -> Path:
        """Where the bare repository ``name`` must be for the server to serve it."""
        return self.root / f"{name}.git"

    # --- fault injection --------------------------------------------------------------------

    def fail(
        self,
        name: str,
        status: int,
        *,
        times: int | None = None,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        phase: str | None = None,
    ) -> None:
        """Answer ``status`` to the next ``times`` requests for ``name`` (every request: ``None``).

        Scripted steps run before an ``always`` fault: ``fail(n, 429, times=2)`` then
        ``fail(n, 503)`` answers 429, 429, then 503 for ever. With ``phase`` only requests of that
        phase (see :func:`request_phase`) fail; the others are served.
        """
        fault = Fault(status, dict(headers or {}), body, phase)
        with self._lock:
            script = self._scripts.setdefault(name, _Script())
            if times is None:
                script.always = fault
            else:
                script.steps.extend([fault] * times)

    def script(self, name: str, steps: Iterable[int | Fault | None]) -> None:
        """Answer the next requests for ``name`` from ``steps`` (``None``: serve normally)."""
        faults = [Fault(step) if isinstance(step, int) else step for step in steps]
        with self._lock:
            self._scripts.setdefault(name, _Script()).steps.extend(faults)

    def heal(self, name: str | None = None) -> None:
        """Forget the faults of ``name`` (of every repository when ``None``)."""
        with self._lock:
            if name is None:
                self._scripts.clear()
            else:
                self._scripts.pop(name, None)

    # --- what happened ----------------------------------------------------------------------

    def requests(self, name: str | None = None) -> int:
        """How many requests arrived for ``name`` (in total when ``None``)."""
        with self._lock:
            return self._counts[name] if name is not None else sum(self._counts.values())

    def log(self, name: str | None = None) -> list[Request]:
        """The requests received (for ``name`` only, if given), in order of completion."""
        with self._lock:
            return [entry for entry in self._log if name is None or entry.repo == name]

    def statuses(self, name: str | None = None, *, phase: str | None = None) -> Counter[int]:
        """How often each HTTP status was answered (for ``name``, ``phase`` only, if given)."""
        return Counter(
            entry.status for entry in self.log(name) if phase is None or entry.phase == phase
        )

    @property
    def peak_concurrency(self) -> int:
        """The most requests that were in progress at once."""
        with self._lock:
            return self._peak

    @property
    def active(self) -> int:
        with self._lock:
            return self._active

    @property
    def rejected_over_limit(self) -> int:
        """Requests answered 429 because ``max_concurrent`` was exceeded."""
        with self._lock:
            return self._over_limit

    def reset_counters(self) -> None:
        with self._lock:
            self._counts.clear()
            self._log.clear()
            self._peak = self._active
            self._over_limit = 0

    # --- request handling (called from the handler threads) --------------------------------

    @contextlib.contextmanager
    def _gauge(self) -> Iterator[bool]:
        with self._lock:
            self._active += 1
            self._peak = max(self._peak, self._active)
            over = self.max_concurrent is not None and self._active > self.max_concurrent
            if over:
                self._over_limit += 1
        try:
            yield over
        finally:
            with self._lock:
                self._active -= 1

    def handle(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        """Answer one request. The response is computed inside the concurrency window and sent
        after it closes, so a client's next request is never counted together with this one."""
        name = repo_name(path)
        phase = request_phase(method, path, body)
        with self._lock:
            self._counts[name] += 1
        with self._gauge() as over_limit:
            if self.latency:
                threading.Event().wait(self.latency)
            if over_limit:
                response = Fault(429, {"Retry-After": "1"}, b"too many connections\n").response()
            else:
                with self._lock:
                    script = self._scripts.get(name)
                    fault = script.next(phase) if script is not None else None
                if fault is not None:
                    response = fault.response()
                else:
                    response = self._cgi(method, path, query, headers, body)
        with self._lock:
            self._log.append(Request(method, path, query, name, phase, response.status))
        return response

    def _cgi(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(self.root),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_SOFTWARE": "githttp-test",
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
        }
        for name, value in headers.items():
            if name.lower() == "content-type":
                env["CONTENT_TYPE"] = value
            elif name.lower() not in _HOP_BY_HOP:
                env["HTTP_" + name.upper().replace("-", "_")] = value
        if method == "POST":
            env["CONTENT_LENGTH"] = str(len(body))
        try:
            result = subprocess.run(
                [self.backend],
                input=body,
                capture_output=True,
                env=env,
                cwd=self.root,
                timeout=60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Response(504, (), b"http-backend timed out\n")
        return parse_cgi_output(result.stdout, result.stderr)


def parse_cgi_output(output: bytes, stderr: bytes = b"") -> Response:
    """Split a CGI program's output into status, headers and body."""
    ends = [(output.find(sep), sep) for sep in (b"\r\n\r\n", b"\n\n") if output.find(sep) >= 0]
    if not ends:
        return Response(500, (("Content-Type", "text/plain"),), b"bad CGI output\n" + stderr)
    index, separator = min(ends)
    head, body = output[:index], output[index + len(separator) :]
    status = 200
    headers: list[tuple[str, str]] = []
    for raw in head.split(b"\n"):
        line = raw.rstrip(b"\r").decode("latin-1")
        if not line:
            continue
        name, _, value = line.partition(":")
        value = value.strip()
        if name.lower() == "status":
            status = int(value.split()[0])
        else:
            headers.append((name.strip(), value))
    return Response(status, tuple(headers), body)


class BlackHoleServer:
    """Accepts TCP connections on ``127.0.0.1`` and never reads from or writes to them."""

    def __init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._sock.settimeout(0.05)
        self.port = int(self._sock.getsockname()[1])
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="blackhole", daemon=True)

    @property
    def accepted(self) -> int:
        """How many connections were accepted so far."""
        with self._lock:
            return len(self._connections)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}.git"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            with self._lock:
                self._connections.append(connection)

    def start(self) -> BlackHoleServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        with self._lock:
            for connection in self._connections:
                connection.close()
        self._sock.close()

    def __enter__(self) -> BlackHoleServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
