"""Language tags normalised both ways (BCP 47 and gettext); unsafe or unknown codes refused."""

from __future__ import annotations

import pytest

import otsmaterials as om
from otsmaterials.languages.tags import is_language_tag, normalize_language, to_gettext


@pytest.mark.parametrize(
    "code",
    [
        "../../x",
        "de/../../etc",
        "x\x00y",
        "de\x00",
        "CON",
        "con",
        "aux",
        "nul",
        "xx",
        "",
        "de ",
        "en\n",
        "de\\..\\x",
        "i-klingon",
        "sr@foo",
        "d\u0435",  # a Cyrillic "e"
    ],
)
def test_unsafe_or_unknown_codes_are_rejected(code: str) -> None:
    with pytest.raises(om.LanguageCodeError) as caught:
        normalize_language(code)
    assert isinstance(caught.value, ValueError)
    assert repr(code) in str(caught.value)
    assert is_language_tag(code) is False
    with pytest.raises(om.LanguageCodeError):
        to_gettext(code)


def test_a_non_string_is_rejected() -> None:
    with pytest.raises(om.LanguageCodeError, match="must be a string"):
        normalize_language(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "bcp47", "gettext"),
    [
        ("en", "en", "en"),
        ("EN", "en", "en"),
        ("pt-BR", "pt-BR", "pt_BR"),
        ("pt_BR", "pt-BR", "pt_BR"),
        ("pt_br", "pt-BR", "pt_BR"),
        ("es_CL", "es-CL", "es_CL"),
        ("es-419", "es-419", "es_419"),
        ("sr-Latn", "sr-Latn", "sr@latin"),
        ("sr@latin", "sr-Latn", "sr@latin"),
        ("sr@cyrillic", "sr-Cyrl", "sr@cyrillic"),
        ("zh_Hant_TW", "zh-Hant-TW", "zh_Hant_TW"),
        ("zh-hant-tw", "zh-Hant-TW", "zh_Hant_TW"),
        ("de-DE-1996", "de-DE-1996", "de_DE_1996"),
    ],
)
def test_codes_are_normalised_both_ways(code: str, bcp47: str, gettext: str) -> None:
    assert normalize_language(code) == bcp47
    assert to_gettext(code) == gettext
    assert is_language_tag(code) is True
    # Each form leads back to the other.
    assert normalize_language(gettext) == bcp47
    assert to_gettext(bcp47) == gettext


def test_public_names_are_the_same_functions() -> None:
    assert om.normalize_language("pt_BR") == "pt-BR"
    assert om.to_gettext("sr-Latn") == "sr@latin"


def test_script_with_region_keeps_the_gettext_modifier() -> None:
    assert normalize_language("sr_RS@latin") == "sr-Latn-RS"
    assert to_gettext("sr_RS@latin") == "sr_RS@latin"
