"""`klimapartner bench_network`: the API's list endpoints, the CSV downloads, the network and progress
pages with a large synthetic programme (5,000 partners, 20,000 collaborations by default).

Runs on a throw-away test database (never the real one)."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings, setup_test_environment, teardown_test_environment

from klimapartner.collaborations.jobs import refresh_snapshot
from klimapartner.collaborations.synthetic import generate_collaborations
from klimapartner.partners.synthetic import generate_programme


def _activities_and_stories(organisations, seed):
    """An activity for every second partner and a story for every fifth, over five years (bulk, no focus areas)."""
    import random
    from datetime import date, datetime, timedelta, timezone

    from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus
    from klimapartner.partners.models import Organisation
    from klimapartner.stories.models import Story, StoryStatus

    rng = random.Random(seed)
    orgs = list(Organisation.objects.filter(is_published=True).values_list("pk", flat=True))
    kinds = [k for k in ActivityKind.values if k != ActivityKind.PARTNERSHIP_DAY]
    Activity.objects.bulk_create([
        Activity(title=f"Aktivitet {n}", kind=rng.choice(kinds), date=date(2022, 1, 1) + timedelta(days=rng.randrange(1800)),
                 venue="Hjørring Bibliotek", town="Hjørring", organiser_id=rng.choice(orgs), is_public=True,
                 status=ActivityStatus.APPROVED, participants=rng.randrange(5, 120))
        for n in range(organisations // 2)], batch_size=1000)
    Story.objects.bulk_create([
        Story(organisation_id=rng.choice(orgs), title=f"Historie {n}", lead="Vi halverede elregningen.",
              body="<p>Vi satte 180 paneler op.</p>", status=StoryStatus.PUBLISHED,
              published_at=datetime(2022, 1, 1, tzinfo=timezone.utc) + timedelta(days=rng.randrange(1800)))
        for n in range(organisations // 5)], batch_size=1000)
    return organisations // 2, organisations // 5


class Command(BaseCommand):
    help = "Benchmark the open data API, the CSV downloads and the network and progress pages."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=5000)
        parser.add_argument("--collaborations", type=int, default=20000)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, organisations, collaborations, repeat, seed, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
                self._run(organisations, collaborations, repeat, seed)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def _time(self, label, fn):
        t0 = time.perf_counter()
        fn()
        self.stdout.write(f"{label:<44} {1000 * (time.perf_counter() - t0):>10.0f} ms (once)")

    def _run(self, organisations, collaborations, repeat, seed):
        t0 = time.perf_counter()
        generate_programme(organisations, seed=seed)
        generate_collaborations(collaborations, seed=seed)
        activities, stories = _activities_and_stories(organisations, seed)
        self.stdout.write(f"Generated {organisations:,} partners, {collaborations:,} collaborations, {activities:,} "
                          f"activities and {stories:,} climate stories in "
                          f"{time.perf_counter() - t0:.1f} s ({connection.vendor})\n")
        self._time("betweenness of the whole network (the job)", refresh_snapshot)
        client = Client()
        pages = [
            ("API partners, first page (100)", "/api/v1/partners/"),
            ("API partners, page 40", "/api/v1/partners/?page=40"),
            ("API agreements, first page", "/api/v1/agreements/"),
            ("API actions, 1000 a page", "/api/v1/actions/?page_size=1000"),
            ("API CO2 results", "/api/v1/co2-results/"),
            ("API collaborations, first page", "/api/v1/collaborations/"),
            ("API collaborations, 1000, filtered", "/api/v1/collaborations/?kind=companies&page_size=1000"),
            ("API collaborations, page 150", "/api/v1/collaborations/?page=150"),
            ("API activities, 1000 a page", "/api/v1/activities/?page_size=1000"),
            ("API stories, first page", "/api/v1/stories/"),
            ("network page", "/netvaerk/"),
            ("network page, 2022", "/netvaerk/?year=2022"),
            ("network page, kind + focus area", "/netvaerk/?kind=education&focus=energy"),
            ("progress page", "/fremskridt/"),
            ("CSV collaborations (all rows)", "/data/samarbejder.csv"),
            ("CSV collaborations, plain UTF-8", "/data/utf-8/samarbejder.csv"),
            ("CSV activities (all rows)", "/data/aktiviteter.csv"),
        ]
        self.stdout.write(f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, url in pages:
            times = []
            for _ in range(repeat):
                reset_queries()
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            self.stdout.write(f"{label:<44} {statistics.median(times):>10.1f} {p95:>8.1f} {len(connection.queries):>8}")
