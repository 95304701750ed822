"""CSV downloads for Danish Excel, the open data page, and HEAD."""

import csv
import io

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


def test_every_dataset_also_comes_as_plain_utf8(client, programme):
    response = client.get(reverse("opendata:csv_plain", args=["partnere"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partnere-utf8-')
    body = response.content
    assert not body.startswith("\ufeff".encode())
    lines = body.decode("utf-8").split("\r\n")
    assert lines[0] == "slug,name,url,cvr,type,sector,size,town,postcode,latitude,longitude,website"
    assert lines[1].split(",")[-3:] == ["57.46", "9.98", ""]  # decimal points
    targets = client.get(reverse("opendata:csv_plain", args=["aftaler"])).content.decode().split("\r\n")[1]
    assert targets.endswith(',"energy, transport",2030: 70; 2050: 100')
    text = client.get(reverse("opendata:csv_plain", args=["samarbejder"])).content.decode()
    [row] = csv.DictReader(io.StringIO(text))
    assert (row["partner_names"], row["cross_sector"]) == ("Nordlys Energi ApS, Vestkyst Bageri", "true")
    assert client.get("/data/utf-8/findes-ikke.csv").status_code == 404


def test_the_activities_csv_has_the_public_ones(client, programme):
    lines = client.get(reverse("opendata:csv", args=["aktiviteter"])).content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ("id;title;kind;citizen_facing;status;date;starts;ends;venue;town;organiser;organiser_name;"
                        "focus_areas;participants;url")
    assert [line.split(";")[1] for line in lines[1:] if line] == ["Netværksmøde om varme", "Åbent hus på bageriet"]
    assert lines[2].split(";")[2:8] == ["open_house", "ja", "approved", "2024-06-01", "", ""]


def test_agreements_csv_writes_the_targets_in_one_cell(client, programme):
    text = client.get(reverse("opendata:csv", args=["aftaler"])).content.decode("utf-8-sig")
    assert text.split("\r\n")[1].endswith(';energy, transport;"2030: 70; 2050: 100"')  # quoted: it holds a ;


def test_the_open_data_page_describes_every_dataset_and_answers_head(client, programme):
    page = client.get(reverse("opendata:data"))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("partnere", "aftaler", "indsatser", "co2-resultater", "samarbejder", "aktiviteter", "klimahistorier"):
        assert f"/data/{name}.csv" in text and f"/data/utf-8/{name}.csv" in text
    assert "CC BY 4.0" in text and "total_market_t_co2e" in text
    head = client.head(reverse("opendata:data"))
    assert (head.status_code, head.content) == (200, b"")
    assert client.head(reverse("opendata:csv", args=["samarbejder"])).status_code == 200
    assert client.head(reverse("opendata:csv_plain", args=["klimahistorier"])).status_code == 200
    assert client.get("/data/findes-ikke.csv").status_code == 404
