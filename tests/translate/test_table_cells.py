"""A table row is cut into cells once, and each cell's message is its own text, where it is."""

from __future__ import annotations

import otsmaterials.translate as ot


def test_every_cell_of_a_wide_table_is_a_message_at_its_place() -> None:
    columns = 12
    header = "| " + " | ".join(f"Head {n}" for n in range(columns)) + " |"
    rule = "|" + "---|" * columns
    rows = ["| " + " | ".join(f"r{r}c{n}" for n in range(columns)) + " |" for r in range(3)]
    rows[1] = rows[1].replace("r1c5", "a \\| b")  # an escaped pipe stays in its cell
    lines = [header, rule, *rows]
    segments = ot.document_segments("\n".join(lines) + "\n", "lesson.md")
    cells = [c for row in [header, *rows] for c in row.strip("| ").split(" | ")]
    assert [s.msgid for s in segments] == cells
    for segment in segments:
        assert segment.kind == "table-cell"
        line = lines[segment.span.start_line]
        assert line[segment.span.start_col : segment.span.end_col] == segment.msgid


def test_cells_of_a_table_in_a_quote_keep_their_columns() -> None:
    text = "> | a | b |\n> |---|---|\n> | c | d e |\n"
    found = [
        (s.msgid, s.span.start_line, s.span.start_col) for s in ot.document_segments(text, "x.md")
    ]
    assert found == [("a", 0, 4), ("b", 0, 8), ("c", 2, 4), ("d e", 2, 8)]
