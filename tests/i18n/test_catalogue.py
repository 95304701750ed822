"""The compiled Danish catalogue is the one its .po file describes.

Branches merge the .po text and the binary .mo separately; a .mo left behind by a merge would quietly
show English. This reads both and compares every translated message.
"""

import ast
import gettext
from pathlib import Path

import klimapartner

LOCALE = Path(klimapartner.__file__).parent / "locale"


def read_po(path: Path) -> dict:
    """{msgid or (msgid, msgid_plural): msgstr or [msgstr[0], ...]} for every translated, non-fuzzy entry."""
    entries, entry, key, fuzzy = {}, {}, None, False

    def flush():
        nonlocal entry, fuzzy
        if entry.get("msgid") and not fuzzy:
            msgid = entry["msgid"]
            if "msgctxt" in entry:
                msgid = f"{entry['msgctxt']}\x04{msgid}"
            if "msgid_plural" in entry:
                forms = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr["))]
                if all(forms):
                    entries[(msgid, entry["msgid_plural"])] = forms
            elif entry.get("msgstr"):
                entries[msgid] = entry["msgstr"]
        entry, fuzzy = {}, False

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            if key in entry and key == "msgid":  # a new entry without a blank line before it
                flush()
            entry[key] = ast.literal_eval(value)
    flush()
    return entries


def test_the_danish_mo_file_matches_the_po_file():
    po = read_po(LOCALE / "da" / "LC_MESSAGES" / "django.po")
    with open(LOCALE / "da" / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    stale = []
    for msgid, msgstr in po.items():
        if isinstance(msgid, tuple):
            got = [mo.ngettext(msgid[0], msgid[1], n) for n in (1, 2)]
            want = msgstr[:2]
        else:
            got, want = mo.gettext(msgid), msgstr
        if got != want:
            stale.append(msgid)
    assert len(po) > 800
    assert stale == [], f"{len(stale)} messages differ: run `make messages` (first: {stale[:3]})"
