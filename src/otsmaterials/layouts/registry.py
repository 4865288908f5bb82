"""The site kinds, in the order they are tried: the one place a new kind is registered.

Each kind is a module with a ``detect_<kind>(files) -> list[Site]`` function that finds the
kind's sites (several for a book or project kept in one folder per language) or none; the first
kind that finds any wins. Kinds whose navigation is an explicit file (``book.toml``,
``SUMMARY.md``, ``docusaurus.config.js``, ``config.yaml``, ``conf.py``, ``meta.yml``) come before
the kinds that go by rules of thumb (co-learning folders, Jekyll and Markdown pages, plain HTML,
a material that is one README).

The catalogue's ``layout`` only restricts how translations are recognised (see
:func:`allowed_markers`), never which files are lessons.
"""

from __future__ import annotations

from collections.abc import Callable

from otsmaterials.layouts.base import Candidate, Files, Site, strip_extension
from otsmaterials.layouts.carpentries import detect_carpentries
from otsmaterials.layouts.colearning import detect_colearning
from otsmaterials.layouts.docusaurus import detect_docusaurus
from otsmaterials.layouts.gitbook import detect_gitbook
from otsmaterials.layouts.html import detect_html
from otsmaterials.layouts.jekyll import detect_jekyll
from otsmaterials.layouts.markers import candidates
from otsmaterials.layouts.mdbook import detect_mdbook
from otsmaterials.layouts.readme import detect_readme
from otsmaterials.layouts.rpf import detect_rpf
from otsmaterials.layouts.sphinx import detect_sphinx
from otsmaterials.layouts.workbench import detect_workbench

__all__ = ["DETECTORS", "allowed_markers", "detect_sites", "lesson_candidates", "uses"]

DETECTORS: tuple[Callable[[Files], list[Site]], ...] = (
    detect_mdbook,
    detect_gitbook,
    detect_docusaurus,
    detect_workbench,
    detect_sphinx,
    detect_carpentries,
    detect_rpf,
    detect_colearning,
    detect_jekyll,
    detect_html,
    detect_readme,
)
"""Every site kind's detector, in the order they are tried."""


def detect_sites(tree: Files) -> list[Site]:
    """The sites of a branch, as the first kind that recognises it finds them."""
    for detector in DETECTORS:
        sites = detector(tree)
        if sites:
            return sites
    return []


def allowed_markers(layout: str) -> frozenset[str]:
    """Which path markers a forced layout accepts (``auto``: all of them)."""
    return {
        "auto": frozenset({"folder", "suffix"}),
        "folders": frozenset({"folder"}),
        "suffix": frozenset({"suffix"}),
    }.get(layout, frozenset())


def uses(layout: str, strategy: str) -> bool:
    """Whether a catalogue ``layout`` lets ``strategy`` (gettext, branches …) find translations."""
    return layout in {"auto", strategy}


def lesson_candidates(site: Site, layout: str) -> list[Candidate]:
    """Candidates of a site, path markers dropped where the forced layout does not allow them."""
    allowed = allowed_markers(layout)
    found = []
    for candidate in candidates(site):
        if candidate.marker != "none" and candidate.marker not in allowed:
            key = strip_extension(site.relative(candidate.path))
            found.append(Candidate(key, None, candidate.path))
        else:
            found.append(candidate)
    return found
