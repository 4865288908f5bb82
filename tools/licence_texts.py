"""Refresh the SPDX licence texts shipped in ``src/otsmaterials/licensing/texts/``.

Usage: python tools/licence_texts.py PACKAGE_DIR

PACKAGE_DIR is the unpacked npm package ``spdx-license-list`` (``npm pack spdx-license-list``,
CC0-1.0), which carries the ``licenseText`` of every licence on the SPDX License List. The
licences below are written one per file as ``<SPDX id>.txt``, with ``SOURCE.md`` naming the
package and SPDX License List version. The LGPL-3.0 text is cut where the GPL-3.0 text it embeds
begins (the LGPL is the GPL plus its additional permissions; a repository's COPYING.LESSER holds
only the LGPL part, and the GPL part is matched by the GPL text).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "otsmaterials" / "licensing" / "texts"
LICENCES = """
MIT MIT-0 ISC 0BSD BSD-2-Clause BSD-3-Clause Apache-2.0 MPL-2.0 Unlicense CC0-1.0
GPL-2.0-only GPL-3.0-only LGPL-2.1-only LGPL-3.0-only AGPL-3.0-only GFDL-1.3-only
CC-BY-1.0 CC-BY-2.0 CC-BY-2.5 CC-BY-3.0 CC-BY-4.0
CC-BY-SA-1.0 CC-BY-SA-2.0 CC-BY-SA-2.5 CC-BY-SA-3.0 CC-BY-SA-4.0
CC-BY-NC-3.0 CC-BY-NC-SA-3.0 CC-BY-ND-3.0 CC-BY-NC-ND-3.0
CC-BY-NC-4.0 CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC-BY-NC-ND-4.0
CC-BY-3.0-DE CC-BY-SA-3.0-DE CC-BY-SA-3.0-AT CC-BY-SA-3.0-IGO CC-BY-SA-2.0-UK CC-BY-SA-2.1-JP
""".split()


def main(package: Path) -> int:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    readme = (package / "readme.md").read_text(encoding="utf-8")
    version = re.search(r"SPDX License List version ([\d.]+) \(([\d-]+)\)", readme)
    if version is None:
        print("the package's readme names no SPDX License List version", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.txt"):
        old.unlink()
    for spdx in LICENCES:
        text = json.loads((package / "licenses" / f"{spdx}.json").read_text(encoding="utf-8"))
        body = text["licenseText"].replace("\r\n", "\n")
        if spdx == "LGPL-3.0-only":
            body = body[: body.index("GNU GENERAL PUBLIC LICENSE")]
        (TARGET / f"{spdx}.txt").write_text(body.strip() + "\n", encoding="utf-8")
    (TARGET / "SOURCE.md").write_text(
        "# Licence texts\n\n"
        f"The `licenseText` of {len(LICENCES)} licences of the SPDX License List, version "
        f"{version.group(1)} ({version.group(2)}), https://spdx.org/licenses/, as packaged in the "
        f"npm package `{meta['name']}` {meta['version']} ({meta['license']}). One file per SPDX "
        "id; the LGPL-3.0 text without the GPL-3.0 text it embeds. Written by "
        "`tools/licence_texts.py`; read by `otsmaterials.licensing.fulltext`.\n",
        encoding="utf-8",
    )
    print(f"{len(LICENCES)} texts written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
