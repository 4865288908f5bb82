"""Slugs: the ids of materials and topics, made from names."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SLUG", "slugify"]

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
"""A material's or topic's id: lower-case letters, digits and ``-``, up to 100."""


def slugify(text: str) -> str:
    """``"Web Development"`` → ``"web-development"``; ``"Ça va!"`` → ``"ca-va"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:100].rstrip("-")
