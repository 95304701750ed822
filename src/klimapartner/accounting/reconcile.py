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
"""

from dataclasses import dataclass
from decimal import Decimal

from klimapartner.accounting.factors import CATEGORIES
from klimapartner.accounting.inventory import Inventory, Scope2Method, method_of
from klimapartner.accounting.values import as_text, finite

ZERO = Decimal(0)


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
