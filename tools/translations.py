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
        "a Sphinx project: build it in a language with `sphinx-build -D language={language}`": "ein Sphinx-Projekt: in einer Sprache bauen mit `sphinx-build -D language={language}`",
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials reads its catalogs as they are": "ein Sphinx-Projekt: Vorlagen erzeugt `sphinx-build -b gettext`; otsmaterials liest seine Kataloge, wie sie sind",
        "a Sphinx project: start a language with `sphinx-intl update -l {language}`; `stat` and `check translations` read its catalogs": "ein Sphinx-Projekt: eine Sprache beginnen mit `sphinx-intl update -l {language}`; `stat` und `check translations` lesen seine Kataloge",
        "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and `sphinx-intl update`": "ein Sphinx-Projekt: Kataloge aktualisieren mit `sphinx-build -b gettext` und `sphinx-intl update`",
        "add `author:` to the lesson's front matter, or map the authors in a .mailmap so their commits are recognised": "`author:` im Front Matter der Lektion angeben oder die Autorinnen und Autoren in einer .mailmap zuordnen, damit ihre Commits erkannt werden",
        'add a LICENSE file (e.g. the CC BY-SA 4.0 notice with its deed URL) to the repository, or set `license = "…"` for the material in the catalogue': 'eine LICENSE-Datei (z. B. den Hinweis auf CC BY-SA 4.0 mit der URL der Lizenz) ins Repository legen oder `license = "…"` für das Material im Katalog setzen',
        "created": "erstellt",
        "left out {lesson} (no catalog)": "{lesson} ausgelassen (kein Katalog)",
        "left out {lesson} ({percent}% translated)": "{lesson} ausgelassen ({percent} % übersetzt)",
        "licence {licence} is not one of {accepted}": "Lizenz {licence} ist keine von {accepted}",
        "license the translation under {original} (or a later version of it)": "die Übersetzung unter {original} (oder einer späteren Version davon) lizenzieren",
        'make every licence statement agree, or settle it with `license = "…"` in the catalogue': 'alle Lizenzangaben in Einklang bringen oder es mit `license = "…"` im Katalog festlegen',
        "merged edits": "zusammengeführt",
        "no Markdown lessons found in {path}": "keine Markdown-Lektionen in {path} gefunden",
        "no attributable author for {path} (only bots or nothing in its history, no `author` in its front matter)": "keine zurechenbare Autorin, kein zurechenbarer Autor für {path} (nur Bots oder nichts in der Historie, kein `author` im Front Matter)",
        "no catalogs for {language}: start them with `otsmaterials init -l {language}`": "keine Kataloge für {language}: anlegen mit `otsmaterials init -l {language}`",
        "no licence found": "keine Lizenz gefunden",
        "relicense the file or remove its own licence statement": "die Datei neu lizenzieren oder ihre eigene Lizenzangabe entfernen",
        "relicense the material (with its authors' consent) or change the catalogue's `required_licenses`": "das Material (mit Zustimmung seiner Autorinnen und Autoren) neu lizenzieren oder `required_licenses` im Katalog ändern",
        "the {language} translation is licensed {licence}, but the original is {original}, which requires the same licence or a later version": "die Übersetzung ({language}) steht unter {licence}, das Original aber unter {original}, das dieselbe Lizenz oder eine spätere Version verlangt",
        "unchanged": "unverändert",
        "updated": "aktualisiert",
        "warning: {name} kept changing while it was merged; the merge is in {path}": "Warnung: {name} wurde während des Zusammenführens immer wieder geändert; das Ergebnis steht in {path}",
        "would change": "würde sich ändern",
        "wrote .new": ".new geschrieben",
        "wrote {path}": "{path} geschrieben",
        "wrote {path}: {aligned} aligned, {doubtful} fuzzy (check them), {missing} untranslated": "{path} geschrieben: {aligned} zugeordnet, {doubtful} unscharf (bitte prüfen), {missing} unübersetzt",
        "{count} finding": ("{count} Befund", "{count} Befunde"),
        "{licence} chosen, but the material also states {others} ({where})": "{licence} gewählt, aber das Material nennt auch {others} ({where})",
        "{n} dropped": "{n} entfernt",
        "{n} fuzzy": "{n} unscharf",
        "{n} kept": "{n} behalten",
        "{n} obsolete": "{n} veraltet",
        "{n} suggested": "{n} vorgeschlagen",
        "{n} untranslated": "{n} unübersetzt",
        "{path} is licensed {licence}, not one of {accepted}": "{path} steht unter {licence}, keiner von {accepted}",
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
        "a Sphinx project: build it in a language with `sphinx-build -D language={language}`": "un projet Sphinx : le construire dans une langue avec `sphinx-build -D language={language}`",
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials reads its catalogs as they are": "un projet Sphinx : ses modèles se font avec `sphinx-build -b gettext` ; otsmaterials lit ses catalogues tels quels",
        "a Sphinx project: start a language with `sphinx-intl update -l {language}`; `stat` and `check translations` read its catalogs": "un projet Sphinx : commencer une langue avec `sphinx-intl update -l {language}` ; `stat` et `check translations` lisent ses catalogues",
        "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and `sphinx-intl update`": "un projet Sphinx : mettre à jour ses catalogues avec `sphinx-build -b gettext` et `sphinx-intl update`",
        "add `author:` to the lesson's front matter, or map the authors in a .mailmap so their commits are recognised": "ajouter `author:` à l’en-tête de la leçon, ou associer les auteurs dans un .mailmap pour que leurs commits soient reconnus",
        'add a LICENSE file (e.g. the CC BY-SA 4.0 notice with its deed URL) to the repository, or set `license = "…"` for the material in the catalogue': 'ajouter un fichier LICENSE (par exemple la mention CC BY-SA 4.0 avec l’URL de son résumé) au dépôt, ou indiquer `license = "…"` pour le support dans le catalogue',
        "created": "créé",
        "left out {lesson} (no catalog)": "{lesson} omise (pas de catalogue)",
        "left out {lesson} ({percent}% translated)": "{lesson} omise (traduite à {percent} %)",
        "licence {licence} is not one of {accepted}": "la licence {licence} n’est pas l’une de {accepted}",
        "license the translation under {original} (or a later version of it)": "placer la traduction sous {original} (ou une version ultérieure)",
        'make every licence statement agree, or settle it with `license = "…"` in the catalogue': 'accorder toutes les mentions de licence, ou trancher avec `license = "…"` dans le catalogue',
        "merged edits": "fusionné",
        "no Markdown lessons found in {path}": "aucune leçon Markdown trouvée dans {path}",
        "no attributable author for {path} (only bots or nothing in its history, no `author` in its front matter)": "aucun auteur attribuable pour {path} (seulement des robots ou rien dans l’historique, pas d’`author` dans l’en-tête)",
        "no catalogs for {language}: start them with `otsmaterials init -l {language}`": "aucun catalogue pour {language} : les créer avec `otsmaterials init -l {language}`",
        "no licence found": "aucune licence trouvée",
        "relicense the file or remove its own licence statement": "changer la licence du fichier ou retirer sa propre mention de licence",
        "relicense the material (with its authors' consent) or change the catalogue's `required_licenses`": "changer la licence du support (avec l’accord de ses auteurs) ou modifier `required_licenses` dans le catalogue",
        "the {language} translation is licensed {licence}, but the original is {original}, which requires the same licence or a later version": "la traduction ({language}) est sous {licence}, mais l’original est sous {original}, qui exige la même licence ou une version ultérieure",
        "unchanged": "inchangé",
        "updated": "mis à jour",
        "warning: {name} kept changing while it was merged; the merge is in {path}": "attention : {name} a changé sans cesse pendant la fusion ; le résultat est dans {path}",
        "would change": "changerait",
        "wrote .new": ".new écrit",
        "wrote {path}": "{path} écrit",
        "wrote {path}: {aligned} aligned, {doubtful} fuzzy (check them), {missing} untranslated": "{path} écrit : {aligned} alignés, {doubtful} approximatifs (à vérifier), {missing} non traduits",
        "{count} finding": ("{count} constat", "{count} constats"),
        "{licence} chosen, but the material also states {others} ({where})": "{licence} retenue, mais le support indique aussi {others} ({where})",
        "{n} dropped": "{n} supprimés",
        "{n} fuzzy": "{n} approximatifs",
        "{n} kept": "{n} conservés",
        "{n} obsolete": "{n} obsolètes",
        "{n} suggested": "{n} suggérés",
        "{n} untranslated": "{n} non traduits",
        "{path} is licensed {licence}, not one of {accepted}": "{path} est sous {licence}, qui n’est pas l’une de {accepted}",
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
        "a Sphinx project: build it in a language with `sphinx-build -D language={language}`": "un proyecto Sphinx: se construye en un idioma con `sphinx-build -D language={language}`",
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials reads its catalogs as they are": "un proyecto Sphinx: sus plantillas se crean con `sphinx-build -b gettext`; otsmaterials lee sus catálogos tal como están",
        "a Sphinx project: start a language with `sphinx-intl update -l {language}`; `stat` and `check translations` read its catalogs": "un proyecto Sphinx: un idioma se empieza con `sphinx-intl update -l {language}`; `stat` y `check translations` leen sus catálogos",
        "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and `sphinx-intl update`": "un proyecto Sphinx: sus catálogos se actualizan con `sphinx-build -b gettext` y `sphinx-intl update`",
        "add `author:` to the lesson's front matter, or map the authors in a .mailmap so their commits are recognised": "añadir `author:` a la cabecera de la lección, o asociar a los autores en un .mailmap para que se reconozcan sus commits",
        'add a LICENSE file (e.g. the CC BY-SA 4.0 notice with its deed URL) to the repository, or set `license = "…"` for the material in the catalogue': 'añadir un archivo LICENSE (por ejemplo, el aviso de CC BY-SA 4.0 con la URL de su resumen) al repositorio, o indicar `license = "…"` para el material en el catálogo',
        "created": "creado",
        "left out {lesson} (no catalog)": "{lesson} omitida (sin catálogo)",
        "left out {lesson} ({percent}% translated)": "{lesson} omitida ({percent} % traducida)",
        "licence {licence} is not one of {accepted}": "la licencia {licence} no es ninguna de {accepted}",
        "license the translation under {original} (or a later version of it)": "licenciar la traducción bajo {original} (o una versión posterior)",
        'make every licence statement agree, or settle it with `license = "…"` in the catalogue': 'hacer que todas las menciones de licencia coincidan, o decidirlo con `license = "…"` en el catálogo',
        "merged edits": "fusionado",
        "no Markdown lessons found in {path}": "no se encontraron lecciones Markdown en {path}",
        "no attributable author for {path} (only bots or nothing in its history, no `author` in its front matter)": "ningún autor atribuible para {path} (solo bots o nada en su historial, sin `author` en la cabecera)",
        "no catalogs for {language}: start them with `otsmaterials init -l {language}`": "no hay catálogos para {language}: créalos con `otsmaterials init -l {language}`",
        "no licence found": "no se encontró ninguna licencia",
        "relicense the file or remove its own licence statement": "cambiar la licencia del archivo o quitar su propia mención de licencia",
        "relicense the material (with its authors' consent) or change the catalogue's `required_licenses`": "cambiar la licencia del material (con el consentimiento de sus autores) o modificar `required_licenses` en el catálogo",
        "the {language} translation is licensed {licence}, but the original is {original}, which requires the same licence or a later version": "la traducción ({language}) está bajo {licence}, pero el original está bajo {original}, que exige la misma licencia o una versión posterior",
        "unchanged": "sin cambios",
        "updated": "actualizado",
        "warning: {name} kept changing while it was merged; the merge is in {path}": "aviso: {name} siguió cambiando durante la fusión; el resultado está en {path}",
        "would change": "cambiaría",
        "wrote .new": ".new escrito",
        "wrote {path}": "{path} escrito",
        "wrote {path}: {aligned} aligned, {doubtful} fuzzy (check them), {missing} untranslated": "{path} escrito: {aligned} alineados, {doubtful} aproximados (revísalos), {missing} sin traducir",
        "{count} finding": ("{count} hallazgo", "{count} hallazgos"),
        "{licence} chosen, but the material also states {others} ({where})": "se eligió {licence}, pero el material también indica {others} ({where})",
        "{n} dropped": "{n} eliminados",
        "{n} fuzzy": "{n} aproximados",
        "{n} kept": "{n} conservados",
        "{n} obsolete": "{n} obsoletos",
        "{n} suggested": "{n} sugeridos",
        "{n} untranslated": "{n} sin traducir",
        "{path} is licensed {licence}, not one of {accepted}": "{path} está bajo {licence}, que no es ninguna de {accepted}",
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
