"""`klimapartner backup` and `restore`: a round trip gives back every row of every table and every uploaded file."""

import io
import json
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from klimapartner.partners.models import Organisation

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def every_table() -> dict:
    """Every row of every table in the database, in a fixed order. The rows of the tables Django makes for
    many-to-many fields are compared without their own id, which nothing refers to."""
    links = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.auto_created}
    contents = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            if table in links:
                columns = [c for c in columns if c != "id"]
            order = ", ".join(str(n) for n in range(1, len(columns) + 1))
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(table)} ORDER BY {order}")
            contents[table] = [tuple(row) for row in cursor.fetchall()]
    return contents


def test_a_backup_restores_every_table_and_every_uploaded_file(tmp_path, capsys):
    from klimapartner.partners.defaults import add_default_focus_areas
    from klimapartner.partners.models import FocusArea

    add_default_focus_areas(FocusArea)  # a flushed database (after other transactional tests) lacks them
    call_command("demo")
    nordlys = Organisation.objects.order_by("pk").first()
    nordlys.logo.save("logo.png", ContentFile(b"\x89PNG fake logo bytes"))
    editors = Group.objects.create(name="Redaktører")
    editors.permissions.set(Permission.objects.filter(codename__startswith="change_").order_by("pk")[:5])
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 1000
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    assert f"{archive}: " in capsys.readouterr().out

    # Everything changes: rows deleted and added, the file replaced.
    Organisation.objects.filter(pk__gt=nordlys.pk).delete()
    Organisation.objects.create(name="Ny Efter Backup ApS", org_type="company", sector="energy", town="Vrå",
                                cvr="10000009")
    default_storage.delete(nordlys.logo.name)
    default_storage.save("logos/andet.png", ContentFile(b"other"))

    call_command("restore", str(archive), "--yes")
    assert every_table() == before
    assert default_storage.open(nordlys.logo.name).read() == b"\x89PNG fake logo bytes"
    assert not default_storage.exists("logos/andet.png")
    # The database goes on from there: new rows get new ids.
    Organisation.objects.create(name="Efter Gendannelse ApS", org_type="company", sector="energy", town="Vrå",
                                cvr="10000009")


def test_a_backup_from_other_migrations_is_refused_and_changes_nothing(tmp_path, db):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive, "r:gz") as source:
        manifest = json.load(source.extractfile("manifest.json"))
        data = source.extractfile("data.json").read()
    manifest["migrations"].append(["partners", "9999_from_the_future"])
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as target:
        for name, content in (("manifest.json", json.dumps(manifest).encode()), ("data.json", data)):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            target.addfile(info, io.BytesIO(content))
    Organisation.objects.create(name="Bliver ApS", org_type="company", sector="energy", town="Vrå", cvr="10000009")
    with pytest.raises(CommandError, match="other migrations than this database has"):
        call_command("restore", str(other), "--yes")
    assert Organisation.objects.filter(name="Bliver ApS").count() == 1
    with pytest.raises(CommandError, match="is not a Klimapartner backup"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), "--yes")

