"""``catalogue check`` refuses first whatever ``sync`` or ``build`` would refuse.

``subdir = "a/\\u0000b"`` passed the check and crashed ``build``; ``https://0x7f000001/x`` passed
the check and was then refused by ``sync`` (the resolver reads it as 127.0.0.1). Each class is
tried in several members: control characters in every path and string, IP-literal hosts in every
notation ``inet_aton`` reads and every IPv6 form that carries an IPv4 address.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials._git.sources import SourcePolicy, parse_source
from otsmaterials.errors import UnsafeSourceError

GOOD = {
    "name": '"Catalogue"',
    "settings": {"cache_dir": '"cache"', "index": '"index.sqlite"'},
    "topic": {"id": '"python"', "name": '"Python"'},
    "material": {
        "id": '"lessons"',
        "title": '"Lessons"',
        "description": '"Two\\nlines\\tand a tab"',
        "source": '"https://github.com/OpenTechSchool/python-beginners"',
        "subdir": '"source"',
        "site_url": '"https://opentechschool.github.io/python-beginners/"',
    },
}


def catalogue_text(*, settings=None, topic=None, material=None, name=None) -> str:
    lines = [f"name = {name or GOOD['name']}", "", "[settings]"]
    lines += [f"{k} = {v}" for k, v in {**GOOD["settings"], **(settings or {})}.items()]
    lines += ["", "[[topics]]"]
    lines += [f"{k} = {v}" for k, v in {**GOOD["topic"], **(topic or {})}.items()]
    lines += ["", "[[materials]]"]
    lines += [f"{k} = {v}" for k, v in {**GOOD["material"], **(material or {})}.items()]
    return "\n".join(lines) + "\n"


CONTROL = ["\\u0000", "\\u0001", "\\u001b", "\\u007f", "\\n"]
STRINGS = [
    ("name", None, "name"),
    ("settings", "cache_dir", "settings.cache_dir"),
    ("settings", "index", "settings.index"),
    ("topic", "name", "topics[0].name"),
    ("material", "title", "materials[0] (lessons).title"),
    ("material", "description", "materials[0] (lessons).description"),
    ("material", "subdir", "materials[0] (lessons).subdir"),
    ("material", "site_url", "materials[0] (lessons).site_url"),
    ("material", "source", "materials[0] (lessons).source"),
    ("material", "branch", "materials[0] (lessons).branch"),
]


def with_value(where: str, key: str | None, value: str) -> str:
    if key is None:
        return catalogue_text(name=value)
    return catalogue_text(**{where: {key: value}})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_catalogue_passes(tmp_path: Path, run) -> None:
    assert run("catalogue", "check", "-c", write(tmp_path, catalogue_text()))[0] == 0


CONTROL_CASES = [
    (*string, control)
    for string in STRINGS
    for control in CONTROL
    # line breaks are text in names, titles and descriptions
    if not (control == "\\n" and string[2].endswith(("description", "title", "name")))
]


@pytest.mark.parametrize(("where", "key", "label", "control"), CONTROL_CASES)
def test_a_control_character_in_any_path_or_string_is_refused_by_check_and_build(
    where: str, key: str | None, label: str, control: str, tmp_path: Path, run
) -> None:
    original = GOOD.get(where, {}).get(key, '"x"') if key else GOOD["name"]
    value = (
        original[:-1] + f"a{control}b" + '"' if key != "site_url" else f'"https://x.org/{control}"'
    )
    catalogue = write(tmp_path, with_value(where, key, value))
    code, out, _err = run("catalogue", "check", "-c", catalogue)
    assert code == 1
    assert label in out
    code, _out, err = run("build", "-c", catalogue, "--offline")
    assert code == 2
    assert label in err


LOOPBACK_NOTATIONS = [
    "0x7f000001",
    "2130706433",
    "017700000001",
    "0177.0.0.1",
    "127.1",
    "127.0.1",
    "0x7f.1",
    "0x7f.0x0.0x0.0x1",
    "0",
    "0x0",
    "127.0.0.1.",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:7f00:1]",
    "[::127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::]",
    "[2001:0:4136:e378:8000:63bf:80ff:fffe]",
    "[::1]",
    "10.1",
    "0xa000001",
    "[::ffff:10.0.0.1]",
    "169.254.169.254",
    "0xa9fea9fe",
]


SOURCES = [
    form.format(host=host)
    for host in LOOPBACK_NOTATIONS
    for form in ("https://{host}/x.git", "ssh://git@{host}/x.git", "git@{host}:x")
    if not (form.startswith("git@") and host.startswith("["))  # no bracketed scp-like form
]


@pytest.mark.parametrize("source", SOURCES)
def test_an_ip_literal_host_in_any_notation_is_refused_by_check(
    source: str, tmp_path: Path, run
) -> None:
    catalogue = write(tmp_path, catalogue_text(material={"source": f'"{source}"'}))
    code, out, _err = run("catalogue", "check", "-c", catalogue)
    assert code == 1, source
    assert "not allowed" in out


@pytest.mark.parametrize("host", ["8.8.8.8", "0x08080808", "134744072", "[2606:4700::1111]"])
def test_a_public_ip_literal_in_any_notation_is_accepted(host: str, tmp_path: Path, run) -> None:
    catalogue = write(tmp_path, catalogue_text(material={"source": f'"https://{host}/x.git"'}))
    assert run("catalogue", "check", "-c", catalogue)[0] == 0


_LABEL = st.one_of(
    st.integers(0, 2**32).map(str),
    st.integers(0, 2**32).map(lambda n: f"0x{n:x}"),
    st.integers(0, 2**32).map(lambda n: f"0{n:o}"),
    st.sampled_from(["08", "09", "0x", "00", "1e3", "256"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LABEL, min_size=1, max_size=5).map(".".join))
def test_numeric_hosts_are_read_as_the_resolver_reads_them(host: str) -> None:
    """A host the C resolver reads as an address is checked as that address; others refused."""
    try:
        address = ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        address = None
    try:
        parse_source(f"https://{host}/x.git", SourcePolicy())
    except UnsafeSourceError:
        refused = True
    else:
        refused = False
    if address is None:
        assert refused or not all(
            part.isdigit() or (part[:2] == "0x" and len(part) > 2) for part in host.split(".")
        )
    else:
        assert refused == (not address.is_global), (host, address)
