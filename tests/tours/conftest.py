from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from klimapartner.tours.models import Tour
from tests.factories import make_editor, make_organisation

from .factories import make_site

# (town, lat, lon, opens, closes, visit minutes) for five demo-town sites
TOWNS = [
    ("Hirtshals", "57.58810", "9.95940", time(9, 0), time(15, 0), 45),
    ("Sindal", "57.47060", "10.20170", time(10, 0), time(16, 0), 40),
    ("Løkken", "57.37060", "9.71470", time(8, 0), time(14, 0), 30),
    ("Vrå", "57.35390", "9.94280", time(8, 0), time(13, 0), 30),
    ("Lønstrup", "57.47750", "9.79890", time(11, 0), time(16, 0), 45),
]


def next_weekday(weekday: int) -> date:
    day = date.today() + timedelta(days=14)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def host_orgs(db):
    orgs = []
    for i, (town, *_rest) in enumerate(TOWNS):
        org = make_organisation(f"Vært i {town}", town=town)
        make_editor(org, f"vaert{i}@example.dk")
        orgs.append(org)
    return orgs


@pytest.fixture
def sites(host_orgs):
    return [make_site(org, name=f"Besøg i {town}", town=town, latitude=Decimal(lat), longitude=Decimal(lon),
                      opens=opens, closes=closes, visit_minutes=minutes)
            for org, (town, lat, lon, opens, closes, minutes) in zip(host_orgs, TOWNS)]


@pytest.fixture
def tour(db):
    return Tour.objects.create(title="Klimabussen", date=next_weekday(1), starts=time(8, 30), ends=time(16, 30),
                               venue="Hjørring Rådhus", latitude=Decimal("57.45830"), longitude=Decimal("9.98260"),
                               capacity=30)
