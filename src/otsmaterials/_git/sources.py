"""Where material comes from: source URLs and branch names, checked before git ever sees them.

The catalogue is semi-trusted, so every source is checked twice: for its shape when the catalogue is
read (no ``ext::`` transports, no leading ``-``, no control characters) and against the policy
(allowed schemes, local sources, private hosts) when the catalogue is read and again before a sync.
Branch names follow ``git check-ref-format`` and may not start with ``-`` or ``refs/``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from otsmaterials.errors import UnsafeSourceError

__all__ = [
    "Source",
    "SourcePolicy",
    "check_branch",
    "check_resolved_host",
    "parse_source",
    "redact",
]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SCP_LIKE = re.compile(
    r"^(?:(?P<user>[A-Za-z0-9._-]+)@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*|/.*)$"
)
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?:\.(?!-)[A-Za-z0-9-]{1,63})*\.?$")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_REMOTE_SCHEMES = frozenset({"https", "http", "ssh", "git"})
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+", re.IGNORECASE)
"""A host label ``inet_aton`` reads as a number; a host ending in one is an address or nothing."""
_NAT64_PREFIXES = frozenset({0x0064FF9B_00000000_00000000})
"""``64:ff9b::/96`` (well-known NAT64), its first 96 bits."""


@dataclass(frozen=True, slots=True)
class SourcePolicy:
    """What sources a catalogue may name."""

    allowed_schemes: frozenset[str] = frozenset({"https", "ssh"})
    """URL schemes allowed for remote sources (``https``, ``ssh``, ``http``, ``git``)."""
    allow_local: bool = False
    """Whether local paths and ``file://`` URLs are allowed (tests, demos, local mirrors)."""
    allow_private_hosts: bool = False
    """Whether hosts on loopback, private or link-local addresses are allowed."""


@dataclass(frozen=True, slots=True)
class Source:
    """A checked source: what to hand to git, and what to show to people."""

    kind: Literal["remote", "local"]
    """``remote`` for a network URL, ``local`` for a path or ``file://`` URL."""
    scheme: str
    """``https``, ``ssh``, ``http``, ``git`` or ``file``."""
    host: str | None
    """The host name of a remote source (lower case)."""
    url: str
    """The URL given to git: as written if remote, ``file://`` + absolute path if local."""
    display: str
    """The URL with any password replaced by ``***``: safe for logs, errors and exports."""


def redact(url: str) -> str:
    """Hide credentials in a URL: ``https://u:s3cret@host/`` → ``https://u:***@host/``.

    A user name alone is hidden too for http(s), where it is usually a token
    (``https://TOKEN@github.com/…``); ssh user names (``git@…``) stay.
    """
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)@", url)
    if match is None:
        return url
    scheme, userinfo = match.group(1).lower(), match.group(2)
    user, colon, _password = userinfo.partition(":")
    if colon:
        shown = f"{user}:***"
    elif scheme in {"http", "https"}:
        shown = "***"
    else:
        return url
    return f"{match.group(1)}://{shown}@{url[match.end() :]}"


def _reject(source: str, message: str) -> UnsafeSourceError:
    return UnsafeSourceError(message, url=redact(source))


def parse_source(source: str, policy: SourcePolicy, *, base_dir: Path | None = None) -> Source:
    """Check ``source`` against its expected shape and the ``policy``; return how git must see it.

    Raises :class:`~otsmaterials.errors.UnsafeSourceError` naming the (redacted) URL.
    """
    if not source:
        raise _reject(source, "empty source")
    if re.match(r"^[A-Za-z0-9+.-]*::", source):
        raise _reject(source, "git transport helpers ('ext::', 'fd::') are not allowed")
    if _CONTROL.search(source):
        raise _reject(source, "source contains whitespace or control characters")
    if source.startswith("-"):
        raise _reject(source, "source must not start with '-'")
    scheme_match = _SCHEME.match(source)
    if scheme_match:
        scheme = scheme_match.group(1).lower()
        if scheme == "file":
            from urllib.request import url2pathname  # noqa: PLC0415 - loads http.client, ssl

            return _local(source, Path(url2pathname(urlsplit(source).path)), policy, base_dir)
        return _remote_url(source, scheme, policy)
    scp = _SCP_LIKE.match(source)
    if scp and "/" not in scp["host"] and not source.startswith(("/", ".", "~")):
        return _remote(source, "ssh", scp["host"], policy)
    return _local(source, Path(source).expanduser(), policy, base_dir)


def _remote_url(source: str, scheme: str, policy: SourcePolicy) -> Source:
    if scheme not in _REMOTE_SCHEMES:
        raise _reject(source, f"scheme '{scheme}' not allowed")
    if source.split("://", 1)[1].split("/", 1)[0].count("@") > 1:
        raise _reject(source, "malformed URL: write an '@' in a user name or password as %40")
    try:
        parts = urlsplit(source)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as error:
        raise _reject(source, f"malformed URL ({error})") from None
    if not host:
        raise _reject(source, "URL has no host")
    if not parts.path.strip("/"):
        raise _reject(source, "URL names no repository")
    return _remote(source, scheme, host, policy)


def _remote(source: str, scheme: str, host: str, policy: SourcePolicy) -> Source:
    if scheme not in policy.allowed_schemes:
        allowed = ", ".join(sorted(policy.allowed_schemes)) or "none"
        raise _reject(source, f"scheme '{scheme}' not allowed (allowed: {allowed})")
    host = host.lower().rstrip(".")
    address = _ip_address(host)
    if address is None and (not _HOSTNAME.match(host) or _NUMERIC_LABEL.fullmatch(_last(host))):
        raise _reject(source, f"host '{host}' not allowed: not a valid host name or IP address")
    if not policy.allow_private_hosts and _is_private(host, address):
        raise _reject(source, f"host '{host}' not allowed: private or local address")
    return Source("remote", scheme, host, source, redact(source))


def _last(host: str) -> str:
    return host.rsplit(".", 1)[-1]


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names, in any notation the resolver accepts.

    Besides the usual forms, ``inet_aton`` reads ``2130706433``, ``0x7f000001``, ``0177.0.0.1``,
    ``127.1`` and ``0x7f.1`` as ``127.0.0.1``; so does :func:`socket.getaddrinfo`, and so git
    would connect there.
    """
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return _inet_aton(host)


def _inet_aton(host: str) -> ipaddress.IPv4Address | None:
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_LABEL.fullmatch(p) for p in parts):
        return None
    try:
        values = [_c_number(part) for part in parts]
    except ValueError:
        return None
    last_bits = 8 * (5 - len(values))
    if any(v > 255 for v in values[:-1]) or values[-1] >= 1 << last_bits:
        return None
    number = values[-1]
    for position, value in enumerate(values[:-1]):
        number |= value << (24 - 8 * position)
    return ipaddress.IPv4Address(number)


def _c_number(text: str) -> int:
    """A number as C reads it: ``0x`` hexadecimal, a leading ``0`` octal, else decimal."""
    if text[:2].lower() == "0x":
        return int(text[2:] or "0", 16)
    if len(text) > 1 and text.startswith("0"):
        return int(text, 8)
    return int(text)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64, Teredo)."""
    packed = int(address)
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if packed >> 32 == 0 and packed > 1:  # ::a.b.c.d, "IPv4-compatible"
        return ipaddress.IPv4Address(packed)
    if packed >> 32 in _NAT64_PREFIXES:
        return ipaddress.IPv4Address(packed & 0xFFFFFFFF)
    return None


def _is_private(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    if address is None:
        return host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and not embedded.is_global:
            return True
    return not address.is_global


def _local(source: str, path: Path, policy: SourcePolicy, base_dir: Path | None) -> Source:
    if not policy.allow_local:
        raise _reject(
            source,
            "scheme 'file' not allowed: local sources need allow_local_sources (or --allow-local)",
        )
    if not path.is_absolute():
        path = (base_dir or Path.cwd()) / path
    resolved = path.resolve()
    return Source("local", "file", None, resolved.as_uri(), source)


def check_resolved_host(source: Source, policy: SourcePolicy) -> None:
    """Refuse a remote host whose name resolves to a private address (unless allowed).

    A name that does not resolve is left to git, which reports the network error.
    """
    if source.kind != "remote" or source.host is None or policy.allow_private_hosts:
        return
    if _ip_address(source.host) is not None:
        return
    try:
        infos = socket.getaddrinfo(source.host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return
    for info in infos:
        address = _ip_address(str(info[4][0]).split("%", 1)[0])
        if address is not None and not address.is_global:
            raise _reject(
                source.display, f"host '{source.host}' not allowed: resolves to {address}"
            )


def check_branch(name: str) -> str:
    """Return ``name`` if it is a safe branch name (``git check-ref-format --branch`` rules)."""
    problem = _branch_problem(name)
    if problem:
        raise UnsafeSourceError(f"invalid branch {name!r}: {problem}")
    return name


def _branch_problem(name: str) -> str | None:
    problem = None
    if not name:
        problem = "empty"
    elif name.startswith("-"):
        problem = "must not start with '-'"
    elif name.startswith("refs/") or name in {"HEAD", "@"}:
        problem = "give the branch name itself, not a ref"
    elif _BAD_REF_CHARS.search(name) or "@{" in name or ".." in name or "//" in name:
        problem = "contains characters git does not allow in branch names"
    elif name.startswith("/") or name.endswith(("/", ".", ".lock")):
        problem = "starts or ends with a character git does not allow"
    elif any(part.startswith(".") or part.endswith(".lock") for part in name.split("/")):
        problem = "a component starts with '.' or ends with '.lock'"
    elif len(name.encode("utf-8", "surrogatepass")) > 200:
        problem = "longer than 200 bytes"
    return problem
