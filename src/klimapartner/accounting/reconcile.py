"""Our result next to a partner's own Klimakompasset report, category by category, with the differences explained.

Both sides are Inventories (Klimakompasset's via klimakompasset.reported_inventory),
compared under the same scope 2 method. Each row carries reason codes the app
translates:

- `matches`: within the tolerance (1 % of Klimakompasset's figure, at least 1 kg);
- `not_imported`: Klimakompasset counted entries here that did not become our
  activity data (listed on the row);
- `only_in_klimakompasset` / `only_in_ours`: one side has nothing in the category
  (ours holds scope 3.3 upstream emissions, for example, where the report may not);
- `factors_differ`: both have the category and differ: other emission factors or
  another year's, since the activity is the same.

`reconcile_entries` goes one level down: each entry of the report's "Data (alle
poster)" computed with our factors next to the kg Klimakompasset gave it, with
both factors per unit, so a difference in a category is traced to the entries
and the factor behind it (`matches`, `factors_differ`, `not_reported` when the
report gives no kg, `not_computable` with our finding).
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from klimapartner.accounting.activity import ActivityLine, YearActivity, check_amount, check_line
from klimapartner.accounting.factors import CATEGORIES, FactorSet
from klimapartner.accounting.inventory import Inventory, Scope2Method, compute_inventory, method_of
from klimapartner.accounting.problems import Problem
from klimapartner.accounting.values import as_text, finite

ZERO = Decimal(0)

UPSTREAM = "3.3_fuel_and_energy"


@dataclass(frozen=True)
class ReconciliationRow:
    category: str
    scope: int
    ours: Decimal  # kg CO2e
    theirs: Decimal
    reasons: tuple[str, ...]
    not_imported: tuple[str, ...] = ()  # Klimakompasset's entries in the category we did not import

    @property
    def difference(self) -> Decimal:
        return self.ours - self.theirs

    @property
    def share(self) -> Decimal | None:
        """The difference as a share of Klimakompasset's figure."""
        return self.difference / self.theirs if self.theirs else None


@dataclass(frozen=True)
class Reconciliation:
    method: str
    rows: tuple[ReconciliationRow, ...]

    @property
    def ours(self) -> Decimal:
        return sum((r.ours for r in self.rows), ZERO)

    @property
    def theirs(self) -> Decimal:
        return sum((r.theirs for r in self.rows), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.ours - self.theirs

    @property
    def reconciled(self) -> bool:
        """Every difference is explained by something other than "the figures differ"."""
        return all("factors_differ" not in r.reasons for r in self.rows)


def _scope(code: str) -> int:
    return CATEGORIES[code][0] if code in CATEGORIES else int(code[0]) if code[:1].isdigit() else 0


def reconcile(ours: Inventory, theirs: Inventory, *, not_imported=(), method: Scope2Method | str = Scope2Method.LOCATION,
              tolerance: Decimal = Decimal("0.01")) -> Reconciliation:
    """Category by category: our kg, Klimakompasset's kg and why they differ.

    `not_imported` is (category code, description) for each entry of the report
    that was not turned into activity data.
    """
    method = method_of(method)
    tolerance = finite(tolerance)
    tolerance = Decimal("0.01") if tolerance is None or tolerance < 0 else tolerance
    ours_by, theirs_by = ours.by_category(method), theirs.by_category(method)
    skipped: dict[str, list[str]] = {}
    for entry in not_imported or ():
        if isinstance(entry, (tuple, list)) and len(entry) == 2:
            skipped.setdefault(as_text(entry[0]), []).append(as_text(entry[1]))
    codes = [c for c in CATEGORIES if c in ours_by or c in theirs_by or c in skipped]
    codes += sorted(c for c in {*ours_by, *theirs_by, *skipped} if c not in CATEGORIES)
    rows = []
    for code in codes:
        a, b = ours_by.get(code, ZERO), theirs_by.get(code, ZERO)
        reasons = []
        if abs(a - b) <= max(Decimal(1), abs(b) * tolerance):
            reasons.append("matches")
        else:
            if code in skipped:
                reasons.append("not_imported")
            if not a and b:
                reasons.append("only_in_klimakompasset")
            elif a and not b:
                reasons.append("only_in_ours")
            elif code not in skipped:
                reasons.append("factors_differ")
        rows.append(ReconciliationRow(code, _scope(code), a, b, tuple(reasons), tuple(skipped.get(code, ()))))
    return Reconciliation(method.value, tuple(rows))


# Entry by entry --------------------------------------------------------------

@dataclass(frozen=True)
class EntryRow:
    """One entry of the report's "Data (alle poster)": Klimakompasset's kg next to ours for the same amount.

    `ours` is the entry's own emissions (scope 1, 2 or its scope 3 category) with our factors; our upstream
    (category 3.3) is kept apart in `upstream`, since Klimakompasset reports it as a category of its own.
    `our_factor` and `their_factor` are per unit of the factor (`factor_unit`), `their_factor` implied by
    Klimakompasset's kg ÷ the same amount.
    """

    row: int
    source: str
    variant: str
    label: str
    amount: Decimal
    unit: str
    ours: Decimal | None  # None when our factors cannot compute it (the finding is in `problem`)
    upstream: Decimal
    theirs: Decimal | None  # None when the report gives no kg for the entry
    factor_unit: str = ""
    our_factor: Decimal | None = None
    their_factor: Decimal | None = None
    reason: str = ""  # matches, factors_differ, not_reported, not_computable
    problem: Problem | None = None

    @property
    def difference(self) -> Decimal | None:
        return None if self.ours is None or self.theirs is None else self.ours - self.theirs


def reconcile_entries(entries, factors: FactorSet, year, *, method: Scope2Method | str = Scope2Method.LOCATION,
                      tolerance: Decimal = Decimal("0.01")) -> tuple[EntryRow, ...]:
    """Each entry of a Klimakompasset report computed with our factors, next to Klimakompasset's own kg.

    `entries` are klimakompasset.Entry (row, line, reported_kg). Never raises: an entry our factors cannot
    compute gets the reason `not_computable` and the finding. An entry's emissions are its amount times
    those of one unit, which are computed once for each source, variant and unit (a report saved as CSV
    can hold tens of thousands of entries of a few kinds).
    """
    method = method_of(method)
    tolerance = finite(tolerance)
    tolerance = Decimal("0.01") if tolerance is None or tolerance < 0 else tolerance
    entries = tuple(e for e in entries or () if isinstance(getattr(e, "line", None), ActivityLine))
    factors = factors.for_year(year)
    per_unit: dict[tuple, tuple] = {}  # (source, variant, unit, factor_key) -> (own kg, upstream kg, line, problem)
    rows = []
    for entry in entries:
        line = entry.line
        theirs = finite(entry.reported_kg)
        base = dict(row=entry.row, source=line.source_code, variant=line.variant, label=line.label,
                    amount=line.amount, unit=line.unit, theirs=theirs)
        found = check_amount(line)
        if not found:
            key = (line.source_code, line.variant, line.unit, line.factor_key)
            if key not in per_unit:
                per_unit[key] = _one_unit(line, factors, method)
            own, upstream, used, problem = per_unit[key]
            found = [problem] if problem is not None else []
        if found:
            rows.append(EntryRow(ours=None, upstream=ZERO, reason="not_computable", problem=found[0], **base))
            continue
        ours, activity_amount = own * line.amount, used.activity_amount * line.amount
        if theirs is None:
            reason = "not_reported"
        elif abs(ours - theirs) <= max(Decimal(1), abs(theirs) * tolerance):
            reason = "matches"
        else:
            reason = "factors_differ"
        rows.append(EntryRow(
            ours=ours, upstream=upstream * line.amount, factor_unit=used.factor_unit,
            our_factor=ours / activity_amount if activity_amount else None,
            their_factor=theirs / activity_amount if theirs is not None and activity_amount else None,
            reason=reason, **base))
    return tuple(rows)


def _one_unit(line: ActivityLine, factors: FactorSet, method: Scope2Method):
    """(own kg, upstream kg, the first own EmissionLine, None) for one unit of the line's activity, or
    (…, the finding) when our factors cannot compute it."""
    one = replace(line, amount=Decimal(1), guarantees_kwh=ZERO, supplier_factor=None)
    found = [p for p in check_line(one, None, factors) if p.is_error]
    if found:
        return ZERO, ZERO, None, found[0]
    inventory = compute_inventory(YearActivity("", factors.for_year_of or 2000, (one,)), factors)
    if not inventory.ok:
        return ZERO, ZERO, None, inventory.errors[0]
    own = [e for e in inventory.lines if e.category != UPSTREAM and (not e.method or e.method == method.value)]
    upstream = [e for e in inventory.lines if e.category == UPSTREAM]
    if not own:
        return ZERO, ZERO, None, Problem("not_computable", "amount", {"source": line.source_code, "detail": ""})
    return (sum((e.kg_co2e for e in own), ZERO), sum((e.kg_co2e for e in upstream), ZERO), own[0], None)
