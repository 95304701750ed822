from django.core.management.base import BaseCommand

from klimapartner.records.backup import backup


class Command(BaseCommand):
    help = "Back up the database (every table, consistently) and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. klimapartner-2026-12-01.tar.gz")

    def handle(self, *args, file, **options):
        summary = backup(file)
        self.stdout.write(f"{file}: {sum(summary.rows.values())} rows in {len(summary.rows)} tables, "
                          f"{summary.files} uploaded files")
