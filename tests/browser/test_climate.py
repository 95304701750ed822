"""CO2 accounts in a real Chromium: an editor enters a year and sees the result and chart; the coordinator the total."""

from decimal import Decimal

from klimapartner.climate.models import YearAccount
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths
from tests.climate.helpers import make_account
from tests.factories import make_agreement, make_editor, make_organisation, make_user


def test_an_editor_enters_a_year_and_sees_the_result_and_the_chart(page):
    organisation = make_organisation("Nordlys Energi ApS", cvr="12345674")
    make_agreement(organisation, baseline_year=2022, targets=((2030, "50"),))
    make_editor(organisation, "ejer@nordlys.example")
    make_account(organisation, 2022)  # 4.8 t
    sign_in(page, "ejer@nordlys.example")

    page.goto(f"/klima/partner/{organisation.slug}/")
    assert axe_violations(page) == []
    page.fill("#id_year", "2024")
    page.click("form[method=get] button[type=submit]")
    page.wait_for_url(f"**/klima/partner/{organisation.slug}/2024/rediger/")
    # Last year's sources are filled in: only the amounts are needed.
    assert page.input_value("#id_lines-0-source") == "electricity"
    # A unit that does not fit the source is explained at the field.
    page.fill("#id_lines-0-amount", "8.000")
    page.select_option("#id_lines-0-unit", "l")
    page.click("main form[method=post] button.button-primary")
    assert page.inner_text("#id_lines-0-unit_error").endswith("El kan ikke måles i liter. Brug kWh eller MWh.")
    assert axe_violations(page) == []
    page.select_option("#id_lines-0-unit", "kWh")
    page.fill("#id_lines-0-amount", "8.000")
    page.fill("#id_lines-1-amount", "600,5")
    page.fill("#id_employees", "5")
    page.select_option("#id_status", "submitted")
    page.click("main form[method=post] button.button-primary")
    page.wait_for_url(f"**/klima/partner/{organisation.slug}/2024/")

    account = YearAccount.objects.get(year=2024)
    # 8,000 kWh × (0.143 + 0.030 upstream) + 600.5 l × (2.47 + 0.61101 upstream) = 1,384 + 1,850.147 kg
    assert account.total_location == Decimal("3234.147")
    assert page.inner_text("[data-testid=total-location]") == "3,2"
    chart = page.locator("svg[data-testid=progress-chart]")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect").count() == 2  # 2022 and 2024
    assert page.inner_text("[data-testid=status]") == "På rette spor"
    assert axe_violations(page) == []


def test_the_coordinator_sees_the_programme_total_and_the_path(page):
    make_user("koordinator@kommune.example", staff=True)
    for name, cvr in (("Nordlys Energi ApS", "12345674"), ("Vestkyst Bageri", "11111114")):
        organisation = make_organisation(name, cvr=cvr)
        make_account(organisation, 2023)
        make_account(organisation, 2024, diesel_l="800")
    sign_in(page, "koordinator@kommune.example")
    page.goto("/en/klima/koordinator/?year=2024")
    # (10,000 kWh × 0.173 + 800 l × 3.08101) kg × 2 partners
    assert page.inner_text("[data-testid=programme-total]").startswith("8.4 t CO2e from 2 partners")
    assert page.locator("svg[data-testid=programme-chart] rect").count() == 2
    assert axe_violations(page) == []
    for url in ("/en/klima/koordinator/mangler/", "/en/klima/koordinator/faktorer/"):
        page.goto(url)
        assert axe_violations(page) == [], url


@both_widths
def test_the_coordinators_co2_pages_fit_a_phone(page):
    make_user("koordinator@kommune.example", staff=True)
    for name, cvr in (("Nordlys Energi ApS", "12345674"), ("Vestkyst Bageri", "11111114")):
        organisation = make_organisation(name, cvr=cvr)
        make_agreement(organisation)
        make_account(organisation, 2023)
        make_account(organisation, 2024, diesel_l="800")
    sign_in(page, "koordinator@kommune.example")
    for url in ("/klima/koordinator/?year=2024", "/klima/koordinator/mangler/?year=2025",
                "/klima/koordinator/gennemgang/", "/klima/koordinator/faktorer/standard/"):
        page.goto(url)
        assert_fits_width(page)
        assert axe_violations(page) == [], url
    assert "tæller noget udledning to gange" in page.goto("/klima/koordinator/?year=2024").text()


@both_widths
def test_a_line_is_removed_with_a_box_that_can_be_seen_and_ticked(page):
    organisation = make_organisation("Nordlys Energi ApS", cvr="12345674", postcode="9800")
    make_editor(organisation, "ejer@nordlys.example")
    make_account(organisation, 2024)
    sign_in(page, "ejer@nordlys.example")
    page.goto(f"/klima/partner/{organisation.slug}/2024/rediger/")
    assert_fits_width(page)
    label = page.locator("label[for=id_lines-1-DELETE]")
    box = label.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 24  # the drawn box and "Fjern", not 0×0
    label.click()
    assert page.is_checked("#id_lines-1-DELETE")
    page.click("main form[method=post] button.button-primary")
    page.wait_for_url(f"**/klima/partner/{organisation.slug}/2024/")
    assert list(YearAccount.objects.get().entries.values_list("source", flat=True)) == ["electricity"]


@both_widths
def test_the_reconciliation_with_klimakompasset_reads_entry_by_entry(page):
    from klimapartner.climate import klimakompasset as kk
    from klimapartner.climate.models import KlimakompassetReport
    from tests.accounting.klimakompasset_sample import make_report
    from tests.browser.widths import screenshot

    organisation = make_organisation("Vrå Tømrer & Snedker ApS", cvr="12345674", postcode="9760")
    make_editor(organisation, "ejer@vraa.example")
    report = KlimakompassetReport.objects.create(organisation=organisation, year=2024, filename="rapport.xlsx")
    kk.read_report(report, make_report())
    kk.import_report(report, organisation, 2024)
    sign_in(page, "ejer@vraa.example")
    page.goto(f"/klima/partner/{organisation.slug}/2024/afstemning/")
    assert_fits_width(page)
    assert axe_violations(page) == []
    table = page.locator("[data-testid=entry-reconciliation]")
    assert table.locator("tbody tr").count() == 6
    first = table.locator("tbody tr").first.inner_text()
    assert "Elforbrug værksted" in first and "0,143 kg CO2e/kWh" in first and "3.440" in first
    counts = page.inner_text("[data-testid=entry-counts]")
    assert counts == "Samme aktivitet med andre emissionsfaktorer. 5 poster.\nDet samme, inden for 1 %. 1 post."
    screenshot(page, "reconciliation")
