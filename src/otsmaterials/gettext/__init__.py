"""The gettext layer the whole project builds on.

The ``.po`` model (:mod:`.catalog`), its strict reader and its GNU-layout writer, ``.mo`` files,
plural forms, merging with fuzzy matching, statistics and compiling. It knows nothing of lessons,
indexes or the command line.
"""
