"""Sphinx extension: ``contributors`` and ``attribution`` directives (extra ``[sphinx]``).

In ``conf.py``::

    extensions = ["otsmaterials.integrations.sphinx"]
    otsmaterials_repository = None   # the git working tree, relative to the source folder
                                     # (default: the nearest folder above it that has a .git)
    otsmaterials_locale_dirs = None  # where the .po catalogs are (default: locale_dirs)
    otsmaterials_license = None      # an SPDX id that replaces the licence found in the repository
    otsmaterials_source_url = None   # where the material comes from (default: the git remote)
    otsmaterials_order = "name"      # credits by "name" or most "contributions" first

``.. contributors::`` lists the git authors (merged, without bots) and the translators named in
the catalogs or committing them, grouped by language: options ``:format: list|inline``,
``:path:`` (repository relative), ``:languages: all|current``, ``:show-commits:``,
``:authors-only:``, ``:translators-only:`` and ``:order: name|contributions``.
``.. attribution::`` writes the page's TASL line in the build's language, with the same authors,
translators, licence and wording as ``otsmaterials attribution`` (option ``:order:``). Both read
local files and the local repository only, never show an e-mail address, warn about every part
they cannot fill (no git repository: no authors; no licence statement; no source), and make every
catalog, licence file and the git history a dependency of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

try:
    from docutils import nodes
    from docutils.parsers.rst import directives
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.i18n import docname_to_domain
except ImportError as error:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "otsmaterials.integrations.sphinx needs Sphinx: pip install 'otsmaterials[sphinx]'"
    ) from error

from otsmaterials._git.history import Commit
from otsmaterials._git.process import GitRunner
from otsmaterials._version import __version__
from otsmaterials.attribution.people import (
    CREDIT_ORDERS,
    CreditOrder,
    Person,
    order_names,
    order_people,
)
from otsmaterials.attribution.render import (
    Attribution,
    join_names,
    language_name,
    localized_deed,
    sentence_locale,
    short_licence_name,
)
from otsmaterials.errors import GitError, LanguageCodeError, ParseError, StorageError
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.i18n import messages
from otsmaterials.integrations import _sphinx_credits as _credits
from otsmaterials.languages.tags import normalize_language
from otsmaterials.licensing.spdx import NOASSERTION, known, normalize_spdx

__all__ = ["AttributionDirective", "ContributorsDirective", "setup"]

_TITLE, _SOURCE, _LICENCE = "\ue000", "\ue001", "\ue002"  # placeholders in Attribution.text()


def _locale(language: str | None) -> str:
    try:
        return normalize_language(language or "en")
    except LanguageCodeError:
        return "en"


class AttributionPending(nodes.General, nodes.Element):
    """An attribution waiting for the page's title (replaced when the document has been read)."""


class _CreditsDirective(SphinxDirective):
    """What both directives share: the repository, git, the catalogs and the build's language."""

    def locale(self) -> str:
        return _locale(self.config.language)

    def repository(self) -> Path | None:
        configured = self.config.otsmaterials_repository
        if configured:
            root = (Path(self.env.srcdir) / configured).resolve()
            return root if (root / ".git").exists() else None
        return _credits.find_repository(Path(self.env.srcdir).resolve())

    def runner(self) -> GitRunner:
        home = Path(self.env.doctreedir) / "otsmaterials-git-home"
        return GitRunner(home=home, protocols=frozenset(), timeout=120.0)

    def locale_dirs(self) -> list[str]:
        configured = self.config.otsmaterials_locale_dirs
        return list(self.config.locale_dirs if configured is None else configured)

    def order(self) -> CreditOrder:
        value = self.options.get("order") or self.config.otsmaterials_order
        return "contributions" if value == "contributions" else "name"

    def catalog_commits(
        self, root: Path | None, catalogs: list[_credits.Catalog]
    ) -> dict[Path, list[Commit]]:
        """The commits that changed each catalog (none without a repository)."""
        found: dict[Path, list[Commit]] = {}
        if root is None:
            return found
        for catalog in catalogs:
            path = _credits.relative_to_repository(catalog.path, root)
            try:
                if path is not None:
                    found[catalog.path] = _credits.file_commits(
                        self.runner(), root, (path,), follow=False
                    )
            except (GitError, StorageError):
                continue
        return found

    def warning_node(self, text: str) -> nodes.system_message:
        return self.state.document.reporter.warning(f"{self.name}: {text}", line=self.lineno)

    def authors(
        self, root: Path | None, paths: tuple[str, ...], problems: list[nodes.Node]
    ) -> list[Person]:
        if root is None:
            configured = self.config.otsmaterials_repository
            where = f"at {configured}" if configured else f"at or above {self.env.srcdir}"
            problems.append(self.warning_node(f"no git repository {where}: no authors"))
            return []
        marker = _credits.history_marker(root)
        if marker is not None:
            self.env.note_dependency(marker)
        try:
            return _credits.git_authors(self.runner(), root, paths)
        except (GitError, StorageError) as error:
            problems.append(self.warning_node(f"cannot read the git history ({error}): no authors"))
            return []

    def read_catalogs(
        self, catalogs: list[_credits.Catalog], problems: list[nodes.Node]
    ) -> list[tuple[_credits.Catalog, PoFile]]:
        read = []
        for catalog in catalogs:
            self.env.note_dependency(catalog.path)
            try:
                read.append((catalog, _credits.read_catalog(catalog)))
            except ParseError as error:
                problems.append(self.warning_node(f"cannot read a catalog: {error}"))
            except OSError as error:
                problems.append(self.warning_node(f"cannot read {catalog.path}: {error.strerror}"))
        return read


def _names(people: list[Person], *, commits: bool, locale: str) -> list[str]:
    labels = []
    for person in people:
        name = _credits.display_name(person.name)
        if name and commits and person.commits:
            text = messages(locale).ngettext("{n} commit", "{n} commits", person.commits)
            name = f"{name} ({text.format(n=person.commits)})"
        if name:
            labels.append(name)
    return labels


def _bullets(labels: list[str], css: str) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=[css])
    for label in labels:
        listing += nodes.list_item("", nodes.paragraph(text=label))
    return listing


class ContributorsDirective(_CreditsDirective):
    """``.. contributors::`` — git authors and ``.po`` translators of the material."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]] | None] = {
        "format": lambda value: directives.choice(value, ("list", "inline")),
        "path": directives.unchanged_required,
        "languages": lambda value: directives.choice(value, ("all", "current")),
        "show-commits": directives.flag,
        "authors-only": directives.flag,
        "translators-only": directives.flag,
        "order": lambda value: directives.choice(value, CREDIT_ORDERS),
    }

    def run(self) -> list[nodes.Node]:
        if {"authors-only", "translators-only"} <= self.options.keys():
            return [self.warning_node(":authors-only: and :translators-only: exclude each other")]
        problems: list[nodes.Node] = []
        authors = [] if "translators-only" in self.options else self._authors(problems)
        groups = {} if "authors-only" in self.options else self._translators(problems)
        locale, order = self.locale(), self.order()
        authors = order_people(authors, order)
        labels = _names(authors, commits="show-commits" in self.options, locale=locale)
        inline = self.options.get("format") == "inline"
        names = {
            language_name(language, sentence_locale(locale), heading=not inline): _names(
                order_people(people, order), commits=False, locale=locale
            )
            for language, people in groups.items()
        }
        if inline:
            body: list[nodes.Node] = [_inline(labels, names, locale)] if labels or names else []
        else:
            body = [_lists(labels, names)] if labels or names else []
        return [*body, *problems]

    def _authors(self, problems: list[nodes.Node]) -> list[Person]:
        paths: tuple[str, ...] = ()
        if "path" in self.options:
            path = _credits.repository_path(self.options["path"])
            if path is None:
                problems.append(
                    self.warning_node(f":path: leaves the repository: {self.options['path']}")
                )
                return []
            paths = (path,)
        return self.authors(self.repository(), paths, problems)

    def _translators(self, problems: list[nodes.Node]) -> dict[str, list[Person]]:
        current = self.options.get("languages") == "current"
        language = self.locale() if current else None
        catalogs = _credits.find_catalogs(Path(self.env.srcdir), self.locale_dirs(), language)
        read = self.read_catalogs(catalogs, problems)
        commits = self.catalog_commits(self.repository(), [catalog for catalog, _ in read])
        return _credits.translators(read, commits)


def _lists(authors: list[str], groups: dict[str, list[str]]) -> nodes.container:
    box = nodes.container(classes=["otsmaterials-contributors"])
    if authors:
        box += _bullets(authors, "otsmaterials-authors")
    if groups:
        translators = nodes.bullet_list(classes=["otsmaterials-translators"])
        for language, names in groups.items():
            item = nodes.list_item("", nodes.paragraph(text=language))
            item += _bullets(names, "otsmaterials-language")
            translators += item
        box += translators
    return box


def _inline(authors: list[str], groups: dict[str, list[str]], locale: str) -> nodes.paragraph:
    lang = sentence_locale(locale)
    sentences = [f"{join_names(authors, lang)}."] if authors else []
    template = messages(locale).gettext("Translated into {language} by {translators}.")
    for language, names in groups.items():
        joined = join_names(names, lang)
        sentences.append(template.format(language=language, translators=joined))
    return nodes.paragraph(text=" ".join(sentences), classes=["otsmaterials-contributors"])


class AttributionDirective(_CreditsDirective):
    """``.. attribution::`` — title, authors, source and licence of this page (TASL)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]] | None] = {
        "order": lambda value: directives.choice(value, CREDIT_ORDERS),
    }

    def run(self) -> list[nodes.Node]:
        problems: list[nodes.Node] = []
        docname = self.env.docname
        root = self.repository()
        authors = order_names(self._authors(root, docname, problems), self.order())
        source = self.config.otsmaterials_source_url
        if not source and root is not None:
            source = _credits.public_remote(self.runner(), root)
        if not source:
            problems.append(
                self.warning_node("no source: no public git remote; set otsmaterials_source_url")
            )
        node = AttributionPending()
        node["docname"] = docname
        node["authors"] = [_credits.display_name(name) for name in authors]
        translators, original_titles = self._translators(root, docname, problems)
        node["translators"] = [_credits.display_name(name) for name in translators]
        node["original_titles"] = original_titles
        node["source"] = source or None
        node["licence"] = self._licence(root, problems)
        return [node, *problems]

    def _authors(
        self, root: Path | None, docname: str, problems: list[nodes.Node]
    ) -> tuple[str, ...]:
        if root is None:
            self.authors(None, (), problems)  # warns
            return ()
        path = _credits.relative_to_repository(Path(self.env.doc2path(docname)), root)
        marker = _credits.history_marker(root)
        if marker is not None:
            self.env.note_dependency(marker)
        try:
            return _credits.page_authors(self.runner(), root, path) if path else ()
        except (GitError, StorageError) as error:
            problems.append(self.warning_node(f"cannot read the git history ({error}): no authors"))
            return ()

    def _licence(self, root: Path | None, problems: list[nodes.Node]) -> str:
        override = self.config.otsmaterials_license or self.config.otsmaterials_licence
        if override:
            return normalize_spdx(override) or str(override)
        srcdir = Path(self.env.srcdir).resolve()
        found, read = _credits.find_licence(root or srcdir, srcdir)
        for path in read:
            self.env.note_dependency(path)
        if found.spdx == NOASSERTION:
            where = root or srcdir
            problems.append(
                self.warning_node(
                    f"no licence statement found in {where} (licence files, licence pages, "
                    "README): set otsmaterials_license"
                )
            )
        return found.spdx

    def _translators(
        self, root: Path | None, docname: str, problems: list[nodes.Node]
    ) -> tuple[tuple[str, ...], dict[str, str]]:
        """The page's translators, and its catalogs' translation → original of each message."""
        language = self.locale()
        domain = docname_to_domain(docname, self.config.gettext_compact)
        srcdir = Path(self.env.srcdir)
        catalogs = _credits.document_catalogs(srcdir, self.locale_dirs(), language, domain)
        read = [
            (catalog, po)
            for catalog, po in self.read_catalogs(catalogs, problems)
            if any(entry.translated for entry in po.active())
        ]
        commits = self.catalog_commits(root, [catalog for catalog, _ in read])
        names = order_names(_credits.page_translators(read, commits), self.order())
        originals = {e.msgstr: e.msgid for _, po in read for e in po.active() if e.translated}
        return names, originals


def _attribution(node: AttributionPending, title: str, locale: str) -> nodes.paragraph:
    spdx: str = node["licence"]
    source: str | None = node["source"]
    originals: dict[str, str] = node["original_titles"]
    translated = bool(originals)  # the page is read from a catalog with translations
    text = Attribution(
        lesson=node["docname"],
        language=locale,
        locale=locale,
        title=_TITLE,
        authors=tuple(node["authors"]),
        source=_SOURCE,
        license=spdx,
        license_name=_LICENCE,
        translators=tuple(node["translators"]),
        adapted_from=originals.get(title, title) if translated else None,
    ).text()
    if not source:
        clause = messages(locale).gettext("source: {source}").format(source=_SOURCE)
        text = text.replace(f", {clause}", "")
    deed = localized_deed(known(spdx).url, locale)
    paragraph = nodes.paragraph(classes=["otsmaterials-attribution"])
    for piece in re.split(f"([{_TITLE}{_SOURCE}{_LICENCE}])", text):
        if piece == _TITLE:
            paragraph += nodes.Text(title)
        elif piece == _SOURCE and source:
            paragraph += nodes.reference(source, source, refuri=source)
        elif piece == _LICENCE:
            name = short_licence_name(spdx)
            paragraph += nodes.reference(name, name, refuri=deed) if deed else nodes.Text(name)
        elif piece and piece != _SOURCE:
            paragraph += nodes.Text(piece)
    return paragraph


def _resolve_attributions(app: Sphinx, doctree: nodes.document) -> None:
    """Replace each pending attribution once the page's (translated) title is known."""
    for node in list(doctree.findall(AttributionPending)):
        title = app.env.titles.get(node["docname"])
        text = title.astext() if title is not None else "<no title>"
        text = node["docname"] if text == "<no title>" else text  # Sphinx's stand-in for none
        node.replace_self(_attribution(node, text, _locale(app.config.language)))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the ``otsmaterials_*`` configuration values."""
    optional = (str, type(None))
    app.add_config_value("otsmaterials_repository", None, "env", optional)
    app.add_config_value("otsmaterials_locale_dirs", None, "env", (list, tuple, type(None)))
    app.add_config_value("otsmaterials_license", None, "env", optional)
    app.add_config_value("otsmaterials_licence", None, "env", optional)  # deprecated spelling
    app.add_config_value("otsmaterials_source_url", None, "env", optional)
    app.add_config_value("otsmaterials_order", "name", "env", (str,))
    app.add_directive("contributors", ContributorsDirective)
    app.add_directive("attribution", AttributionDirective)
    # After Sphinx's own title collector (priority 500), so env.titles holds this page's title.
    app.connect("doctree-read", _resolve_attributions, priority=600)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
