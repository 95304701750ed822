"""An unpublished partner never appears anywhere public: API, CSV, network, progress, the public pages."""

import pytest
from django.urls import reverse

from klimapartner.opendata.datasets import DATASETS
from tests.opendata.conftest import HIDDEN

PAGES = ["/", "/partnere/", "/partnere/kort.json", "/netvaerk/", "/netvaerk/?year=2024", "/fremskridt/", "/data/",
         "/api/v1/", "/api/v1/schema/", "/en/netvaerk/", "/en/fremskridt/"]


def public_urls():
    urls = list(PAGES)
    for dataset in DATASETS:
        urls += [f"/api/v1/{dataset.slug}/", f"/data/{dataset.csv_name}.csv", f"/data/utf-8/{dataset.csv_name}.csv"]
    return urls


@pytest.mark.parametrize("url", public_urls())
def test_an_unpublished_partner_is_never_in_public(client, programme, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    for secret in (HIDDEN, "skjult-hemmelighed", "Hemmeligt samarbejde", "Ikke bekræftet endnu", "Intern plan",
                   "Hemmeligt åbent hus", "Kun for partnere", "Partnerskabsdag for inviterede", "Venter på godkendelse", "Hemmelig historie",
                   "Kladde til en historie"):
        assert secret not in text, f"{secret} in {url}"


def test_the_public_parts_do_count_the_published_data(client, programme):
    # the same pages, to show that the test above would see the data if it were there
    assert "Overskudsvarme" in client.get("/api/v1/collaborations/").content.decode()
    assert "Vestkyst Bageri" in client.get("/netvaerk/").content.decode()
    assert "Nordlys Energi ApS" in client.get("/data/partnere.csv").content.decode("utf-8-sig")
    assert client.get(reverse("opendata:csv", args=["co2-resultater"])).content.decode("utf-8-sig").count("\r\n") == 3
    assert "Åbent hus på bageriet" in client.get("/data/aktiviteter.csv").content.decode("utf-8-sig")
    assert "Varmen fra ovnene" in client.get("/api/v1/stories/").content.decode()
