"""Licences as real repositories state them: wrapped and translated statements, national ports,
full legal texts without a title, a material in a ``subdir``, content apart from code.

The fixture repositories copy what was found in OpenTechSchool/django-101 (a German port stated
in German and, wrapped, in English), stueken/django-marcador (a BSD text without a title),
google/comprehensive-rust (``.md`` files CC BY 4.0, code Apache-2.0, a header on every page) and
the Carpentries lessons (a LICENSE.md with a CC BY section and the MIT text for the software).
"""

from __future__ import annotations

import json
import textwrap
from importlib.resources import files

import pytest

from otsmaterials.cli import main
from otsmaterials.licensing.evidence import find_in_text
from otsmaterials.licensing.fulltext import THRESHOLD, match_legal_texts

from gitrepos import material
from licence_repos import HELLO_DE, Built, Workspace, dedent, notice

LIZENZ_RST = dedent(
    """
    .. _lizenz:

    Lizenz
    ======

    Dieses Werk ist unter einem Creative Commons Namensnennung-Weitergabe unter
    gleichen Bedingungen 3.0 Deutschland Lizenzvertrag lizenziert. Um die Lizenz
    anzusehen, gehe bitte zu http://creativecommons.org/licenses/by-sa/3.0/de/
    oder schicke einen Brief an Creative Commons, 171 Second Street, Suite 300,
    San Francisco, California 94105, USA.
    """
)
LICENSE_RST = dedent(
    """
    License
    =======

    This work is licensed under a Creative Commons Attribution-ShareAlike 3.0
    Germany License. To see the license please go to
    https://creativecommons.org/licenses/by-sa/3.0/de/deed.en_US or write a letter
    to Creative Commons, 171 Second Street, Suite 300, San Francisco,
    California 94105, USA.
    """
)
BSD_2 = dedent(
    """
    Copyright (c) 2013-2015, Markus Example
    All rights reserved.

    Redistribution and use in source and binary forms, with or without
    modification, are permitted provided that the following conditions are met:

    *   Redistributions of source code must retain the above copyright notice, this
        list of conditions and the following disclaimer.

    *   Redistributions in binary form must reproduce the above copyright notice,
        this list of conditions and the following disclaimer in the documentation
        and/or other materials provided with the distribution.

    THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
    ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
    WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
    DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
    FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
    DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
    SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
    CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
    OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
    OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
    """
)
BSD_3_CLAUSE = (
    "*   Neither the names of the authors nor the names of other contributors may be\n"
    "    used to endorse or promote products derived from this software without\n"
    "    specific prior written permission.\n\n"
)
MIT_BODY = dedent(
    """
    Permission is hereby granted, free of charge, to any person obtaining a copy of
    this software and associated documentation files (the "Software"), to deal in
    the Software without restriction, including without limitation the rights to
    use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
    the Software, and to permit persons to whom the Software is furnished to do so,
    subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
    FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
    COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
    IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
    CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
    """
)
CARPENTRIES_LICENSE = (
    dedent(
        """
        ---
        title: "Licenses"
        ---

        ## Instructional Material

        All Carpentries instructional material is made available under the
        [Creative Commons Attribution license][cc-by-human]. The following is a
        human-readable summary of (and not a substitute for) the [full legal text
        of the CC BY 4.0 license][cc-by-legal].

        ## Software

        Except where otherwise noted, the example programs and other software provided
        by The Carpentries are made available under the [OSI][osi]-approved
        [MIT license][mit-license].

        Copyright (c) The Carpentries

        """
    )
    + MIT_BODY
    + "\n[cc-by-human]: https://creativecommons.org/licenses/by/4.0/\n"
    "[cc-by-legal]: https://creativecommons.org/licenses/by/4.0/legalcode\n"
    "[mit-license]: https://opensource.org/licenses/mit-license.html\n"
    "[osi]: https://opensource.org\n"
)
BOOK_README = dedent(
    """
    # Comprehensive Workshop

    A four-day course.

    ## License

    This project is licensed under a mix of the Apache License 2.0 and the Creative
    Commons Attribution 4.0 International License.

    - **Source Code:** All source code files and code examples embedded in the
      documentation are licensed under the [Apache License, Version 2.0](LICENSE).

    - **Documentation & Content:** All non-source code assets—specifically Markdown
      (`.md`) files, documentation, and images—are licensed under the
      [Creative Commons Attribution 4.0 International License](LICENSE-CC-BY).
    """
)
APACHE_NOTICE = dedent(
    """
                                     Apache License
                               Version 2.0, January 2004
                            http://www.apache.org/licenses/
    """
)


def _page(title: str, *, code_header: bool = False) -> str:
    example = "\n```rust\n// SPDX-License-Identifier: Apache-2.0\nfn main() {}\n```\n"
    return (
        f"<!--\nCopyright 2024 Example\nSPDX-License-Identifier: CC-BY-4.0\n-->\n\n# {title}\n\n"
        f"A page about {title.lower()} with enough words to be a lesson of its own.\n"
        + (example if code_header else "")
    )


def _rewrapped(spdx: str, width: int = 66) -> str:
    """A shipped SPDX text without its title lines, re-wrapped and with other quotes."""
    text = (files("otsmaterials.licensing") / "texts" / f"{spdx}.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    while len(paragraphs[0].split()) < 12:  # no title, version or copyright line
        paragraphs.pop(0)
    wrapped = [textwrap.fill(" ".join(p.split()), width) for p in paragraphs]
    return "\n\n".join(wrapped).replace('"', "“")


@pytest.fixture(scope="module")
def built(workspace: Workspace) -> Built:
    port = workspace.workshop(
        "german-port", {"docs/de/lizenz.rst": LIZENZ_RST, "docs/en/license.rst": LICENSE_RST}
    )
    bsd = workspace.workshop("bsd", {"LICENSE": BSD_2})
    bsd3 = workspace.workshop(
        "bsd3", {"LICENSE": BSD_2.replace("THIS SOFTWARE", BSD_3_CLAUSE + "THIS SOFTWARE", 1)}
    )
    agpl = workspace.workshop("agpl", {"COPYING": _rewrapped("AGPL-3.0-only")})
    monorepo = workspace.repo("monorepo")
    monorepo.write(
        {
            "LICENSE": notice("by-sa", "4.0"),
            "README.md": "# Courses\n\nSeveral courses in one repository.\n",
            "course/hello.md": "# Hello\n\nSaying hello to the world with a small program today.\n",
            "other/LICENSE": notice("by", "4.0"),
            "other/hello.md": "# Hello\n\nSaying hello to the world with a small program today.\n",
        }
    ).commit("courses")
    book = workspace.workshop(
        "book",
        {
            "README.md": BOOK_README,
            "LICENSE": APACHE_NOTICE,
            "LICENSE-CC-BY": notice("by", "4.0"),
            "welcome.md": _page("Welcome"),
            "ownership.md": _page("Ownership", code_header=True),
            "examples/main.py": "# SPDX-License-Identifier: Apache-2.0\nprint('hello')\n",
        },
    )
    carpentries = workspace.workshop("carpentries", {"LICENSE.md": CARPENTRIES_LICENSE})
    # Lessons CC BY-SA 4.0, code MIT; a German translation says it is MIT.
    relicensed = workspace.workshop(
        "relicensed",
        {
            "README.md": "# Workshop\n\n## License\n\nThe lessons are licensed under CC BY-SA 4.0, "
            "the code examples under the MIT License.\n",
            "hello.de.md": "---\nlicense: MIT\n---\n" + HELLO_DE,
        },
    )
    reuse = workspace.workshop(
        "reuse",
        {
            "REUSE.toml": (
                'version = 1\n\n[[annotations]]\npath = "**/*.md"\n'
                'SPDX-License-Identifier = "CC-BY-SA-4.0"\n\n[[annotations]]\n'
                'path = ["**/*.py", "**/*.js"]\nSPDX-License-Identifier = "MIT"\n'
            ),
            "LICENSES/CC-BY-SA-4.0.txt": "Creative Commons Attribution-ShareAlike 4.0\n",
            "LICENSES/MIT.txt": MIT_BODY,
        },
    )
    return workspace.build(
        "statements",
        [
            material("german-port", port),
            material("bsd", bsd),
            material("bsd3", bsd3),
            material("agpl", agpl),
            material("course", monorepo, subdir="course"),
            material("other", monorepo, subdir="other"),
            material("book", book),
            material("carpentries", carpentries),
            material("relicensed", relicensed),
            material("reuse", reuse),
        ],
        settings={"required_licenses": ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-SA-3.0-DE"]},
    )


def _licence(built: Built, ident: str):
    licence = built.index.material(ident).license
    assert licence is not None
    return licence


# --------------------------------------------------------------------------------------------
# 1. Statements in any wording


def test_wrapped_and_german_statements_are_one_german_port(built):
    licence = _licence(built, "german-port")
    assert licence.spdx == "CC-BY-SA-3.0-DE"
    assert licence.conflicts == ()
    assert licence.url == "https://creativecommons.org/licenses/by-sa/3.0/de/"
    names = {(e.path, e.line, e.spdx) for e in licence.evidence if e.kind == "name"}
    assert names == {
        ("docs/de/lizenz.rst", 6, "CC-BY-SA-3.0-DE"),
        ("docs/en/license.rst", 4, "CC-BY-SA-3.0-DE"),
    }


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        (
            "Creative Commons Attribution - Partage dans les Mêmes Conditions 4.0 International",
            "CC-BY-SA-4.0",
        ),
        (
            (
                "Creative Commons Paternité - Pas d'Utilisation Commerciale - Partage des "
                "Conditions Initiales à l'Identique 2.0 France"
            ),
            "CC-BY-NC-SA-2.0-FR",
        ),
        ("Licencia Creative Commons Atribución-CompartirIgual 4.0 Internacional", "CC-BY-SA-4.0"),
        ("Creative Commons Reconocimiento-CompartirIgual 3.0 España", "LicenseRef-CC-BY-SA-3.0-ES"),
        ("Licença Creative Commons Atribuição-CompartilhaIgual 4.0 Internacional", "CC-BY-SA-4.0"),
        (
            "Creative Commons Attribuzione - Condividi allo stesso modo 3.0 Italia",
            "LicenseRef-CC-BY-SA-3.0-IT",
        ),
        (
            "Creative Commons Naamsvermelding-GelijkDelen 3.0 Nederland",
            "LicenseRef-CC-BY-SA-3.0-NL",
        ),
        ("Creative Commons Naamsvermelding 3.0 Nederland Licentie", "CC-BY-3.0-NL"),
        (
            "Creative Commons Uznanie autorstwa-Na tych samych warunkach 3.0 Polska",
            "LicenseRef-CC-BY-SA-3.0-PL",
        ),
        ("クリエイティブ・コモンズ 表示 - 継承 2.1 日本 ライセンス", "CC-BY-SA-2.1-JP"),
        ("クリエイティブ・コモンズ 表示 - 継承 4.0 国際 ライセンス", "CC-BY-SA-4.0"),
        (
            "Creative Commons Namensnennung-Weitergabe unter gleichen Bedingungen 3.0 Österreich",
            "CC-BY-SA-3.0-AT",
        ),
        ("Creative Commons Attribution-ShareAlike 3.0 IGO License", "CC-BY-SA-3.0-IGO"),
        (
            "Creative Commons Attribution-ShareAlike 2.0 England and Wales License",
            "CC-BY-SA-2.0-UK",
        ),
        (
            "Creative Commons Namensnennung - Nicht-kommerziell 3.0 Deutschland Lizenz",
            "CC-BY-NC-3.0-DE",
        ),
    ],
)
def test_statements_in_the_deeds_languages(text, spdx):
    cut = text.rfind(" ", 0, 30)  # wrapped over two lines, the first part in bold
    wrapped = f"Dieses Material steht unter der\n**{text[:cut]}**\n{text[cut + 1 :]}.\n"
    found = {f.licence.spdx for f in find_in_text(wrapped) if f.kind == "name"}
    assert found == ({spdx} if spdx else set())


def test_port_without_spdx_id_is_a_licence_ref_with_its_deed():
    (found,) = [
        f.licence for f in find_in_text("https://creativecommons.org/licenses/by-sa/3.0/fr/")
    ]
    assert (found.spdx, found.url) == (
        "LicenseRef-CC-BY-SA-3.0-FR",
        "https://creativecommons.org/licenses/by-sa/3.0/fr/",
    )


def test_name_without_jurisdiction_and_deed_link_of_the_port_are_one_statement():
    text = "Licensed under [CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0/at/).\n"
    assert {f.licence.spdx for f in find_in_text(text)} == {"CC-BY-SA-3.0-AT"}
    # An explicit "Unported" is not the port: that is a real conflict.
    text = "Creative Commons Attribution-ShareAlike 3.0 Unported\nhttps://creativecommons.org/licenses/by-sa/3.0/at/\n"
    assert {f.licence.spdx for f in find_in_text(text)} == {"CC-BY-SA-3.0", "CC-BY-SA-3.0-AT"}


# --------------------------------------------------------------------------------------------
# 2. Full legal texts


def test_full_texts_without_a_title(built):
    assert _licence(built, "bsd").spdx == "BSD-2-Clause"
    assert _licence(built, "bsd3").spdx == "BSD-3-Clause"
    agpl = _licence(built, "agpl")
    assert agpl.spdx == "AGPL-3.0-only"
    assert [(e.path, e.kind) for e in agpl.evidence] == [("COPYING", "legal-text")]


@pytest.mark.parametrize(
    "spdx",
    [
        "MIT",
        "ISC",
        "BSD-3-Clause",
        "Apache-2.0",
        "MPL-2.0",
        "GPL-2.0-only",
        "GPL-3.0-only",
        "LGPL-2.1-only",
        "LGPL-3.0-only",
        "Unlicense",
        "CC0-1.0",
        "CC-BY-3.0",
        "CC-BY-SA-1.0",
        "CC-BY-SA-2.0",
        "CC-BY-SA-2.5",
        "CC-BY-SA-4.0",
        "CC-BY-1.0",
        "CC-BY-2.5",
    ],
)
def test_every_shipped_text_is_recognised_rewrapped(spdx):
    matches = match_legal_texts(_rewrapped(spdx, width=58))
    assert [m.spdx for m in matches] == [spdx]
    assert matches[0].similarity >= THRESHOLD


def test_a_few_changed_words_stay_above_the_threshold_but_another_licence_does_not():
    changed = MIT_BODY.replace("free of charge", "without charge").replace("deal in", "use")
    assert [m.spdx for m in match_legal_texts(changed)] == ["MIT"]
    assert match_legal_texts("Some words about a workshop. " * 60) == []


def test_or_later_comes_from_the_notice():
    text = _rewrapped("GPL-3.0-only") + (
        "\n\nThis workshop is free software: you can redistribute it and/or modify it under\n"
        "the terms of the GNU General Public License as published by the Free Software\n"
        "Foundation, either version 3 of the License, or (at your option) any later version.\n"
    )
    assert {f.licence.spdx for f in find_in_text(text)} == {"GPL-3.0-or-later"}


# --------------------------------------------------------------------------------------------
# 3. Scope: subdir, content and code


def test_subdir_material_sees_the_root_licence(built):
    licence = _licence(built, "course")
    assert licence.spdx == "CC-BY-SA-4.0"
    assert [(e.path, e.source) for e in licence.evidence] == [("LICENSE", "license-file")]


def test_subdir_licence_nearer_than_the_root_wins(built):
    licence = _licence(built, "other")
    assert licence.spdx == "CC-BY-4.0"
    assert licence.evidence[0].path == "other/LICENSE"
    assert licence.conflicts == ()  # the root's statement is farther away, not a conflict


def test_book_lessons_carry_the_content_licence(built):
    material = built.index.material("book")
    assert material.license is not None and material.code_license is not None
    assert (material.license.spdx, material.code_license.spdx) == ("CC-BY-4.0", "Apache-2.0")
    assert material.license.conflicts == ()
    scopes = {(e.path, e.scope) for e in material.license.evidence}
    assert ("welcome.md", "content") in scopes
    assert {(e.path, e.scope) for e in material.code_license.evidence} >= {
        ("ownership.md", "code"),  # the header of the page's Rust example
        ("examples/main.py", "code"),
        ("LICENSE", "code"),
    }
    attribution = built.index.attribution("book/welcome", language="en")
    assert attribution.license == "CC-BY-4.0"
    assert built.index.lesson("book/welcome").versions["en"].license is None


def test_carpentries_licence_file_holds_both(built):
    material = built.index.material("carpentries")
    assert material.license.spdx == "CC-BY-4.0"
    assert material.license.conflicts == ()
    assert material.code_license is not None
    assert material.code_license.spdx == "MIT"
    assert ("LICENSE.md", "legal-text", "code") in {
        (e.path, e.kind, e.scope) for e in material.code_license.evidence
    }


def test_export_gives_content_and_code_licence_apart(built, capsys):
    document = json.loads(built.index.export_json())
    by_id = {m["id"]: m for m in document["materials"]}
    assert by_id["book"]["license"]["spdx"] == "CC-BY-4.0"
    assert by_id["book"]["code_license"]["spdx"] == "Apache-2.0"
    assert by_id["german-port"]["code_license"] is None
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    properties = schema["$defs"]["ExportMaterial"]["properties"]
    assert "code_license" in properties
    assert "lessons" in properties["license"]["description"]


def test_check_licenses_judges_the_content_licence(built, capsys):
    code = main(["--lang", "en", "check", "licenses", "-c", str(built.catalogue), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    flagged = {(f["rule"], f["material"]) for f in findings}
    # Apache-2.0 code is not "not accepted": the lessons are CC BY 4.0.
    assert ("not-accepted", "book") not in flagged
    assert ("not-accepted", "carpentries") not in flagged
    assert ("conflicting-evidence", "book") not in flagged
    assert ("not-accepted", "bsd") in flagged
    # ShareAlike compares the translation with the lessons' licence, not with the code's MIT.
    assert ("share-alike", "relicensed") in flagged
    assert ("not-accepted", "relicensed") in flagged  # the MIT translation is not accepted either
    assert code == 1


def test_cli_show_names_content_and_code_licence(built, capsys):
    assert main(["--lang", "de", "show", "book/welcome", "-c", str(built.catalogue)]) == 0
    out = capsys.readouterr().out
    assert "Lizenz: CC-BY-4.0" in out
    assert "Lizenz des Codes: Apache-2.0" in out


def test_one_sentence_can_give_the_lessons_and_the_code_each_a_licence(built):
    material = built.index.material("relicensed")
    assert material.license.spdx == "CC-BY-SA-4.0"
    assert material.license.conflicts == ()
    assert material.code_license is not None and material.code_license.spdx == "MIT"


def test_reuse_annotations_give_content_and_code_their_licences(built):
    material = built.index.material("reuse")
    assert material.license.spdx == "CC-BY-SA-4.0"
    assert material.code_license is not None and material.code_license.spdx == "MIT"
    scopes = {(e.path, e.spdx, e.scope) for e in material.license.evidence}
    assert ("REUSE.toml", "CC-BY-SA-4.0", "content") in scopes
