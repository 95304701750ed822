"""Backup and restore: every table and every uploaded file, in one archive, on SQLite and PostgreSQL alike.

The archive (a .tar.gz) holds `manifest.json` (when, from which database, which migrations, how many
rows per table), `data.json` (every row of every table, Django's serialisation, read in one
transaction so it is consistent) and `media/` (the uploaded files, through the storage API). A
restore replaces everything in the database and the uploaded files, and refuses an archive made
with other migrations than the ones installed.
"""

from __future__ import annotations

import datetime
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    """An archive that cannot be restored here; the message says why."""


@dataclass
class Summary:
    rows: dict[str, int]
    files: int


def models():
    """Every concrete model whose rows are ours to keep, parents before children where it matters little:
    loaddata defers the constraints anyway."""
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"))


def _read_everything() -> tuple[str, dict[str, int], list[list[str]]]:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One snapshot for every table: rows written while the backup runs are either all in or all out.
            connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = {}

        def objects():
            for model in models():
                queryset = model._base_manager.order_by("pk")
                rows[model._meta.label] = 0
                for obj in queryset.iterator(chunk_size=2000):
                    rows[model._meta.label] += 1
                    yield obj

        # Django's JSON encoder rounds times to milliseconds; a backup keeps them as they are.
        data = json.dumps(serializers.serialize("python", objects(), use_natural_foreign_keys=False),
                          cls=_ExactEncoder, ensure_ascii=False)
        return data, rows, _migrations()


class _ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _media_files(folder=""):
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _media_files(f"{folder}/{sub}" if folder else sub)


def backup(path) -> Summary:
    """Write the archive to `path`."""
    data, rows, migrations = _read_everything()
    files = list(_media_files())
    manifest = {"format": FORMAT, "created": timezone.now().isoformat(), "database": connection.vendor,
                "migrations": migrations, "rows": rows, "files": files}
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        _add(archive, "data.json", data.encode())
        for name in files:
            with default_storage.open(name, "rb") as f:
                _add(archive, f"media/{name}", f.read())
    return Summary(rows, len(files))


def _add(archive, name, content: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(f"{path} is not a Klimapartner backup ({error})") from None


def restore(path) -> Summary:
    """Replace the database's rows and the uploaded files with the archive's."""
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"the backup has format {manifest.get('format')}, this version reads format {FORMAT}")
    if manifest["migrations"] != _migrations():
        raise BackupError("the backup was made with other migrations than this database has: run the same "
                          "version of Klimapartner (and `klimapartner migrate`) before restoring it")
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder) / "data.json"
        data_file.write_bytes(archive.extractfile("data.json").read())
        with transaction.atomic():
            # The migrations table is kept (it matches); every other row is replaced by the archive's.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(data_file), verbosity=0)
        for name in _media_files():
            default_storage.delete(name)
        for name in manifest["files"]:
            default_storage.save(name, ContentFile(archive.extractfile(f"media/{name}").read()))
    return Summary(manifest["rows"], len(manifest["files"]))
