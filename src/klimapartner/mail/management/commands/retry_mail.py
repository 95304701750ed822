from django.core.management.base import BaseCommand

from klimapartner.mail.delivery import retry


class Command(BaseCommand):
    help = "Send again the emails the mail server did not take (run every few minutes)."

    def handle(self, *args, **options):
        sent, pending = retry()
        self.stdout.write(f"sent {sent}, still pending {pending}")
