"""Support code with no knowledge of lessons.

Atomic writes, locks, the safe YAML reader, lazy imports, the frozen model base, order-keeping
alignment, word counts.
"""
