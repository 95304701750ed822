"""Write every partner with contacts, agreements and actions to a CSV or XLSX file."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from klimapartner.partners.models import Organisation
from klimapartner.partners.transfer import export_csv, export_xlsx


class Command(BaseCommand):
    help = "Export all partners with contacts, agreements and actions as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx"], required=True)
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args, format, out, **options):
        export = export_csv if format == "csv" else export_xlsx
        data = export(Organisation.objects.all())
        Path(out).write_bytes(data)
        self.stdout.write(_("%(file)s: %(count)s partners, %(size)s bytes.") % {
            "file": out, "count": Organisation.objects.count(), "size": len(data),
        })
