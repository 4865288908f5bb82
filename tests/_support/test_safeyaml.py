"""The YAML reader for untrusted files: no aliases, bounded depth, no coercion or duplicate keys."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import otsmaterials as om
from otsmaterials._support import safeyaml
from otsmaterials._support.safeyaml import MAX_DEPTH, load_yaml, simple_mapping

from workload import assert_work_bounded

# --- aliases (threat-model.md, safe-yaml) ---------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for level in range(1, levels):
        name, previous = names[level], names[level - 1]
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly() -> None:
    document = billion_laughs(9)
    assert document.count("\n") == 9
    with pytest.raises(om.ParseError) as caught:
        load_yaml(document, path="bomb.yml")
    assert caught.value.message == "YAML aliases not allowed"
    assert caught.value.path == "bomb.yml"
    assert str(caught.value).startswith("bomb.yml:1: ")

    def refuse(levels: int) -> None:
        with pytest.raises(om.ParseError, match="YAML aliases not allowed"):
            load_yaml(billion_laughs(levels), path="bomb.yml")

    # Quickly: refused at the first anchor, so 8 levels (9**8 lols) cost what 2 levels cost.
    assert_work_bounded(refuse, 2)


@pytest.mark.parametrize(
    ("document", "line"),
    [
        ("x: &anchor 1\n", 1),
        ("x: 1\ny: *nothing\n", 2),
        ("base: {a: 1}\nother:\n  - &k 2\n", 3),
    ],
)
def test_any_anchor_or_alias_is_refused(document: str, line: int) -> None:
    with pytest.raises(om.ParseError, match="YAML aliases not allowed") as caught:
        load_yaml(document)
    assert caught.value.line == line


# --- depth (threat-model.md, safe-yaml) -----------------------------------------------------------


def test_deep_nesting_is_refused_and_the_process_survives() -> None:
    """In a child process: a crash (libyaml's C loader has one) fails this test, not pytest."""
    script = textwrap.dedent(
        """
        from otsmaterials.errors import ParseError
        from otsmaterials._support.safeyaml import load_yaml
        for payload in ("[" * 100_000, "{a: " * 100_000, "- " * 100_000, "a: [[1]]"):
            try:
                load_yaml(payload, path="deep.yml")
            except ParseError as error:
                print(error)
            else:
                print("loaded", load_yaml(payload))
        print("alive")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [f"deep.yml:1: YAML too deep (more than {MAX_DEPTH} levels)"] * 3
    assert lines[3:] == ["loaded {'a': [[1]]}", "alive"]
    assert "Traceback" not in result.stderr


def test_depth_limit_boundary() -> None:
    nested = load_yaml("[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH)
    for _ in range(MAX_DEPTH):
        assert isinstance(nested, list)
        nested = nested[0]
    assert nested == 1
    with pytest.raises(om.ParseError, match="YAML too deep"):
        load_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


# --- values and duplicate keys (threat-model.md, safe-yaml) ---------------------------------------


def test_only_true_and_false_are_booleans() -> None:
    data = load_yaml("lang: no\nx: yes\ny: on\nz: off\nt: true\nf: False\nn: ~\ncount: 3\n")
    assert data == {
        "lang": "no",
        "x": "yes",
        "y": "on",
        "z": "off",
        "t": True,
        "f": False,
        "n": None,
        "count": 3,
    }


def test_norway_as_a_list_item_and_a_key_stays_text() -> None:
    assert load_yaml("languages: [en, no, de]\nno: Norsk\n") == {
        "languages": ["en", "no", "de"],
        "no": "Norsk",
    }


def test_duplicate_key_names_key_and_line() -> None:
    with pytest.raises(om.ParseError) as caught:
        load_yaml("title: A\nlang: de\ntitle: B\n", path="front.yml")
    error = caught.value
    assert error.message == "duplicate key 'title'"
    assert error.line == 3
    assert str(error) == "front.yml:3: duplicate key 'title'"


def test_nested_duplicate_key_and_first_line_offset() -> None:
    with pytest.raises(om.ParseError) as caught:
        load_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", path="lesson.md", first_line=2)
    assert caught.value.message == "duplicate key 'c'"
    assert caught.value.line == 5


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load_yaml("- {id: 1}\n- {id: 2}\n") == [{"id": 1}, {"id": 2}]


@pytest.mark.parametrize("document", ['a: "x\x00y"\n', "a: x\x00y\n", b"a: x\x00y\n"])
def test_nul_byte_is_a_parse_error_with_the_path(document: str | bytes) -> None:
    with pytest.raises(om.ParseError) as caught:
        load_yaml(document, path="nul.yml")
    assert caught.value.path == "nul.yml"
    assert caught.value.line == 1
    assert str(caught.value).startswith("nul.yml:1: invalid YAML")


def test_invalid_utf8_is_a_parse_error_with_the_path() -> None:
    with pytest.raises(om.ParseError) as caught:
        load_yaml(b"title: caf\xe9\n", path="latin1.yml")
    assert caught.value.path == "latin1.yml"
    assert caught.value.message == "not valid UTF-8 (byte offset 10)"
    assert "latin1.yml" in str(caught.value)


def test_bom_is_skipped_and_empty_document_is_none() -> None:
    assert load_yaml("\ufeffa: 1\n".encode()) == {"a": 1}
    assert load_yaml("") is None


def test_python_tags_are_refused() -> None:
    with pytest.raises(om.ParseError, match="could not determine a constructor") as caught:
        load_yaml('a: !!python/object/apply:os.system ["echo pwned"]\n', path="evil.yml")
    assert caught.value.path == "evil.yml"


def test_size_limit() -> None:
    with pytest.raises(om.ParseError, match="YAML larger than 100 bytes"):
        load_yaml(b"a: " + b"x" * 100, max_bytes=100)
    with pytest.raises(om.ParseError, match="YAML larger than 100 bytes"):
        load_yaml("a: " + "x" * 100, max_bytes=100)
    assert load_yaml("a: " + "x" * 90, max_bytes=100) == {"a": "x" * 90}


def test_syntax_error_has_the_line() -> None:
    with pytest.raises(om.ParseError) as caught:
        load_yaml("a: 1\nb: [1, 2\n", path="broken.yml", first_line=10)
    assert caught.value.line is not None
    assert caught.value.line >= 11
    assert caught.value.message.startswith("invalid YAML")


def test_a_second_document_is_refused() -> None:
    with pytest.raises(om.ParseError, match="another document"):
        load_yaml("a: 1\n---\nb: 2\n")


# --- the plain front matter read without the loader -------------------------------------------

_KEYS = ["title", "num", "tags", "lang", "true", "no", "Null", "_x", "a-b", "y", "x y", "ä", "#"]
_VALUES = [
    *('"Lesson 3"', '"Schleifen: über # alles"', "'single'", "'it''s'", '"esc\\"aped"'),
    *('"tab\there"', "12", "012", "0", "1_000", "-3", "1.5", "2024-01-31", "[python, web]"),
    *("[]", "[ ]", "[a,b]", "[a, [b]]", "[a, ]", "[yes, no]", "~", "word", "two words", ""),
    *(" ", "#", ":", "é", "😀", "\u2028", "\x85", "\x7f", "\ufeff", "a\rb"),
]
_LINE = st.tuples(
    st.sampled_from(_KEYS),
    st.sampled_from([": ", ":", ":  ", " : "]),
    st.one_of(st.sampled_from(_VALUES), st.text(max_size=6)),
    st.sampled_from(["\n", "\r\n", " \n", "\n\n"]),
)


@given(st.lists(_LINE, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_plain_front_matter_reads_as_the_loader_reads_it(
    lines: list[tuple[str, str, str, str]],
) -> None:
    """Lines of ``key: value`` of the kinds front matter holds: whatever the quick reader
    accepts, the loader reads the same (what the loader refuses, the quick reader leaves)."""
    text = "".join("".join(line) for line in lines)
    quick = simple_mapping(text)
    if quick is None:
        return
    assert quick == _loader_reads(text)


@pytest.mark.parametrize(
    "text",
    [
        'title: "Lesson 1 of material 0 (en)"\nnum: 1\ntags: [python]\n',
        "title: Loops\nlayout: page\nlang: de\n",
        "title: 'Schleifen'\norder: 0\ntags: []\n",
    ],
)
def test_typical_front_matter_is_read_without_the_loader(text: str) -> None:
    assert simple_mapping(text) is not None
    assert simple_mapping(text) == _loader_reads(text) == load_yaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "title: x\ntitle: y\n",  # a duplicate: the loader's error
        "draft: no\n",  # the loader keeps "no"; left to it
        "when: 2024-01-31\n",
        "title: x # comment\n",
        "nested:\n  a: 1\n",
        'title: "a\\u00e9"\n',
        "title: x\x7f\n",
    ],
)
def test_anything_else_is_left_to_the_loader(text: str) -> None:
    assert simple_mapping(text) is None


def _loader_reads(text: str) -> object:
    try:
        loader = safeyaml._StrictLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except Exception as error:  # noqa: BLE001 - the loader refusing is an answer too
        return error
