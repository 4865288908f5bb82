"""A synthetic corpus: materials × lessons × languages × commits, as local git repositories.

Usage: python benchmarks/corpus.py DIR LESSONS [--languages 3] [--commits 3] [--per-material 200]

Each material is a Markdown site with per-language folders (``en/``, ``de/``, ``fr/`` …); every
lesson exists in every language; the history has ``--commits`` commits, each touching a share of
the lessons. A lesson's text is drawn from a vocabulary of a few thousand words per language with
Zipf weights (a handful of words in nearly every lesson, most words in few), as real text is.
Writes ``DIR/catalogue.toml`` (local sources) and prints what it made.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from otsmaterials._git.create import NewCommit, create_repository
from otsmaterials._git.process import GitRunner

LANGUAGES = ["en", "de", "fr", "es", "pt-BR", "nl", "it", "pl"]
WORDS = {
    "en": "the loop runs until the list is empty and then the function returns a value".split(),
    "de": "die Schleife läuft bis die Liste leer ist und dann gibt die Funktion einen Wert".split(),
    "fr": "la boucle tourne tant que la liste est pleine et la fonction rend une valeur".split(),
    "es": "el bucle corre hasta que la lista esté vacía y la función devuelve un valor".split(),
    "pt-BR": "o laço roda até que a lista esteja vazia e a função retorna um valor".split(),
    "nl": "de lus draait tot de lijst leeg is en dan geeft de functie een waarde".split(),
    "it": "il ciclo gira finché la lista è vuota e la funzione restituisce un valore".split(),
    "pl": "pętla działa aż lista jest pusta a potem funkcja zwraca wartość".split(),
}
TOPICS = ["python", "javascript", "web-development", "data", "tools"]
VOCABULARY_SIZE = 3000
"""Words per language: the sentence's words first, then made-up ones (Zipf weights, 1 / rank)."""
SYLLABLES = (
    "ka lo mi ren sto va pel dun ri ta gor bel sen tu mar fi no les ar ve qui zan op el tri mus "
    "dal hen ko pra sil wen ba cor"
).split()


def zipf_vocabulary(
    first: list[str], rng: random.Random, size: int
) -> tuple[list[str], list[float]]:
    """``first``, then made-up words up to ``size``, and their cumulative Zipf weights (1/rank)."""
    words = list(dict.fromkeys(first))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


@functools.cache
def vocabulary(language: str) -> tuple[list[str], list[float]]:
    """A language's words and their cumulative Zipf weights (the same on every call)."""
    first = [word.lower() for word in WORDS[language]]
    return zipf_vocabulary(first, random.Random(language), VOCABULARY_SIZE)


def lesson_text(rng: random.Random, language: str, material: int, lesson: int, rev: int) -> bytes:
    words, weights = vocabulary(language)
    title = f"Lesson {lesson} of material {material} ({language})"
    paragraphs = [
        " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(30, 60))).capitalize() + "."
        for _ in range(4)
    ]
    body = "\n\n".join(f"## Part {n + 1}\n\n{p}" for n, p in enumerate(paragraphs))
    tags = TOPICS[(material + lesson) % len(TOPICS)]
    front = f'---\ntitle: "{title}"\nnum: {lesson}\ntags: [{tags}]\n---\n'
    return f"{front}\n# {title}\n\n{body}\n\nRevision {rev}.\n".encode()


def material_commits(
    index: int, lessons: int, languages: list[str], commits: int
) -> list[NewCommit]:
    rng = random.Random(index)
    files: dict[str, bytes] = {"_config.yml": b"title: Benchmark\n"}
    history = []
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for rev in range(commits):
        touched = range(lessons) if rev == 0 else rng.sample(range(lessons), max(1, lessons // 10))
        for lesson in touched:
            for language in languages:
                path = f"{language}/lesson-{lesson:04}.md"
                files[path] = lesson_text(rng, language, index, lesson, rev)
        history.append(
            NewCommit(
                branch="main",
                files=dict(files),
                author="Bench <b@example.org>",
                date=start + timedelta(days=rev),
                message=f"revision {rev}",
            )
        )
    return history


def make_corpus(root: Path, total: int, languages: int, commits: int, per_material: int) -> Path:
    runner = GitRunner(home=root / "home")
    chosen = LANGUAGES[:languages]
    materials = max(1, total // per_material)
    for index in range(materials):
        create_repository(
            runner,
            root / "repos" / f"material-{index:04}.git",
            material_commits(index, per_material, chosen, commits),
        )
    return write_catalogue(root, materials, topics=True)


def write_catalogue(root: Path, count: int, *, topics: bool = False) -> Path:
    """``root/catalogue.toml``: ``count`` materials ``material-NNNN`` from ``repos/``."""
    lines = [
        'name = "benchmark corpus"',
        "",
        "[settings]",
        "allow_local_sources = true",
        'cache_dir = "cache"',
        'index = "index.sqlite"',
        "",
    ]
    for index in range(count):
        ident = f"material-{index:04}"
        lines += [
            "[[materials]]",
            f'id = "{ident}"',
            f'title = "Material {index}"',
            f'source = "repos/{ident}.git"',
            *([f'topics = ["{TOPICS[index % 5]}"]'] if topics else []),
            "",
        ]
    path = root / "catalogue.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("lessons", type=int)
    parser.add_argument("--languages", type=int, default=3)
    parser.add_argument("--commits", type=int, default=3)
    parser.add_argument("--per-material", type=int, default=200)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = make_corpus(
        args.directory, args.lessons, args.languages, args.commits, args.per_material
    )
    print(
        f"{path}: {args.lessons} lessons × {args.languages} languages, {args.commits} commits, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
