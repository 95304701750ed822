"""The network of who works with whom: pairs of partners, the graph, how it grows, who bridges groups."""

from collections import defaultdict
from itertools import combinations

from klimapartner.collaborations.models import CollaborationPartner


def collaborating_pairs(*, exclude_event=None) -> set[tuple[int, int]]:
    """(a, b) with a < b for every two partners in a collaboration, confirmed or not (one query).

    The matchmaking uses it to know who already works together; the public sees only confirmed ones."""
    rows = CollaborationPartner.objects.all()
    if exclude_event is not None:
        rows = rows.exclude(collaboration__events=exclude_event)
    members = defaultdict(list)
    for collaboration_id, organisation_id in rows.values_list("collaboration_id", "organisation_id"):
        members[collaboration_id].append(organisation_id)
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}
