"""`klimapartner remind_events [--days N]`: remind invited people who have not registered (run daily)."""

from django.core.management.base import BaseCommand

from klimapartner.events.changes import send_reminders


class Command(BaseCommand):
    help = "Email one reminder to invited people who have not registered, when the deadline is near."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="Remind when the deadline is this many days away.")

    def handle(self, *args, days, **options):
        sent = send_reminders(days=days)
        self.stdout.write(f"Sent {sent} reminders.")
