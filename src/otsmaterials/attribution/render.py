"""TASL attribution — title, author, source, licence — in the reader's language.

Creative Commons asks every reuse to credit the title, the author, the source and the licence,
and a translation to say it is one. The parts are translated with the library's own gettext
messages (:mod:`otsmaterials.i18n`), names are joined the way the language joins lists
("Ana, Bea und Carl"), and the licence links to its deed in that language. HTML output is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from otsmaterials._support.model import FrozenModel
from otsmaterials.i18n import messages

__all__ = [
    "Attribution",
    "join_names",
    "language_name",
    "localized_deed",
    "sentence_locale",
    "short_licence_name",
]


def short_licence_name(spdx: str) -> str:
    """``CC-BY-SA-4.0`` → ``CC BY-SA 4.0``; ``CC-BY-SA-3.0-DE`` → ``CC BY-SA 3.0 DE``."""
    match = re.fullmatch(r"(?:LicenseRef-)?CC-([A-Z-]+?)-(\d\.\d)(?:-([A-Z]{2,3}))?", spdx)
    if match is None:
        return spdx
    port = f" {match.group(3)}" if match.group(3) else ""
    return f"CC {match.group(1)} {match.group(2)}{port}"


def localized_deed(url: str | None, locale: str) -> str | None:
    """A Creative Commons deed URL in the reader's language (``…/4.0/deed.de``)."""
    language = locale.split("-", maxsplit=1)[0]
    if url and "creativecommons.org/" in url and url.endswith("/") and language != "en":
        return f"{url}deed.{language}"
    return url


def sentence_locale(locale: str) -> str:
    """The language attribution sentences are written in for a reader of ``locale``.

    The reader's language when the library's messages are translated into it, else English;
    names of languages, lists and quotes follow it, so a sentence never mixes two languages.
    """
    if locale.split("-", maxsplit=1)[0] == "en" or messages(locale).table:
        return locale
    return "en"


def join_names(names: Sequence[str], locale: str) -> str:
    """Names joined the way ``locale`` joins a list ("Ana, Bea und Carl")."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - list patterns from CLDR
    from babel.lists import format_list  # noqa: PLC0415

    try:
        return format_list(list(names), locale=Locale.parse(locale, sep="-"))
    except (ValueError, UnknownLocaleError):
        return ", ".join(names)


def language_name(tag: str, locale: str, *, heading: bool = False) -> str:
    """The name of language ``tag`` in ``locale`` ("allemand"; "Allemand" as a ``heading``)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415

    try:
        name = Locale.parse(tag, sep="-").get_display_name(Locale.parse(locale, sep="-")) or tag
    except (ValueError, UnknownLocaleError):
        return tag
    return f"{name[:1].upper()}{name[1:]}" if heading else name


class Attribution(FrozenModel):
    """The attribution of one lesson version, ready to render in ``locale``."""

    lesson: str
    """The lesson id."""
    language: str
    """The language of the version credited."""
    locale: str
    """The language the attribution is written in (the reader's)."""
    title: str
    """The version's title."""
    url: str | None = None
    """Where the version is published, if known."""
    authors: tuple[str, ...] = ()
    """The authors of the original."""
    source: str
    """Where the material comes from (its site, else its repository)."""
    license: str
    """The licence's SPDX id (``NOASSERTION`` when none is known)."""
    license_name: str
    """The licence's short name (``CC BY-SA 4.0``)."""
    license_url: str | None = None
    """The licence deed, in the reader's language where Creative Commons has one."""
    translators: tuple[str, ...] = ()
    """Who translated the version (for a translation)."""
    adapted_from: str | None = None
    """The original's title, for a translation or adaptation."""
    adapted_from_url: str | None = None
    """Where the original is published."""

    def _parts(self, fmt: str) -> list[str]:
        catalog = messages(self.locale)
        # The language the sentences are really in: the reader's, or English when the library's
        # messages are not translated into it. Names of languages, lists and quotes follow it.
        lang = sentence_locale(self.locale)
        gettext = catalog.gettext
        title = self._link(self.title, self.url, fmt, quote_in=lang)
        authors = join_names(self.authors, lang) if self.authors else ""
        source = self._link(self.source, self.source, fmt)
        licence = self._link(self.license_name, self.license_url, fmt)
        if authors:
            first = gettext("{title} by {authors}").format(
                title=title, authors=self._esc(authors, fmt)
            )
        else:
            first = title
        parts = [first, gettext("source: {source}").format(source=source)]
        if self.license != "NOASSERTION":
            parts.append(gettext("licensed under {licence}").format(licence=licence))
        sentences = [", ".join(parts) + "."]
        if self.translators:
            names = self._esc(join_names(self.translators, lang), fmt)
            language = self._esc(language_name(self.language, lang), fmt)
            text = gettext("Translated into {language} by {translators}.")
            sentences.append(text.format(language=language, translators=names))
        if self.adapted_from:
            original = self._link(self.adapted_from, self.adapted_from_url, fmt, quote_in=lang)
            sentences.append(gettext("Adapted from {title}.").format(title=original))
        return sentences

    @staticmethod
    def _esc(text: str, fmt: str) -> str:
        if fmt == "html":
            return html.escape(text)
        if fmt == "markdown":
            return re.sub(r"([\\`*_\[\]<>#|&])", r"\\\1", text)
        return text

    def _link(self, text: str, url: str | None, fmt: str, *, quote_in: str | None = None) -> str:
        """``text`` linked to ``url`` as ``fmt`` writes links, in ``quote_in``'s quotes if given."""
        label = self._esc(text, fmt)
        if fmt == "html" and url:
            label = f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        elif fmt == "markdown" and url:
            target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
            label = f"[{label}](<{target}>)"
        elif fmt == "text" and url and url != text:
            label = f"{label} ({url})"
        if quote_in is None:
            return label
        opening, closing = {"de": ("„", "“"), "fr": ("« ", " »"), "es": ("«", "»")}.get(
            quote_in.split("-")[0], ("“", "”")
        )
        return f"{opening}{label}{closing}"

    def text(self) -> str:
        """Plain text."""
        return " ".join(self._parts("text"))

    def markdown(self) -> str:
        """Markdown (links for title, source and licence)."""
        return " ".join(self._parts("markdown"))

    def html(self) -> str:
        """An HTML paragraph; every value is escaped."""
        return f'<p class="attribution">{" ".join(self._parts("html"))}</p>'

    def json_dict(self) -> dict[str, Any]:
        """The fields and the rendered text."""
        data = self.model_dump(mode="json")
        data["text"] = self.text()
        return data
