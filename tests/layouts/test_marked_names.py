"""A language marker in a file name does not change what the file is.

A translation of a file that is no lesson (the repository's README, a contribution guide, a
section's landing page) is no lesson either, whatever marker names its language
(``README.de-DE.md``, ``README-cs.md``, ``CONTRIBUTING.fr.md``, ``core/README.de.md``); and in
a repository of one README per folder, the READMEs written per language (``README.pt-BR.md``)
are translations of their folder's lesson. Built end to end through the public API.
"""

from __future__ import annotations

import pytest

import otsmaterials as om

from gitrepos import material
from indexing import ENGLISH, Workspace, kinds, lesson_paths, titles, warnings


@pytest.fixture(scope="module")
def index(workspace: Workspace) -> om.Index:
    folders = workspace.repo("algorithms")
    folders.write(
        {
            "README.md": "# Algorithms\n\nOne folder per algorithm, explained.\n",
            "README.pt-BR.md": "# Algoritmos\n\nUma pasta por algoritmo.\n",
            "README-cs.md": "# Algoritmy\n\nJedna složka pro každý algoritmus.\n",
            "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
            "CONTRIBUTING.fr.md": "# Contribuer\n\nOuvrez une demande de fusion.\n",
            "BACKERS.md": "# Backers\n\nThank you for your support.\n",
            "BACKERS.zh-CN.md": "# 支持者\n\n感谢您的支持。\n",
            "sorting/quick-sort/README.md": (
                "# Quicksort\n\nQuicksort is a divide and conquer algorithm that picks a pivot "
                "and sorts the elements around it.\n"
            ),
            "sorting/quick-sort/README.pt-BR.md": (
                "# Quicksort\n\nO quicksort é um algoritmo de divisão e conquista que escolhe um "
                "pivô e ordena os elementos à sua volta.\n"
            ),
            "sorting/quick-sort/README.zh-CN.md": (
                "# 快速排序\n\n快速排序是一种分而治之的算法，"
                "它选择一个基准并围绕它对元素进行排序。\n"
            ),
            "sorting/quick-sort/QuickSort.js": "export default class QuickSort {}\n",
            "trees/trie/README.md": (
                "# Trie\n\nA trie is a tree that stores strings by their prefixes, one "
                "character per level.\n"
            ),
            "trees/trie/README.ko-KR.md": (
                "# 트라이\n\n트라이는 문자열을 접두사로 저장하는 트리이며, 한 단계에 한 글자씩 "
                "저장합니다.\n"
            ),
            "trees/trie/README.ko-KO.md": (
                "# 트라이 구조\n\n트라이는 문자열을 접두사로 저장하는 트리이며, 한 단계에 한 "
                "글자씩 저장합니다.\n"
            ),
            "trees/trie/README-uk.md": (
                "# Префіксне дерево\n\nПрефіксне дерево зберігає рядки за їхніми префіксами, "
                "по одному символу на рівень.\n"
            ),
        }
    ).commit("Algorithms in folders")

    site = workspace.repo("jekyll-site")
    site.write(
        {
            "_config.yml": "title: Web\n",
            "core/README.md": "# Core\n\nThe core lessons of the workshop.\n",
            "core/README.de.md": "# Kern\n\nDie Kernlektionen des Workshops.\n",
            "core/README_fr.md": "# Noyau\n\nLes leçons principales de l'atelier.\n",
            "core/setup.md": f"# Setting up\n\nInstall the editor. {ENGLISH}\n",
            "core/setup.de.md": (
                "# Einrichtung\n\nInstalliere den Editor vor dem Workshop, damit alles bereit "
                "ist, wenn wir anfangen.\n"
            ),
            "docs/CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
            "docs/CONTRIBUTING_de.md": "# Mitmachen\n\nÖffne einen Pull Request.\n",
            "docs/CODE_OF_CONDUCT.es.md": "# Código de conducta\n\nSé amable.\n",
            "docs/CODE_OF_CONDUCT-fil.md": "# Kodigo ng Pag-uugali\n\nMaging mabait.\n",
            "docs/CONTRIBUTING-np.md": "# योगदान\n\nपुल अनुरोध खोल्नुहोस्।\n",
            "index-faq.md": f"# Questions\n\nWhat people ask. {ENGLISH}\n",
            "LICENSE.de.md": "# Lizenz\n\nCC BY-SA 4.0\n",
            "extra/loops.md": f"# Loops\n\nRepeat a block. {ENGLISH}\n",
            "extra/loops-de.md": (
                "# Schleifen\n\nWiederhole einen Block, so oft du willst, und zähle dabei mit.\n"
            ),
            "extra/install.md": f"# Installing\n\nGet the tools. {ENGLISH}\n",
            "extra/install-mac.md": f"# Installing on a Mac\n\nUse Homebrew. {ENGLISH}\n",
            "extra/how-to.md": f"# How to ask\n\nAsk early. {ENGLISH}\n",
            "extra/how-to-de.md": (
                "# Wie man fragt\n\nFrag früh und frag oft, denn niemand weiß alles von "
                "Anfang an.\n"
            ),
            "_posts/2013-10-17-intro.md": f"---\ntitle: Intro\n---\n\n{ENGLISH}\n",
            "_posts/2013-10-17-intro.de.md": (
                "---\ntitle: Einführung\n---\n\nJeder Satz hier hat genug Wörter, damit "
                "die Sprache der Seite klar ist.\n"
            ),
        }
    ).commit("A Jekyll site")
    guide = workspace.repo("guide")
    guide.write(
        {
            "README.md": f"# The Art of the Shell\n\nUse the shell well. {ENGLISH}\n",
            "README-cs.md": (
                "# Umění příkazové řádky\n\nPoužívejte příkazovou řádku dobře, protože vám "
                "ušetří spoustu času.\n"
            ),
            "README.de.md": (
                "# Die Kunst der Kommandozeile\n\nNutze die Kommandozeile gut, denn sie spart "
                "dir viel Zeit.\n"
            ),
            "README-zh-Hant.md": "# 命令列的藝術\n\n好好使用命令列，因為它能為你節省大量時間。\n",
            "LICENSE": "Creative Commons Attribution-ShareAlike 4.0 International\n",
            "cowsay.png": "not really a picture\n",
        }
    ).commit("A guide in one README")

    pages = workspace.repo("html-pages")
    pages.write(
        {
            "README.md": "# Slides\n\nOpen index.html in a browser.\n",
            "index.html": (
                '<html><title>Slides</title><body><p><a href="intro.html">Intro</a></p>'
                "</body></html>\n"
            ),
            "intro.html": "<html><title>Intro</title><body><p>Welcome to the slides.</p></body>"
            "</html>\n",
        }
    ).commit("HTML pages and a README")
    lists = workspace.repo("lists")
    lists.write(
        {
            "books-bg.md": (
                "# Безплатни книги\n\nСписък с безплатни книги за програмиране на български.\n"
            )
        }
    ).commit("The first list", date="2013-01-01T12:00:00+00:00")
    lists.write(
        {
            "README.md": "# Free books\n\nLists of free books about programming.\n",
            "books-en.md": f"# Free books\n\nA list of free programming books. {ENGLISH}\n",
            "courses-zh.md": ("# 免费课程\n\n免费的编程课程列表，按主题排列，供所有人学习使用。\n"),
            "courses-zh_TW.md": (
                "# 免費課程\n\n免費的程式設計課程列表，依主題排列，供所有人學習使用。\n"
            ),
            "HOWTO.md": f"# How to use the lists\n\nFind a book by its subject. {ENGLISH}\n",
            "guide.md": f"# Contributing a list\n\nOne list per language. {ENGLISH}\n",
        }
    ).commit("More lists", date="2015-01-01T12:00:00+00:00")
    lists.write(
        {
            "HOWTO-de.md": (
                "# Wie man die Listen benutzt\n\nFinde ein Buch nach seinem Thema, und lies es "
                "online oder lade es herunter.\n"
            ),
            "HOWTO-fr.md": (
                "# Comment utiliser les listes\n\nTrouvez un livre par son sujet, et lisez-le en "
                "ligne ou téléchargez-le.\n"
            ),
            "HOWTO-fil.md": (
                "# Paano gamitin ang mga listahan\n\nHanapin ang isang aklat ayon sa paksa nito, "
                "at basahin ito online o i-download ito.\n"
            ),
            "HOWTO-np.md": (
                "# सूचीहरू कसरी प्रयोग गर्ने\n\nविषय अनुसार पुस्तक खोज्नुहोस्, र यसलाई अनलाइन "
                "पढ्नुहोस् वा डाउनलोड गर्नुहोस्।\n"
            ),
            "guide-pt-BR.md": (
                "# Contribuindo com uma lista\n\nUma lista por idioma, com os livros gratuitos "
                "que você conhece.\n"
            ),
        }
    ).commit("Translations", date="2016-01-01T12:00:00+00:00")
    return workspace.build(
        "marked",
        [
            material("algorithms", folders),
            material("jekyll-site", site),
            material("guide", guide),
            material("html-pages", pages),
            material("lists", lists),
            material("lists-mapped", lists, language_codes={"np": "ne"}),
        ],
    )


def test_translated_readmes_are_translations_of_their_folder(index: om.Index) -> None:
    assert lesson_paths(index, "algorithms") == ["sorting/quick-sort", "trees/trie"]
    quick, trie = index.lessons(material="algorithms")
    assert sorted(titles(quick)) == ["en", "pt-BR", "zh-CN"]
    assert quick.original().path == "sorting/quick-sort/README.md"
    assert kinds(quick) == {"en": "original", "pt-BR": "file", "zh-CN": "file"}
    assert titles(trie) == {"en": "Trie", "ko-KR": "트라이", "uk": "Префіксне дерево"}


def test_a_code_that_is_no_valid_tag_is_reported_as_such(index: om.Index) -> None:
    """``README.ko-KO.md`` (there is no region KO) beside ``README.md``: neither a lesson of its
    own nor a version in a language it does not state; the catalogue can map the code."""
    trie = index.lesson("algorithms/trees/trie")
    assert "trees/trie/README.ko-KO.md" not in {v.path for v in trie.versions.values()}
    (warning,) = [w for w in warnings(index, "algorithms") if "ko-KO" in w.message]
    assert "is not a language tag" in warning.message
    assert "reads as Korean" in warning.message


def test_translations_of_files_that_are_no_lessons_are_no_lessons(index: om.Index) -> None:
    paths = lesson_paths(index, "jekyll-site")
    assert not [path for path in paths if "README" in path or "CONTRIBUTING" in path]
    assert not [path for path in paths if "LICENSE" in path or "CODE_OF_CONDUCT" in path]
    assert "core/setup" in paths
    assert sorted(titles(index.lesson("jekyll-site/core/setup"))) == ["de", "en"]
    assert "index-faq" in paths  # a page of its own: "faq" is no language


def test_a_hyphen_marks_a_language_beside_the_page_without_it(index: om.Index) -> None:
    paths = lesson_paths(index, "jekyll-site")
    assert titles(index.lesson("jekyll-site/extra/loops")) == {"en": "Loops", "de": "Schleifen"}
    assert titles(index.lesson("jekyll-site/extra/how-to")) == {
        "en": "How to ask",
        "de": "Wie man fragt",
    }
    assert "extra/install-mac" in paths  # a system, not Macedonian
    assert "extra/loops-de" not in paths
    assert "extra/how-to-de" not in paths


def test_a_post_with_a_marker_is_a_version_of_the_post(index: om.Index) -> None:
    assert titles(index.lesson("jekyll-site/intro")) == {"en": "Intro", "de": "Einführung"}
    assert "intro.de" not in lesson_paths(index, "jekyll-site")


def test_a_material_that_is_one_readme_has_that_lesson(index: om.Index) -> None:
    assert lesson_paths(index, "guide") == ["README"]
    (readme,) = index.lessons(material="guide")
    assert titles(readme) == {
        "en": "The Art of the Shell",
        "cs": "Umění příkazové řádky",
        "de": "Die Kunst der Kommandozeile",
        "zh-Hant": "命令列的藝術",
    }
    assert readme.original().path == "README.md"


def test_a_readme_beside_other_pages_stays_the_overview(index: om.Index) -> None:
    assert lesson_paths(index, "html-pages") == ["intro"]


def test_a_region_is_no_language_of_its_own(index: om.Index) -> None:
    """``courses-zh_TW.md`` beside ``courses-zh.md`` is no Twi (``tw``) version of it, and
    ``guide-pt-BR.md`` is the Brazilian Portuguese version of ``guide.md``, not a Breton one of
    ``guide-pt``."""
    paths = lesson_paths(index, "lists")
    assert {"courses-zh", "courses-zh_TW"} <= set(paths)
    assert sorted(titles(index.lesson("lists/guide"))) == ["en", "pt-BR"]
    assert not [w for w in warnings(index, "lists") if "(tw)" in w.message]


def test_the_pages_translations_are_made_of_are_in_the_original_language(
    index: om.Index,
) -> None:
    """``HOWTO-de.md`` and ``HOWTO-fr.md`` translate ``HOWTO.md``: its language (English) is the
    original one, although a Bulgarian page of its own was committed first."""
    assert index.material("lists").original_language == "en"
    assert {"de", "en", "fr"} <= set(titles(index.lesson("lists/HOWTO")))
    assert index.lesson("lists/HOWTO").original().path == "HOWTO.md"
    assert titles(index.lesson("lists/books-bg")) == {"bg": "Безплатни книги"}


def test_a_family_of_marked_pages_counts_its_other_members_in(index: om.Index) -> None:
    """Beside ``HOWTO-de.md`` and ``HOWTO-fr.md``, ``HOWTO-fil.md`` is the Filipino version of
    ``HOWTO.md`` and ``HOWTO-np.md`` is reported (``np`` is Nepal's code, no language's)."""
    assert sorted(titles(index.lesson("lists/HOWTO"))) == ["de", "en", "fil", "fr"]
    paths = lesson_paths(index, "lists")
    assert "HOWTO-np" not in paths
    assert "HOWTO-fil" not in paths
    (warning,) = [w for w in warnings(index, "lists") if "'np'" in w.message]
    assert "is not a language tag" in warning.message
    assert "Nepali" in warning.message


def test_the_catalogue_says_what_a_family_members_code_means(index: om.Index) -> None:
    howto = index.lesson("lists-mapped/HOWTO")
    assert howto.versions["ne"].path == "HOWTO-np.md"
    assert not [w for w in warnings(index, "lists-mapped") if "'np'" in w.message]
