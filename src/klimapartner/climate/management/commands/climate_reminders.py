"""`klimapartner climate_reminders`: run daily; reminds partners whose account for last year is missing."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from klimapartner.climate.reminders import send_reminders


class Command(BaseCommand):
    help = "Email partners whose CO2 account for last year is missing after the coordinator's reminder date (once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        sent = send_reminders(today or timezone.localdate())
        for slug, to in sent:
            self.stdout.write(f"{slug}: {', '.join(to)}")
        self.stdout.write(f"{len(sent)} reminders sent.")
