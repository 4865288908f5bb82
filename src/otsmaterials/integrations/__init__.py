"""Integrations with site generators, each behind its own extra (``otsmaterials[sphinx]``).

Nothing here is imported by ``import otsmaterials``; a module whose generator is not installed
raises :class:`ImportError` naming the extra to install.
"""
