"""The network of who works with whom: pairs of partners, the graph, how it grows, who bridges groups.

The public network is built from what partners/access.py lets the public see, and nothing else. The
coordinator may add the meetings at partnership days as a second kind of link.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import rustworkx as rx

from klimapartner.collaborations.models import Collaboration, CollaborationPartner
from klimapartner.partners.access import public_collaborations, public_organisations

# Up to this many partners, betweenness is computed while the page is made (well under a second);
# beyond it, it comes from the last NetworkSnapshot the background job computed.
INLINE_BETWEENNESS = 1200
# The drawing shows at most this many partners, the most connected; the table lists every one.
DRAWN = 150


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


@dataclass
class Node:
    id: int
    name: str
    slug: str
    org_type: str
    sector: str
    town: str
    collaborations: int = 0
    partners: set[int] = field(default_factory=set)  # whom it works with
    met: set[int] = field(default_factory=set)  # whom it met at partnership days (coordinator only)
    x: float = 0.0
    y: float = 0.0
    r: float = 4.0
    bridge: float | None = None  # normalised betweenness, 0..1


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    collaborations: int  # 0 for a link made only by meetings
    met: bool = False


@dataclass
class Network:
    nodes: dict[int, Node]  # every public partner with at least one link
    links: list[Link]
    collaborations: int  # in the network (the filters applied)
    with_two_or_more: int  # collaborations between two or more partners
    cross_sector: int  # of those, between partners of different sectors
    published_partners: int  # every public partner, in the network or not

    @property
    def cross_sector_share(self) -> float | None:
        return self.cross_sector / self.with_two_or_more if self.with_two_or_more else None

    def fingerprint(self) -> str:
        """Changes whenever a node or a link does: a stored betweenness is valid while it matches."""
        digest = hashlib.sha256()
        for node in sorted(self.nodes):
            digest.update(f"n{node};".encode())
        for link in sorted((l.a, l.b) for l in self.links if l.collaborations):
            digest.update(f"{link[0]}-{link[1]};".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Filters:
    year: int | None = None  # the network as it was in that year
    kind: str = ""
    focus: str = ""  # focus area slug
    meetings: bool = False  # coordinator only

    @property
    def any(self) -> bool:
        return bool(self.year or self.kind or self.focus)


def _public_rows(filters: Filters):
    rows = public_collaborations(Collaboration.objects.all())
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.focus:
        rows = rows.filter(focus_areas__slug=filters.focus)
    if filters.year:
        rows = rows.filter(started_on__lte=date(filters.year, 12, 31)).exclude(ended_on__lt=date(filters.year, 1, 1))
    return rows


def build(filters: Filters = Filters()) -> Network:
    """The public network with the filters (3 queries, 4 with meetings)."""
    collaboration_ids = _public_rows(filters).values("pk")
    members = defaultdict(list)
    for collaboration_id, organisation_id in CollaborationPartner.objects.filter(
        collaboration__in=collaboration_ids
    ).values_list("collaboration_id", "organisation_id"):
        members[collaboration_id].append(organisation_id)
    organisations = {
        pk: Node(pk, name, slug, org_type, sector, town)
        for pk, name, slug, org_type, sector, town in public_organisations().values_list(
            "pk", "name", "slug", "org_type", "sector", "town"
        )
    }
    pair_counts = Counter()
    cross = two_or_more = 0
    for ids in members.values():
        ids = [i for i in ids if i in organisations]  # always all of them: public_collaborations says so
        for i in ids:
            organisations[i].collaborations += 1
        if len(ids) >= 2:
            two_or_more += 1
            cross += len({organisations[i].sector for i in ids}) > 1
        for a, b in combinations(sorted(ids), 2):
            pair_counts[a, b] += 1
            organisations[a].partners.add(b)
            organisations[b].partners.add(a)
    met_pairs = meeting_pairs(year=filters.year) if filters.meetings else set()
    met_pairs = {(a, b) for a, b in met_pairs if a in organisations and b in organisations}
    for a, b in met_pairs:
        organisations[a].met.add(b)
        organisations[b].met.add(a)
    links = [Link(a, b, n, (a, b) in met_pairs) for (a, b), n in sorted(pair_counts.items())]
    links += [Link(a, b, 0, True) for a, b in sorted(met_pairs - set(pair_counts))]
    nodes = {pk: n for pk, n in organisations.items() if n.collaborations or n.met}
    return Network(nodes, links, len(members), two_or_more, cross, len(organisations))


def meeting_pairs(*, year=None) -> set[tuple[int, int]]:
    """(a, b), a < b: partners whose people met in a round of a partnership day (for the coordinator)."""
    from klimapartner.events.models import Seat

    seats = Seat.objects.filter(registration__organisation__isnull=False)
    if year:
        seats = seats.filter(meeting__event__date__year__lte=year)
    by_meeting = defaultdict(set)
    for meeting_id, organisation_id in seats.values_list("meeting_id", "registration__organisation_id"):
        by_meeting[meeting_id].add(organisation_id)
    return {pair for ids in by_meeting.values() for pair in combinations(sorted(ids), 2)}


def graph_of(network: Network, *, collaborations_only=True) -> tuple[rx.PyGraph, list[int]]:
    graph = rx.PyGraph()
    ids = sorted(network.nodes)
    index = {pk: graph.add_node(pk) for pk in ids}
    graph.add_edges_from_no_data(
        [(index[l.a], index[l.b]) for l in network.links if l.collaborations or not collaborations_only]
    )
    return graph, ids


def betweenness(network: Network) -> dict[int, float]:
    """Normalised betweenness centrality of every partner over the collaboration links."""
    graph, ids = graph_of(network)
    if len(ids) < 3:
        return {pk: 0.0 for pk in ids}
    scores = rx.betweenness_centrality(graph, normalized=True)
    return {ids[i]: float(scores[i]) for i in range(len(ids))}


def bridges(network: Network, *, top=10, stored: dict | None = None) -> list[Node]:
    """The partners that bridge groups: the most shortest paths between others run through them."""
    scores = stored if stored is not None else betweenness(network)
    for pk, node in network.nodes.items():
        node.bridge = scores.get(pk)
    ranked = sorted((n for n in network.nodes.values() if n.bridge), key=lambda n: (-n.bridge, n.name))
    return ranked[:top]


def _component_layout(graph, nodes):
    """Positions in a unit square for one connected component (a fixed seed: the same every time)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.5), nodes[1]: (1.0, 0.5)}
    sub = graph.subgraph(nodes)
    positions = rx.spring_layout(sub, seed=7, num_iter=200)
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # subgraph() numbers its nodes 0..n-1 in the order of `nodes`
    return {nodes[i]: ((positions[i][0] - min(xs)) / span, (positions[i][1] - min(ys)) / span) for i in positions}


def drawing(network: Network, *, limit=DRAWN, width=1000, margin_x=90, margin_y=36, unit=70):
    """The most connected partners (at most `limit`) and the links between them, laid out for an SVG.

    Each group of connected partners is laid out on its own (a force layout with a fixed seed) in a box
    that grows with the group, and the boxes are set in rows, the biggest first; returns
    (nodes, links, height of the drawing)."""
    chosen = sorted(network.nodes.values(), key=lambda n: (-(n.collaborations + len(n.met)), n.name))[:limit]
    if not chosen:
        return [], [], 0
    keep = {n.id for n in chosen}
    links = [l for l in network.links if l.a in keep and l.b in keep]
    graph = rx.PyGraph()
    index = {n.id: graph.add_node(n.id) for n in chosen}
    graph.add_edges_from_no_data([(index[l.a], index[l.b]) for l in links])
    components = sorted((sorted(c) for c in rx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    inner = width - 2 * margin_x
    x = y = row_height = 0.0
    placed = {}
    for component in components:
        side = min(inner, unit * math.sqrt(len(component)) * (1.6 if len(component) > 2 else 1))
        if x and x + side > inner:
            x, y = 0.0, y + row_height + unit * 0.6
            row_height = 0.0
        for i, (px, py) in _component_layout(graph, component).items():
            placed[i] = (margin_x + x + px * side, margin_y + y + py * side * (1 if len(component) > 2 else 0.3))
        x += side + unit * 0.6
        row_height = max(row_height, side if len(component) > 2 else side * 0.3)
    height = y + row_height + 2 * margin_y
    most = max(n.collaborations for n in chosen) or 1
    for node in chosen:
        node.x, node.y = (round(v, 1) for v in placed[index[node.id]])
        node.r = round(4 + 8 * math.sqrt(node.collaborations / most), 1)
    return chosen, links, round(height)


LABEL_CHARS = 28  # a longer name is cut short in the drawing (the table and the tooltip have it whole)
CHAR_WIDTH = 7.0  # roughly, at the drawing's 13 px text
LABEL_HEIGHT = 14.0


def label_text(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def place_labels(nodes, *, width=1000, limit=None) -> None:
    """Names in the drawing that never overlap each other or a circle: each node, the most connected first,
    gets its name above its circle, else below, right or left, else none (its name is still its tooltip, its
    accessible name and in the table). Sets node.label (the text or ""), label_x, label_y (the baseline) and
    label_anchor (SVG's text-anchor)."""
    boxes = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r, n.id) for n in nodes]  # circles

    def free(box, own):
        x0, y0, x1, y1 = box
        inside = 0 <= x0 and x1 <= width
        return inside and all(x1 <= a or b <= x0 or y1 <= c or d <= y0 for a, c, b, d, i in boxes if i != own)

    for n, node in enumerate(nodes):
        node.label, node.label_x, node.label_y, node.label_anchor = "", node.x, node.y, "middle"
        if limit is not None and n >= limit:
            continue
        text = label_text(node.name)
        length = len(text) * CHAR_WIDTH
        middle = node.y + LABEL_HEIGHT / 2 - 3  # the baseline of a name beside the circle
        candidates = (  # (x, baseline, anchor, left edge)
            (node.x, node.y - node.r - 4, "middle", node.x - length / 2),
            (node.x, node.y + node.r + LABEL_HEIGHT, "middle", node.x - length / 2),
            (node.x + node.r + 4, middle, "start", node.x + node.r + 4),
            (node.x - node.r - 4, middle, "end", node.x - node.r - 4 - length),
        )
        for x, baseline, anchor, left in candidates:
            box = (left, baseline - LABEL_HEIGHT + 3, left + length, baseline + 3)
            if free(box, node.id):
                node.label, node.label_x, node.label_y, node.label_anchor = text, round(x, 1), round(baseline, 1), anchor
                boxes.append((*box, -1 - n))
                break


@dataclass(frozen=True)
class YearRow:
    year: int
    new: int
    total: int
    partners: int
    cross_sector_share: float | None  # of the year's new collaborations between two or more partners


def growth(filters: Filters = Filters(), *, until: int | None = None) -> list[YearRow]:
    """How the public network grew, year by year (the year filter is ignored: every year is shown)."""
    rows = _public_rows(Filters(kind=filters.kind, focus=filters.focus))
    started = dict(rows.values_list("pk", "started_on"))
    sectors = dict(public_organisations().values_list("pk", "sector"))
    members = defaultdict(list)
    for collaboration_id, organisation_id in CollaborationPartner.objects.filter(
        collaboration__in=rows.values("pk")
    ).values_list("collaboration_id", "organisation_id"):
        members[collaboration_id].append(organisation_id)
    if not started:
        return []
    years = range(min(d.year for d in started.values()), max(until or 0, max(d.year for d in started.values())) + 1)
    by_year = defaultdict(list)  # one pass over the collaborations, not one a year
    for pk, d in started.items():
        by_year[d.year].append(pk)
    result, seen, total = [], set(), 0
    for year in years:
        new = by_year[year]
        total += len(new)
        for pk in new:
            seen.update(members[pk])
        several = [pk for pk in new if len(members[pk]) >= 2]
        cross = sum(1 for pk in several if len({sectors.get(o) for o in members[pk]}) > 1)
        result.append(YearRow(year, len(new), total, len(seen), cross / len(several) if several else None))
    return result
