"""A synthetic corpus: materials × lessons × languages × commits, as local git repositories.

Usage: python benchmarks/corpus.py DIR LESSONS [--languages 3] [--commits 3] [--per-material 200]

Each material is a Markdown site with per-language folders (``en/``, ``de/``, ``fr/`` …); every
lesson exists in every language; the history has ``--commits`` commits, each touching a share of
the lessons. Writes ``DIR/catalogue.toml`` (local sources) and prints what it made.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
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


def lesson_text(rng: random.Random, language: str, material: int, lesson: int, rev: int) -> bytes:
    words = WORDS[language]
    title = f"Lesson {lesson} of material {material} ({language})"
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(30, 60))).capitalize() + "."
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
    lines = [
        'name = "benchmark corpus"',
        "",
        "[settings]",
        "allow_local_sources = true",
        'cache_dir = "cache"',
        'index = "index.sqlite"',
        "",
    ]
    for index in range(materials):
        ident = f"material-{index:04}"
        create_repository(
            runner,
            root / "repos" / f"{ident}.git",
            material_commits(index, per_material, chosen, commits),
        )
        lines += [
            "[[materials]]",
            f'id = "{ident}"',
            f'title = "Material {index}"',
            f'source = "repos/{ident}.git"',
            f'topics = ["{TOPICS[index % 5]}"]',
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
