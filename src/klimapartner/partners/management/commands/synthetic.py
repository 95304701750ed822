"""`klimapartner synthetic N [--seed S]`: add N synthetic partners for load tests."""

import time

from django.core.management.base import BaseCommand, CommandError

from klimapartner.partners.synthetic import generate_programme


class Command(BaseCommand):
    help = "Bulk-create N synthetic partners with contacts, agreements, targets and actions (for load tests)."

    def add_arguments(self, parser):
        parser.add_argument("n", type=int, help="How many organisations to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")

    def handle(self, *args, n, seed, **options):
        if n < 1:
            raise CommandError("N must be at least 1.")
        started = time.perf_counter()
        counts = generate_programme(n, seed)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary} in {elapsed:.1f} s (seed {seed})."))
