"""The block alignment on plain prose: a dropped, inserted or moved paragraph is found by what
the paragraphs keep through translation (their lengths, punctuation, words spelt alike), not by
its position, so the paragraphs around it keep their translations (``import-translation``)."""

from __future__ import annotations

import pytest

from otsmaterials.translate import align_translation

# A lesson of plain paragraphs (no code, links or numbers) and its German translation.
PROSE = [
    (
        "Programming is a way of telling a computer what to do.",
        "Programmieren heißt, einem Computer zu sagen, was er tun soll.",
    ),
    (
        (
            "A program is a list of instructions. The computer follows them one after the other, "
            "exactly as they are written, without ever guessing what you meant to say instead. "
            "That is why small mistakes matter so much, and why reading an error message "
            "carefully is the first skill every programmer learns."
        ),
        (
            "Ein Programm ist eine Liste von Anweisungen. Der Computer befolgt sie eine nach der "
            "anderen, genau so, wie sie geschrieben sind, ohne je zu raten, was du eigentlich "
            "sagen wolltest. Deshalb zählen kleine Fehler so viel, und deshalb ist das sorgfältige "
            "Lesen einer Fehlermeldung die erste Fähigkeit, die jede Programmiererin lernt."
        ),
    ),
    ("Do not worry about breaking anything.", "Keine Sorge, du kannst nichts kaputt machen."),
    (
        (
            "When something goes wrong, read the message from the bottom up: the last line usually "
            "says what happened, and the lines above it say where."
        ),
        (
            "Wenn etwas schiefgeht, lies die Meldung von unten nach oben: Die letzte Zeile sagt "
            "meistens, was passiert ist, und die Zeilen darüber sagen, wo."
        ),
    ),
    ("Ask your coach whenever you are stuck.", "Frag deinen Coach, wenn du nicht weiterkommst."),
    (
        (
            "At the end of the workshop you will have written a small game that you can show to "
            "your friends and family, and you will know enough to keep learning on your own with "
            "the exercises of the next chapters."
        ),
        (
            "Am Ende des Workshops hast du ein kleines Spiel geschrieben, das du Freunden und "
            "Familie zeigen kannst, und du weißt genug, um mit den Übungen der nächsten Kapitel "
            "allein weiterzulernen."
        ),
    ),
    ("Have fun!", "Viel Spaß!"),
]
ENGLISH = [english for english, _ in PROSE]
GERMAN = [german for _, german in PROSE]
FOREIGN = (
    "Dieser Absatz steht nur in der Übersetzung: Er erklärt, wo die Teilnehmenden in Berlin "
    "Hilfe finden, wenn sie nach dem Workshop weitermachen wollen."
)


def lesson(paragraphs: list[str]) -> str:
    return "# Title\n\n" + "\n\n".join(paragraphs) + "\n"


def aligned(german: list[str]) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) from import-translation's alignment."""
    result = align_translation(
        lesson(ENGLISH), lesson(german), path="intro.md", language="de", project="intro"
    )
    found = {e.msgid: (e.msgstr, e.fuzzy) for e in result.catalog.active()}
    del found["Title"]
    return found


@pytest.mark.parametrize("dropped", range(len(PROSE)))
def test_dropped_paragraph_is_the_one_without_a_translation(dropped: int) -> None:
    found = aligned(GERMAN[:dropped] + GERMAN[dropped + 1 :])
    for index, (english, german) in enumerate(PROSE):
        if index == dropped:
            assert found[english] == ("", False), index
        else:
            assert found[english] == (german, False), index


NOTE = "Hinweis: Der Raum ist ab halb sieben offen."


@pytest.mark.parametrize("position", [0, 2, 4, len(PROSE)])
def test_inserted_note_is_left_out(position: int) -> None:
    found = aligned([*GERMAN[:position], NOTE, *GERMAN[position:]])
    assert found == {english: (german, False) for english, german in PROSE}


@pytest.mark.parametrize("position", [0, 2, 4, len(PROSE)])
def test_inserted_paragraph_like_its_neighbours_is_never_paired_for_sure(position: int) -> None:
    """A long paragraph only in the translation: where it could pass for its neighbour's
    translation the pair is fuzzy; every paragraph away from it keeps its translation."""
    found = aligned([*GERMAN[:position], FOREIGN, *GERMAN[position:]])
    for index, (english, german) in enumerate(PROSE):
        text, fuzzy = found[english]
        if abs(index - position) <= 1:
            assert text == german or fuzzy, index
        else:
            assert (text, fuzzy) == (german, False), index


def test_two_paragraphs_dropped_apart() -> None:
    found = aligned([GERMAN[0], GERMAN[2], GERMAN[3], GERMAN[5], GERMAN[6]])
    assert [found[english] for english in ENGLISH] == [
        (GERMAN[0], False),
        ("", False),
        (GERMAN[2], False),
        (GERMAN[3], False),
        ("", False),
        (GERMAN[5], False),
        (GERMAN[6], False),
    ]


@pytest.mark.parametrize("first", [1, 3, 4])
def test_swapped_paragraphs_are_never_paired_wrongly(first: int) -> None:
    german = list(GERMAN)
    german[first], german[first + 1] = german[first + 1], german[first]
    found = aligned(german)
    for index, (english, german_text) in enumerate(PROSE):
        text, fuzzy = found[english]
        if index in {first, first + 1}:
            # an order-keeping alignment keeps one of the two; never the other's translation
            assert text in {"", german_text}, (index, text)
        elif index in {first - 1, first + 2}:
            assert text == german_text or fuzzy, index  # a neighbour: right, or to be checked
        else:
            assert (text, fuzzy) == (german_text, False), index
    assert sum(1 for index in (first, first + 1) if found[ENGLISH[index]][0]) == 1


def test_paragraphs_alike_in_everything_stay_doubtful() -> None:
    """No evidence tells which of two alike paragraphs was dropped: fuzzy, never sure."""
    english = ["One line of text here.", "Two line of text here.", "Questions? Ask us!"]
    german = ["Eine Zeile Text hier.", "Fragen? Frag uns!"]
    result = align_translation(
        lesson(english), lesson(german), path="x.md", language="de", project="x"
    )
    found = {e.msgid: (e.msgstr, e.fuzzy) for e in result.catalog.active()}
    assert found["Questions? Ask us!"] == ("Fragen? Frag uns!", False)
    paired = [found[text] for text in english[:2]]
    assert ("", False) in paired
    assert ("Eine Zeile Text hier.", True) in paired


@pytest.mark.parametrize("replaced", [1, 3, 5])
def test_a_paragraph_replaced_by_another_is_never_sure(replaced: int) -> None:
    """The translation has an unrelated note where the paragraph was: in its place, the note may
    be offered, but only as fuzzy; the paragraphs around it keep their translations."""
    german = list(GERMAN)
    german[replaced] = NOTE
    found = aligned(german)
    for index, (english, german_text) in enumerate(PROSE):
        if index == replaced:
            assert found[english] in {(NOTE, True), ("", False)}
        else:
            assert found[english] == (german_text, False), index
