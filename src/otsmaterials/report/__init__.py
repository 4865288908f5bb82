"""The coordinators' status page: where translation stands, per material, lesson and language.

:func:`status_report` gathers it from an index (frozen models: a matrix of lessons × languages
per material, a summary per language and per material); :func:`render_report` writes it as one
self-contained HTML page, or a folder of pages (one per material); the page's own texts are in
the ``--lang`` language (the library's catalogs), its filters small plain JavaScript that the
page does without.
"""
