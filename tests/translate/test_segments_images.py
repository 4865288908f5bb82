"""Images among the messages: only a paragraph that may be a lone image is read inline."""

from __future__ import annotations

import otsmaterials.translate as ot


def test_a_lone_image_written_with_a_reference_gives_its_alt_and_title() -> None:
    text = (
        "# Images\n\n![Ref alt][logo]\n\nText with ![inline](x.png) image.\n\n"
        "![Direct](y.png 'Direct title')\n\n"
        '[logo]: images/logo.png "Logo title"\n'
    )
    found = [(s.kind, s.msgid) for s in ot.document_segments(text, "lesson.md")]
    assert found == [
        ("heading", "Images"),
        ("alt", "Ref alt"),
        ("paragraph", "Text with ![inline](x.png) image."),
        ("alt", "Direct"),
        ("title", "Direct title"),
        ("title", "Logo title"),
    ]


def test_a_paragraph_without_an_image_is_one_message() -> None:
    text = "A *paragraph* with [a link](z.html) and `code`,\nover two lines.\n"
    assert [(s.kind, s.msgid) for s in ot.document_segments(text, "lesson.md")] == [
        ("paragraph", "A *paragraph* with [a link](z.html) and `code`, over two lines.")
    ]
