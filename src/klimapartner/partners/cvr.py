"""Danish CVR numbers: eight digits with a modulus-11 check."""

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def normalise_cvr(value: str) -> str:
    """Strip spaces and a leading 'DK' so '  DK 1234 5678' becomes '12345678'."""
    cleaned = "".join(str(value).split()).upper()
    return cleaned[2:] if cleaned.startswith("DK") else cleaned


def is_valid_cvr(value: str) -> bool:
    """True for eight digits whose weighted sum is divisible by 11 (and no leading zero)."""
    number = normalise_cvr(value)
    if len(number) != 8 or not number.isdigit() or number[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(number, WEIGHTS)) % 11 == 0
