"""Languages: their tags, a reader's choice among them, and the language a text is written in.

:mod:`.tags` validates codes and converts between BCP 47 and gettext forms, :mod:`.negotiation`
answers ``Accept-Language`` with the versions there are, :mod:`.identify` tells a text's language,
:mod:`.spellings` knows how each language is written without its own letters (``ue`` for ``ü``).
"""
