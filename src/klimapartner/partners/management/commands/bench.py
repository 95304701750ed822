"""`klimapartner bench directory`: how fast the public pages render with a large programme.

Runs on a throw-away test database (never the real one), filled with a synthetic programme.
`klimapartner bench matching` is the matching engine's benchmark and runs without Django.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings, setup_test_environment, teardown_test_environment

from klimapartner.benchmarks import time_pages
from klimapartner.partners.models import Organisation
from klimapartner.partners.synthetic import generate_programme


class Command(BaseCommand):
    help = "Benchmark the public directory and partner pages on a synthetic programme."

    def add_arguments(self, parser):
        parser.add_argument("target", choices=["directory", "load"])
        parser.add_argument("--organisations", type=int, default=5000)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)
        load = parser.add_argument_group("bench load (klimapartner/loadbench.py)")
        load.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
        load.add_argument("--clients", type=int, default=50)
        load.add_argument("--seconds", type=float, default=20)
        load.add_argument("--workers", type=int, default=2)
        load.add_argument("--threads", type=int, default=1)

    def handle(self, *args, target, organisations, repeat, seed, **options):
        if target == "load":
            from klimapartner import loadbench

            loadbench.run(database=options["database"], clients=options["clients"], seconds=options["seconds"],
                          workers=options["workers"], threads=options["threads"], out=self.stdout)
            return
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
                self._run(organisations, repeat, seed)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def _run(self, organisations, repeat, seed):
        started = time.perf_counter()
        generate_programme(organisations, seed=seed)
        self.stdout.write(f"Generated {organisations:,} organisations in {time.perf_counter() - started:.1f} s "
                          f"({connection.vendor})\n")
        slug = Organisation.objects.order_by("pk").values_list("slug", flat=True)[organisations // 2]
        client = Client()
        pages = [
            ("directory, first page", "/partnere/"),
            ("directory, search 'partner'", "/partnere/?q=partner"),
            ("directory, filtered (type+focus)", "/partnere/?type=company&focus=energy"),
            ("directory, page 50", "/partnere/?side=50"),
            ("map data, all partners (GeoJSON)", "/partnere/kort.json"),
            ("front page (headline figures)", "/"),
            ("partner page", f"/partnere/{slug}/"),
        ]
        time_pages(self.stdout, pages, repeat, width=36, client=client)
