"""`klimapartner forget_past`: run daily; anonymises who signed up for activities held PERSONAL_DATA_YEARS ago."""

from django.conf import settings
from django.core.management.base import BaseCommand

from klimapartner.records.privacy import apply_retention, retention_cutoff


class Command(BaseCommand):
    help = ("Anonymise the sign-ups, registrations and invitations of activities held more than "
            "PERSONAL_DATA_YEARS years ago (run daily).")

    def handle(self, *args, **options):
        cutoff = retention_cutoff()
        erased = apply_retention()
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(erased.counts.items())) or "nothing"
        self.stdout.write(f"Held before {cutoff.isoformat()} ({settings.PERSONAL_DATA_YEARS} years): {counts}")
