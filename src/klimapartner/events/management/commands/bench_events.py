"""`klimapartner bench_events [--people 500]`: how long scheduling a big partnership day takes from the web page.

Runs on a throw-away test database (never the real one): a day with N registrations from N/2 partners,
then the coordinator's "Schedule the day" request and the background job it starts, timed end to end
(cold, then warm).
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings, setup_test_environment, teardown_test_environment
from django.urls import reverse
from django.utils import timezone

from klimapartner.events import changes
from klimapartner.events.demo import STATEMENTS
from klimapartner.events.models import Event, EventFormat, Registration
from klimapartner.partners.models import Organisation, OrgType, Sector


class Command(BaseCommand):
    help = "Time scheduling a partnership day of N people through the event page."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=500)
        parser.add_argument("--rounds", type=int, default=6)
        parser.add_argument("--seconds", type=float, default=3.0, help="The engine's time limit.")
        parser.add_argument("--text", default="", help="Text similarity method (default: the engine's own).")

    def handle(self, *args, people, rounds, seconds, text, **options):
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            extra = {"EVENTS_TEXT_METHOD": text} if text else {}
            with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], **extra):
                self._run(people, rounds, seconds)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def _run(self, people, rounds, seconds):
        from django.contrib.auth import get_user_model

        rng = random.Random(1)
        sectors = list(STATEMENTS)
        organisations = Organisation.objects.bulk_create([
            Organisation(name=f"Partner {n}", slug=f"partner-{n}", org_type=rng.choice(list(OrgType)),
                         sector=sectors[n % len(sectors)], town="Hjørring") for n in range(max(1, people // 2))
        ])
        event = Event.objects.create(title="Stor partnerskabsdag", date=timezone.localdate(), venue="Hjørring",
                                     capacity=people, format=EventFormat.PAIRS,
                                     registration_deadline=timezone.now())
        from datetime import time as clock

        changes.add_programme(event=event, talk_at=clock(9, 0), talk_minutes=30, first_round_at=clock(9, 40),
                              rounds=rounds, minutes=12, pause=3)
        registrations = []
        for n in range(people):
            org = organisations[n % len(organisations)] if n < len(organisations) else rng.choice(organisations)
            offer, need = STATEMENTS.get(org.sector, STATEMENTS[Sector.SERVICES])
            if rng.random() < 0.5:
                offer, need = STATEMENTS[rng.choice(sectors)]
            registrations.append(Registration(event=event, name=f"Deltager {n}", email=f"d{n}@bench.example",
                                              organisation=org, offers={offer[0]: offer[1]},
                                              needs={need[0]: need[1]}, consent=True))
        for registration in registrations:  # a Registration spans two tables, which bulk_create cannot fill
            registration.save()
        coordinator = get_user_model().objects.create_user("bench", "bench@example.org", "x", is_staff=True)
        client = Client()
        client.force_login(coordinator)
        url = reverse("events:schedule", args=[event.pk])
        from klimapartner.jobs.runner import run_queued

        for label in ("cold (loads the text model)", "warm"):
            started = time.perf_counter()
            response = client.post(url, {"seconds": seconds})
            run_queued()  # the page starts a background job; run it here, as the worker would
            elapsed = time.perf_counter() - started
            event.refresh_from_db()
            self.stdout.write(
                f"{people} people, {rounds} rounds, {label}: {elapsed:.2f} s (HTTP {response.status_code}), "
                f"{event.meetings.count()} meetings, objective {event.objective:.0f} / bound {event.bound or 0:.0f}"
            )
