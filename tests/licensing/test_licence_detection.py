"""Licence detection: SPDX naming, statements in texts, and every source of evidence end to end.

The pure functions (``spdx``, ``evidence``) are tested on their own; the sources of evidence are
tested through ``om.build`` on fixture repositories, one material per source, all in one catalogue
built once for the module.
"""

from __future__ import annotations

import json

import pytest

from otsmaterials.licensing.evidence import find_in_text, spdx_headers
from otsmaterials.licensing.spdx import NOASSERTION, cc_from_parts, from_name, known, lookup

from gitrepos import material
from licence_repos import (
    Built,
    Workspace,
    dedent,
    deed,
    evidence_of,
    notice,
)

# --------------------------------------------------------------------------------------------
# Texts

OTS_NOTICE = (
    "All the material in this repository is licensed under Creative Commons CC BY-SA 3.0\n"
    "http://creativecommons.org/licenses/by-sa/3.0/\n"
)

# The opening of the real CC BY-SA 4.0 legal code (legalcode.txt), down to its first section.
BY_SA_4_OPENING = dedent(
    """
    Attribution-ShareAlike 4.0 International

    =======================================================================

    Creative Commons Corporation ("Creative Commons") is not a law firm and
    does not provide legal services or legal advice. Distribution of
    Creative Commons public licenses does not create a lawyer-client or
    other relationship. Creative Commons makes its licenses and related
    information available on an "as-is" basis. Creative Commons gives no
    warranties regarding its licenses, any material licensed under their
    terms and conditions, or any related information. Creative Commons
    disclaims all liability for damages resulting from their use to the
    fullest extent possible.

    Using Creative Commons Public Licenses

    Creative Commons public licenses provide a standard set of terms and
    conditions that creators and other rights holders can use to share
    original works of authorship and other material subject to copyright
    and certain other rights specified in the public license below. The
    following considerations are for informational purposes only, are not
    exhaustive, and do not form part of our licenses.
    """
)
BY_SA_4_PUBLIC_LICENSE = dedent(
    """

    =======================================================================

    Creative Commons Attribution-ShareAlike 4.0 International Public
    License

    By exercising the Licensed Rights (defined below), You accept and agree
    to be bound by the terms and conditions of this Creative Commons
    Attribution-ShareAlike 4.0 International Public License ("Public
    License"). To the extent this Public License may be interpreted as a
    contract, You are granted the Licensed Rights in consideration of Your
    acceptance of these terms and conditions, and the Licensor grants You
    such rights in consideration of benefits the Licensor receives from
    making the Licensed Material available under these terms and
    conditions.
    """
)
BY_SA_4_LEGAL_CODE = BY_SA_4_OPENING + BY_SA_4_PUBLIC_LICENSE

# The opening of the real CC BY-SA 3.0 Unported legal code.
BY_SA_3_LEGAL_CODE = dedent(
    """
    Creative Commons Legal Code

    Attribution-ShareAlike 3.0 Unported

        CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM AND DOES NOT PROVIDE
        LEGAL SERVICES. DISTRIBUTION OF THIS LICENSE DOES NOT CREATE AN
        ATTORNEY-CLIENT RELATIONSHIP. CREATIVE COMMONS PROVIDES THIS
        INFORMATION ON AN "AS-IS" BASIS. CREATIVE COMMONS MAKES NO WARRANTIES
        REGARDING THE INFORMATION PROVIDED, AND DISCLAIMS LIABILITY FOR
        DAMAGES RESULTING FROM ITS USE.

    License

    THE WORK (AS DEFINED BELOW) IS PROVIDED UNDER THE TERMS OF THIS CREATIVE
    COMMONS PUBLIC LICENSE ("CCPL" OR "LICENSE"). THE WORK IS PROTECTED BY
    COPYRIGHT AND/OR OTHER APPLICABLE LAW.
    """
)

MIT_TEXT = dedent(
    """
    MIT License

    Copyright (C) 2011 by Marijn Haverbeke <marijnh@gmail.com>

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in
    all copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
    THE SOFTWARE.
    """
)

GPL_3_TEXT = (
    "                    GNU GENERAL PUBLIC LICENSE\n"
    "                       Version 3, 29 June 2007\n"
    "\n"
    " Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
    " Everyone is permitted to copy and distribute verbatim copies\n"
    " of this license document, but changing it is not allowed.\n"
    "\n"
    "                            Preamble\n"
    "\n"
    "  The GNU General Public License is a free, copyleft license for\n"
    "software and other kinds of works.\n"
)

CC0_TEXT = dedent(
    """
    CC0 1.0 Universal

    To the extent possible under law, the authors have waived all copyright and related or
    neighboring rights to this workshop. See https://creativecommons.org/publicdomain/zero/1.0/
    """
)

LINE_BUG = (
    "find_in_text (licensing/evidence.py) joins a short line (<= 20 characters, e.g. a blank "
    "line, a heading or `<footer>`) with the next one and records a statement found in that "
    "window at the short line's number (with an empty or wrong excerpt); the statement's own "
    "line is then skipped as already seen"
)


# --------------------------------------------------------------------------------------------
# SPDX naming

CC_KINDS = {
    "by": "Attribution",
    "by-sa": "Attribution-ShareAlike",
    "by-nd": "Attribution-NoDerivatives",
    "by-nc": "Attribution-NonCommercial",
    "by-nc-sa": "Attribution-NonCommercial-ShareAlike",
    "by-nc-nd": "Attribution-NonCommercial-NoDerivatives",
}
CC_VERSIONS = {"1.0": "Generic", "2.0": "Generic", "2.5": "Generic", "3.0": "Unported"}


@pytest.mark.parametrize("version", ["1.0", "2.0", "2.5", "3.0", "4.0"])
@pytest.mark.parametrize("kind", sorted(CC_KINDS))
def test_cc_from_parts_every_kind_and_version(kind, version):
    licence = cc_from_parts(kind, version)
    assert licence is not None
    assert licence.spdx == f"CC-{kind.upper()}-{version}"
    assert licence.url == f"https://creativecommons.org/licenses/{kind}/{version}/"
    suffix = CC_VERSIONS.get(version, "International")
    assert licence.name == f"Creative Commons {CC_KINDS[kind]} {version} {suffix}"
    assert (licence.family, licence.version, licence.port) == (kind, version, None)
    assert licence.share_alike is kind.endswith("-sa")
    assert licence.open is (kind in {"by", "by-sa"})
    # The SPDX id names the same licence again.
    assert lookup(licence.spdx) == licence
    assert from_name(licence.spdx) == licence


@pytest.mark.parametrize(
    ("parts", "spdx", "name", "url"),
    [
        (
            ("by-sa", "3.0", "de"),
            "CC-BY-SA-3.0-DE",
            "Creative Commons Attribution-ShareAlike 3.0 Germany",
            "https://creativecommons.org/licenses/by-sa/3.0/de/",
        ),
        (
            ("by-sa", "3.0", "at"),
            "CC-BY-SA-3.0-AT",
            "Creative Commons Attribution-ShareAlike 3.0 Austria",
            "https://creativecommons.org/licenses/by-sa/3.0/at/",
        ),
        (
            ("by", "3.0", "at"),
            "CC-BY-3.0-AT",
            "Creative Commons Attribution 3.0 Austria",
            "https://creativecommons.org/licenses/by/3.0/at/",
        ),
        (
            ("BY-NC-SA", "2.0", "FR"),
            "CC-BY-NC-SA-2.0-FR",
            "Creative Commons Attribution-NonCommercial-ShareAlike 2.0 France",
            "https://creativecommons.org/licenses/by-nc-sa/2.0/fr/",
        ),
        # Ports that the SPDX list does not have get a LicenseRef- id.
        (
            ("by-sa", "3.0", "ch"),
            "LicenseRef-CC-BY-SA-3.0-CH",
            "Creative Commons Attribution-ShareAlike 3.0 Switzerland",
            "https://creativecommons.org/licenses/by-sa/3.0/ch/",
        ),
        (
            ("by-nc", "2.0", "fr"),
            "LicenseRef-CC-BY-NC-2.0-FR",
            "Creative Commons Attribution-NonCommercial 2.0 France",
            "https://creativecommons.org/licenses/by-nc/2.0/fr/",
        ),
    ],
)
def test_cc_national_ports(parts, spdx, name, url):
    licence = cc_from_parts(*parts)
    assert licence is not None
    assert (licence.spdx, licence.name, licence.url) == (spdx, name, url)
    assert licence.port == parts[2].lower()
    assert licence.family == parts[0].lower()
    assert lookup(spdx) == licence


@pytest.mark.parametrize(("kind", "version"), [("by-xx", "4.0"), ("by", "5.0"), ("sa", "3.0")])
def test_cc_from_parts_rejects_what_is_no_cc_licence(kind, version):
    assert cc_from_parts(kind, version) is None


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        ("CC BY-SA 3.0", "CC-BY-SA-3.0"),
        ("CC-BY-SA 4.0", "CC-BY-SA-4.0"),
        ("cc by 4.0", "CC-BY-4.0"),
        ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
        ("CC BY-NC-ND 3.0", "CC-BY-NC-ND-3.0"),
        ("Creative Commons BY-ND 4.0", "CC-BY-ND-4.0"),
        ("Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"),
        ("Creative Commons Attribution-ShareAlike 3.0 Unported License", "CC-BY-SA-3.0"),
        ("Creative Commons Attribution-NoDerivs 3.0 Unported", "CC-BY-ND-3.0"),
        (
            "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Germany",
            "CC-BY-NC-SA-3.0-DE",
        ),
        ("Creative Commons Attribution-ShareAlike 3.0 Österreich", "CC-BY-SA-3.0-AT"),
        ("CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-DE"),
        ("CC0", "CC0-1.0"),
        ("MIT", "MIT"),
        ("MIT License", "MIT"),
        ("GPL-3.0", "GPL-3.0-or-later"),
        ("GPLv3", "GPL-3.0-or-later"),
        ("GPL-3.0-or-later", "GPL-3.0-or-later"),
        ("Apache 2.0", "Apache-2.0"),
    ],
)
def test_from_name_free_text_and_spdx_ids(text, spdx):
    found = from_name(text)
    assert found is not None
    assert found.spdx == spdx


@pytest.mark.parametrize(
    "text", ["All rights reserved", "see the LICENSE file", "Creative Commons", "", "CC BY-SA"]
)
def test_from_name_without_a_licence(text):
    assert from_name(text) is None


def test_lookup_and_known():
    found = {spdx: lookup(spdx) for spdx in ("mit", "CC0-1.0", "LicenseRef-CC-BY-SA-3.0-CH")}
    assert {key: (value.spdx, value.url) if value else None for key, value in found.items()} == {
        "mit": ("MIT", "https://opensource.org/license/mit/"),
        "CC0-1.0": ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        "LicenseRef-CC-BY-SA-3.0-CH": (
            "LicenseRef-CC-BY-SA-3.0-CH",
            "https://creativecommons.org/licenses/by-sa/3.0/ch/",
        ),
    }
    assert lookup("Beerware") is None
    unknown = known("Beerware")
    assert (unknown.spdx, unknown.name, unknown.url, unknown.family) == (
        "Beerware",
        "Beerware",
        None,
        None,
    )
    assert not unknown.share_alike


# --------------------------------------------------------------------------------------------
# Statements in one text


def _found(text: str) -> list[tuple[str, int, str]]:
    return [(f.licence.spdx, f.line, f.kind) for f in find_in_text(text)]


def test_find_in_text_ots_two_line_notice():
    assert _found(OTS_NOTICE) == [
        ("CC-BY-SA-3.0", 1, "name"),
        ("CC-BY-SA-3.0", 2, "deed-link"),
    ]
    excerpts = [f.excerpt for f in find_in_text(OTS_NOTICE)]
    assert excerpts == OTS_NOTICE.splitlines()


@pytest.mark.parametrize("version", ["1.0", "2.0", "2.5", "3.0", "4.0"])
@pytest.mark.parametrize("kind", sorted(CC_KINDS))
def test_find_in_text_every_deed_link(kind, version):
    text = f"Reuse it: <a href='{deed(kind, version)}'>terms</a>"
    assert _found(text) == [(f"CC-{kind.upper()}-{version}", 1, "deed-link")]


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        (
            '<a rel="license" href="http://creativecommons.org/licenses/by-sa/3.0/de/">',
            "CC-BY-SA-3.0-DE",
        ),
        ("http://creativecommons.org/licenses/by-sa/3.0/de", "CC-BY-SA-3.0-DE"),
        (
            "see http://creativecommons.org/licenses/by-sa/3.0/at/deed.de for the terms",
            "CC-BY-SA-3.0-AT",
        ),
        ("(https://creativecommons.org/licenses/by/3.0/at/)", "CC-BY-3.0-AT"),
        ("https://creativecommons.org/licenses/by-sa/3.0/ch/", "LicenseRef-CC-BY-SA-3.0-CH"),
        # A deed in another language is no national port.
        ("https://creativecommons.org/licenses/by/4.0/deed.de", "CC-BY-4.0"),
        ("https://creativecommons.org/licenses/by-sa/4.0/legalcode", "CC-BY-SA-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
    ],
)
def test_find_in_text_ports_and_deed_variants(text, spdx):
    assert [f.licence.spdx for f in find_in_text(text) if f.kind == "deed-link"] == [spdx]


def test_find_in_text_badge():
    text = (
        "[![Creative Commons License](https://i.creativecommons.org/l/by-nc-sa/4.0/88x31.png)]"
        "(http://creativecommons.org/licenses/by-nc-sa/4.0/)"
    )
    assert _found(text) == [("CC-BY-NC-SA-4.0", 1, "deed-link"), ("CC-BY-NC-SA-4.0", 1, "badge")]


def test_find_in_text_spdx_header():
    text = (
        "<!--\nSPDX-FileCopyrightText: 2014 OpenTechSchool\n"
        "SPDX-License-Identifier: CC-BY-SA-4.0\n-->\n"
    )
    assert ("CC-BY-SA-4.0", 3, "spdx-header") in _found(text)


HEADER_TEXTS = [
    "<!--\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n# Title\n",
    "// SPDX-License-Identifier: Apache-2.0 OR MIT\nfn main() {}\n",
    "# SPDX-License-Identifier: MIT\n# SPDX-License-Identifier: MIT\n# again: one kept\n",
    "SPDX-License-Identifier: CC-BY-4.0\nSPDX-License-Identifier: CC0-1.0\n",
    "SPDX-License-Identifier: NotALicence-9\nSPDX-License-Identifier: GPL-3.0-or-later\n",
    "spdx-license-identifier: MIT (lower case: no header)\n",
    "This page is under CC BY-SA 4.0, see LICENSE.\nSPDX-License-Identifier: CC-BY-SA-4.0\n",
    "```rust\n// SPDX-License-Identifier: Apache-2.0\n```\nSPDX-License-Identifier: CC-BY-4.0\n",
    "No header at all, only http://creativecommons.org/licenses/by/4.0/ linked.\n",
    "SPDX-License-Identifier:   BSD-3-Clause   \n" + MIT_TEXT,
]


@pytest.mark.parametrize("text", HEADER_TEXTS)
@pytest.mark.parametrize("first_line", [1, 7])
def test_spdx_headers_are_what_the_full_search_finds_of_them(text: str, first_line: int) -> None:
    """A file's header alone is looked for (REUSE): the same findings as the full search's."""
    full = [f for f in find_in_text(text, first_line=first_line) if f.kind == "spdx-header"]
    assert spdx_headers(text, first_line=first_line) == full


def test_find_in_text_mit_legal_text():
    found = find_in_text(MIT_TEXT)
    assert [(f.licence.spdx, f.kind) for f in found] == [("MIT", "legal-text")]


def test_find_in_text_records_the_line_of_the_statement():
    found = find_in_text(MIT_TEXT)
    # The text starts with its title: the statement is found where the text starts.
    assert [(f.line, f.excerpt[:30]) for f in found] == [(1, "MIT License")]
    section = "## License\n\nThis work is licensed under CC BY-SA 4.0.\n"
    assert [(f.line, f.excerpt) for f in find_in_text(section)] == [
        (3, "This work is licensed under CC BY-SA 4.0.")
    ]


def test_find_in_text_first_line_offset():
    text = "See the deed for the terms of reuse:\nhttp://creativecommons.org/licenses/by/4.0/\n"
    assert [f.line for f in find_in_text(text)] == [2]
    assert [f.line for f in find_in_text(text, first_line=10)] == [11]


@pytest.mark.parametrize(
    "text",
    [
        "Copyright 2012 OpenTechSchool. All rights reserved.",
        "We love Creative Commons and open licences in general.",
        "Released in 2014 under version 2.0 of our workshop format.",
    ],
)
def test_find_in_text_nothing(text):
    assert find_in_text(text) == []


def test_find_in_text_cc_by_sa_4_legal_code_opening():
    assert ("CC-BY-SA-4.0", 1) in [(f.licence.spdx, f.line) for f in find_in_text(BY_SA_4_OPENING)]


def test_find_in_text_cc_by_sa_3_legal_code():
    assert "CC-BY-SA-3.0" in {f.licence.spdx for f in find_in_text(BY_SA_3_LEGAL_CODE)}


def test_find_in_text_gpl_3_text():
    # The licence alone says nothing about later versions: "-only", as SPDX reads it ...
    assert [f.licence.spdx for f in find_in_text(GPL_3_TEXT)] == ["GPL-3.0-only"]
    # ... until a notice says "or (at your option) any later version".
    notice = (
        "This program is free software: you can redistribute it and/or modify it under the\n"
        "terms of the GNU General Public License as published by the Free Software\n"
        "Foundation, either version 3 of the License, or (at your option) any later version.\n"
    )
    assert [f.licence.spdx for f in find_in_text(notice)] == ["GPL-3.0-or-later"]
    assert "GPL-3.0-or-later" in {f.licence.spdx for f in find_in_text(GPL_3_TEXT + notice)}


# --------------------------------------------------------------------------------------------
# Every source of evidence, end to end

README_SECTION = dedent(
    """
    # Python for Beginners

    The material of the workshop.

    ## License

    This work is licensed under a [Creative Commons Attribution 4.0 International License](http://creativecommons.org/licenses/by/4.0/).

    ## Contributing

    Send a pull request; see https://creativecommons.org/licenses/by-nc/4.0/ for nothing.
    """
)
README_SECTION_LINE = 7

README_RST = dedent(
    """
    Python for Beginners
    ====================

    The material of the workshop.

    License
    =======

    The material is licensed under `CC BY-SA 3.0 <http://creativecommons.org/licenses/by-sa/3.0/>`_.
    """
)
README_RST_LINE = 9

README_BADGE = dedent(
    """
    # JavaScript for Beginners

    [![License: CC BY-SA 4.0](https://i.creativecommons.org/l/by-sa/4.0/88x31.png)](https://creativecommons.org/licenses/by-sa/4.0/)

    The material of the workshop.
    """
)
README_BADGE_LINE = 3

COPYRIGHT_PAGE = (
    "# Copyright\n\nThe workshop material is licensed under the Creative Commons "
    "Attribution-ShareAlike 3.0 Unported License: http://creativecommons.org/licenses/by-sa/3.0/\n"
)
COPYRIGHT_PAGE_LINE = 3

LIZENZ_RST = (
    "Lizenz\n======\n\nDieses Werk ist lizenziert unter einer Creative Commons Namensnennung - "
    "Weitergabe unter gleichen Bedingungen 3.0 Deutschland Lizenz: "
    "http://creativecommons.org/licenses/by-sa/3.0/de/\n"
)
LIZENZ_RST_LINE = 4

LAYOUT = dedent(
    """
    <!DOCTYPE html>
    <html>
      <body>
        {{ content }}
        <footer>
          Licensed under <a href="http://creativecommons.org/licenses/by-sa/3.0/">CC BY-SA 3.0</a>
        </footer>
      </body>
    </html>
    """
)
LAYOUT_LINE = 6

PACKAGE_JSON = dedent(
    """
    {
      "name": "js-beginners",
      "version": "1.0.0",
      "license": "CC BY-SA 3.0",
      "dependencies": {}
    }
    """
)

REUSE_TOML = dedent(
    """
    version = 1

    [[annotations]]
    path = "**"
    SPDX-FileCopyrightText = "2014 OpenTechSchool and contributors"
    SPDX-License-Identifier = "CC-BY-SA-4.0"
    """
)
REUSE_TOML_LINE = 6

DEP5 = dedent(
    """
    Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
    Upstream-Name: html-css-beginners

    Files: *
    Copyright: 2014 OpenTechSchool and contributors
    License: CC-BY-SA-4.0
    """
)

LICENSE_MD = (
    "# License\n\nThis work is licensed under the Creative Commons Attribution 4.0 International "
    "License. To view a copy of this license, visit http://creativecommons.org/licenses/by/4.0/.\n"
)
LICENSE_MD_LINE = 3

CONFLICT_README = dedent(
    """
    # Workshop

    ## License

    CC BY-NC-SA 3.0, see http://creativecommons.org/licenses/by-nc-sa/3.0/ for the terms.
    """
)


def _front(title: str, body: str, **keys: str) -> str:
    lines = ["---", f"title: {title}", *(f"{key}: {value}" for key, value in keys.items()), "---"]
    return "\n".join(lines) + f"\n\n{body}\n"


def _spdx_header(spdx: str, body: str) -> str:
    return f"<!-- SPDX-License-Identifier: {spdx} -->\n\n{body}"


@pytest.fixture(scope="module")
def detected(workspace: Workspace) -> Built:
    w = workspace
    conflict = w.workshop(
        "conflict", {"LICENSE": notice("by-sa", "4.0"), "README.md": CONFLICT_README}
    )
    nothing = w.workshop("nothing")
    sources = {
        "notice": {"LICENCE": OTS_NOTICE},
        "licence-md": {"LICENSE.md": LICENSE_MD},
        "copying": {"COPYING": CC0_TEXT},
        "legal-by-sa-4": {"LICENSE.txt": BY_SA_4_LEGAL_CODE},
        "legal-opening": {"LICENSE": BY_SA_4_OPENING},
        "legal-by-sa-3": {"LICENSE": BY_SA_3_LEGAL_CODE},
        "mit": {"LICENSE": MIT_TEXT},
        "gpl": {"COPYING": GPL_3_TEXT},
        "readme-section": {"README.md": README_SECTION},
        "readme-rst": {"README.rst": README_RST},
        "badge": {"README.md": README_BADGE},
        "page": {"copyright.md": COPYRIGHT_PAGE},
        "port-de": {"docs/de/lizenz.rst": LIZENZ_RST},
        "port-at": {"LICENSE": notice("by-sa", "3.0", "at")},
        "port-ch": {"LICENSE": notice("by-sa", "3.0", "ch")},
        "layout": {"_layouts/default.html": LAYOUT},
        "package": {"package.json": PACKAGE_JSON},
        "package-spdx": {"package.json": '{"name": "x", "license": "CC-BY-4.0"}\n'},
        "reuse": {"LICENSES/CC-BY-SA-4.0.txt": BY_SA_4_LEGAL_CODE, "REUSE.toml": REUSE_TOML},
        "dep5": {".reuse/dep5": DEP5},
        "spdx-headers": {"hello.md": _spdx_header("CC-BY-SA-4.0", "# Hello\n\nSay hello.\n")},
        "vendored": {
            "LICENCE": OTS_NOTICE,
            "lib/codemirror2/LICENSE": MIT_TEXT,
            "lib/codemirror2/package.json": '{"name": "codemirror", "license": "MIT"}\n',
            "lib/codemirror2/README.md": "# CodeMirror\n\n## License\n\nMIT License\n",
        },
        "vendored-only": {
            "lib/codemirror2/LICENSE": MIT_TEXT,
            "node_modules/left-pad/LICENSE": "Licensed under CC BY 4.0 https://creativecommons.org/licenses/by/4.0/\n",
        },
        "all-sources": {
            "LICENCE": OTS_NOTICE,
            "README.md": "# Workshop\n\n## License\n\nLicensed under CC BY-SA 3.0: "
            "http://creativecommons.org/licenses/by-sa/3.0/\n",
            "copyright.md": COPYRIGHT_PAGE,
            "_layouts/default.html": LAYOUT,
            "package.json": PACKAGE_JSON,
        },
        "lesson-licences": {
            "LICENSE": notice("by-sa", "4.0"),
            "other.md": _front(
                "Other", "Another lesson with a licence of its own.", license="CC BY-NC 4.0"
            ),
            "same.md": _front("Same", "A lesson that repeats the licence.", license="CC-BY-SA-4.0"),
            "headed.md": _spdx_header("CC-BY-4.0", "# Headed\n\nA lesson with a REUSE header.\n"),
        },
    }
    repos = {ident: w.workshop(ident, files) for ident, files in sources.items()}
    return w.build(
        "detection",
        [
            *(material(ident, repo) for ident, repo in repos.items()),
            material("conflict", conflict),
            material("conflict-override", conflict, license="CC-BY-NC-SA-3.0"),
            material("nothing", nothing),
            material("nothing-override", nothing, license="CC-BY-4.0"),
        ],
    )


def _licence(built: Built, ident: str):
    licence = built.index.material(ident).license
    assert licence is not None
    return licence


@pytest.mark.parametrize(
    ("ident", "spdx", "source", "path"),
    [
        ("notice", "CC-BY-SA-3.0", "license-file", "LICENCE"),
        ("licence-md", "CC-BY-4.0", "license-file", "LICENSE.md"),
        ("copying", "CC0-1.0", "license-file", "COPYING"),
        ("legal-by-sa-4", "CC-BY-SA-4.0", "license-file", "LICENSE.txt"),
        ("mit", "MIT", "license-file", "LICENSE"),
        ("readme-section", "CC-BY-4.0", "readme", "README.md"),
        ("readme-rst", "CC-BY-SA-3.0", "readme", "README.rst"),
        ("badge", "CC-BY-SA-4.0", "deed-link", "README.md"),
        ("page", "CC-BY-SA-3.0", "page", "copyright.md"),
        ("port-de", "CC-BY-SA-3.0-DE", "page", "docs/de/lizenz.rst"),
        ("port-at", "CC-BY-SA-3.0-AT", "license-file", "LICENSE"),
        ("port-ch", "LicenseRef-CC-BY-SA-3.0-CH", "license-file", "LICENSE"),
        ("layout", "CC-BY-SA-3.0", "layout", "_layouts/default.html"),
        ("package", "CC-BY-SA-3.0", "package", "package.json"),
        ("package-spdx", "CC-BY-4.0", "package", "package.json"),
        ("reuse", "CC-BY-SA-4.0", "reuse", "REUSE.toml"),
        ("dep5", "CC-BY-SA-4.0", "reuse", ".reuse/dep5"),
    ],
)
def test_each_source_of_evidence(detected, ident, spdx, source, path):
    licence = _licence(detected, ident)
    assert licence.spdx == spdx
    assert licence.name == known(spdx).name
    assert licence.url == known(spdx).url
    assert licence.conflicts == ()
    assert (source, path) in {(e.source, e.path) for e in licence.evidence}
    assert {e.spdx for e in licence.evidence} == {spdx}
    expected = {"license-file": "high", "reuse": "high", "deed-link": "low", "file-header": "low"}
    assert licence.confidence == expected.get(source, "medium")


def test_short_notice_evidence_lines_and_kinds(detected):
    licence = _licence(detected, "notice")
    assert [(e.path, e.line, e.kind, e.text) for e in licence.evidence] == [
        ("LICENCE", 1, "name", OTS_NOTICE.splitlines()[0]),
        ("LICENCE", 2, "deed-link", OTS_NOTICE.splitlines()[1]),
    ]


def test_legal_code_and_mit_text_are_recognised_as_such(detected):
    mit = _licence(detected, "mit")
    assert [(e.path, e.kind) for e in mit.evidence] == [("LICENSE", "legal-text")]
    legal = _licence(detected, "legal-by-sa-4")
    assert [(e.path, e.spdx) for e in legal.evidence] == [("LICENSE.txt", "CC-BY-SA-4.0")]


@pytest.mark.parametrize(
    "ident",
    [
        pytest.param("legal-opening"),
        pytest.param("legal-by-sa-3"),
    ],
)
def test_legal_code_openings(detected, ident):
    # The title line (1), or for 3.0 the "Attribution-ShareAlike 3.0 Unported" line (3).
    expected = {"legal-opening": ("CC-BY-SA-4.0", {1}), "legal-by-sa-3": ("CC-BY-SA-3.0", {1, 3})}
    spdx, lines = expected[ident]
    licence = _licence(detected, ident)
    assert licence.spdx == spdx
    assert licence.evidence[0].path == "LICENSE"
    assert licence.evidence[0].line in lines


def test_copying_with_the_gpl(detected):
    licence = _licence(detected, "gpl")
    assert licence.spdx == "GPL-3.0-only"  # no notice says "or any later version"
    assert licence.evidence[0].path == "COPYING"


def test_readme_licence_section_wins_over_links_elsewhere(detected):
    # The deed link under "Contributing" is outside the licence section: not evidence.
    licence = _licence(detected, "readme-section")
    assert {e.spdx for e in licence.evidence} == {"CC-BY-4.0"}
    assert {e.source for e in licence.evidence} == {"readme"}


def test_badge_only_readme(detected):
    licence = _licence(detected, "badge")
    assert {(e.source, e.kind) for e in licence.evidence} == {
        ("deed-link", "deed-link"),
        ("deed-link", "badge"),
    }
    assert licence.confidence == "low"  # a badge alone, no licence file or statement


def test_package_json_free_text(detected):
    licence = _licence(detected, "package")
    assert [(e.source, e.path, e.line, e.text, e.kind) for e in licence.evidence] == [
        ("package", "package.json", 4, '"license": "CC BY-SA 3.0"', "name")
    ]


def test_reuse_files(detected):
    licence = _licence(detected, "reuse")
    assert [(e.source, e.path, e.kind, e.spdx) for e in licence.evidence] == [
        ("reuse", "LICENSES/CC-BY-SA-4.0.txt", "file", "CC-BY-SA-4.0"),
        ("reuse", "REUSE.toml", "annotation", "CC-BY-SA-4.0"),
    ]
    # The legal code in LICENSES/ is REUSE's, not a LICENSE file of the material.
    assert "license-file" not in {e.source for e in licence.evidence}
    assert evidence_of(detected.index, "dep5") == [("reuse", ".reuse/dep5", 6)]


def test_spdx_headers_in_files(detected):
    licence = _licence(detected, "spdx-headers")
    assert licence.spdx == "CC-BY-SA-4.0"
    assert ("hello.md", 1) in {(e.path, e.line) for e in licence.evidence}


def test_vendored_licence_is_not_the_materials(detected):
    licence = _licence(detected, "vendored")
    assert licence.spdx == "CC-BY-SA-3.0"
    assert licence.conflicts == ()
    assert {e.path for e in licence.evidence} == {"LICENCE"}
    alone = _licence(detected, "vendored-only")
    assert (alone.spdx, alone.evidence, alone.confidence) == (NOASSERTION, (), "none")


def test_conflicting_evidence_licence_file_wins(detected):
    licence = _licence(detected, "conflict")
    assert licence.spdx == "CC-BY-SA-4.0"
    assert licence.conflicts == ("CC-BY-NC-SA-3.0",)
    assert licence.confidence == "high"
    by_spdx = {(e.spdx, e.source, e.path) for e in licence.evidence}
    assert ("CC-BY-SA-4.0", "license-file", "LICENSE") in by_spdx
    assert ("CC-BY-NC-SA-3.0", "readme", "README.md") in by_spdx


def test_catalogue_override_wins(detected):
    licence = _licence(detected, "conflict-override")
    assert licence.spdx == "CC-BY-NC-SA-3.0"
    assert licence.confidence == "high"
    first = licence.evidence[0]
    assert (first.source, first.path, first.line, first.kind) == (
        "catalogue",
        None,
        None,
        "override",
    )
    # The other statements stay on record.
    assert "CC-BY-SA-4.0" in licence.conflicts
    settled = _licence(detected, "nothing-override")
    assert (settled.spdx, settled.confidence) == ("CC-BY-4.0", "high")
    assert [e.source for e in settled.evidence] == ["catalogue"]


def test_no_licence_anywhere(detected):
    licence = _licence(detected, "nothing")
    assert licence.spdx == NOASSERTION
    assert licence.evidence == ()
    assert licence.conflicts == ()
    assert licence.confidence == "none"


def test_every_source_agreeing_is_no_conflict(detected):
    licence = _licence(detected, "all-sources")
    assert licence.spdx == "CC-BY-SA-3.0"
    assert licence.conflicts == ()
    assert licence.confidence == "high"
    assert {e.source for e in licence.evidence} == {
        "license-file",
        "page",
        "readme",
        "layout",
        "package",
    }


def test_evidence_is_strongest_source_first(detected):
    sources = [e.source for e in _licence(detected, "all-sources").evidence]
    ranks = {"license-file": 2, "page": 3, "readme": 4, "layout": 5, "package": 6}
    assert sources == sorted(sources, key=ranks.__getitem__)


# The title (line 1) or the "Creative Commons Attribution-ShareAlike 4.0 International Public"
# heading of the legal code.
LEGAL_CODE_LINES = (
    1,
    BY_SA_4_LEGAL_CODE.splitlines().index(
        "Creative Commons Attribution-ShareAlike 4.0 International Public"
    )
    + 1,
)

LINE_CASES = [
    ("notice", "LICENCE", (1,), False),
    ("package", "package.json", (4,), False),
    ("dep5", ".reuse/dep5", (6,), False),
    ("copying", "COPYING", (1,), False),
    ("licence-md", "LICENSE.md", (LICENSE_MD_LINE,), True),
    ("mit", "LICENSE", (1,), True),
    ("legal-by-sa-4", "LICENSE.txt", LEGAL_CODE_LINES, True),
    ("readme-section", "README.md", (README_SECTION_LINE,), True),
    ("readme-rst", "README.rst", (README_RST_LINE,), True),
    ("badge", "README.md", (README_BADGE_LINE,), True),
    ("page", "copyright.md", (COPYRIGHT_PAGE_LINE,), True),
    ("port-de", "docs/de/lizenz.rst", (LIZENZ_RST_LINE,), True),
    ("layout", "_layouts/default.html", (LAYOUT_LINE,), True),
]


@pytest.mark.parametrize(
    ("ident", "path", "expected"),
    [
        pytest.param(
            ident,
            path,
            expected,
            id=ident,
        )
        for ident, path, expected, buggy in LINE_CASES
    ],
)
def test_evidence_records_the_line_of_the_statement(detected, ident, path, expected):
    evidence = [e for e in _licence(detected, ident).evidence if e.path == path]
    assert evidence
    assert evidence[0].line in expected
    assert evidence[0].text  # the statement's line, not a blank one


def test_reuse_toml_line(detected):
    assert ("reuse", "REUSE.toml", REUSE_TOML_LINE) in evidence_of(detected.index, "reuse")


def test_lesson_front_matter_licence(detected):
    index = detected.index
    assert _licence(detected, "lesson-licences").spdx == "CC-BY-SA-4.0"
    other = index.lesson("lesson-licences/other").versions["en"]
    assert other.license == "CC-BY-NC-4.0"
    # The same licence as the material's is not a licence of its own.
    assert index.lesson("lesson-licences/same").versions["en"].license is None
    assert index.lesson("lesson-licences/hello").versions["en"].license is None


def test_lesson_spdx_header_licence(detected):
    assert detected.index.lesson("lesson-licences/headed").versions["en"].license == "CC-BY-4.0"


def test_export_json_carries_licence_and_evidence(detected):
    document = json.loads(detected.index.export_json())
    by_id = {entry["id"]: entry for entry in document["materials"]}
    conflict = by_id["conflict"]["license"]
    assert conflict["spdx"] == "CC-BY-SA-4.0"
    assert conflict["name"] == "Creative Commons Attribution-ShareAlike 4.0 International"
    assert conflict["url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert conflict["confidence"] == "high"
    assert conflict["conflicts"] == ["CC-BY-NC-SA-3.0"]
    assert {"path": "LICENSE", "line": 1, "source": "license-file", "spdx": "CC-BY-SA-4.0"} in [
        {key: item[key] for key in ("path", "line", "source", "spdx")}
        for item in conflict["evidence"]
    ]
    assert all(
        set(item) == {"path", "line", "source", "spdx", "kind", "text", "scope"}
        for item in conflict["evidence"]
    )
    nothing = by_id["nothing"]["license"]
    assert (nothing["spdx"], nothing["evidence"], nothing["confidence"]) == (
        NOASSERTION,
        [],
        "none",
    )
    lessons = {lesson["id"]: lesson for lesson in by_id["lesson-licences"]["lessons"]}
    assert lessons["lesson-licences/other"]["versions"]["en"]["license"] == "CC-BY-NC-4.0"
