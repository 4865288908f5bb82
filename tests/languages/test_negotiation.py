"""Language negotiation: the reader's accepted languages against a lesson's translations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials.languages.negotiation import negotiate, parse_accept

CASES = [
    # Babel's negotiate_locale gets every one of these wrong (checked with Babel 2.19).
    pytest.param("pt", ["pt-BR", "en"], "pt-BR", id="babel-pt-finds-pt-BR"),
    pytest.param("es", ["es-CL", "de"], "es-CL", id="babel-es-finds-es-CL"),
    pytest.param("es-MX", ["es-CL", "de"], "es-CL", id="babel-es-MX-finds-es-CL"),
    pytest.param("de-AT", ["de", "en"], "de", id="babel-de-AT-finds-de"),
    pytest.param("no", ["nb", "en"], "nb", id="babel-no-finds-nb"),
    pytest.param("zh-TW", ["zh-Hans", "en"], None, id="babel-zh-TW-never-Hans"),
    pytest.param("zh-TW", ["zh", "en"], None, id="babel-zh-TW-never-zh"),
    pytest.param("zh-TW", ["zh-Hant", "zh-Hans"], "zh-Hant", id="babel-zh-TW-finds-Hant"),
    pytest.param("zh-HK", ["zh-Hant"], "zh-Hant", id="babel-zh-HK-is-Hant"),
    pytest.param("es-MX", ["es-419", "es-ES"], "es-419", id="babel-es-MX-parent-es-419"),
    pytest.param("sr-Latn", ["sr"], "sr", id="sr-Latn-reads-Cyrillic"),  # CLDR: distance 5
    # 1. exact match, case-insensitive, returned as written
    pytest.param("pt-br", ["pt-PT", "pt-BR"], "pt-BR", id="exact-case-insensitive"),
    pytest.param("PT-BR", ["pt-br", "pt-PT"], "pt-br", id="exact-returned-as-written"),
    pytest.param("pt_BR", ["pt-BR"], "pt-BR", id="exact-gettext-spelling"),
    pytest.param("de", ["de-AT", "de", "de-CH"], "de", id="exact-beats-regional"),
    pytest.param("zh-TW", ["zh-Hant-TW", "zh-Hant"], "zh-Hant-TW", id="equivalent-zh-Hant-TW"),
    pytest.param("zh-Hant-TW", ["zh-TW", "zh-Hant"], "zh-TW", id="equivalent-zh-TW"),
    pytest.param("zh", ["zh-Hant", "zh-Hans"], "zh-Hans", id="equivalent-zh-is-Hans"),
    pytest.param("zh-CN", ["zh-Hant", "zh-Hans"], "zh-Hans", id="zh-CN-is-Hans"),
    # 2. same language and same script, never across scripts
    pytest.param("de", ["de-AT", "en"], "de-AT", id="bare-finds-regional"),
    pytest.param("pt", ["pt-PT", "en"], "pt-PT", id="pt-finds-pt-PT"),
    pytest.param("sr", ["sr-Latn", "hr"], "sr-Latn", id="sr-reads-Latin-before-hr"),
    pytest.param("sr", ["hr", "en"], None, id="sr-Cyrillic-never-hr-Latin"),
    pytest.param("sr-Latn", ["sr", "sr-Latn-RS"], "sr-Latn-RS", id="sr-same-script-first"),
    pytest.param("sr-Latn", ["sr-Cyrl", "sr"], "sr", id="sr-Latn-Cyrl-alphabetical"),
    pytest.param("sr-Latn", ["hr", "en"], "hr", id="sr-Latn-finds-hr"),  # CLDR: sr ⇒ hr, 4
    pytest.param("sr-Latn", ["bs-Cyrl", "hr"], "hr", id="related-language-same-script"),
    pytest.param("sr-Latn", ["bs-Cyrl", "en"], None, id="related-language-other-script"),
    pytest.param("sr-Cyrl", ["bs-Cyrl", "hr"], "bs-Cyrl", id="related-language-cyrillic"),
    pytest.param("sr-Latn", ["sr", "sr-Latn-RS"], "sr-Latn-RS", id="sr-Latn-finds-Latn"),
    pytest.param("sr-ME", ["sr", "sr-Latn"], "sr-Latn", id="sr-ME-is-Latin"),
    pytest.param("sr@latin", ["sr", "sr-Latn"], "sr-Latn", id="gettext-modifier"),
    pytest.param("zh", ["zh-Hant", "en"], None, id="zh-never-Hant"),
    pytest.param("zh-Hans", ["zh-TW", "zh-HK"], None, id="zh-Hans-never-Hant"),
    pytest.param("zh-SG", ["zh-TW", "zh-CN"], "zh-CN", id="zh-SG-is-Hans"),
    pytest.param("zh-MO", ["zh-TW", "zh-CN"], "zh-TW", id="zh-MO-is-Hant"),
    pytest.param("en", ["de", "fr"], None, id="other-languages-none"),
    # 3. several candidates: same region, parent chain, siblings, likely region, alphabetical
    pytest.param("de-CH", ["de", "de-AT", "de-CH"], "de-CH", id="same-region"),
    pytest.param("es-MX", ["es", "es-ES", "es-419"], "es-419", id="nearest-parent-first"),
    pytest.param("es-AR", ["es", "es-CL"], "es-CL", id="sibling-under-es-419-beats-es"),
    pytest.param("es-AR", ["es", "es-ES"], "es", id="es-beats-es-ES-for-es-AR"),
    pytest.param("es-AR", ["es-ES", "es-CL"], "es-CL", id="sibling-under-es-419"),
    pytest.param("es-419", ["es-MX", "es-ES"], "es-MX", id="child-of-es-419"),
    pytest.param("en-AU", ["en-US", "en-GB"], "en-GB", id="en-AU-sibling-en-GB-under-en-001"),
    pytest.param("en-AU", ["en-US", "en-001"], "en-001", id="en-AU-parent-en-001"),
    pytest.param("en-AU", ["en-GB", "en"], "en-GB", id="en-AU-sibling-under-en-001-beats-en"),
    pytest.param("ar-MA", ["ar-EG", "ar-TN"], "ar-TN", id="region-group-maghreb"),
    pytest.param("en-US", ["en-AU", "en-GB"], "en-GB", id="paradigm-en-GB"),
    pytest.param("en-CA", ["en-GB", "en-US"], "en-US", id="region-group-en-US"),
    pytest.param("pt-AO", ["pt-BR", "pt-PT"], "pt-PT", id="pt-AO-parent-pt-PT"),
    pytest.param("zh-MO", ["zh-Hant-TW", "zh-Hant-HK"], "zh-Hant-HK", id="zh-MO-parent-HK"),
    pytest.param("zh-TW", ["zh-HK", "zh-Hant"], "zh-Hant", id="zh-TW-parent-zh-Hant"),
    pytest.param("pt", ["pt-PT", "pt-BR"], "pt-BR", id="likely-region-pt-BR"),
    pytest.param("en", ["en-GB", "en-US"], "en-US", id="likely-region-en-US"),
    pytest.param("zh-Hant", ["zh-HK", "zh-TW"], "zh-TW", id="likely-region-zh-Hant-TW"),
    pytest.param("es", ["es-AR", "es-MX"], "es-AR", id="alphabetical-tie"),
    pytest.param("de-1901", ["de-CH", "de-1901"], "de-1901", id="variant-exact"),
    pytest.param("de", ["de-1996", "de-DE"], "de-DE", id="variant-less-preferred"),
    pytest.param("de-AT", ["de-1996", "en"], "de-1996", id="variant-still-german"),
    pytest.param("de", ["../de", "xx-YY", "de_DE"], "de_DE", id="gettext-available-as-written"),
    # 4. deprecated and macro-language codes, both ways
    pytest.param("nb", ["no", "en"], "no", id="nb-finds-no"),
    pytest.param("no", ["nb", "no"], "no", id="no-exact-first"),
    pytest.param("no-NO", ["nb", "en"], "nb", id="no-NO-finds-nb"),
    pytest.param("iw", ["he", "en"], "he", id="iw-is-he"),
    pytest.param("he", ["iw"], "iw", id="he-is-iw"),
    pytest.param("in", ["id", "en"], "id", id="in-is-id"),
    pytest.param("id", ["in"], "in", id="id-is-in"),
    pytest.param("ji", ["yi", "en"], "yi", id="ji-is-yi"),
    pytest.param("tl", ["fil", "en"], "fil", id="tl-is-fil"),
    pytest.param("fil", ["tl"], "tl", id="fil-is-tl"),
    pytest.param("mo", ["ro", "en"], "ro", id="mo-is-ro"),
    pytest.param("nn", ["nb", "no"], "nb", id="nynorsk-reads-bokmal"),  # CLDR: 10
    pytest.param("nn", ["da", "en"], None, id="nynorsk-not-danish"),
    pytest.param("da", ["en", "no"], "no", id="danish-reads-norwegian"),  # CLDR: 8
    pytest.param("gsw", ["de-CH", "de"], "de-CH", id="swiss-german-reads-de-CH"),
    pytest.param("de", ["gsw", "en"], None, id="german-not-swiss-german"),  # one way
    pytest.param("nn, nb;q=0.5", ["no", "nb"], "nb", id="related-after-no-exact"),
    pytest.param("cy", ["en", "fr"], None, id="no-lingua-franca-fallback"),
    # q-values: order, stability, exclusion
    pytest.param("fr;q=0.8, de", ["fr", "de"], "de", id="q-order"),
    pytest.param("fr;q=0.5, de;q=0.5", ["de", "fr"], "fr", id="q-ties-keep-header-order"),
    pytest.param("de-AT, en;q=0.9", ["de", "en"], "de", id="first-range-fallback-wins"),
    pytest.param(["de-AT", "fr;q=0.8"], ["fr", "en"], "fr", id="list-form"),
    pytest.param(["fr;q=0.3", "en"], ["fr", "en"], "en", id="list-form-q-order"),
    pytest.param("de;q=0, en;q=0.1", ["de", "en"], "en", id="q0-excludes"),
    pytest.param("de-AT, de;q=0", ["de", "de-CH"], None, id="q0-excludes-fallbacks"),
    pytest.param("de-AT, de;q=0", ["de-AT", "de"], "de-AT", id="q0-keeps-named-tags"),
    pytest.param("de, de-AT;q=0", ["de-AT", "de-CH"], "de-CH", id="q0-narrow-exclusion"),
    pytest.param("zh-Hant;q=0, zh", ["zh-TW", "zh-CN"], "zh-CN", id="q0-script"),
    pytest.param("de;q=0", ["de"], None, id="q0-only"),
    pytest.param("iw;q=0, *", ["he", "en"], "en", id="q0-alias-excludes"),
    # malformed headers and invalid tags
    pytest.param("de;q=abc, ,;;, en", ["de", "en"], "en", id="malformed-parts"),
    pytest.param("de;q=1.5, en", ["de", "en"], "en", id="q-out-of-range"),
    pytest.param("de;q=-1, en", ["de", "en"], "en", id="q-negative"),
    pytest.param("de;level=1, en", ["de", "en"], "en", id="unknown-parameter"),
    pytest.param("de;q=0.5;q=1, en;q=0.1", ["de", "en"], "en", id="two-q-parameters"),
    pytest.param("de ; q=0.5 ,  en;q=0.1", ["de", "en"], "de", id="whitespace"),
    pytest.param("de;Q=0.5, en;q=0.1", ["de", "en"], "de", id="q-name-case"),
    pytest.param("de;q=.5, en;q=0.1", ["de", "en"], "de", id="q-leading-dot"),
    pytest.param("../../etc, x\x00y, i-klingon, 12, en", ["en"], "en", id="invalid-tags-skipped"),
    pytest.param("", ["en"], None, id="empty-header"),
    pytest.param([], ["en"], None, id="empty-list"),
    pytest.param("fr-US", ["fr-CA", "fr"], "fr", id="unknown-region-shortened"),
    pytest.param("en-US-x-private", ["en-GB", "en-US"], "en-US", id="private-use-shortened"),
    pytest.param("de", ["../de", "xx-YY", "de_DE", "DE"], "DE", id="invalid-available-ignored"),
    pytest.param("xx", ["xx", "en"], None, id="invalid-request-and-available"),
    pytest.param("pt", ["pt-br", "pt_BR"], "pt-br", id="duplicate-spellings-first-wins"),
    # the wildcard
    pytest.param("*", ["fr", "de"], "de", id="wildcard-sorted-first"),
    pytest.param("ja, *;q=0.1", ["fr", "de"], "de", id="wildcard-last-resort"),
    pytest.param("*, fr;q=0.1", ["de", "fr"], "fr", id="wildcard-after-any-match"),
    pytest.param("ja, *;q=0", ["fr", "de"], None, id="wildcard-q0"),
    pytest.param("*, de;q=0", ["de", "fr"], "fr", id="wildcard-respects-q0"),
    pytest.param("*", [], None, id="wildcard-nothing-available"),
]


@pytest.mark.parametrize(("accept", "available", "expected"), CASES)
def test_negotiate(accept: str | list[str], available: list[str], expected: str | None):
    assert negotiate(accept, available) == expected


def test_available_may_be_any_iterable():
    assert negotiate("pt", (tag for tag in ["en", "pt-BR"])) == "pt-BR"
    assert negotiate(("es-MX",), {"es-419", "es-ES"}) == "es-419"


def test_parse_accept_orders_by_q_and_normalizes():
    assert parse_accept("de-at,de;q=0.9, en;q=0.5, *;q=0.1, fr;q=0, xx-!!, en_GB;q=0.9") == [
        ("de-AT", 1.0),
        ("de", 0.9),
        ("en-GB", 0.9),
        ("en", 0.5),
        ("*", 0.1),
        ("fr", 0.0),
    ]


def test_parse_accept_list_form_and_shortening():
    assert parse_accept(["fr;q=0.8", "de-AT", "fr-US"]) == [
        ("de-AT", 1.0),
        ("fr", 1.0),
        ("fr", 0.8),
    ]


def test_q0_range_is_never_shortened():
    # "de-JP" is unknown to CLDR; shortening its q=0 would exclude all German.
    assert parse_accept("de-JP;q=0, de") == [("de", 1.0)]
    assert negotiate("de-JP;q=0, de", ["de"]) == "de"


def test_header_is_bounded():
    header = ", ".join(["xx"] * 100 + ["de"])
    assert parse_accept(header) == []
    assert negotiate("x" * 10_000 + ", de", ["de", "y" * 10_000]) == "de"


TAGS = [
    "de", "de-AT", "de-CH", "en", "en-GB", "en-US", "en-001", "en-AU", "es", "es-419", "es-ES",
    "es-MX", "es-CL", "fr", "fr-CA", "nb", "no", "nn", "pt", "pt-BR", "pt-PT", "sr", "sr-Latn",
    "zh", "zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "zh-CN", "he", "iw", "tl", "fil", "yi",
]  # fmt: skip
messy = st.sampled_from(TAGS) | st.text(max_size=12)
ranges = st.tuples(messy, st.sampled_from(["", ";q=0", ";q=0.5", ";q=1", ";q=x"])).map("".join)


@settings(database=None, deadline=None, max_examples=300)
@given(
    accept=st.lists(ranges, max_size=6).map(", ".join) | st.lists(ranges, max_size=6),
    available=st.lists(messy, max_size=8),
)
def test_result_is_none_or_available(accept: str | list[str], available: list[str]):
    result = negotiate(accept, available)
    assert result is None or result in available


@settings(database=None, deadline=None, max_examples=200)
@given(
    accept=st.lists(st.sampled_from([*TAGS, "*"]), min_size=1, max_size=3).map(", ".join),
    available=st.lists(st.sampled_from(TAGS), unique=True, max_size=8),
    data=st.data(),
)
def test_result_does_not_depend_on_available_order(
    accept: str, available: list[str], data: st.DataObject
):
    # Distinct BCP 47 tags: ties are broken alphabetically, never by position.
    shuffled = data.draw(st.permutations(available))
    assert negotiate(accept, shuffled) == negotiate(accept, available)


@settings(database=None, deadline=None, max_examples=200)
@given(accept=st.text(max_size=40) | st.lists(st.text(max_size=10), max_size=5))
def test_parse_accept_is_sorted_and_bounded(accept: str | list[str]):
    parsed = parse_accept(accept)
    qs = [q for _, q in parsed]
    assert qs == sorted(qs, reverse=True)
    assert all(0.0 <= q <= 1.0 for q in qs)
