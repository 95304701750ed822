from django.core.management.base import BaseCommand, CommandError

from klimapartner.records.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Restore a backup made by `klimapartner backup`: replaces every row and every uploaded file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing everything")

    def handle(self, *args, file, yes, **options):
        try:
            manifest = read_manifest(file)
            if not yes:
                answer = input(f"Replace everything in this database with the backup from {manifest['created']}? "
                               "Type yes: ")
                if answer.strip().lower() != "yes":
                    raise CommandError("Nothing was restored.")
            summary = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {sum(summary.rows.values())} rows and {summary.files} uploaded files from {file}")
