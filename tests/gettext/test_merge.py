"""``new_catalog``, ``merge_catalog`` and ``TranslationMemory`` on catalogs built in memory.

What ``init`` and ``update`` promise, checked below the command line: a new catalog's header
(``Language``, CLDR ``Plural-Forms``, ``Language-Team``, the ``# Translators:`` block), and a
merge that behaves like ``msgmerge --previous``: translations kept, whitespace-only changes carried
over as they are, changed messages fuzzy with ``#|``, vanished ones obsolete, comments and the
header block kept, the header refreshed, and nothing reported as changed when nothing did.
"""

from __future__ import annotations

import random

import pytest
from babel import Locale
from babel.messages.plurals import get_plural

from otsmaterials._version import __version__
from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.merge import TranslationMemory, merge_catalog, new_catalog
from otsmaterials.gettext.plurals import check_plural_forms
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po

OLD_DATE = "2024-01-01 10:00+0000"
NEW_DATE = "2024-06-01 12:30+0000"
REVISED = "2024-02-02 08:00+0000"


def template(*entries: PoEntry, created: str = OLD_DATE) -> PoFile:
    """A ``.pot`` as ``extract`` makes one (fuzzy header, empty msgstrs)."""
    header = [
        ("Project-Id-Version", "Python Basics"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", "otsmaterials 0.0.1"),
    ]
    return PoFile(header, ["Translations of loops.md."], ["fuzzy"], list(entries))


def translated(*pairs: tuple[str, str], comments: tuple[str, ...] = ()) -> PoFile:
    """A German catalog, as a translator left it, with the given msgid → msgstr pairs."""
    header = [
        ("Project-Id-Version", "Python Basics"),
        ("POT-Creation-Date", OLD_DATE),
        ("PO-Revision-Date", REVISED),
        ("Last-Translator", "Ana Example <ana@example.org>"),
        ("Language-Team", "German <LL@li.org>"),
        ("Language", "de"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
        ("X-Generator", "Poedit 3.4"),
    ]
    head_comments = ["German translations of Python Basics.", "", "Translators:", *comments]
    entries = [
        PoEntry(msgid, msgstr, locations=[f"loops.md:{2 * number}"])
        for number, (msgid, msgstr) in enumerate(pairs, start=1)
    ]
    return PoFile(header, head_comments, [], entries)


def same_places(catalog: PoFile) -> list[PoEntry]:
    """Template entries for the catalog's messages, at the same references."""
    return [PoEntry(e.msgid, locations=list(e.locations)) for e in catalog.active()]


def by_msgid(catalog: PoFile) -> dict[str, PoEntry]:
    return {entry.msgid: entry for entry in catalog.entries}


def roundtrip(catalog: PoFile) -> PoFile:
    """The catalog as the next run reads it back."""
    return parse_po(format_po(catalog).encode("utf-8"), "merged.po")


# --- new_catalog (init) -------------------------------------------------------------------------


def test_new_catalog_header_for_pt_br() -> None:
    pot = template(PoEntry("Loops", locations=["loops.md:1"], extracted=["front matter: title"]))
    catalog = new_catalog(pot, "pt-BR", now=NEW_DATE)
    assert catalog.header_value("Language") == "pt_BR"
    assert catalog.header_value("Language-Team") == "Portuguese (Brazil) <LL@li.org>"
    expected_plural = get_plural(Locale.parse("pt_BR")).plural_forms
    assert catalog.header_value("Plural-Forms") == expected_plural
    assert catalog.header_value("X-Generator") == f"otsmaterials {__version__}"
    assert catalog.header_value("POT-Creation-Date") == OLD_DATE  # the template's
    assert catalog.header_value("PO-Revision-Date") == NEW_DATE
    assert catalog.header_value("Project-Id-Version") == "Python Basics"
    assert "charset=UTF-8" in (catalog.header_value("Content-Type") or "")
    assert "Translators:" in catalog.header_comments
    assert "fuzzy" not in catalog.header_flags
    (entry,) = catalog.entries
    assert entry.msgstr == ""
    assert entry.locations == ["loops.md:1"]
    assert entry.extracted == ["front matter: title"]


@pytest.mark.parametrize(
    ("language", "nplurals"), [("de", 2), ("fr", None), ("ru", None), ("ar", 6), ("ja", 1)]
)
def test_new_catalog_plural_forms_come_from_cldr(language: str, nplurals: int | None) -> None:
    catalog = new_catalog(template(PoEntry("Loops")), language, now=NEW_DATE)
    value = catalog.header_value("Plural-Forms")
    assert value == get_plural(Locale.parse(language)).plural_forms
    assert value is not None
    count = check_plural_forms(value)  # our own reader accepts what init writes
    if nplurals is not None:
        assert count == nplurals
    assert catalog.header_value("Language") == language


def test_new_catalog_drops_template_translations_and_fuzzy_flags() -> None:
    pot = template(
        PoEntry("Loops", msgstr="leftover", flags=["fuzzy", "python-format"], comments=["x"])
    )
    (entry,) = new_catalog(pot, "de", now=NEW_DATE).entries
    assert entry.msgstr == ""
    assert entry.flags == ["python-format"]
    assert entry.comments == []


# --- merge_catalog (update) ---------------------------------------------------------------------

LOOP = "Use a loop to print the numbers from one to ten."
LOOP_DE = "Benutze eine Schleife, um die Zahlen von eins bis zehn auszugeben."
AGAIN = "Computers are good at doing the same thing again and again."
AGAIN_DE = "Computer sind gut darin, immer wieder dasselbe zu tun."
GONE = "This paragraph about turtles will vanish from the lesson."
GONE_DE = "Dieser Absatz über Schildkröten verschwindet aus der Lektion."


def test_unchanged_template_keeps_everything_and_reports_no_change() -> None:
    old = translated(("Loops", "Schleifen"), (AGAIN, AGAIN_DE))
    result = merge_catalog(old, template(*same_places(old)))
    assert result.changed is False
    assert result.kept == 2
    assert (result.fuzzy, result.untranslated, result.suggested, result.obsolete) == (0, 0, 0, 0)
    assert result.catalog.entries == old.entries


def test_merge_behaves_like_msgmerge() -> None:
    old = translated(("Loops", "Schleifen"), (AGAIN, AGAIN_DE), (LOOP, LOOP_DE), (GONE, GONE_DE))
    old.entries[0].comments = ["keep the plural here"]
    new = template(
        PoEntry("Loops", locations=["loops.md:1"]),
        PoEntry("Computers are  good at doing the same\nthing again and again."),
        PoEntry(LOOP.replace("ten", "twenty"), locations=["loops.md:9"]),
        PoEntry("A brand new paragraph about dictionaries and keys."),
        created=NEW_DATE,
    )
    result = merge_catalog(old, new)
    assert result.changed is True
    assert (result.kept, result.fuzzy, result.untranslated, result.obsolete) == (2, 1, 1, 1)
    entries = by_msgid(result.catalog)

    kept = entries["Loops"]
    assert (kept.msgstr, kept.fuzzy, kept.comments) == (
        "Schleifen",
        False,
        ["keep the plural here"],
    )
    assert kept.locations == ["loops.md:1"]  # references come from the new template

    spaced = entries["Computers are  good at doing the same\nthing again and again."]
    assert spaced.msgstr == AGAIN_DE
    assert not spaced.fuzzy
    assert spaced.previous_msgid is None

    changed = entries[LOOP.replace("ten", "twenty")]
    assert changed.msgstr == LOOP_DE
    assert changed.fuzzy
    assert changed.previous_msgid == LOOP

    fresh = entries["A brand new paragraph about dictionaries and keys."]
    assert (fresh.msgstr, fresh.fuzzy) == ("", False)

    gone = entries[GONE]
    assert gone.obsolete
    assert gone.msgstr == GONE_DE
    # order: the template's messages, then the obsolete ones
    assert [e.msgid for e in result.catalog.entries][-1] == GONE
    assert [e.obsolete for e in result.catalog.entries] == [False] * 4 + [True]


def test_merge_refreshes_the_header_and_keeps_the_translators_block() -> None:
    old = translated(("Loops", "Schleifen"), comments=("Ana Example <ana@example.org>, 2024.",))
    result = merge_catalog(old, template(PoEntry("Loops"), PoEntry("New"), created=NEW_DATE))
    catalog = result.catalog
    assert catalog.header_value("POT-Creation-Date") == NEW_DATE
    assert catalog.header_value("X-Generator") == f"otsmaterials {__version__}"
    # the translator's fields stay as they were
    assert catalog.header_value("PO-Revision-Date") == REVISED
    assert catalog.header_value("Last-Translator") == "Ana Example <ana@example.org>"
    assert catalog.header_value("Language") == "de"
    assert catalog.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert catalog.header_comments == [
        "German translations of Python Basics.",
        "",
        "Translators:",
        "Ana Example <ana@example.org>, 2024.",
    ]
    text = format_po(catalog)
    assert "# Translators:\n# Ana Example <ana@example.org>, 2024.\n" in text


def test_header_date_alone_is_not_a_change() -> None:
    old = translated(("Loops", "Schleifen"))
    result = merge_catalog(old, template(*same_places(old), created=NEW_DATE))
    assert result.changed is False


def test_no_obsolete_drops_vanished_messages() -> None:
    old = translated(("Loops", "Schleifen"), (GONE, GONE_DE))
    result = merge_catalog(old, template(PoEntry("Loops")), keep_obsolete=False)
    assert [e.msgid for e in result.catalog.entries] == ["Loops"]
    assert result.changed is True


def test_obsolete_entries_stay_obsolete_and_come_back_when_the_message_returns() -> None:
    old = translated(("Loops", "Schleifen"), (GONE, GONE_DE))
    first = roundtrip(merge_catalog(old, template(PoEntry("Loops"))).catalog)
    assert by_msgid(first)[GONE].obsolete
    again = merge_catalog(first, template(PoEntry("Loops")))
    assert again.changed is False  # an obsolete entry is not re-reported
    back = merge_catalog(first, template(PoEntry("Loops"), PoEntry(GONE))).catalog
    returned = by_msgid(back)[GONE]
    assert (returned.obsolete, returned.msgstr, returned.fuzzy) == (False, GONE_DE, False)
    assert len([e for e in back.entries if e.msgid == GONE]) == 1


def test_a_fuzzy_translation_stays_fuzzy_with_its_previous_msgid() -> None:
    old = translated(("Loops", "Schleifen"), (LOOP.replace("ten", "twenty"), LOOP_DE))
    old.entries[1].flags = ["fuzzy"]
    old.entries[1].previous_msgid = LOOP
    result = merge_catalog(old, template(*same_places(old)))
    entry = result.catalog.entries[1]
    assert entry.fuzzy
    assert entry.previous_msgid == LOOP
    assert entry.msgstr == LOOP_DE
    assert result.changed is False


def test_plural_messages_keep_every_form() -> None:
    old = translated()
    old.entries = [
        PoEntry("one file", msgid_plural="{n} files", msgstr_plural=["eine Datei", "{n} Dateien"])
    ]
    new = template(PoEntry("one file", msgid_plural="{n} files", msgstr_plural=["", ""]))
    (entry,) = merge_catalog(old, new).catalog.entries
    assert entry.msgstr_plural == ["eine Datei", "{n} Dateien"]
    assert not entry.fuzzy


def test_merged_catalog_survives_the_writer() -> None:
    old = translated(("Loops", "Schleifen"), (LOOP, LOOP_DE), (GONE, GONE_DE))
    new = template(PoEntry("Loops"), PoEntry(LOOP.replace("ten", "twenty")), created=NEW_DATE)
    merged = merge_catalog(old, new).catalog
    back = roundtrip(merged)
    assert back.entries == merged.entries
    assert back.header == merged.header
    assert back.header_comments == merged.header_comments
    text = format_po(merged)
    assert f'#| msgid "{LOOP}"' in text
    assert f'#~ msgid "{GONE}"' in text


def test_vanished_fuzzy_message_with_a_previous_context_can_be_read_back() -> None:
    old = translated(("Loops", "Schleifen"))
    old.entries.append(
        PoEntry(
            LOOP,
            LOOP_DE,
            msgctxt="exercise",
            flags=["fuzzy"],
            previous_msgid=LOOP.replace("ten", "nine"),
            previous_msgctxt="exercises",
        )
    )
    merged = merge_catalog(old, template(*same_places(old)[:1])).catalog
    back = roundtrip(merged)
    (gone,) = [entry for entry in back.entries if entry.obsolete]
    assert (gone.msgid, gone.msgctxt, gone.msgstr) == (LOOP, "exercise", LOOP_DE)


# --- translation memory -------------------------------------------------------------------------

MEMORY_SOURCE = "A function is a name for a piece of code that you can use many times."
MEMORY_CLOSE = "A function is a name for a piece of code that you can use many times over."


def test_memory_prefers_an_exact_match_over_a_close_one() -> None:
    memory = TranslationMemory.from_pairs(
        {
            MEMORY_CLOSE: "Eine Funktion … immer wieder (nahe).",
            MEMORY_SOURCE: "Eine Funktion ist ein Name für ein Stück Code (genau).",
        }
    )
    assert memory.suggest(MEMORY_SOURCE) == "Eine Funktion ist ein Name für ein Stück Code (genau)."
    # whitespace does not matter for an exact match
    spaced = MEMORY_SOURCE.replace(" a piece", "\n a  piece")
    assert memory.suggest(spaced) == "Eine Funktion ist ein Name für ein Stück Code (genau)."


def test_memory_offers_a_close_match_and_nothing_for_unrelated_text() -> None:
    memory = TranslationMemory.from_pairs({MEMORY_CLOSE: "nahe", "Empty": ""})
    assert memory.suggest(MEMORY_SOURCE) == "nahe"
    assert memory.suggest("Turtles draw lines on the screen when they move.") is None
    assert memory.suggest("Empty") is None  # empty translations are not remembered


def test_memory_fills_untranslated_messages_as_fuzzy_without_previous_msgid() -> None:
    memory = TranslationMemory.from_pairs({MEMORY_SOURCE: "Eine Funktion ist ein Name."})
    old = translated(("Loops", "Schleifen"))
    result = merge_catalog(old, template(PoEntry("Loops"), PoEntry(MEMORY_SOURCE)), memory=memory)
    entry = by_msgid(result.catalog)[MEMORY_SOURCE]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Eine Funktion ist ein Name.",
        True,
        None,
    )
    assert result.suggested == 1
    assert result.untranslated == 0


def test_memory_never_overrides_a_translation() -> None:
    memory = TranslationMemory.from_pairs(
        {"Loops": "Schleifen (aus dem Gedächtnis)", LOOP: "aus dem Gedächtnis"}
    )
    old = translated(("Loops", "Schleifen"), (LOOP.replace("ten", "twenty"), "eigene, fuzzy"))
    old.entries[1].flags = ["fuzzy"]
    result = merge_catalog(old, template(*same_places(old)), memory=memory)
    entries = by_msgid(result.catalog)
    assert entries["Loops"].msgstr == "Schleifen"
    assert entries[LOOP.replace("ten", "twenty")].msgstr == "eigene, fuzzy"
    assert result.suggested == 0
    assert result.changed is False


def test_memory_is_not_used_for_plural_messages() -> None:
    memory = TranslationMemory.from_pairs({"one file": "eine Datei"})
    new = template(PoEntry("one file", msgid_plural="{n} files", msgstr_plural=["", ""]))
    (entry,) = merge_catalog(translated(), new, memory=memory).catalog.entries
    assert entry.msgstr_plural == ["", ""]
    assert not entry.fuzzy


# --- fuzzy matching at paragraph length ---------------------------------------------------------

FUNCTION_WORDS = (
    "the of and to a in is that for it as with on be by this are or from at an which can not "
    "you your we if when then each more than into its has will"
).split()
SYLLABLES = "ka lo mi ren sto va pel dun ri ta gor bel sen tu mar fi no les ar ve qui zan".split()


def paragraphs(count: int, seed: int) -> list[str]:
    """Prose-like paragraphs of 45–80 words: a Zipf-distributed vocabulary of 5,000 words."""
    rng = random.Random(seed)
    words = list(FUNCTION_WORDS)
    while len(words) < 5000:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in words:
            words.append(word)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return [
        " ".join(rng.choices(words, weights=weights, k=rng.randint(45, 80))) + "."
        for _ in range(count)
    ]


def one_word_changed(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    position = rng.randrange(1, len(words))
    words[position] = "changed" if words[position] != "changed" else "altered"
    return " ".join(words)


def test_fuzzy_matching_finds_the_previous_paragraph() -> None:
    rng = random.Random(3)
    sources = paragraphs(12, seed=1)
    old = translated(*((text, f"Übersetzung {n}") for n, text in enumerate(sources)))
    edited = [one_word_changed(text, rng) for text in sources]
    result = merge_catalog(old, template(*(PoEntry(text) for text in edited)))
    assert result.fuzzy == len(sources)
    for number, (source, entry) in enumerate(zip(sources, result.catalog.entries, strict=True)):
        assert entry.previous_msgid == source
        assert entry.msgstr == f"Übersetzung {number}"
        assert entry.fuzzy


def test_fuzzy_merge_finds_each_of_2000_edited_paragraphs() -> None:
    # Speed is measured by benchmarks/translate.py; here: every paragraph finds its own past.
    rng = random.Random(11)
    sources = paragraphs(2000, seed=2)
    old = translated(*((text, f"Übersetzung {n}") for n, text in enumerate(sources)))
    new = template(*(PoEntry(one_word_changed(text, rng)) for text in sources))
    result = merge_catalog(old, new)
    assert result.fuzzy == 2000
    assert [entry.previous_msgid for entry in result.catalog.entries] == sources
    assert [entry.msgstr for entry in result.catalog.entries] == [
        f"Übersetzung {n}" for n in range(2000)
    ]


@pytest.mark.parametrize(
    ("old", "new", "msgstr", "forms"),
    [
        (
            PoEntry("apple", msgstr="Apfel"),
            PoEntry("apple", msgid_plural="apples", msgstr_plural=["", ""]),
            "",
            ["Apfel", ""],
        ),
        (
            PoEntry("apple", msgid_plural="apples", msgstr_plural=["Apfel", "Äpfel"]),
            PoEntry("apple"),
            "Apfel",
            [],
        ),
    ],
    ids=["became-plural", "stopped-being-plural"],
)
def test_a_message_that_changes_shape_keeps_its_translation_fuzzy(
    old: PoEntry, new: PoEntry, msgstr: str, forms: list[str]
) -> None:
    catalog = PoFile([("Language", "de")], [], [], [old])
    result = merge_catalog(catalog, template(new), now=NEW_DATE)
    (entry,) = result.catalog.entries
    assert (entry.msgstr, entry.msgstr_plural, entry.fuzzy) == (msgstr, forms, True)
    again = parse_po(format_po(result.catalog).encode("utf-8"), "x.po").entries[0]
    assert (again.msgstr, again.msgstr_plural) == (msgstr, forms)  # and the writer keeps it
