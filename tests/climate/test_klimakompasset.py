"""A Klimakompasset report uploaded, read in the background, checked against the partner, imported as a draft."""

import time
from datetime import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from klimapartner.climate.models import AccountStatus, ActivityEntry, KlimakompassetReport, YearAccount
from klimapartner.jobs.runner import run_queued
from klimapartner.partners.models import Upload
from tests.accounting.klimakompasset_sample import ENTRY_ROWS, make_report
from tests.climate.helpers import make_account
from tests.spreadsheets.bombs import zip_bomb_xlsx

D = Decimal
pytestmark = pytest.mark.django_db


def upload(client, org, year, data, name="rapport.xlsx", lang=""):
    url = lang + reverse("climate:import_klimakompasset", kwargs={"slug": org.slug, "year": year})
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    report = KlimakompassetReport.objects.latest("created")
    assert response["Location"] == reverse("climate:review_klimakompasset",
                                           kwargs={"slug": org.slug, "year": year, "pk": report.pk})
    assert report.status == "reading"
    assert run_queued() == 1
    report.refresh_from_db()
    return report


def review(client, report, lang=""):
    return client.get(lang + reverse("climate:review_klimakompasset", kwargs={
        "slug": report.organisation.slug, "year": report.year, "pk": report.pk}))


def confirm(client, report, **ticks):
    return client.post(reverse("climate:review_klimakompasset", kwargs={
        "slug": report.organisation.slug, "year": report.year, "pk": report.pk}), ticks)


def test_a_report_is_read_shown_and_imported_as_a_draft(client, owner_org, owner):
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report())
    assert (report.status, report.company, report.cvr, report.report_year) == (
        "read", "Vrå Tømrer & Snedker ApS", "12345674", 2024)
    assert Upload.objects.count() == 0  # the file is gone once read
    page = review(client, report, "/en")
    html = page.content.decode()
    assert "6 lines of consumption data" in html and "Every entry becomes consumption data." in html
    assert page.context["checks"].refusals == () and page.context["checks"].confirmations == ()  # CVR matches
    assert not YearAccount.objects.exists()  # nothing is saved before the partner confirms
    response = confirm(client, report)
    assert response["Location"] == reverse("climate:account", kwargs={"slug": owner_org.slug, "year": 2024})
    account = YearAccount.objects.get()
    assert (account.status, account.employees) == ("draft", D("10"))
    assert list(ActivityEntry.objects.values_list("source", "amount", "unit")) == [
        ("electricity", D("80000.000"), "kWh"), ("district_heating", D("100.000"), "MWh"),
        ("natural_gas", D("2500.000"), "m3"), ("diesel", D("5000.000"), "l"), ("waste", D("3.000"), "tonne"),
        ("flight", D("4.000"), "trip")]
    report.refresh_from_db()
    assert report.status == "imported"


def test_every_entry_not_imported_is_listed_on_the_review_and_the_account(client, owner_org, owner):
    rows = ENTRY_ROWS + [(datetime(2024, 12, 31), "Indkøb", "Kontorartikler", 12000, "kr", 600),
                         (datetime(2024, 12, 31), "Affald", "Blandet", 2, "ton", 100)]
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report(entry_rows=rows))
    with translation.override("da"):
        html = review(client, report).content.decode()
    assert "2 poster importeres ikke" in html
    assert "Indkøb: Kontorartikler" in html and "Ingen kilde, vi tæller, passer til den." in html
    assert "Blandet" in html and "Fraktionen eller afstanden kunne ikke ses af beskrivelsen." in html
    confirm(client, report)
    account_page = client.get(reverse("climate:account", kwargs={"slug": owner_org.slug, "year": 2024}))
    assert [u["description"] for u in account_page.context["klimakompasset"].unmapped] == ["Kontorartikler", "Blandet"]


def test_a_report_for_another_company_is_refused(client, owner_org, owner):
    owner_org.cvr = "11111114"
    owner_org.save()
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report())
    with translation.override("da"):
        page = review(client, report)
    assert page.context["checks"].refusals == (
        "Rapporten er for CVR 12345674 (Vrå Tømrer & Snedker ApS), men Nordlys Energi ApS har CVR 11111114. Upload den "
        "rapport, der hører til Nordlys Energi ApS.",)
    assert confirm(client, report).status_code == 200
    assert not YearAccount.objects.exists()


def test_a_report_in_another_name_without_a_cvr_to_compare_asks_first(client, owner_org, owner):
    owner_org.cvr = ""
    owner_org.save()
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report())
    [(name, _text)] = review(client, report).context["checks"].confirmations
    assert name == "confirm_identity"
    assert confirm(client, report).status_code == 200 and not YearAccount.objects.exists()
    assert confirm(client, report, confirm_identity="on").status_code == 302
    assert YearAccount.objects.get().status == "draft"


def test_a_submitted_account_is_replaced_only_when_asked_and_becomes_a_draft(client, owner_org, owner):
    make_account(owner_org, 2024)  # approved
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report())
    with translation.override("en"):
        [(name, text)] = review(client, report).context["checks"].confirmations
    assert name == "confirm_replace"
    assert text.startswith("The account for 2024 is approved. Importing replaces its lines and makes it a draft again")
    assert confirm(client, report).status_code == 200
    assert YearAccount.objects.get().status == AccountStatus.APPROVED
    assert confirm(client, report, confirm_replace="on").status_code == 302
    account = YearAccount.objects.get()
    assert (account.status, account.entries.count()) == ("draft", 6)


def test_a_report_for_another_year_is_refused(client, owner_org, owner):
    client.force_login(owner)
    report = upload(client, owner_org, 2023, make_report())
    with translation.override("da"):
        assert review(client, report).context["checks"].refusals == (
            "Rapporten dækker 2024, ikke 2023. Upload den til 2024 i stedet.",)


def test_a_file_that_is_not_a_report_is_refused_in_danish(client, owner_org, owner):
    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report(omit_sheets=("Delresultater (GHG)",)))
    assert report.status == "failed"
    html = review(client, report).content.decode()
    assert ("Det er ikke en rapport fra Klimakompasset: Arket Delresultater (GHG) mangler. Filen har arkene "
            "Stamdata, Resultater, E-nøgletal (ESG), Data (alle poster).") in html
    text = review(client, upload(client, owner_org, 2024, b"not a zip", name="r.xlsx")).content.decode()
    assert "BadZipFile" not in text
    assert "Filen er ikke en Excel-projektmappe (.xlsx). Gem den fra Excel som .xlsx-fil, og prøv igen." in text


def test_a_zip_bomb_is_refused_quickly_without_reading_it(client, owner_org, owner):
    client.force_login(owner)
    bomb = zip_bomb_xlsx(300)
    started = time.perf_counter()
    report = upload(client, owner_org, 2024, bomb)
    assert time.perf_counter() - started < 5  # upload, job and refusal together; the unchecked read took 49.6 s
    assert [p["code"] for p in report.errors] == ["too_large_uncompressed"]
    assert "Projektmappen fylder" in review(client, report).content.decode()


def test_the_entries_sheet_as_a_big_csv_is_read_in_the_background(client, owner_org, owner):
    rows = ["Dato;Kategori;Beskrivelse;Mængde;Enhed;CO2e (kg)"]
    rows += [f"31-12-2024;Elforbrug;Måler {n};1.000,5;kWh;100" for n in range(56610)]
    data = "\r\n".join(rows).encode("utf-8-sig")
    client.force_login(owner)
    report = upload(client, owner_org, 2024, data, name="poster.csv")
    assert (report.status, len(report.activity), report.unmapped) == ("read", 56610, [])
    [(name, _text)] = review(client, report).context["checks"].confirmations
    assert name == "confirm_identity"  # a CSV names no company
    response = confirm(client, report, confirm_identity="on")
    assert response.status_code == 302
    account = YearAccount.objects.get()
    # No postcode on the partner: Energinet's national declaration, and the account says so.
    # The 56,610 entries are one line of the account, their amounts added.
    assert list(account.entries.values_list("source", "amount", "unit", "label")) == [
        ("electricity", D("56610") * D("1000.5"), "kWh", "56.610 poster fra Klimakompasset")]
    assert account.scope2_location == D("56610") * D("1000.5") * D("0.130")
    assert [f["code"] for f in account.warnings] == ["grid_area_unknown"]


def test_the_reconciliation_sets_our_result_next_to_the_report(client, owner_org, owner):
    client.force_login(owner)
    confirm(client, upload(client, owner_org, 2024, make_report()))
    response = client.get("/en" + reverse("climate:reconciliation", kwargs={"slug": owner_org.slug, "year": 2024}))
    rows = {r.category: r for r in response.context["result"].rows}
    assert (rows["2.electricity"].ours, rows["2.electricity"].theirs) == (D("11440.000"), D("8000"))
    assert rows["3.3_fuel_and_energy"].reasons == ("only_in_ours",)
    html = response.content.decode()
    assert "Only our account has emissions here." in html


def test_the_reconciliation_goes_entry_by_entry_with_both_factors_in_danish(client, owner_org, owner):
    client.force_login(owner)
    confirm(client, upload(client, owner_org, 2024, make_report()))
    response = client.get(reverse("climate:reconciliation", kwargs={"slug": owner_org.slug, "year": 2024}))
    assert response.context["entry_total"] == 6
    rows = {r.row: r for r in response.context["entries"]}
    electricity = rows[4]  # 80,000 kWh in DK1 (postcode 9760): ours 0.143 kg/kWh, Klimakompasset's 8,000 kg
    assert (electricity.ours, electricity.theirs, electricity.upstream, electricity.reason) == (
        D("11440.000"), D(8000), D("2400.000"), "factors_differ")
    assert (electricity.our_factor, electricity.their_factor) == (D("0.143"), D("0.1"))
    assert response.context["entries"][0] == electricity  # the largest difference first
    html = " ".join(response.content.decode().split())
    assert ('<td class="num">80.000 kWh</td> <td class="num">0,143 kg CO2e/kWh</td> '
            '<td class="num">0,1 kg CO2e/kWh</td> <td class="num">11.440<br>'
            '<span class="entry-source">+ 2.400 opstrøms (3.3)</span></td> <td class="num">8.000</td> '
            '<td class="num">3.440</td>') in html
    assert "Samme aktivitet med andre emissionsfaktorer." in html


def test_the_pages_are_for_the_partner_and_the_coordinator_only(client, owner_org, owner, outsider, coordinator):
    from tests.permissions import assert_only_owner_and_coordinator

    client.force_login(owner)
    report = upload(client, owner_org, 2024, make_report())
    url = reverse("climate:review_klimakompasset", kwargs={"slug": owner_org.slug, "year": 2024, "pk": report.pk})
    assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)
    client.force_login(outsider)
    assert client.post(url, {}).status_code == 403
    assert not YearAccount.objects.exists()
    client.force_login(owner)
    confirm(client, report)
    url = reverse("climate:reconciliation", kwargs={"slug": owner_org.slug, "year": 2024})
    assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)
