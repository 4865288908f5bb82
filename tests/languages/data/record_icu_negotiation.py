"""Record ICU LocaleMatcher's answers for the negotiation cases (run by hand, not by the tests).

    python -m venv /tmp/icu && /tmp/icu/bin/pip install PyICU    # needs libicu-dev
    /tmp/icu/bin/python tests/languages/data/record_icu_negotiation.py

Writes ``icu_negotiation.json`` next to this file: for each case (what a reader accepts, the tags
available), the tag ICU's ``LocaleMatcher`` chooses with its default settings (``None`` when it
finds no match: a default locale outside the list stands for "none"), and the ICU and CLDR
versions. ``tests/languages/test_negotiation_icu.py`` compares ``negotiate`` with the file, so the
tests never need ICU.
"""

from __future__ import annotations

import json
from pathlib import Path

import icu  # type: ignore[import-not-found]  # PyICU: only where the answers are recorded

CASES: list[tuple[str, list[str]]] = [
    # CLDR parent locales: es-419 is the parent of the Latin American Spanishes
    ("es-AR", ["es", "es-CL"]),
    ("es-419", ["es", "es-CL"]),
    ("es-AR", ["es-ES", "es-CL"]),
    ("es-AR", ["es-MX", "es-419"]),
    ("es-MX", ["es-419", "es-ES"]),
    ("es-MX", ["es", "es-ES", "es-419"]),
    ("es-US", ["es-ES", "es-MX"]),
    ("es", ["es-AR", "es-ES"]),
    ("es-ES", ["es-419", "es-MX"]),
    ("es-419", ["es-MX", "es-ES"]),
    # Portuguese: pt-AO and pt-MZ have pt-PT as their parent; pt is pt-BR
    ("pt-AO", ["pt-BR", "pt-PT"]),
    ("pt-MZ", ["pt-BR", "pt-PT"]),
    ("pt", ["pt-PT", "pt-BR"]),
    ("pt-BR", ["pt-PT", "pt"]),
    ("pt-BR", ["pt-PT", "pt-AO"]),
    ("pt", ["pt-BR", "en"]),
    # Chinese: zh-TW is zh-Hant-TW, zh-MO's parent is zh-Hant-HK
    ("zh-TW", ["zh-Hant", "zh-Hans"]),
    ("zh-Hant", ["zh-TW", "zh-HK"]),
    ("zh-HK", ["zh-TW", "zh-MO"]),
    ("zh-MO", ["zh-TW", "zh-HK"]),
    ("zh-TW", ["zh-Hans", "en"]),
    ("zh-CN", ["zh-TW", "zh-Hans"]),
    ("zh", ["zh-Hant", "zh-Hans"]),
    ("zh-SG", ["zh-TW", "zh-CN"]),
    ("zh-Hant-TW", ["zh-TW", "zh-Hant"]),
    # English: en-001 is the parent of the non-US Englishes
    ("en-AU", ["en-US", "en-GB"]),
    ("en-AU", ["en-GB", "en"]),
    ("en-IN", ["en-US", "en-001"]),
    ("en-CA", ["en-US", "en-GB"]),
    ("en-PR", ["en-US", "en-GB"]),
    ("en", ["en-GB", "en-US"]),
    ("en-GB", ["en-US", "en-AU"]),
    ("en-US", ["en-AU", "en-GB"]),
    # Arabic: the Maghreb is one group
    ("ar-MA", ["ar-EG", "ar-TN"]),
    ("ar-EG", ["ar-TN", "ar-SA"]),
    # German and French: no groups, the bare language for a regional request
    ("de-AT", ["de", "en"]),
    ("de-CH", ["de-DE", "de-AT"]),
    ("de", ["de-AT", "de-CH"]),
    ("fr-CA", ["fr", "fr-FR"]),
    ("fr-US", ["fr-CA", "fr"]),
    # languageMatching: languages a reader of another one reads
    ("no", ["nb", "en"]),
    ("nb", ["no", "en"]),
    ("nn", ["nb", "en"]),
    ("da", ["nb", "en"]),
    ("gsw", ["de", "en"]),
    ("hr", ["bs", "en"]),
    ("iw", ["he", "en"]),
    ("tl", ["fil", "en"]),
    ("cy", ["en", "fr"]),
    ("ca", ["es", "fr"]),
    # scripts
    ("sr-Latn", ["sr", "hr"]),
    ("sr-ME", ["sr", "sr-Latn"]),
    ("sr", ["sr-Latn", "en"]),
    # nothing in common; several ranges
    ("ja", ["fr", "de"]),
    ("fr;q=0.8, de", ["fr", "de"]),
    ("de-AT, en;q=0.5", ["en", "de-DE"]),
    ("pt, en;q=0.5", ["en", "pt-BR", "pt-PT"]),
    ("en-GB, fr;q=0.5", ["fr", "en-US"]),
    ("es-AR, en;q=0.1", ["en", "es"]),
]

_NONE = "zxx"  # "no linguistic content": never among the available tags


def icu_answer(accept: str, available: list[str]) -> str | None:
    builder = icu.LocaleMatcher.Builder()
    builder.setSupportedLocales([icu.Locale.forLanguageTag(tag) for tag in available])
    builder.setDefaultLocale(icu.Locale.forLanguageTag(_NONE))  # setNoDefaultLocale crashes PyICU
    chosen = builder.build().getBestMatchForListString(accept).toLanguageTag()
    return None if chosen == _NONE else chosen


def main() -> None:
    records = [
        {"accept": accept, "available": available, "icu": icu_answer(accept, available)}
        for accept, available in CASES
    ]
    document = {
        "source": "ICU LocaleMatcher (default settings), recorded by record_icu_negotiation.py",
        "icu": icu.ICU_VERSION,
        "unicode": icu.UNICODE_VERSION,
        "cases": records,
    }
    target = Path(__file__).with_name("icu_negotiation.json")
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
