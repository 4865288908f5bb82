"""Run git: a hardened environment, a wall-clock timeout, and errors people can act on.

Every git process the library starts goes through :class:`GitRunner`:

* a fresh environment: a private ``HOME``, no system or global config, no prompts (``setsid``, no
  stdin, ``GIT_TERMINAL_PROMPT=0``, ssh in batch mode), ``LC_ALL=C`` so errors can be classified;
* hardening config passed through ``GIT_CONFIG_COUNT`` (never ``-c``, never from a catalogue value):
  only the allowed transport protocols, no hooks, templates, fsmonitor, submodules or redirects,
  objects checked on transfer, low-speed abort;
* a wall-clock timeout that kills git's whole process group;
* stderr classified (auth, not found, throttled, network, …) with passwords redacted.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from otsmaterials.errors import GitError, GitErrorKind, GitTimeoutError, StorageError

__all__ = [
    "MIN_GIT_VERSION",
    "GitResult",
    "GitRunner",
    "ProcessTracker",
    "classify_failure",
    "git_version",
]

MIN_GIT_VERSION = (2, 31)
"""Oldest git accepted: ``GIT_CONFIG_COUNT`` (2.31) carries the hardening config."""

_PASSTHROUGH = (
    "PATH",
    "TMPDIR",
    "SYSTEMROOT",
    "SSH_AUTH_SOCK",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "all_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "GIT_SSL_CAINFO",
)
_KILL_GRACE = 2.0


class ProcessTracker:
    """The git processes one operation has running, so that an interrupted run can stop them.

    Git runs in its own session (no terminal to prompt on), so Ctrl-C does not reach it: whoever
    catches the interrupt calls :meth:`kill_all`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()

    def add(self, process: subprocess.Popen[bytes]) -> None:
        """Track a started process."""
        with self._lock:
            self._processes.add(process)

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        """Stop tracking a finished process."""
        with self._lock:
            self._processes.discard(process)

    def kill_all(self) -> None:
        """Kill every tracked process and its children.

        Only signals are sent: the thread that started a process is the one that reads its
        output and reaps it (two threads in one ``communicate`` fail with "Bad file
        descriptor"), and it returns as soon as the process is gone.
        """
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + _KILL_GRACE
        while time.monotonic() < deadline and any(p.poll() is None for p in processes):
            time.sleep(0.05)
        for process in processes:
            if process.poll() is None:
                _signal_group(process, signal.SIGKILL)


@dataclass(frozen=True, slots=True)
class GitResult:
    """What a finished git process gave back."""

    stdout: bytes
    stderr: str


@dataclass(frozen=True)
class GitRunner:
    """Starts git processes with the hardened environment.

    ``protocols`` are the transports git may use (``https``, ``ssh``, ``http``, ``git``, ``file``);
    a runner that only reads mirrors has none, so a lazy fetch of a missing object fails at once
    instead of reaching the network.
    """

    home: Path
    """A private, empty directory used as ``HOME`` and as the working directory."""
    protocols: frozenset[str] = frozenset()
    """Transport protocols git may use."""
    timeout: float = 300.0
    """Default wall-clock limit for one git process, in seconds."""
    low_speed_time: int = 30
    """Seconds below 1000 bytes/s after which an HTTP transfer is aborted."""
    executable: str = "git"
    """The git program."""
    tracker: ProcessTracker | None = field(default=None, compare=False, repr=False)
    """Where running processes are registered, if anywhere."""

    def config(self) -> list[tuple[str, str]]:
        """The hardening configuration given to every git process."""
        return [
            ("protocol.allow", "never"),
            *((f"protocol.{name}.allow", "always") for name in sorted(self.protocols)),
            ("core.symlinks", "false"),
            ("core.hooksPath", os.devnull),
            ("init.templateDir", ""),
            ("core.fsmonitor", "false"),
            ("core.askPass", ""),
            ("credential.helper", ""),
            ("transfer.fsckObjects", "true"),
            ("submodule.recurse", "false"),
            ("fetch.recurseSubmodules", "false"),
            ("http.lowSpeedLimit", "1000"),
            ("http.lowSpeedTime", str(self.low_speed_time)),
            ("http.followRedirects", "false"),
            ("safe.bareRepository", "explicit"),
            ("gc.autoDetach", "false"),
            ("maintenance.auto", "false"),
            ("advice.detachedHead", "false"),
        ]

    def env(self) -> dict[str, str]:
        """The complete environment of a git process (nothing else is inherited)."""
        env = {name: os.environ[name] for name in _PASSTHROUGH if name in os.environ}
        env.setdefault("PATH", os.defpath)
        env.update(
            {
                "HOME": str(self.home),
                "XDG_CONFIG_HOME": str(self.home / ".config"),
                "LC_ALL": "C",
                "LANGUAGE": "C",
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_ASKPASS": "",
                "SSH_ASKPASS": "",
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=20",
                "GIT_PROTOCOL_FROM_USER": "0",
                "GIT_NO_REPLACE_OBJECTS": "1",
                "GIT_OPTIONAL_LOCKS": "0",
            }
        )
        pairs = self.config()
        env["GIT_CONFIG_COUNT"] = str(len(pairs))
        for index, (key, value) in enumerate(pairs):
            env[f"GIT_CONFIG_KEY_{index}"] = key
            env[f"GIT_CONFIG_VALUE_{index}"] = value
        return env

    def run(
        self,
        args: Sequence[str],
        *,
        git_dir: Path | None = None,
        input: bytes | None = None,  # noqa: A002 - mirrors subprocess.run
        timeout: float | None = None,
        url: str | None = None,
        secrets: Iterable[str] = (),
    ) -> GitResult:
        """Run ``git [--git-dir=DIR] ARGS``; raise :class:`GitError` unless it exits with 0.

        ``url`` (already redacted) names the remote in errors; ``secrets`` are hidden in messages.
        """
        argv = [self.executable]
        if git_dir is not None:
            argv.append(f"--git-dir={git_dir}")
        argv.extend(args)
        limit = self.timeout if timeout is None else timeout
        self.home.mkdir(parents=True, exist_ok=True)
        process, mask = self._start(argv, piped_input=input is not None)
        try:
            _restore_mask(mask)  # an interrupt held back while git started arrives here
            stdout, stderr = process.communicate(input, timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise GitTimeoutError(
                f"git {args[0]} stopped after the timeout of {limit:g} s",
                url=url,
                path=git_dir,
                kind="timeout",
                transient=True,
            ) from None
        except BaseException:
            _kill_group(process)
            raise
        finally:
            if self.tracker is not None:
                self.tracker.discard(process)
        text = _hide(stderr.decode("utf-8", "replace"), secrets)
        if process.returncode != 0:
            kind, transient, message = classify_failure(text, process.returncode)
            raise GitError(
                f"git {args[0]} failed: {message}",
                url=url,
                path=git_dir,
                kind=kind,
                transient=transient,
            )
        return GitResult(stdout, text)

    def _start(
        self, argv: list[str], *, piped_input: bool
    ) -> tuple[subprocess.Popen[bytes], set[int | signal.Signals] | None]:
        """Start git with SIGINT held back in this thread; return the process and the mask.

        An interrupt that arrived while ``Popen`` forked would leave a child nobody waits for
        (and, past its ``setsid``, a git nobody stops); held back, it arrives once the caller
        can stop the process (:func:`_restore_mask`).
        """
        mask = _hold_interrupts()
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE if piped_input else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=self.env(),
                cwd=self.home,
                start_new_session=True,
            )
        except OSError as error:
            _restore_mask(mask)
            raise StorageError(f"cannot run git: {error.strerror}") from error
        except BaseException:
            _restore_mask(mask)
            raise
        if self.tracker is not None:
            self.tracker.add(process)
        return process, mask


def _hold_interrupts() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_mask(mask: set[int | signal.Signals] | None) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop git and everything it started (remote helpers, ssh), then reap it.

    Called by the thread that runs the process, also when an interrupt stopped its
    ``communicate`` half-way (whose pipes may then refuse another read: the process is reaped
    all the same).
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        _signal_group(process, sig)
        try:
            process.communicate(timeout=_KILL_GRACE)
            return
        except subprocess.TimeoutExpired:
            continue
        except (OSError, ValueError):
            break
    if process.poll() is None:
        process.kill()
    process.wait()


def _hide(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return re.sub(r"(://[^/@:\s']*):[^/\s']*@", r"\1:***@", text)


# (pattern, kind, transient, message); the first match wins.
_FAILURES: tuple[tuple[str, GitErrorKind, bool, str], ...] = (
    (r"transport '[^']*' not allowed", "policy", False, "transport not allowed"),
    (r"returned error: 429|temporarily limiting", "throttled", True, "throttled by the host (429)"),
    (
        (
            r"could not read (?:Username|Password)|terminal prompts disabled|Authentication failed"
            r"|returned error: 40[13]|Permission denied \(publickey|Host key verification failed"
        ),
        "auth",
        False,
        "authentication required",
    ),
    (
        (
            r"returned error: 404|[Rr]epository not found|does not appear to be a git repository"
            r"|not found|No such file or directory"
        ),
        "not-found",
        False,
        "repository not found",
    ),
    (r"returned error: 30[1278]|redirect", "redirect", False, "the repository moved (redirect)"),
    (r"returned error: 5\d\d", "server", True, "server error"),
    (
        (
            r"hasDotgit|fsck error|fsckObjects|bad object|invalid object|object .* is corrupt"
            r"|Could not parse object"
        ),
        "fsck",
        False,
        "the repository holds malformed objects (fsck)",
    ),
    (r"Unable to create '.*\.lock'|File exists", "busy", False, "the repository is busy (lock)"),
    (
        (
            r"Could not resolve host|Connection reset|Connection refused|Connection timed out"
            r"|Operation timed out|early EOF|RPC failed|curl 18|curl 56|curl 28|Failed to connect"
            r"|the remote end hung up|transfer closed|unexpected disconnect|Empty reply"
            r"|too low speed|Operation too slow|SSL|TLS|gnutls|Broken pipe"
        ),
        "network",
        True,
        "network error",
    ),
)


def classify_failure(stderr: str, returncode: int = 1) -> tuple[GitErrorKind, bool, str]:
    """Return ``(kind, transient, message)`` for a failed git process's stderr and exit code.

    A git that said nothing and ended by a signal was killed from outside (the out-of-memory
    killer, a job's time limit, a person), not by the repository: transient, the next sync or
    build tries again.
    """
    detail = _last_error_line(stderr)
    for pattern, kind, transient, message in _FAILURES:
        if re.search(pattern, stderr):
            return kind, transient, f"{message}: {detail}" if detail else message
    if detail:
        return "error", False, detail
    if returncode < 0:
        return "error", True, f"killed by signal {-returncode}{_signal_name(-returncode)}"
    return "error", False, "unknown error"


def _signal_name(number: int) -> str:
    """`` (SIGKILL)`` for 9; nothing for a number that names no signal."""
    try:
        return f" ({signal.Signals(number).name})"
    except ValueError:
        return ""


def _last_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else ""


def git_version(runner: GitRunner) -> tuple[int, ...]:
    """The installed git's version; :class:`StorageError` if git is missing or too old."""
    try:
        result = runner.run(["--version"], timeout=30)
    except (GitError, StorageError) as error:
        raise StorageError(f"git is not usable: {error.message}") from error
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", result.stdout.decode("ascii", "replace"))
    if match is None:
        raise StorageError("cannot tell the version of git")
    version = tuple(int(part) for part in match.groups() if part is not None)
    if version < MIN_GIT_VERSION:
        wanted = ".".join(map(str, MIN_GIT_VERSION))
        found = ".".join(map(str, version))
        raise StorageError(f"git {found} is too old: otsmaterials needs git {wanted} or newer")
    return version
