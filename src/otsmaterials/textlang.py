"""Is this text written in language X or still in language Y? A small stop-word test.

A page on a translation branch is only a translation if its words are mostly the target
language's: translators commit pages they have not translated yet. The test compares how many of
the text's words are common function words of each candidate language; it needs no model and is
good enough to tell German from English, which is all the index asks of it.
"""

from __future__ import annotations

import re

__all__ = ["STOPWORDS", "language_score", "looks_translated"]

STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the and of to a in is it that for you this with on are be as your we can "
        "what if not or have will from by an was but all they when there which so do",
        "de": "der die das und ist nicht ein eine zu den mit es sich von auf für im dem "
        "wir ich du sie wenn auch als wie bei oder aus kann noch einen werden wird sind",
        "fr": "le la les et de des un une est que pour dans en du ne pas qui au sur ce "
        "vous nous avec se sont il elle plus par mais ou comme cette être",
        "es": "el la los las y de que en un una es por para con no se lo del al como "
        "más pero sus le ya o este esta son también puedes tu",
        "pt": "o a os as e de que do da em um uma é para com não se por mais na no dos "
        "das ao como mas você seu sua isso são também pode",
        "it": "il lo la i gli le e di che è un una per con non in del della si da al "
        "come ma sono anche questo questa puoi",
        "nl": "de het een en van is dat in te niet op je met voor zijn er aan als ook "
        "maar bij om dit wat kan worden deze hebben",
        "sv": "och att det som en på är av för med till den inte har de om ett men "
        "kan du jag var så vi",
        "da": "og at det som en på er af for med til den ikke har de om et men kan du "
        "jeg var så vi",
        "nb": "og at det som en på er av for med til den ikke har de om et men kan du "
        "jeg var så vi",
        "pl": "i w na z że się nie do to jest jak o co ale po tak za od są czy",
        "ru": "и в не на что с по это как а из к для то он но вы мы так",
        "tr": "ve bir bu da de için ile ne çok daha gibi olarak ama en var",
        "ca": "el la els les i de que en un una és per amb no es del al com més",
        "ko": "이 그 저 것 수 등 및 를 을 는 은 가 에 의",
    }.items()
}
STOPWORDS["no"] = STOPWORDS["nb"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def language_score(text: str, language: str) -> float:
    """Share of the text's words that are stop words of ``language`` (0 when unknown)."""
    words = STOPWORDS.get(language.split("-", maxsplit=1)[0].lower())
    tokens = [token.lower() for token in _WORD.findall(text)]
    if not words or not tokens:
        return 0.0
    return sum(token in words for token in tokens) / len(tokens)


def looks_translated(text: str, target: str, original: str, original_text: str = "") -> bool:
    """Whether ``text`` reads as ``target`` rather than ``original``.

    Without stop words for one of the two languages, a text that repeats the original's words
    for the most part counts as untranslated.
    """
    tokens = _WORD.findall(text)
    if len(tokens) < 3:
        return False
    target_base, original_base = (
        target.split("-", maxsplit=1)[0],
        original.split("-", maxsplit=1)[0],
    )
    if target_base == original_base:
        return True
    if target_base in STOPWORDS and original_base in STOPWORDS:
        return language_score(text, target) > language_score(text, original)
    if not original_text:
        return True
    mine = {token.lower() for token in tokens}
    theirs = {token.lower() for token in _WORD.findall(original_text)}
    overlap = len(mine & theirs) / max(len(mine), 1)
    return overlap < 0.6
