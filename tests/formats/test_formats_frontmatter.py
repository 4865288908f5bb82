"""Jekyll front matter: splitting, the checked keys, lesson ids, and hostile YAML."""

from __future__ import annotations

import pytest
import yaml

from otsmaterials.errors import ParseError
from otsmaterials.formats.frontmatter import FrontMatter, split_front_matter

from workload import assert_work_bounded


def split(text: str) -> tuple[FrontMatter | None, str, int]:
    return split_front_matter(text, "core/page.md")


def front(yaml_text: str) -> FrontMatter:
    front_matter, _body, _line = split(f"---\n{yaml_text}---\nbody\n")
    assert front_matter is not None
    return front_matter


def error(yaml_text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        split(f"---\n{yaml_text}---\nbody\n")
    assert caught.value.path == "core/page.md"
    return caught.value


# --- splitting ----------------------------------------------------------------------------------


def test_text_without_front_matter_is_all_body():
    assert split("# Title\n---\n") == (None, "# Title\n---\n", 1)


def test_an_unclosed_block_is_not_front_matter():
    assert split("---\ntitle: x\n") == (None, "---\ntitle: x\n", 1)


def test_the_body_and_its_first_line_follow_the_closing_line():
    front_matter, body, line = split("---\ntitle: Setup\n---\n# Setup\n\nText\n")
    assert front_matter == FrontMatter(title="Setup")
    assert (body, line) == ("# Setup\n\nText\n", 4)


def test_a_blank_line_may_follow_the_opening_dashes():
    front_matter, body, line = split("---\n\nlayout: ots\ntitle: Home\n---\nWelcome\n")
    assert front_matter == FrontMatter(layout="ots", title="Home")
    assert (body, line) == ("Welcome\n", 6)


def test_dots_close_the_block_and_trailing_spaces_are_allowed():
    front_matter, body, _line = split("--- \ntitle: A\n... \nBody")
    assert front_matter == FrontMatter(title="A")
    assert body == "Body"


@pytest.mark.parametrize("yaml_text", ["", "\n\n", "null\n", "~\n", "# only a comment\n"])
def test_an_empty_or_null_block_is_an_empty_front_matter(yaml_text):
    assert front(yaml_text) == FrontMatter()


def test_null_values_are_none_or_empty():
    assert front("title:\nnum: ~\ntags:\nlang: null\n") == FrontMatter()


def test_unknown_keys_are_ignored():
    assert front("title: A\nredirect_from: [/old/]\n42: x\n") == FrontMatter(title="A")


def test_a_front_matter_that_is_not_a_mapping_is_an_error():
    problem = error("- a\n- b\n")
    assert "expected key: value pairs, got a list" in problem.message
    assert problem.line == 2


def test_invalid_yaml_names_the_line_in_the_file():
    problem = error("title: A\ntags: [a, b\nlayout: x\n")
    assert problem.message.startswith("invalid YAML")
    assert problem.line is not None
    assert problem.line >= 3  # the block starts on line 2 of the file


# --- the keys -----------------------------------------------------------------------------------


def test_the_known_keys_are_read():
    text = (
        "title: Setup\ndescription: Install things\nlanguage: pt_BR\ntags: python\n"
        "topics: [web, flask]\ncategories: [core]\ncategory: extras\nnum: 3\nchapter: 2\n"
        "layout: ots\npermalink: /core/setup.html\nid: core/setup\nauthor: Ana\n"
        "authors: [Bea, Carl]\nlicense: CC BY-SA 3.0\nversion: '1.10'\n"
    )
    assert front(text) == FrontMatter(
        title="Setup",
        description="Install things",
        language="pt-BR",
        tags=("python",),
        topics=("web", "flask"),
        categories=("core", "extras"),
        order=3,
        chapter=2,
        layout="ots",
        permalink="/core/setup.html",
        lesson_id="core/setup",
        authors=("Ana", "Bea", "Carl"),
        license="CC BY-SA 3.0",
        version="1.10",
    )


def test_lang_no_is_norwegian():  # YAML 1.1 would read it as False
    assert front("lang: no\n").language == "no"


def test_order_comes_from_num_or_order():
    assert front("order: 999\n").order == 999
    assert front("num: 0\n").order == 0
    assert front("num: 1\norder: 1\n").order == 1


def test_lang_and_language_must_agree():
    problem = error("lang: de\nlanguage: en\n")
    assert "language: 'en' disagrees with lang: 'de'" in problem.message
    assert problem.line == 3


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("version: 1.10\n", "version: expected a string (quote it), got the number 1.1"),
        ("title: 2012-05-01\n", "title: expected a string (quote it), got the date 2012-05-01"),
        ("title: 42\n", "title: expected a string (quote it), got the number 42"),
        ("title: true\n", "title: expected a string (quote it), got the boolean true"),
        ("title: [a]\n", "title: expected a string, got a list"),
        ("num: 1.5\n", "num: expected a whole number, got the number 1.5"),
        ("num: '3'\n", "num: expected a whole number, got a str"),
        ("order: false\n", "order: expected a whole number, got the boolean false"),
        ("chapter: 1.5\n", "chapter: expected a name or a number, got the number 1.5"),
        ("lang: xx\n", "lang: unknown language code 'xx'"),
        ("language: ../../x\n", "language: invalid language code '../../x'"),
        ("lang: 7\n", "lang: expected a language code, got the number 7"),
        ("tags: [python, 2012]\n", "tags: expected a list of strings, got a list holding the"),
        ("author: {name: Ana}\n", "author: expected a string or a list of strings, got a mapping"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_naming_the_key(yaml_text, expected):
    problem = error(yaml_text)
    assert expected in problem.message
    assert problem.line == 2


@pytest.mark.parametrize(
    "lesson_id", ["../../../tmp/evil", "/etc/evil", "core/../../x", "a//b", "core/", ".hidden", ""]
)
def test_an_id_must_be_a_relative_path_of_slug_segments(lesson_id):
    problem = error(f"id: '{lesson_id}'\n")
    assert f"id: invalid lesson id {lesson_id!r}" in problem.message


def test_a_duplicate_title_names_the_key_and_its_line():
    problem = error("title: First\nlayout: ots\ntitle: Second\n")
    assert problem.message == "duplicate key 'title'"
    assert problem.line == 4
    assert str(problem) == "core/page.md:4: duplicate key 'title'"


def test_every_problem_of_one_front_matter_is_reported_at_once():
    problem = error("title: 2012-05-01\nlayout: ots\nversion: 1.10\nlang: xx\nid: ../evil\n")
    assert problem.message.startswith("front matter: 4 problems: ")
    for expected in (
        "line 2: title: expected a string",
        "line 4: version: expected a string (quote it)",
        "line 5: lang: unknown language code 'xx'",
        "line 6: id: invalid lesson id '../evil'",
    ):
        assert expected in problem.message
    assert problem.line == 2


# --- hostile YAML -------------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        refs = ",".join(f"*a{level - 1}" for _ in range(9))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_quickly():
    def refuse(levels: int) -> ParseError:
        with pytest.raises(ParseError, match="YAML aliases not allowed") as caught:
            split(f"---\ntitle: x\n{billion_laughs(levels)}---\nbody\n")
        return caught.value

    refused = refuse(9)
    assert (refused.path, refused.line) == ("core/page.md", 3)
    # Refused at the first anchor: 8 levels (9**8 lols) cost what 2 levels cost.
    assert_work_bounded(refuse, 2)


def test_deep_nesting_is_refused_and_the_process_survives():
    assert hasattr(yaml, "CSafeLoader")  # the C loader that segfaults is installed
    with pytest.raises(ParseError, match="YAML too deep") as caught:
        split("---\ntitle: " + "[" * 100_000 + "\n---\nbody\n")
    assert caught.value.path == "core/page.md"
