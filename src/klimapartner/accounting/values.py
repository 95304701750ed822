"""How the core reads the values it is handed, whatever their type: one rule for every entry point.

Forms and the database hand over strings, ints, floats and Decimals; a
mistake elsewhere can hand over anything. These functions never raise: a
value they cannot read is given back in a form the checks report as a
finding (a Decimal stays a Decimal, a year that is not one becomes its text).
"""

from decimal import Decimal, InvalidOperation


def as_decimal(value):
    """Decimals as they are; ints and numeric text as Decimal (a decimal comma is read); floats through repr
    (0.1 stays 0.1). None stays None; anything else is given back unchanged for the checks to report."""
    if isinstance(value, bool) or value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (int, str)):
        try:
            return Decimal(value.strip().replace(",", ".") if isinstance(value, str) else value)
        except (InvalidOperation, ValueError):
            return value
    return value


def finite(value) -> Decimal | None:
    """The value as a finite Decimal, or None when it is not one."""
    number = as_decimal(value)
    return number if isinstance(number, Decimal) and number.is_finite() else None


def as_year(value):
    """An int year from an int, "2024" or Decimal("2024"); anything else becomes its text (never an int)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = finite(value) if isinstance(value, (str, Decimal, float)) else None
    if number is not None and number == number.to_integral_value() and abs(number) < 10**6:
        return int(number)
    return "" if value is None else str(value)


def is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def as_text(value) -> str:
    """Text as it is; None as ""; anything else as its str()."""
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)
