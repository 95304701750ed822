"""The CO2 pages in Danish carry no internal codes and no English numbers: every figure as a Dane writes it."""

import re
from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

from klimapartner.accounting.activity import ActivityLine
from klimapartner.climate.accounts import save_account
from klimapartner.climate.models import AccountStatus, YearAccount
from tests.climate.helpers import make_account
from tests.climate.test_manage import line_data

D = Decimal


class _Text(HTMLParser):
    """The text a reader sees in <main>: no tags, no scripts or styles, no attribute values."""

    def __init__(self):
        super().__init__()
        self.parts, self.depth, self.skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


NUMBER = re.compile(r"(?<![\w.,])(\d+)([.,])(\d+)(?![\w])")
FACTOR_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)*\.[a-z0-9_]+\b")


def english_numbers(text: str) -> list[str]:
    """Numbers written the English way: a decimal point ("27.8", "0.143") or a thousands comma ("1,000")."""
    found = []
    for match in NUMBER.finditer(text):
        whole, mark, rest = match.groups()
        if mark == "." and whole == "3" and 1 <= int(rest) <= 15:
            continue  # a scope 3 category, "3.3 Brændsels- og energirelaterede aktiviteter"
        if mark == "." and (len(rest) != 3 or whole.startswith("0")):
            found.append(match.group())
        if mark == "," and len(rest) == 3 and not whole.startswith("0") and len(whole) <= 3 and \
                text[match.end():match.end() + 1] == ",":
            found.append(match.group())
    return found


def test_the_account_page_in_danish_has_no_codes_and_no_english_numbers(client, owner_org, owner):
    account = YearAccount(organisation=owner_org, year=2024, employees=D(7), status=AccountStatus.SUBMITTED)
    save_account(account, [
        ActivityLine("electricity", D("80000"), "kWh", variant="dk1", guarantees_kwh=D("30000")),
        ActivityLine("district_heating", D("360"), "GJ"),
        ActivityLine("natural_gas", D("2500"), "m3"),
        ActivityLine("diesel", D("4000.5"), "l"),
        ActivityLine("hvo", D("1200"), "l"),
        ActivityLine("wood_pellets", D("2.5"), "tonne"),
        ActivityLine("refrigerant", D("2.5"), "kg", variant="R-410A"),
        ActivityLine("car_km", D("12000"), "km", variant="petrol"),
        ActivityLine("flight", D("4"), "trip", variant="medium"),
        ActivityLine("train", D("3500"), "pkm"),
        ActivityLine("hotel", D("6"), "night"),
        ActivityLine("waste", D("3"), "tonne", variant="residual"),
    ])
    client.force_login(owner)
    response = client.get(reverse("climate:account", kwargs={"slug": owner_org.slug, "year": 2024}))
    text = visible_text(response.content.decode())
    assert "Sådan er det beregnet" in text
    assert english_numbers(text) == []
    assert FACTOR_KEY.findall(text) == []
    # a few figures as they are written: 80,000 kWh at 0.143 kg/kWh; the biogenic CO2 of HVO and pellets
    assert "80.000 kWh" in text and "0,143" in text
    assert "Biogen CO2" in text or "biogen CO2" in text


def test_a_hundredfold_jump_is_said_in_danish_with_danish_numbers(client, owner_org, owner):
    make_account(owner_org, 2023, electricity_kwh="1000")
    client.force_login(owner)
    data = line_data(("electricity", "100.000", "kWh", "dk1"), ("diesel", "1000,5", "l", ""))
    data.update({"employees": "5", "status": "draft"})
    response = client.post(reverse("climate:edit_account", kwargs={"slug": owner_org.slug, "year": 2024}), data)
    assert response.context["warnings"] == [
        "El, DK1 (Vest: Jylland, Fyn): 100.000 kWh er 100 gange sidste års 1.000 kWh. Tjek enheden og tallet."]


def test_the_number_check_itself_finds_english_numbers():
    assert english_numbers("-27.8 % og 33.81 t, 0.143 kg og 6640,000 kWh") == ["27.8", "33.81", "0.143"]
    assert english_numbers("1.234,5 kWh, 70 %, 6.640.000 kWh, 0,143 kg, 2024-12-01, kategori 3.3") == []
    assert english_numbers("1,000,000 kWh") == ["1,000"]
