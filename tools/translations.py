"""Refresh the library's own message catalogs: extract msgids, merge the translations below.

Usage: python tools/translations.py   (needs Babel's pybabel, a dependency already)

The translations live here, next to their msgids, and are written to
``locales/<lang>/LC_MESSAGES/otsmaterials.po``; a new msgid without a translation stays
untranslated (English is shown) until it is added here.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent

TRANSLATIONS: dict[str, dict[str, str | tuple[str, str]]] = {
    "de": {
        "{title} by {authors}": "{title} von {authors}",
        "source: {source}": "Quelle: {source}",
        "licensed under {licence}": "lizenziert unter {licence}",
        "Translated into {language} by {translators}.": "Übersetzung ({language}): {translators}.",
        "Adapted from {title}.": "Bearbeitung von {title}.",
        "otsmaterials: error: {message}": "otsmaterials: Fehler: {message}",
        "otsmaterials: interrupted": "otsmaterials: abgebrochen",
        "{path}: valid ({materials}, {topics})": "{path}: gültig ({materials}, {topics})",
        "{n} material": ("{n} Material", "{n} Materialien"),
        "{n} topic": ("{n} Thema", "{n} Themen"),
        "{n} commit": ("{n} Commit", "{n} Commits"),
        "* marks the original. {lessons} lessons in {languages} languages.": "* kennzeichnet das Original. {lessons} Lektionen in {languages} Sprachen.",
        "Try: otsmaterials list -c {path}": "Zum Ausprobieren: otsmaterials list -c {path}",
        "{count} warnings (-v shows them)": "{count} Warnungen (-v zeigt sie)",
        "index updated: {path}": "Index aktualisiert: {path}",
        "index unchanged: {path}": "Index unverändert: {path}",
        "fix: {fix}": "Abhilfe: {fix}",
        "{count} findings": "{count} Befunde",
        "no findings": "keine Befunde",
        "{percent} translated": "{percent} übersetzt",
        "translation older than the original since {date}": "Übersetzung älter als das Original seit {date}",
        "translation older than the original": "Übersetzung älter als das Original",
        "lesson {order} of {material}": "Lektion {order} von {material}",
        "topics: {topics}": "Themen: {topics}",
        "original": "Original",
        "{kind} translation": "Übersetzung ({kind})",
        "file: {path}": "Datei: {path}",
        "on branch {branch}": "im Branch {branch}",
        "last change: {date} ({commit})": "letzte Änderung: {date} ({commit})",
        "url: {url}": "URL: {url}",
        "banner: {text}": "Hinweis: {text}",
        "authors: {names}": "Autorinnen und Autoren: {names}",
        "translators: {names}": "Übersetzung: {names}",
        "licence: {licence}": "Lizenz: {licence}",
        "{cloned} cloned, {updated} updated, {unchanged} unchanged, {failed} failed": "{cloned} geklont, {updated} aktualisiert, {unchanged} unverändert, "
        "{failed} fehlgeschlagen",
    },
    "fr": {
        "{title} by {authors}": "{title} par {authors}",
        "source: {source}": "source : {source}",
        "licensed under {licence}": "sous licence {licence}",
        "Translated into {language} by {translators}.": "Traduction ({language}) : {translators}.",
        "Adapted from {title}.": "Adapté de {title}.",
        "otsmaterials: error: {message}": "otsmaterials : erreur : {message}",
        "otsmaterials: interrupted": "otsmaterials : interrompu",
        "{path}: valid ({materials}, {topics})": "{path} : valide ({materials}, {topics})",
        "{n} material": ("{n} support", "{n} supports"),
        "{n} topic": ("{n} thème", "{n} thèmes"),
        "{n} commit": ("{n} commit", "{n} commits"),
        "* marks the original. {lessons} lessons in {languages} languages.": "* indique l’original. {lessons} leçons en {languages} langues.",
        "Try: otsmaterials list -c {path}": "Essayez : otsmaterials list -c {path}",
        "{count} warnings (-v shows them)": "{count} avertissements (-v les affiche)",
        "index updated: {path}": "index mis à jour : {path}",
        "index unchanged: {path}": "index inchangé : {path}",
        "fix: {fix}": "correction : {fix}",
        "{count} findings": "{count} constats",
        "no findings": "aucun constat",
        "{percent} translated": "{percent} traduit",
        "translation older than the original since {date}": "traduction plus ancienne que l’original depuis le {date}",
        "translation older than the original": "traduction plus ancienne que l’original",
        "lesson {order} of {material}": "leçon {order} de {material}",
        "topics: {topics}": "thèmes : {topics}",
        "original": "original",
        "{kind} translation": "traduction ({kind})",
        "file: {path}": "fichier : {path}",
        "on branch {branch}": "sur la branche {branch}",
        "last change: {date} ({commit})": "dernière modification : {date} ({commit})",
        "url: {url}": "URL : {url}",
        "banner: {text}": "bandeau : {text}",
        "authors: {names}": "auteurs : {names}",
        "translators: {names}": "traduction : {names}",
        "licence: {licence}": "licence : {licence}",
        "{cloned} cloned, {updated} updated, {unchanged} unchanged, {failed} failed": "{cloned} clonés, {updated} mis à jour, {unchanged} inchangés, {failed} en échec",
    },
    "es": {
        "{title} by {authors}": "{title} de {authors}",
        "source: {source}": "fuente: {source}",
        "licensed under {licence}": "con licencia {licence}",
        "Translated into {language} by {translators}.": "Traducción ({language}): {translators}.",
        "Adapted from {title}.": "Adaptado de {title}.",
        "otsmaterials: error: {message}": "otsmaterials: error: {message}",
        "otsmaterials: interrupted": "otsmaterials: interrumpido",
        "{path}: valid ({materials}, {topics})": "{path}: válido ({materials}, {topics})",
        "{n} material": ("{n} material", "{n} materiales"),
        "{n} topic": ("{n} tema", "{n} temas"),
        "{n} commit": ("{n} commit", "{n} commits"),
        "* marks the original. {lessons} lessons in {languages} languages.": "* marca el original. {lessons} lecciones en {languages} idiomas.",
        "Try: otsmaterials list -c {path}": "Prueba: otsmaterials list -c {path}",
        "{count} warnings (-v shows them)": "{count} advertencias (-v las muestra)",
        "index updated: {path}": "índice actualizado: {path}",
        "index unchanged: {path}": "índice sin cambios: {path}",
        "fix: {fix}": "solución: {fix}",
        "{count} findings": "{count} hallazgos",
        "no findings": "ningún hallazgo",
        "{percent} translated": "{percent} traducido",
        "translation older than the original since {date}": "traducción más antigua que el original desde el {date}",
        "translation older than the original": "traducción más antigua que el original",
        "lesson {order} of {material}": "lección {order} de {material}",
        "topics: {topics}": "temas: {topics}",
        "original": "original",
        "{kind} translation": "traducción ({kind})",
        "file: {path}": "archivo: {path}",
        "on branch {branch}": "en la rama {branch}",
        "last change: {date} ({commit})": "último cambio: {date} ({commit})",
        "url: {url}": "URL: {url}",
        "banner: {text}": "aviso: {text}",
        "authors: {names}": "autores: {names}",
        "translators: {names}": "traducción: {names}",
        "licence: {licence}": "licencia: {licence}",
        "{cloned} cloned, {updated} updated, {unchanged} unchanged, {failed} failed": "{cloned} clonados, {updated} actualizados, {unchanged} sin cambios, "
        "{failed} fallidos",
    },
}
TEAMS = {"de": "German", "fr": "French", "es": "Spanish"}


def template() -> Catalog:
    with tempfile.TemporaryDirectory() as temp:
        pot = Path(temp) / "otsmaterials.pot"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "extract",
                "-k",
                "_",
                "-k",
                "gettext",
                "-k",
                "ngettext:1,2",
                "--no-location",
                "--sort-output",
                "-o",
                str(pot),
                "src/otsmaterials",
            ],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        return read_po(io.BytesIO(pot.read_bytes()))


def main() -> int:
    source = template()
    for language, table in TRANSLATIONS.items():
        catalog = Catalog(
            locale=language,
            domain="otsmaterials",
            project="otsmaterials",
            msgid_bugs_address="https://github.com/OpenTechSchool",
            copyright_holder="otsmaterials contributors",
            language_team=f"{TEAMS[language]} <https://github.com/OpenTechSchool>",
            last_translator="otsmaterials contributors",
        )
        catalog.creation_date = catalog.revision_date = source.creation_date.replace(
            year=2026, month=11, day=28, hour=0, minute=0
        )
        for message in source:
            if not message.id:
                continue
            wanted = table.get(message.id[0] if isinstance(message.id, tuple) else message.id)
            if message.pluralizable:
                forms = list(wanted or ("", ""))
                forms += [forms[-1]] * (catalog.num_plurals - len(forms))  # CLDR "many" forms
                wanted = tuple(forms[: catalog.num_plurals])
            catalog.add(message.id, string=wanted)
        path = ROOT / "locales" / language / "LC_MESSAGES" / "otsmaterials.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=79, omit_header=False, sort_output=True)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
