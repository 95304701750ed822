"""A synthetic network for benchmarks: confirmed collaborations between the partners already in the
database (partners/synthetic.py makes those), most within a town and some across, over eight years."""

import random
from datetime import date, datetime, timezone

from django.db import transaction

from klimapartner.collaborations.changes import kind_for
from klimapartner.collaborations.models import Collaboration, CollaborationPartner
from klimapartner.partners.models import FocusArea, Organisation

TITLES = ["Fælles indkøb af grøn strøm", "Deling af varebiler", "Overskudsvarme til naboen", "Elever regner CO2",
          "Genbrug af paller", "Klimadag for borgere", "Energirenovering med kommunen", "Samkørsel i fragten"]


def generate_collaborations(n: int, *, seed: int, first_year: int = 2019, last_year: int = 2026) -> int:
    """Bulk-create n confirmed collaborations (one in ten with three partners); returns how many."""
    rng = random.Random(seed)
    partners = list(Organisation.objects.filter(is_published=True).values_list("pk", "town", "org_type"))
    by_town = {}
    for pk, town, _type in partners:
        by_town.setdefault(town, []).append(pk)
    types = {pk: t for pk, _town, t in partners}
    areas = list(FocusArea.objects.values_list("pk", flat=True))
    confirmed = datetime(last_year, 1, 1, tzinfo=timezone.utc)
    with transaction.atomic():
        rows, members = [], []
        for n_row in range(n):
            if rng.random() < 0.8:  # most collaborations are local
                town = rng.choice(list(by_town))
                pool = by_town[town] if len(by_town[town]) >= 3 else [p[0] for p in partners]
            else:
                pool = [p[0] for p in partners]
            chosen = rng.sample(pool, 3 if rng.random() < 0.1 else 2)
            started = date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))
            rows.append(Collaboration(title=rng.choice(TITLES), kind=kind_for(types[p] for p in chosen),
                                      started_on=started, confirmed_at=confirmed,
                                      description="Syntetisk samarbejde til belastningstest."))
            members.append(chosen)
        Collaboration.objects.bulk_create(rows, batch_size=2000)
        CollaborationPartner.objects.bulk_create(
            [CollaborationPartner(collaboration_id=c.pk, organisation_id=o, confirmed_at=confirmed)
             for c, chosen in zip(rows, members) for o in chosen], batch_size=5000)
        through = Collaboration.focus_areas.through
        through.objects.bulk_create(
            [through(collaboration_id=c.pk, focusarea_id=rng.choice(areas)) for c in rows], batch_size=5000)
    return len(rows)
