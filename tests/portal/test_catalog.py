"""The English catalogue is complete: every string marked for translation has an English text.

CI fails here when someone marks a new string (gettext, {% translate %}) without translating it:
makemessages runs on a copy of the sources and every msgid it finds must be translated in the
committed locale/en/LC_MESSAGES/django.po. Needs Debian's gettext (bin/test installs it).
"""

import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
SOURCES = ["manage.py", "pyproject.toml", "cuf_portal", "atlas", "events", "groupes_pays", "fonds", "templates"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def entries():
    return [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete]


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_entry_of_the_english_catalogue_is_translated_and_not_fuzzy():
    untranslated = [e.msgid for e in entries() if not all(translations(e))]
    fuzzy = [e.msgid for e in entries() if "fuzzy" in e.flags]
    assert not untranslated, f"Sans traduction anglaise dans {CATALOGUE} : {untranslated}"
    assert not fuzzy, f"Traductions « fuzzy » (à relire) : {fuzzy}"


def test_translations_keep_the_placeholders_of_their_french_text():
    for entry in entries():
        pairs = ([(entry.msgid, entry.msgstr)] if not entry.msgid_plural else
                 [(entry.msgid if int(i) == 0 else entry.msgid_plural, text)
                  for i, text in entry.msgstr_plural.items()])
        for msgid, msgstr in pairs:
            assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), entry.msgid


def test_the_compiled_catalogue_matches_the_committed_one():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "Catalogue non compilé : lancez bin/install (manage.py compilemessages)."
    mo = {(e.msgctxt, e.msgid): translations(e) for e in polib.mofile(str(compiled))}
    po = {(e.msgctxt, e.msgid): translations(e) for e in entries()}
    assert mo == po, "Le .mo est plus ancien que le .po : lancez bin/install (manage.py compilemessages)."


def test_every_string_marked_for_translation_is_in_the_english_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("xgettext est introuvable : installez le paquet Debian « gettext » (bin/test le fait).")
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location", "--no-obsolete"],
                   cwd=tmp_path, check=True, capture_output=True)
    found = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / "locale/en/LC_MESSAGES/django.po"))}
    committed = {(e.msgctxt, e.msgid) for e in entries() if all(translations(e))}
    missing = sorted(found - committed, key=str)
    assert not missing, ("Chaînes marquées pour la traduction sans traduction anglaise : lancez "
                         f"« manage.py makemessages -l en » et traduisez-les dans {CATALOGUE} : {missing}")
