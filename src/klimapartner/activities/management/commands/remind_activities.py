"""`klimapartner remind_activities [--hours 48]`: run daily; reminds everyone with a place, once."""

from django.core.management.base import BaseCommand

from klimapartner.activities.changes import send_reminders


class Command(BaseCommand):
    help = "Email a reminder to everyone with a place at an activity that starts within the given hours."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48)

    def handle(self, *args, hours, **options):
        self.stdout.write(f"{send_reminders(hours=hours)}")
