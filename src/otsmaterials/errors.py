"""Every error the library raises.

One base class, a shallow tree, each class also subclassing the builtin it means, and the context
(URL, file, line, key) carried on the instance so that a caller can show or log it::

    OtsMaterialsError
     ├── InputError (ValueError)            bad input the user can fix
     │    ├── CatalogueError                a catalogue file with one or more problems
     │    ├── UnsafeSourceError             a URL, scheme, host or branch that the policy rejects
     │    ├── LanguageCodeError             a language code that is not a safe BCP 47 / gettext tag
     │    ├── NotFoundError (LookupError)   no lesson, material or language by that name
     │    └── ParseError                    a file the library could not read (path, line)
     │         └── MoFileError              a .mo file that is truncated or corrupt
     │                                      (otsmaterials.gettext.mo)
     ├── GitError (OSError)                 a git operation failed (url, kind, transient or not)
     │    └── GitTimeoutError               … and was stopped by the wall-clock timeout
     ├── LockedError (OSError)              another run holds the cache lock or writes the index
     ├── StorageError (OSError)             a file could not be written or a store is unusable
     │    └── IndexNotBuiltError             no index yet, or its first build never finished
     └── BudgetError                        a repository over a size or file-count budget

The command line maps this tree to exit codes in one place (``otsmaterials.cli._errors``).
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "BudgetError",
    "CatalogueError",
    "GitError",
    "GitErrorKind",
    "GitTimeoutError",
    "IndexNotBuiltError",
    "InputError",
    "LanguageCodeError",
    "LockedError",
    "NotFoundError",
    "OtsMaterialsError",
    "ParseError",
    "Problem",
    "StorageError",
    "UnsafeSourceError",
]


UNEXPECTED = "unexpected "
"""How the one-line description of a failure that is a bug starts (see :func:`unexpected`)."""


def unexpected(error: BaseException) -> str:
    """``unexpected ValueError: … (at module.py:12)``: a failure that is no library error.

    Where the library contains a fault (one file of a material, one material of a build or a
    sync), this line is what the report says; the innermost frame helps a bug report.
    """
    frame = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    where = f" (at {Path(frame[0].filename).name}:{frame[0].lineno})" if frame else ""
    detail = " ".join(str(error).split())[:200]
    return f"{UNEXPECTED}{type(error).__name__}: {detail}{where}"


class OtsMaterialsError(Exception):
    """Base of every error raised by otsmaterials."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        url: str | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        """What went wrong, without the location."""
        self.path = str(path) if path is not None else None
        """The file the error is about, if any."""
        self.line = line
        """The 1-based line in ``path``, if known."""
        self.url = url
        """The (redacted) URL the error is about, if any."""
        self.key = key
        """The key (``materials[2].source``) the error is about, if any."""

    def location(self) -> str:
        """``file:line: key`` or ``url``: where the error is, as one string (may be empty)."""
        parts = []
        if self.path is not None:
            parts.append(self.path if self.line is None else f"{self.path}:{self.line}")
        if self.url is not None:
            parts.append(self.url)
        if self.key is not None:
            parts.append(self.key)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class InputError(OtsMaterialsError, ValueError):
    """Input the user can fix: a catalogue, an option, a file."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a catalogue file."""

    key: str
    """Where in the file: ``materials[2] (python-flask).source``."""
    message: str
    """What is wrong."""
    line: int | None = None
    """The 1-based line of the key, where it could be found."""
    file: str | None = None
    """The file the problem is in, when it is not the catalogue reported (an included one)."""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        if self.file is not None:
            where = f"{self.file}: {where}"
        return f"{where}{self.key}: {self.message}"


class CatalogueError(InputError):
    """A catalogue file with one or more problems; all of them are in :attr:`problems`."""

    def __init__(self, path: str | Path | None, problems: Sequence[Problem]) -> None:
        count = len(problems)
        if count == 1 and problems[0].key.startswith("("):
            message = problems[0].message
        else:
            lines = "\n".join(f"  {p}" for p in problems)
            noun = "problem" if count == 1 else "problems"
            message = f"{count} {noun} in the catalogue:\n{lines}"
        super().__init__(message, path=path, line=problems[0].line if count == 1 else None)
        self.problems = tuple(problems)


class UnsafeSourceError(InputError):
    """A source URL, scheme, host or branch name that the safety policy rejects."""


class LanguageCodeError(InputError):
    """A language code that is not a safe, known BCP 47 or gettext tag."""


class NotFoundError(InputError, LookupError):
    """No lesson, material or language by that name (in the index or the catalogue)."""


class ParseError(InputError):
    """A file that could not be read or parsed; ``path`` and, where known, ``line`` say where."""


GitErrorKind = Literal[
    "auth",
    "not-found",
    "redirect",
    "timeout",
    "network",
    "throttled",
    "server",
    "fsck",
    "busy",
    "policy",
    "offline",
    "branch",
    "error",
]
"""Why a git operation failed: credentials wanted, no such repository, moved, too slow, the
network, the host limiting, the host failing, malformed objects, a lock held, refused by the
source policy, the sync was offline, a branch is missing, or anything else."""


class GitError(OtsMaterialsError, OSError):
    """A git operation failed."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        path: str | Path | None = None,
        kind: GitErrorKind = "error",
        transient: bool = False,
    ) -> None:
        super().__init__(message, url=url, path=path)
        self.kind: GitErrorKind = kind
        """A short classification (:data:`GitErrorKind`)."""
        self.transient = transient
        """Whether trying again later may succeed (network trouble, throttling, timeouts)."""


class GitTimeoutError(GitError):
    """A git operation was stopped by the wall-clock timeout."""


class LockedError(OtsMaterialsError, OSError):
    """Another otsmaterials run holds the lock on a cache or an index."""


class StorageError(OtsMaterialsError, OSError):
    """A file could not be written, or a store on disk is unusable."""


class IndexNotBuiltError(StorageError):
    """No index file yet, or one whose first build never finished: run ``otsmaterials build``.

    The command line treats it as an input error (exit 2): the user has a step to take first.
    """


class BudgetError(OtsMaterialsError):
    """A repository over a budget (file count, size): it is reported, not indexed."""
