"""`klimapartner follow_up`: email the owners of open ideas after 30 and 90 days and the partners in a
collaboration after about six months (run daily)."""

from django.core.management.base import BaseCommand

from klimapartner.collaborations.followup import send_follow_ups


class Command(BaseCommand):
    help = "Ask owners of open ideas (30 and 90 days) and partners in collaborations (six months) what became of them."

    def handle(self, *args, **options):
        sent = send_follow_ups()
        self.stdout.write(f"Sent {sent} follow-up emails.")
