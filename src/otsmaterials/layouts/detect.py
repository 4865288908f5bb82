"""Choose how a branch is laid out: one detector per site kind, tried in order.

Sphinx (a ``conf.py``) wins; then a co-learning repository (READMEs in folders); then a Markdown
or Jekyll site; then plain HTML. The catalogue's ``layout`` only restricts how translations are
recognised (see :func:`allowed_markers`), never which files are lessons.
"""

from __future__ import annotations

from otsmaterials.layouts.base import Candidate, Files, Site, strip_extension
from otsmaterials.layouts.colearning import detect_colearning
from otsmaterials.layouts.html import detect_html
from otsmaterials.layouts.jekyll import detect_jekyll
from otsmaterials.layouts.markers import candidates
from otsmaterials.layouts.sphinx import detect_sphinx

__all__ = ["allowed_markers", "detect_sites", "lesson_candidates", "uses"]


def detect_sites(tree: Files) -> list[Site]:
    """The sites of a branch: several only for one Sphinx tree per language."""
    sphinx = detect_sphinx(tree)
    if sphinx:
        return sphinx
    for detector in (detect_colearning, detect_jekyll, detect_html):
        site = detector(tree)
        if site is not None:
            return [site]
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
