"""Licences: detection with evidence, SPDX naming, and the compliance rules."""
