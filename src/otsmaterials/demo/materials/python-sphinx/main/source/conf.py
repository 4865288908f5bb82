# Sphinx configuration for "First Steps in Python".
# The text of this material is licensed under CC BY-SA 4.0 (see LICENSE).

project = "First Steps in Python"
author = "the First Steps in Python contributors"
version = "1.0"
release = "1.0"

master_doc = "index"
source_suffix = ".rst"

language = "en"
locale_dirs = ["locale/"]
gettext_compact = False

html_theme = "alabaster"
