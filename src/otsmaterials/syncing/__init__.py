"""Many repositories at once: the pool, per-host limits, retries, the cache, the report.

Network git itself is :mod:`otsmaterials._git`; this package decides what to run, when and how
often, and keeps the mirrors' folder.
"""
