"""TASL attributions: golden outputs per lesson, language and format; escaping; version choice.

The golden files live in ``tests/attribution/golden/<lesson-slug>.<lang>.<ext>`` (the lesson id
with ``/`` written as ``--``; ``txt``, ``md``, ``html`` or ``json``). Each holds exactly what
``otsmaterials attribution LESSON --language LANG --format FMT`` writes to stdout for the bundled
demo. After an intended change of the output, rewrite them with::

    OTSMATERIALS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/attribution/test_attribution.py

then read the diff before committing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

import otsmaterials as om
from otsmaterials.attribution.render import Attribution, localized_deed, short_licence_name

from clirun import Run
from demo_fixture import Demo
from golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"

# An original, a gettext translation, a branch translation and a folder ("file") translation.
LESSONS = {
    "js-branches/03-functions": "original",
    "python-sphinx/loops": "gettext",
    "js-branches/01-hello": "branch",
    "web-markdown/core/setup": "file",
}
LANGUAGES = ["en", "de", "fr", "es"]
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OTSMATERIALS_LANG")
DEED = "https://creativecommons.org/licenses/by-sa/4.0/"


@pytest.fixture(scope="module")
def index(demo: Demo) -> Iterator[om.Index]:
    """The shared demo's index (``demo`` of ``tests/conftest.py``)."""
    with om.Index.open(demo.index) as opened:
        yield opened


@pytest.fixture
def no_language_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def golden_path(lesson: str, language: str, fmt: str) -> Path:
    return GOLDEN / f"{lesson.replace('/', '--')}.{language}.{FORMATS[fmt]}"


def library_output(attribution: Attribution, fmt: str) -> str:
    """What the CLI writes for ``attribution`` in ``fmt``, built from the library's API."""
    if fmt == "json":
        document = {"schema_version": 1, "attribution": attribution.json_dict()}
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    rendered: str = getattr(attribution, fmt)()
    return rendered + "\n"


# --- golden outputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_golden_attribution(
    demo: Demo,
    index: om.Index,
    run: Run,
    no_language_env: pytest.MonkeyPatch,
    lesson: str,
    language: str,
    fmt: str,
) -> None:
    code, out, err = run(
        "attribution", lesson, "--language", language, "--format", fmt, "-c", demo.catalogue
    )
    assert (code, err) == (0, "")
    assert_golden(out, golden_path(lesson, language, fmt))
    # The library renders the same as the command line.
    assert library_output(index.attribution(lesson, language=language), fmt) == out


def test_no_stray_golden_files() -> None:
    expected = {
        golden_path(lesson, language, fmt).name
        for lesson in LESSONS
        for language in LANGUAGES
        for fmt in FORMATS
    }
    assert {path.name for path in GOLDEN.iterdir()} == expected


def golden(lesson: str, language: str, fmt: str = "text") -> str:
    return golden_path(lesson, language, fmt).read_text(encoding="utf-8")


# The goldens, checked by content, so that a blind OTSMATERIALS_UPDATE_GOLDEN=1 cannot bless a
# regression in the parts that matter.
@pytest.mark.parametrize(
    ("lesson", "language", "expected"),
    [
        (
            "python-sphinx/loops",
            "en",
            (
                "“Loops” by Priya Raman, source: repos/python-sphinx.git, licensed under "
                f"CC BY-SA 4.0 ({DEED}).\n"
            ),
        ),
        (
            "python-sphinx/loops",
            "de",
            (
                "„Schleifen“ von Priya Raman, Quelle: repos/python-sphinx.git, lizenziert unter "
                f"CC BY-SA 4.0 ({DEED}deed.de). Übersetzung (Deutsch): Sabine Krüger. "
                "Bearbeitung von „Loops“.\n"
            ),
        ),
        (
            "python-sphinx/loops",
            "fr",
            (
                "« Loops » par Priya Raman, source : repos/python-sphinx.git, sous licence "
                f"CC BY-SA 4.0 ({DEED}deed.fr).\n"
            ),
        ),
        (
            "python-sphinx/loops",
            "es",
            (
                "«Ciclos» de Priya Raman, fuente: repos/python-sphinx.git, con licencia "
                f"CC BY-SA 4.0 ({DEED}deed.es). Traducción (español (Chile)): Catalina Rojas y "
                "Matías Fuentes. Adaptado de «Loops».\n"
            ),
        ),
        (
            "js-branches/01-hello",
            "de",
            (
                "„Hallo, JavaScript“ von Maren Holt, Quelle: repos/js-branches.git, "
                f"lizenziert unter CC BY-SA 4.0 ({DEED}deed.de). "
                "Übersetzung (Deutsch): Lukas Brenner. Bearbeitung von „Hello, JavaScript“.\n"
            ),
        ),
        (
            "js-branches/01-hello",
            "es",
            (
                "«Hello, JavaScript» de Maren Holt, fuente: repos/js-branches.git, con licencia "
                f"CC BY-SA 4.0 ({DEED}deed.es).\n"
            ),
        ),
        (
            "web-markdown/core/setup",
            "de",
            (
                "„Vorbereitung“ von Thiago Moreira, Quelle: repos/web-markdown.git, "
                f"lizenziert unter CC BY-SA 4.0 ({DEED}deed.de). "
                "Übersetzung (Deutsch): Thiago Moreira. Bearbeitung von „Setup“.\n"
            ),
        ),
        (
            "js-branches/03-functions",
            "fr",
            (
                "« Functions » par Maren Holt, source : repos/js-branches.git, sous licence "
                f"CC BY-SA 4.0 ({DEED}deed.fr).\n"
            ),
        ),
    ],
)
def test_golden_text_content(lesson: str, language: str, expected: str) -> None:
    assert golden(lesson, language) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_golden_html_and_markdown_link_the_localized_deed(language: str) -> None:
    deed = DEED if language == "en" else f"{DEED}deed.{language}"
    html_out = golden("python-sphinx/loops", language, "html")
    assert html_out.startswith('<p class="attribution">')
    assert html_out.endswith("</p>\n")
    assert f'<a href="{deed}">CC BY-SA 4.0</a>' in html_out
    assert '<a href="repos/python-sphinx.git">repos/python-sphinx.git</a>' in html_out
    markdown_out = golden("python-sphinx/loops", language, "markdown")
    assert f"[CC BY-SA 4.0](<{deed}>)" in markdown_out
    document = json.loads(golden("python-sphinx/loops", language, "json"))
    assert document["schema_version"] == 1
    fields = document["attribution"]
    assert fields["license_url"] == deed
    assert fields["license"] == "CC-BY-SA-4.0"
    assert fields["locale"] == language
    assert fields["text"] + "\n" == golden("python-sphinx/loops", language)


def test_golden_json_fields_of_a_translation() -> None:
    fields = json.loads(golden("python-sphinx/loops", "es", "json"))["attribution"]
    assert fields == {
        "lesson": "python-sphinx/loops",
        "language": "es-CL",
        "locale": "es",
        "title": "Ciclos",
        "url": None,
        "authors": ["Priya Raman"],
        "source": "repos/python-sphinx.git",
        "license": "CC-BY-SA-4.0",
        "license_name": "CC BY-SA 4.0",
        "license_url": f"{DEED}deed.es",
        "translators": ["Catalina Rojas", "Matías Fuentes"],
        "adapted_from": "Loops",
        "adapted_from_url": None,
        "text": golden("python-sphinx/loops", "es").rstrip("\n"),
    }


# --- the CLI picks the reader's language -------------------------------------------------------


def test_cli_lang_option_sets_the_attribution_language(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    code, out, _ = run("--lang", "de", "attribution", "python-sphinx/loops", "-c", demo.catalogue)
    assert code == 0
    assert out == golden("python-sphinx/loops", "de")


def test_cli_language_option_beats_lang(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    argv = ["--lang", "de", "attribution", "python-sphinx/loops", "--language", "es"]
    code, out, _ = run(*argv, "-c", demo.catalogue)
    assert code == 0
    assert out == golden("python-sphinx/loops", "es")


def test_cli_otsmaterials_lang_variable(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    no_language_env.setenv("OTSMATERIALS_LANG", "fr")
    code, out, _ = run(
        "attribution", "js-branches/01-hello", "--format", "markdown", "-c", demo.catalogue
    )
    assert code == 0
    assert out == golden("js-branches/01-hello", "fr", "markdown")


def test_cli_language_variable(demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch) -> None:
    no_language_env.setenv("LANGUAGE", "es")
    code, out, _ = run("attribution", "web-markdown/core/setup", "-c", demo.catalogue)
    assert code == 0
    assert out == golden("web-markdown/core/setup", "es")


def test_cli_without_any_language_uses_the_original(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        "attribution", "python-sphinx/loops", "--format", "json", "-c", demo.catalogue
    )
    assert code == 0
    assert out == golden("python-sphinx/loops", "en", "json")


def test_cli_invalid_language_is_a_usage_error(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    argv = ["attribution", "python-sphinx/loops", "--language", "../../etc/passwd"]
    code, out, err = run(*argv, "-c", demo.catalogue)
    assert code == 2
    assert out == ""
    assert err.startswith("otsmaterials: error: ")
    assert "invalid language code" in err


def test_cli_unknown_lesson_error_is_translated(
    demo: Demo, run: Run, no_language_env: pytest.MonkeyPatch
) -> None:
    code, out, err = run("--lang", "de", "attribution", "python-sphinx/nope", "-c", demo.catalogue)
    assert code == 2
    assert out == ""
    assert err.startswith("otsmaterials: Fehler: ")
    assert "python-sphinx/nope" in err


# --- Index.attribution picks the version -------------------------------------------------------


def test_requested_language_with_translated_text(index: om.Index) -> None:
    attribution = index.attribution("python-sphinx/variables", language="de")
    assert (attribution.language, attribution.locale) == ("de", "de")
    assert attribution.title == "Variablen"
    assert attribution.translators == ("Lukas Brenner", "Sabine Krüger")
    assert attribution.adapted_from == "Variables"
    assert "Übersetzung (Deutsch): Lukas Brenner und Sabine Krüger." in attribution.text()


def test_regional_request_gets_the_best_match(index: om.Index) -> None:
    attribution = index.attribution("python-sphinx/loops", language="de-AT")
    assert attribution.language == "de"
    assert attribution.locale == "de-AT"
    assert attribution.title == "Schleifen"
    assert attribution.license_url == f"{DEED}deed.de"
    assert attribution.text().startswith("„Schleifen“ von Priya Raman, Quelle: ")


def test_language_request_gets_a_regional_version(index: om.Index) -> None:
    attribution = index.attribution("web-markdown/core/setup", language="pt")
    assert attribution.language == "pt-BR"
    assert attribution.title == "Preparação"
    assert attribution.translators == ("Thiago Moreira",)


def test_partial_translation_is_still_credited(index: om.Index) -> None:
    version = index.lesson("python-sphinx/functions").versions["de"]
    assert 0 < version.completeness < 1
    attribution = index.attribution("python-sphinx/functions", language="de")
    assert (attribution.language, attribution.title) == ("de", "Funktionen")


def test_empty_french_catalog_gives_the_original_in_french(index: om.Index) -> None:
    assert index.lesson("python-sphinx/loops").versions["fr"].completeness == 0
    attribution = index.attribution("python-sphinx/loops", language="fr")
    assert (attribution.language, attribution.locale) == ("en", "fr")
    assert attribution.title == "Loops"
    assert attribution.translators == ()
    assert attribution.adapted_from is None
    text = attribution.text()
    assert text.startswith("« Loops » par Priya Raman, source : repos/python-sphinx.git, ")
    assert "sous licence CC BY-SA 4.0" in text
    assert "Traduction" not in text
    assert "Adapté" not in text


def test_no_version_in_the_language_gives_the_original(index: om.Index) -> None:
    attribution = index.attribution("js-branches/03-functions", language="de")
    assert (attribution.language, attribution.locale, attribution.title) == (
        "en",
        "de",
        "Functions",
    )
    assert attribution.text().startswith("„Functions“ von Maren Holt, ")


def test_no_language_gives_the_original_in_its_language(index: om.Index) -> None:
    attribution = index.attribution("web-markdown/extras/forms")
    assert (attribution.language, attribution.locale, attribution.title) == ("en", "en", "Forms")
    assert attribution.license_url == DEED


def test_unknown_lesson_is_an_error(index: om.Index) -> None:
    with pytest.raises(om.NotFoundError):
        index.attribution("python-sphinx/nope", language="de")


def test_invalid_language_is_rejected(index: om.Index) -> None:
    with pytest.raises(om.LanguageCodeError):
        index.attribution("python-sphinx/loops", language="de;rm -rf")


# --- rendering: escaping, joins, quotes, URLs ---------------------------------------------------


def hostile(**changes: Any) -> Attribution:
    fields: dict[str, Any] = {
        "lesson": "m/l",
        "language": "de",
        "locale": "en",
        "title": 'Loops <script>alert("x")</script> & "more"',
        "url": 'https://example.org/l?a=1&b="><script>alert(1)</script>',
        "authors": ('Ann "A" <img src=x onerror=alert(1)>', "Bob & Co"),
        "source": "https://example.org/src?x=1&y=\"'<script>",
        "license": "CC-BY-4.0",
        "license_name": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "translators": ("<script>t</script>",),
        "adapted_from": 'Original "<script>"',
        "adapted_from_url": 'https://example.org/o"onmouseover="alert(1)',
    }
    fields.update(changes)
    return Attribution(**fields)


def test_html_escapes_every_value() -> None:
    out = hostile().html()
    assert "<script" not in out.lower()
    assert "<img" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;more&quot;" in out
    assert "Ann &quot;A&quot; &lt;img src=x onerror=alert(1)&gt; and Bob &amp; Co" in out
    # Only our own tags, and every attribute value is one quoted, escaped string.
    assert set(re.findall(r"<(/?\w+)", out)) == {"p", "/p", "a", "/a"}
    hrefs = re.findall(r'<a href="([^"]*)">', out)
    assert hrefs == [
        "https://example.org/l?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "https://example.org/src?x=1&amp;y=&quot;&#x27;&lt;script&gt;",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://example.org/o&quot;onmouseover=&quot;alert(1)",
    ]
    assert out.count("<a ") == out.count("</a>") == 4


def test_html_parses_back_to_the_original_values() -> None:
    from html.parser import HTMLParser

    attribution = hostile()

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []
            self.hrefs: list[str] = []
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.hrefs.extend(value or "" for name, value in attrs if name == "href")

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    parser = Collect()
    parser.feed(attribution.html())
    parser.close()
    assert parser.tags == ["p", "a", "a", "a", "a"]
    assert parser.hrefs == [
        attribution.url,
        attribution.source,
        attribution.license_url,
        attribution.adapted_from_url,
    ]
    text = "".join(parser.text)
    assert attribution.title in text
    assert 'Ann "A" <img src=x onerror=alert(1)> and Bob & Co' in text
    assert "Translated into German by <script>t</script>." in text


def test_markdown_escapes_link_and_emphasis_characters() -> None:
    attribution = hostile(
        title="[Loops] *and* _more_",
        url="https://example.org/loops",
        authors=("Ann_Lee", "*Bob*"),
        source="https://example.org/src",
        translators=("[Zoë](https://evil.example)",),
        adapted_from="Orig*inal*",
        adapted_from_url=None,
    )
    out = attribution.markdown()
    assert "[\\[Loops\\] \\*and\\* \\_more\\_](<https://example.org/loops>)" in out
    assert "Ann\\_Lee and \\*Bob\\*" in out
    assert "\\[Zoë\\](https://evil.example)" in out
    assert "“Orig\\*inal\\*”" in out
    # Rendered by a CommonMark parser: exactly our links, the text comes back literally.
    rendered = MarkdownIt("commonmark").render(out)
    assert re.findall(r'<a href="([^"]*)">', rendered) == [
        "https://example.org/loops",
        "https://example.org/src",
        "https://creativecommons.org/licenses/by/4.0/",
    ]
    assert "<em>" not in rendered
    assert "<strong>" not in rendered
    assert ">[Loops] *and* _more_</a>" in rendered
    assert "Ann_Lee and *Bob*" in rendered
    assert "[Zoë](https://evil.example)" in rendered


def test_markdown_keeps_html_out() -> None:
    rendered = MarkdownIt("commonmark").render(hostile(url=None).markdown())
    assert "<script" not in rendered
    assert "<img" not in rendered


def test_markdown_link_with_angle_bracket_in_url_stays_a_link() -> None:
    attribution = hostile(source="https://example.org/a<b", url=None, adapted_from=None)
    rendered = MarkdownIt("commonmark").render(attribution.markdown())
    assert 'href="https://example.org/a%3Cb"' in rendered


def test_markdown_keeps_entity_like_text_literal() -> None:
    attribution = hostile(title="Fish &amp; Chips", url=None, adapted_from=None)
    rendered = MarkdownIt("commonmark").render(attribution.markdown())
    assert "Fish &amp;amp; Chips" in rendered


def test_text_shows_the_url_after_the_title() -> None:
    out = hostile(title="Loops", url="https://example.org/loops", locale="de").text()
    assert out.startswith("„Loops (https://example.org/loops)“ von ")
    assert out.index("Loops") < out.index("https://example.org/loops")
    without = hostile(title="Loops", url=None, locale="de").text()
    assert without.startswith("„Loops“ von ")
    assert "https://example.org/loops" not in without


def test_text_shows_the_source_once_and_the_deed() -> None:
    out = hostile(source="https://example.org/src", url=None, adapted_from=None).text()
    assert out.count("https://example.org/src") == 1
    assert "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)." in out


@pytest.mark.parametrize(
    ("locale", "two", "three", "quoted"),
    [
        ("en", "A and B", "A, B, and C", "“T”"),
        ("de", "A und B", "A, B und C", "„T“"),
        ("de-AT", "A und B", "A, B und C", "„T“"),
        ("fr", "A et B", "A, B et C", "« T »"),
        ("es", "A y B", "A, B y C", "«T»"),
        ("es-CL", "A y B", "A, B y C", "«T»"),
    ],
)
def test_names_and_quotes_per_language(locale: str, two: str, three: str, quoted: str) -> None:
    attribution = Attribution(
        lesson="m/l",
        language="nl",
        locale=locale,
        title="T",
        authors=("A", "B", "C"),
        source="S",
        license="CC-BY-SA-4.0",
        license_name="CC BY-SA 4.0",
        translators=("A", "B"),
        adapted_from="O",
    )
    text = attribution.text()
    assert text.startswith(f"{quoted} ")
    assert f" {three}, " in text
    assert f" {two}." in text


def test_no_authors_and_no_licence() -> None:
    attribution = Attribution(
        lesson="m/l",
        language="en",
        locale="de",
        title="T",
        source="S",
        license="NOASSERTION",
        license_name="NOASSERTION",
    )
    assert attribution.text() == "„T“, Quelle: S."
    assert attribution.html() == '<p class="attribution">„T“, Quelle: <a href="S">S</a>.</p>'


def test_translation_language_name_is_in_the_readers_language() -> None:
    attribution = hostile(locale="fr", language="de", url=None, adapted_from=None)
    assert "Traduction (allemand) : <script>t</script>." in attribution.text()
    assert "Traduction (allemand) : &lt;script&gt;t&lt;/script&gt;." in attribution.html()


@pytest.mark.parametrize(
    ("spdx", "name"),
    [
        ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
        ("CC-BY-4.0", "CC BY 4.0"),
        ("CC-BY-NC-SA-3.0-DE", "CC BY-NC-SA 3.0 DE"),
        ("LicenseRef-CC-BY-SA-3.0-IGO", "CC BY-SA 3.0 IGO"),
        ("MIT", "MIT"),
        ("NOASSERTION", "NOASSERTION"),
    ],
)
def test_short_licence_name(spdx: str, name: str) -> None:
    assert short_licence_name(spdx) == name


@pytest.mark.parametrize(
    ("url", "locale", "expected"),
    [
        (DEED, "de", f"{DEED}deed.de"),
        (DEED, "de-AT", f"{DEED}deed.de"),
        (DEED, "fr", f"{DEED}deed.fr"),
        (DEED, "es-CL", f"{DEED}deed.es"),
        (DEED, "en", DEED),
        ("https://opensource.org/license/mit", "de", "https://opensource.org/license/mit"),
        (None, "de", None),
    ],
)
def test_localized_deed(url: str | None, locale: str, expected: str | None) -> None:
    assert localized_deed(url, locale) == expected
