"""The index: building it from the mirrors, storing it in SQLite, querying and exporting it."""
