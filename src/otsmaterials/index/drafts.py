"""A lesson file on its way into the index: what is known of it at each step of a material."""

from __future__ import annotations

from dataclasses import dataclass

from otsmaterials.formats.document import ParsedDocument
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.stats import Completeness
from otsmaterials.index.models import PairingMethod, VersionKind
from otsmaterials.index.parsing import DocResult
from otsmaterials.layouts.base import Site

__all__ = ["Draft"]


@dataclass
class Draft:
    """One version of a lesson while a material is indexed (mutable until assembled)."""

    key: str
    """The lesson key (for a translation: the key of its original once paired)."""
    language: str
    """The version's language (``""`` until known)."""
    path: str
    """The file, relative to the material's ``subdir`` (for ``gettext``: the catalog)."""
    kind: VersionKind
    """``original``, ``file``, ``gettext`` or ``branch`` (settled when originals are chosen)."""
    branch: str
    """The branch the file is on."""
    site: Site | None = None
    """The site the file belongs to (``None`` for catalogs)."""
    marked: str | None = None
    """The language its path says (a language folder or suffix), if any."""
    code: str | None = None
    """A language code written in its path or site that is no valid tag (``me-ME``)."""
    placed: bool = False
    """Whether its place (a language folder or suffix, one site per language) puts it in one
    language's version of the material: such a page is a translation unless it is in the
    original language, and is left out when it translates no original."""
    doc: ParsedDocument | None = None
    """The parsed file (``None`` for catalogs)."""
    result: DocResult | None = None
    """The parse result (messages, SPDX header, includes, the text's language once asked)."""
    oid: str | None = None
    """The file's blob id (where parse results are cached)."""
    catalog: PoFile | None = None
    """The catalog of a ``gettext`` version."""
    counts: Completeness | None = None
    """Completeness of a ``gettext`` version."""
    text: str = ""
    """The readable text (for search)."""
    pairing: PairingMethod | None = None
    """How a translation was paired with its original."""
    confidence: float | None = None
    """How sure that pairing is, 0.0–1.0."""

    @property
    def declared(self) -> str | None:
        """The language the file's place or front matter states: path, front matter, site."""
        if self.marked:
            return self.marked
        front = self.doc.front_matter if self.doc is not None else None
        if front is not None and front.language:
            return front.language
        return self.site.language if self.site is not None else None

    @property
    def words(self) -> int:
        """Words of the page's text."""
        return self.doc.words if self.doc is not None else 0

    @property
    def position(self) -> int | None:
        """The file's place in its site's navigation, if the site states one."""
        if self.site is None:
            return None
        return self.site.order.get(self.site.key(self.path))
