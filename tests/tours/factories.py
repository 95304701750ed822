from datetime import time
from decimal import Decimal

from klimapartner.tours.models import Site


def make_site(organisation, name="Solcelleparken", **fields):
    values = {"address": "Parkvej 1", "town": "Hjørring", "latitude": Decimal("57.46000"),
              "longitude": Decimal("9.98000"), "description": "Vi viser solcellerne og batterilageret.",
              "opens": time(9, 0), "closes": time(15, 0), "visit_minutes": 45, "max_group": 30}
    values.update(fields)
    return Site.objects.create(organisation=organisation, name=name, **values)
