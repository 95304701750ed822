"""Import partners from a CSV or XLSX file made by export_partners (or edited from one)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from klimapartner.partners.transfer import import_file


class Command(BaseCommand):
    help = "Import partners with contacts, agreements and actions from a CSV or XLSX file; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from None
        result = import_file(path.name, data)
        if not result.ok:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(_("Nothing was imported: %(count)s errors.") % {"count": len(result.errors)})
        self.stdout.write(_("Imported: %(created)s partners created, %(updated)s updated.") % {
            "created": result.created, "updated": result.updated,
        })
