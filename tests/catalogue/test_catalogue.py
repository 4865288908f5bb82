"""The catalogue file (docs/catalogue.md): loading, validation of every problem at once, writing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import otsmaterials as om
from otsmaterials._git.sources import parse_source

FULL = textwrap.dedent(
    """\
    name = "OpenTechSchool \\"test\\" é"

    [settings]
    cache_dir = "~/.cache/otsmaterials"
    index = "otsmaterials.sqlite"
    allow_local_sources = true
    allowed_schemes = ["https", "ssh", "http", "git"]
    allow_private_hosts = true
    jobs = 4
    per_host = 2
    timeout = 120
    retries = 0
    retry_delay = 0.5
    max_blob_size = 4096
    lock_timeout = 5
    stale_lock_age = 7200
    required_licenses = ["CC-BY-SA-3.0", "CC-BY-SA-4.0"]

    [[topics]]
    id = "python"
    name = "Python"

    [[topics]]
    id = "web-development"
    name = "Web Development"

    [[materials]]
    id = "python-beginners"
    title = "Python for Beginners"
    description = "A tutorial\\tfor\\ncomplete newbies. \\u00e9"
    source = "https://github.com/OpenTechSchool/python-beginners"
    branch = "master"
    language = "pt_BR"
    branches = { de = "german", es_CL = "es/chile" }
    subdir = "source"
    layout = "gettext"
    topics = ["python", "web-development"]
    site_url = "https://opentechschool.github.io/python-beginners/"
    code_url = "https://github.com/OpenTechSchool/python-flask-code"
    license = "CC-BY-SA-3.0"

    [[materials]]
    id = "minimal"
    title = "Only the required keys"
    source = "git@github.com:OpenTechSchool/minimal.git"
    """
)

VALID_MATERIAL = """\
[[materials]]
id = "ok"
title = "OK"
source = "https://github.com/OpenTechSchool/ok"
"""


def write(tmp_path: Path, text: str, name: str = "catalogue.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``path`` containing ``needle``."""
    found = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    ]
    assert len(found) >= occurrence, f"{needle!r} not in {path}"
    return found[occurrence - 1]


def problems_of(path: Path, **options: bool) -> om.CatalogueError:
    with pytest.raises(om.CatalogueError) as caught:
        om.load_catalogue(path, **options)
    return caught.value


def problem(error: om.CatalogueError, key: str) -> om.Problem:
    matches = [p for p in error.problems if p.key == key]
    assert matches, f"no problem for {key!r} in {[p.key for p in error.problems]}"
    return matches[0]


def single_material_error(tmp_path: Path, lines: str) -> om.Problem:
    """Load one material with ``lines`` added (on line 5) and return its only problem."""
    text = f'\n[[materials]]\nid = "m"\ntitle = "M"\n{lines}\n'
    if "source =" not in lines:
        text += 'source = "https://github.com/OpenTechSchool/m"\n'
    path = write(tmp_path, text)
    error = problems_of(path)
    assert len(error.problems) == 1, error.problems
    return error.problems[0]


# --- a valid catalogue ------------------------------------------------------------------------


def test_valid_catalogue_with_every_key_loads(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    catalogue = om.load_catalogue(path)

    assert isinstance(catalogue, om.Catalogue)
    assert catalogue.name == 'OpenTechSchool "test" é'
    assert catalogue.path == path.resolve()
    assert catalogue.base_dir == tmp_path.resolve()
    s = catalogue.settings
    assert s.cache_dir == "~/.cache/otsmaterials"
    assert s.index == "otsmaterials.sqlite"
    assert s.allow_local_sources is True
    assert s.allowed_schemes == ("https", "ssh", "http", "git")
    assert s.allow_private_hosts is True
    assert (s.jobs, s.per_host, s.retries, s.max_blob_size) == (4, 2, 0, 4096)
    assert (s.timeout, s.retry_delay, s.lock_timeout, s.stale_lock_age) == (120, 0.5, 5, 7200)
    assert s.required_licenses == ("CC-BY-SA-3.0", "CC-BY-SA-4.0")
    assert [(t.id, t.name) for t in catalogue.topics] == [
        ("python", "Python"),
        ("web-development", "Web Development"),
    ]
    full = catalogue.material("python-beginners")
    assert full.title == "Python for Beginners"
    assert full.description == "A tutorial\tfor\ncomplete newbies. \u00e9"
    assert full.source == "https://github.com/OpenTechSchool/python-beginners"
    assert full.branch == "master"
    assert full.language == "pt-BR"
    assert full.branches == {"de": "german", "es-CL": "es/chile"}
    assert full.subdir == "source"
    assert full.layout == "gettext"
    assert full.topics == ("python", "web-development")
    assert full.site_url == "https://opentechschool.github.io/python-beginners/"
    assert full.code_url == "https://github.com/OpenTechSchool/python-flask-code"
    assert full.license == "CC-BY-SA-3.0"


def test_defaults_of_a_minimal_material_and_settings(tmp_path: Path) -> None:
    catalogue = om.load_catalogue(write(tmp_path, VALID_MATERIAL))
    material = catalogue.material("ok")
    assert catalogue.name == "otsmaterials"
    assert catalogue.topics == ()
    assert (material.language, material.layout, material.branch) == ("en", "auto", None)
    assert (material.branches, material.topics, material.subdir) == ({}, (), None)
    assert (material.site_url, material.code_url, material.license) == (None, None, None)
    assert material.description == ""
    s = catalogue.settings
    assert s.allowed_schemes == ("https", "ssh")
    assert (s.allow_local_sources, s.allow_private_hosts) == (False, False)
    assert (s.jobs, s.per_host, s.timeout, s.retries) == (8, 4, 300.0, 3)
    assert (s.retry_delay, s.max_blob_size) == (2.0, 2 * 1024 * 1024)
    assert (s.lock_timeout, s.stale_lock_age, s.required_licenses) == (60.0, 3600.0, None)
    with pytest.raises(om.NotFoundError, match=r"no material .nope. in the catalogue"):
        catalogue.material("nope")


def test_round_trip_through_dump_and_parse(tmp_path: Path) -> None:
    loaded = om.load_catalogue(write(tmp_path, FULL))
    text = om.dump_catalogue(loaded)
    again = om.parse_catalogue(text)

    assert again.model_dump() == loaded.model_dump()
    assert again == om.parse_catalogue(FULL)
    # Writing is deterministic and stable: the written text writes itself again.
    assert om.dump_catalogue(again) == text
    # Defaults are left out of the written file.
    minimal = om.parse_catalogue(VALID_MATERIAL)
    written = om.dump_catalogue(minimal)
    assert "[settings]" not in written
    assert "language" not in written
    assert "layout" not in written


def test_dump_header_becomes_comments() -> None:
    catalogue = om.parse_catalogue(VALID_MATERIAL)
    text = om.dump_catalogue(catalogue, header="first line\nsecond line")
    assert text.startswith("# first line\n# second line\n\n")
    assert om.parse_catalogue(text) == catalogue


_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(map(chr, [*range(9), 11, 12, *range(14, 32), 127])),
)
"""Any text a catalogue may hold: every character but control characters (tab and line breaks
are allowed) and lone surrogates."""
_TEXT = st.text(_CHARACTERS, min_size=1, max_size=40)


@settings(
    max_examples=150, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(name=_TEXT, title=_TEXT, description=st.text(_CHARACTERS, max_size=80), topic_name=_TEXT)
def test_round_trip_of_arbitrary_text(
    name: str, title: str, description: str, topic_name: str
) -> None:
    catalogue = om.Catalogue.model_validate(
        {
            "name": name,
            "topics": [{"id": "t", "name": topic_name}],
            "materials": [
                {
                    "id": "m",
                    "title": title,
                    "description": description,
                    "source": "https://github.com/OpenTechSchool/m",
                }
            ],
        }
    )
    assert om.parse_catalogue(om.dump_catalogue(catalogue)) == catalogue


# --- every problem at once ----------------------------------------------------------------------

BAD = """\
name = "Bad"
colour = "blue"

[settings]
allowed_schemes = ["https", "gopher"]
jobs = 0
frobnicate = 1

[[topics]]
id = "python"
name = "Python"
bogus = true

[[materials]]
id = "first"
title = "First"
source = "https://github.com/OpenTechSchool/first"

[[materials]]
id = "first"
title = "Second"
source = "ext::sh -c touch% /tmp/pwned"
language = "../../x"
branch = "a..b"
subdir = "../x"
site_url = "javascript:alert(1)"
extra = 1

[[materials]]
id = "Bad_Slug"
title = "Third"
source = "-uX"
language = "CON"
subdir = "/abs"
"""


def test_every_problem_is_reported_at_once_with_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, BAD)
    error = problems_of(path)

    expected = [
        ("colour", 'colour = "blue"', "unknown key"),
        ("settings.allowed_schemes", "allowed_schemes", "unknown scheme(s) gopher"),
        ("settings.jobs", "jobs = 0", "greater than or equal to 1"),
        ("settings.frobnicate", "frobnicate", "unknown key"),
        ("topics[0].bogus", "bogus", "unknown key"),
        ("materials[1].id", 'id = "first"', "duplicate id 'first'"),
        ("materials[1] (first).source", "ext::", "transport helpers"),
        (
            "materials[1] (first).language",
            'language = "../../x"',
            "invalid language code '../../x'",
        ),
        ("materials[1] (first).branch", "a..b", "invalid branch 'a..b'"),
        ("materials[1] (first).subdir", 'subdir = "../x"', "invalid subdir '../x'"),
        ("materials[1] (first).site_url", "javascript:", "invalid web address"),
        ("materials[1] (first).extra", "extra = 1", "unknown key"),
        ("materials[2] (Bad_Slug).id", "Bad_Slug", "invalid slug 'Bad_Slug'"),
        ("materials[2] (Bad_Slug).source", "-uX", "must not start with '-'"),
        ("materials[2] (Bad_Slug).language", 'language = "CON"', "unknown language code 'CON'"),
        ("materials[2] (Bad_Slug).subdir", "/abs", "invalid subdir '/abs'"),
    ]
    assert len(error.problems) == len(expected), error.problems
    occurrences = {'id = "first"': 2}
    text = str(error)
    assert str(path) in text
    for key, needle, message in expected:
        found = problem(error, key)
        assert found.line == line_of(path, needle, occurrences.get(needle, 1)), key
        assert message in found.message, (key, found.message)
        assert key in text
        assert f"line {found.line}: {key}: " in text
    # Sorted by line, so that the report reads like the file.
    lines = [p.line for p in error.problems]
    assert lines == sorted(lines)
    assert f"{len(expected)} problems in the catalogue" in text


def test_duplicate_id_names_the_first_use(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        VALID_MATERIAL
        + VALID_MATERIAL.replace('"ok"', '"other"')
        + VALID_MATERIAL
        + '\n[[topics]]\nid = "t"\nname = "T"\n\n[[topics]]\nid = "t"\nname = "Again"\n',
    )
    error = problems_of(path)
    assert len(error.problems) == 2
    material = problem(error, "materials[2].id")
    assert material.message == "duplicate id 'ok' (first used by materials[0])"
    assert material.line == line_of(path, 'id = "ok"', 2)
    topic = problem(error, "topics[1].id")
    assert "first used by topics[0]" in topic.message
    assert topic.line == line_of(path, 'id = "t"', 2)


def test_a_single_problem_names_path_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_MATERIAL + 'colour = "red"\n')
    error = problems_of(path)
    assert len(error.problems) == 1
    assert error.path == str(path)
    assert error.line == 5
    assert str(error).startswith(f"{path}:5: ")
    assert "materials[0] (ok).colour: unknown key" in str(error)
    assert isinstance(error, om.InputError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ext::sh -c touch% /tmp/pwned", "transport helpers"),
        ("fd::17", "transport helpers"),
        ("-uX", "must not start with '-'"),
        ("--upload-pack=x", "must not start with '-'"),
        ("--upload-pack=touch /tmp/x", "source contains whitespace"),
        ("http://github.com/OpenTechSchool/x", "scheme 'http' not allowed (allowed: https, ssh)"),
        ("git://github.com/OpenTechSchool/x", "scheme 'git' not allowed"),
        ("ftp://example.org/x.git", "scheme 'ftp' not allowed"),
        ("./repos/x", "local sources need allow_local_sources"),
        ("/srv/git/x", "local sources need allow_local_sources"),
        ("file:///srv/git/x", "local sources need allow_local_sources"),
        ("https://10.0.0.5/x.git", "host '10.0.0.5' not allowed: private or local address"),
        ("https://127.0.0.1/x.git", "private or local address"),
        ("https://[::1]/x.git", "private or local address"),
        ("https://localhost/x.git", "private or local address"),
        ("https://169.254.169.254/latest", "private or local address"),
        ("https://github.com", "names no repository"),
        ("https://exa_mple.org/x.git", "not a valid host name"),
    ],
)
def test_bad_source_is_reported_with_its_line(tmp_path: Path, source: str, message: str) -> None:
    found = single_material_error(tmp_path, f'source = "{source}"')
    assert found.key == "materials[0] (m).source"
    assert found.line == 5
    assert message in found.message


def test_source_password_is_not_shown(tmp_path: Path) -> None:
    path = write(
        tmp_path, VALID_MATERIAL.replace("https://github.com", "https://ada:s3cret@10.0.0.5")
    )
    error = problems_of(path)
    assert "private or local address" in str(error)
    assert "s3cret" not in str(error)


@pytest.mark.parametrize(
    "source",
    [
        "https://github.com/OpenTechSchool/x",
        "ssh://git@github.com/OpenTechSchool/x.git",
        "git@github.com:OpenTechSchool/x.git",
    ],
)
def test_good_remote_sources_are_accepted(tmp_path: Path, source: str) -> None:
    catalogue = om.load_catalogue(
        write(tmp_path, VALID_MATERIAL.replace("https://github.com/OpenTechSchool/ok", source))
    )
    assert catalogue.material("ok").source == source


def test_allowed_schemes_and_private_hosts_settings(tmp_path: Path) -> None:
    text = VALID_MATERIAL + VALID_MATERIAL.replace('"ok"', '"lan"').replace(
        "https://github.com", "https://10.0.0.5"
    ).replace("https://", "http://")
    refused = problems_of(write(tmp_path, text))
    assert "scheme 'http' not allowed" in problem(refused, "materials[1] (lan).source").message

    only_http = write(tmp_path, '[settings]\nallowed_schemes = ["http"]\n' + text, "b.toml")
    error = problems_of(only_http)
    assert "private or local address" in problem(error, "materials[1] (lan).source").message
    ok = problem(error, "materials[0] (ok).source")
    assert ok.message == "scheme 'https' not allowed (allowed: http)"

    allowing = '[settings]\nallowed_schemes = ["https", "http"]\nallow_private_hosts = true\n'
    catalogue = om.load_catalogue(write(tmp_path, allowing + text, "c.toml"))
    assert catalogue.material("lan").source == "http://10.0.0.5/OpenTechSchool/ok"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("../../x", "invalid language code '../../x'"),
        ("xx", "unknown language code 'xx'"),
        ("CON", "unknown language code 'CON'"),
        ("de/../../etc", "invalid language code"),
        ("", "invalid language code ''"),
    ],
)
def test_bad_language_code(tmp_path: Path, code: str, message: str) -> None:
    found = single_material_error(tmp_path, f'language = "{code}"')
    assert found.key == "materials[0] (m).language"
    assert found.line == 5
    assert message in found.message


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("../../x", "invalid language code '../../x'"),
        ("xx", "unknown language code 'xx'"),
        ("CON", "unknown language code 'CON'"),
    ],
)
def test_bad_language_code_as_branches_key(tmp_path: Path, code: str, message: str) -> None:
    found = single_material_error(tmp_path, f'branches = {{ "{code}" = "translation" }}')
    assert found.key.startswith(f"materials[0] (m).branches.{code}")
    assert found.line == 5
    assert message in found.message


@pytest.mark.parametrize(
    ("branch", "message"),
    [
        ("--upload-pack=x", "must not start with '-'"),
        ("refs/heads/x", "give the branch name itself"),
        ("a..b", "characters git does not allow"),
        ("HEAD", "give the branch name itself"),
        ("x.lock", "starts or ends with"),
        ("a b", "characters git does not allow"),
        ("", "empty"),
    ],
)
def test_bad_branch_name(tmp_path: Path, branch: str, message: str) -> None:
    found = single_material_error(tmp_path, f'branch = "{branch}"')
    assert found.key == "materials[0] (m).branch"
    assert found.line == 5
    assert f"invalid branch {branch!r}" in found.message
    assert message in found.message


@pytest.mark.parametrize("branch", ["--upload-pack=x", "refs/heads/x", "a..b"])
def test_bad_branch_name_in_branches(tmp_path: Path, branch: str) -> None:
    found = single_material_error(tmp_path, f'branches = {{ de = "{branch}" }}')
    assert found.key == "materials[0] (m).branches.de"
    assert found.line == 5
    assert f"invalid branch {branch!r}" in found.message


@pytest.mark.parametrize("subdir", ["../x", "/abs", "a/../../b", "a\\\\b", "/"])
def test_bad_subdir(tmp_path: Path, subdir: str) -> None:
    found = single_material_error(tmp_path, f'subdir = "{subdir}"')
    assert found.key == "materials[0] (m).subdir"
    assert found.line == 5
    assert "invalid subdir" in found.message


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("site_url", "javascript:alert(1)"),
        ("site_url", "ftp://example.org/"),
        ("site_url", "opentechschool.github.io/x"),
        ("code_url", "https://"),
        ("code_url", "https://exa mple.org/"),
    ],
)
def test_bad_web_address(tmp_path: Path, key: str, value: str) -> None:
    found = single_material_error(tmp_path, f'{key} = "{value}"')
    assert found.key == f"materials[0] (m).{key}"
    assert found.line == 5
    assert "invalid web address" in found.message


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        ('id = "M"', "id", "invalid slug 'M'"),
        ('layout = "pages"', "layout", "Input should be"),
        ('license = "CC BY SA"', "license", "invalid licence"),
        ('title = ""', "title", "at least 1 character"),
        ("title = 5", "title", "valid string"),
    ],
)
def test_bad_material_values(tmp_path: Path, line: str, key: str, message: str) -> None:
    values = {"id": '"m"', "title": '"M"', "source": '"https://github.com/a/m"'}
    name, value = line.split(" = ", 1)
    values[name] = value
    body = "".join(f"{k} = {v}\n" for k, v in values.items())
    path = write(tmp_path, f"\n[[materials]]\n{body}")
    error = problems_of(path)
    assert len(error.problems) == 1, error.problems
    found = error.problems[0]
    assert found.key.startswith("materials[0]")
    assert found.key.endswith(f".{key}")
    assert found.line == line_of(path, line)
    assert message in found.message


@pytest.mark.parametrize(
    ("text", "key", "needle"),
    [
        pytest.param(
            VALID_MATERIAL + 'topics = ["Python"]\n',
            "materials[0] (ok).topics[0]",
            "topics =",
            id="material-topics",
        ),
        pytest.param(
            f'[settings]\njobs = 2\nrequired_licenses = ["not a licence"]\n\n{VALID_MATERIAL}',
            "settings.required_licenses[0]",
            "required_licenses =",
            id="settings-required-licenses",
        ),
    ],
)
def test_bad_list_element_is_reported_at_its_key(
    tmp_path: Path, text: str, key: str, needle: str
) -> None:
    path = write(tmp_path, text)
    error = problems_of(path)
    assert [p.key for p in error.problems] == [key]
    assert error.problems[0].line == line_of(path, needle)


def test_missing_required_keys(tmp_path: Path) -> None:
    path = write(tmp_path, '[[materials]]\nid = "m"\n')
    error = problems_of(path)
    assert {p.key for p in error.problems} == {
        "materials[0] (m).title",
        "materials[0] (m).source",
    }
    assert all(p.message == "required key missing" for p in error.problems)
    assert all(p.line == 1 for p in error.problems)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("jobs = 0", "greater than or equal to 1"),
        ("jobs = 65", "less than or equal to 64"),
        ("per_host = 0", "greater than or equal to 1"),
        ("timeout = 0", "greater than 0"),
        ("retries = 11", "less than or equal to 10"),
        ("retry_delay = -1", "greater than or equal to 0"),
        ("max_blob_size = 10", "greater than or equal to 1024"),
        ('allowed_schemes = ["https", "ext"]', "unknown scheme(s) ext"),
        ('allowed_schemes = ["file"]', "unknown scheme(s) file"),
    ],
)
def test_bad_settings(tmp_path: Path, setting: str, message: str) -> None:
    path = write(tmp_path, f"[settings]\n{setting}\n\n{VALID_MATERIAL}")
    error = problems_of(path)
    assert len(error.problems) == 1, error.problems
    found = error.problems[0]
    assert found.key.startswith(f"settings.{setting.partition(' ')[0]}")
    assert found.line == 2
    assert message in found.message


# --- local sources ------------------------------------------------------------------------------


def test_allow_local_sources_argument_overrides_the_file(tmp_path: Path) -> None:
    local = VALID_MATERIAL.replace("https://github.com/OpenTechSchool/ok", "repos/ok")
    refused = write(tmp_path, local, "refused.toml")
    error = problems_of(refused)
    assert "local sources need allow_local_sources" in error.problems[0].message
    assert om.load_catalogue(refused, allow_local_sources=True).material("ok").source == "repos/ok"

    allowed = write(tmp_path, "[settings]\nallow_local_sources = true\n\n" + local, "allowed.toml")
    assert om.load_catalogue(allowed).material("ok").source == "repos/ok"
    error = problems_of(allowed, allow_local_sources=False)
    assert error.problems[0].key == "materials[0] (ok).source"
    assert error.problems[0].line == line_of(allowed, "repos/ok")


def test_relative_local_sources_are_relative_to_the_catalogue_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project" / "catalogues"
    folder.mkdir(parents=True)
    path = write(
        folder,
        "[settings]\nallow_local_sources = true\n\n"
        + VALID_MATERIAL.replace("https://github.com/OpenTechSchool/ok", "../repos/ok"),
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    catalogue = om.load_catalogue(path)
    assert catalogue.base_dir == folder.resolve()
    source = parse_source(
        catalogue.material("ok").source,
        catalogue.settings.source_policy(),
        base_dir=catalogue.base_dir,
    )
    assert source.kind == "local"
    assert source.url == (tmp_path / "project" / "repos" / "ok").resolve().as_uri()
    assert source.display == "../repos/ok"


def test_language_codes_are_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        VALID_MATERIAL
        + 'language = "pt_BR"\nbranches = { es_CL = "spanish", "sr@latin" = "serbian" }\n',
    )
    material = om.load_catalogue(path).material("ok")
    assert material.language == "pt-BR"
    assert material.branches == {"es-CL": "spanish", "sr-Latn": "serbian"}
    written = om.dump_catalogue(om.load_catalogue(path))
    assert 'language = "pt-BR"' in written
    assert "es-CL" in written


# --- unreadable files ---------------------------------------------------------------------------


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "x"\n\n[[materials]]\nid = "a"\ntitle = \n')
    error = problems_of(path)
    assert len(error.problems) == 1
    assert error.problems[0].key == "(syntax)"
    assert error.problems[0].line == 5
    assert error.line == 5
    assert str(error).startswith(f"{path}:5: invalid TOML")


def test_parse_catalogue_without_path_reports_the_line() -> None:
    with pytest.raises(om.CatalogueError) as caught:
        om.parse_catalogue(VALID_MATERIAL + "extra = 1\n")
    assert caught.value.path is None
    assert caught.value.problems[0].line == 5
    assert "materials[0] (ok).extra: unknown key" in str(caught.value)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "catalogue.toml"
    error = problems_of(path)
    assert error.path == str(path)
    assert str(error) == f"{path}: no such file"
    assert error.problems[0].key == "(file)"


def test_non_utf8_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Café"\n'.encode("latin-1"))
    error = problems_of(path)
    assert error.path == str(path)
    assert str(path) in str(error)
    assert "not valid UTF-8" in str(error)
    assert error.problems[0].key == "(file)"


def test_a_directory_is_not_a_catalogue(tmp_path: Path) -> None:
    error = problems_of(tmp_path)
    assert str(tmp_path) in str(error)
    assert error.problems[0].key == "(file)"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID_MATERIAL.encode("utf-8"))
    assert om.load_catalogue(path).material("ok").title == "OK"


def test_line_numbers_ignore_text_inside_multiline_strings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[materials]]\nid = "m"\ntitle = "M"\ndescription = """\ncolour = "not a key"\n"""\n'
        'source = "https://github.com/a/m"\ncolour = "red"\n',
    )
    error = problems_of(path)
    assert error.problems[0].key == "materials[0] (m).colour"
    assert error.problems[0].line == 8
