"""CSV downloads for Danish Excel, the open data page, and HEAD."""

import pytest
from django.urls import reverse

from klimapartner import spreadsheets
from klimapartner.partners.models import Organisation



def test_the_partners_csv_is_for_danish_excel(client, programme):
    Organisation.objects.filter(pk=programme["baker"].pk).update(name="=HYPERLINK(\"http://x\")")
    response = client.get(reverse("opendata:csv", args=["partnere"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partnere-')
    body = response.content
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "slug;name;url;cvr;type;sector;size;town;postcode;latitude;longitude;website"
    assert lines[1].split(";")[-3:] == ["57,46", "9,98", ""]  # decimal commas
    assert "'=HYPERLINK" in body.decode("utf-8-sig")  # a formula is written as text
    assert len([line for line in lines if line]) == 3


def test_agreements_csv_writes_the_targets_in_one_cell(client, programme):
    text = client.get(reverse("opendata:csv", args=["aftaler"])).content.decode("utf-8-sig")
    assert text.split("\r\n")[1].endswith(';energy, transport;"2030: 70; 2050: 100"')  # quoted: it holds a ;


def test_the_open_data_page_describes_every_dataset_and_answers_head(client, programme):
    page = client.get(reverse("opendata:data"))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("partnere", "aftaler", "indsatser", "co2-resultater", "samarbejder"):
        assert f"/data/{name}.csv" in text
    assert "CC BY 4.0" in text and "total_market_t_co2e" in text
    head = client.head(reverse("opendata:data"))
    assert (head.status_code, head.content) == (200, b"")
    assert client.head(reverse("opendata:csv", args=["samarbejder"])).status_code == 200
    assert client.get("/data/findes-ikke.csv").status_code == 404
