"""Gettext for lessons: catalogs read strictly, statistics, and the translator workflow."""
