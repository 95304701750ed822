"""Import and export of partners as CSV and XLSX."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from klimapartner.partners.models import (
    Action,
    Agreement,
    ContactPerson,
    FocusArea,
    Membership,
    Organisation,
    ReductionTarget,
)
from klimapartner.partners.transfer import (
    CSV_COLUMNS,
    ImportProblem,
    export_csv,
    export_xlsx,
    import_file,
    parse_bool,
    parse_date,
    parse_decimal,
)
from tests.factories import cvr_number

pytestmark = pytest.mark.django_db

BOM = "\ufeff"


# ------------------------------------------------------------------ fixtures


def focus(*slugs):
    return [FocusArea.objects.get(slug=slug) for slug in slugs]


def make_bakery():
    org = Organisation.objects.create(
        name="Bager Østergård ApS", slug="bager-oestergaard", cvr="29000018", org_type="company", sector="food",
        size="1-9", address="Søndergade 12", postcode="9850", town="Hirtshals",
        latitude=Decimal("57.58812"), longitude=Decimal("9.96245"), website="https://bager-oestergaard.example",
        description="=Vi bager med grøn strøm.\nOg vi er glade; for æbler.", is_published=True,
    )
    ContactPerson.objects.create(
        organisation=org, name="Åse Ærø", role="Indehaver", email="aase@bager-oestergaard.example",
        phone="+45 98 76 54 32", is_public=True, consent=True,
    )
    ContactPerson.objects.create(organisation=org, name="Per Ølgod", is_public=False, consent=False)
    active = Agreement.objects.create(
        organisation=org, status="active", signed_on=date(2024, 1, 15), starts_on=date(2024, 2, 1),
        ends_on=date(2026, 12, 31), baseline_year=2022,
        communication="Én klimahistorie om året.", collaboration="Samarbejde med Vrå Skole om madspild.",
    )
    active.focus_areas.set(focus("energy", "food"))
    ReductionTarget.objects.create(agreement=active, target_year=2030, percent=Decimal("50"))
    ReductionTarget.objects.create(agreement=active, target_year=2040, percent=Decimal("82.5"))
    Action.objects.create(
        agreement=active, title="Ovn på varmepumpe", description="Udskiftning af gasovnen.",
        focus_area=focus("energy")[0], status="in_progress", start_year=2024, end_year=2025,
        expected_effect=Decimal("1234.5"), realised_effect=Decimal("12.25"), is_public=True,
    )
    Action.objects.create(agreement=active, title="Intern måling af spild", is_public=False)
    Agreement.objects.create(organisation=org, status="draft", starts_on=date(2027, 1, 1))
    return org


def make_school():
    org = Organisation.objects.create(
        name="Vrå Skole", slug="vraa-skole", org_type="public", sector="education", town="Vrå", is_published=False,
    )
    ended = Agreement.objects.create(
        organisation=org, status="ended", signed_on=date(2020, 5, 1), starts_on=date(2020, 6, 1),
        ends_on=date(2023, 5, 31), baseline_year=2019,
    )
    ended.focus_areas.set(focus("education", "behaviour-communication", "resources-waste"))
    ReductionTarget.objects.create(agreement=ended, target_year=2025, percent=Decimal("12.5"))
    Action.objects.create(
        agreement=ended, title="Affaldssortering i klasserne", focus_area=focus("resources-waste")[0],
        status="done", start_year=2021, end_year=2021, expected_effect=Decimal("0.5"), realised_effect=Decimal("0"),
    )
    return org


def make_association():
    return Organisation.objects.create(
        name="Foreningen 'Løkken Grøn'", slug="loekken-groen", org_type="association", sector="culture",
        size="10-49", town="Løkken",
    )


def dump():
    """Every field of every organisation and what it owns, in a stable order; not ids or timestamps."""

    def fields(obj, *, skip=()):
        skip = {"id", "created", "updated", "logo", *skip}
        return {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields if f.name not in skip}

    result = {}
    for org in Organisation.objects.order_by("slug"):
        result[org.slug] = {
            **fields(org),
            "contacts": sorted(
                (fields(contact, skip=["organisation"]) for contact in org.contacts.all()), key=lambda c: c["name"]
            ),
            "agreements": [
                {
                    **fields(agreement, skip=["organisation"]),
                    "targets": [(t.target_year, t.percent) for t in agreement.targets.all()],
                    "focus_areas": sorted(area.slug for area in agreement.focus_areas.all()),
                    "actions": sorted(
                        (
                            {**fields(action, skip=["agreement", "focus_area"]),
                             "focus_area": action.focus_area.slug if action.focus_area else None}
                            for action in agreement.actions.all()
                        ),
                        key=lambda a: a["title"],
                    ),
                }
                for agreement in org.agreements.order_by("starts_on")
            ],
        }
    return result


def wipe():
    Organisation.objects.all().delete()


def csv_bytes(*rows, bom=True, columns=CSV_COLUMNS):
    """A `;` CSV from rows given as {column code: text}; missing cells are empty."""
    lines = [";".join(columns)] + [";".join(row.get(code, "") for code in columns) for row in rows]
    return ((BOM if bom else "") + "\r\n".join(lines) + "\r\n").encode()


PARTNER = {
    "post": "partner", "partner": "hirtshals-is", "navn": "Hirtshals Is", "cvr": "29000026", "type": "company",
    "sektor": "food", "by": "Hirtshals", "offentliggjort": "ja",
}
CONTACT = {"post": "kontakt", "partner": "hirtshals-is", "navn": "Søren Sø", "offentlig": "nej", "samtykke": "ja"}
AGREEMENT = {"post": "aftale", "partner": "hirtshals-is", "aftale": "1", "status": "draft", "start": "2025-03-01"}
ACTION = {"post": "indsats", "partner": "hirtshals-is", "aftale": "1", "titel": "Solceller på taget"}


def problems(result):
    return [(p.sheet, p.row, p.column, p.message) for p in result.errors]


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize(("export", "filename"), [(export_csv, "partnere.csv"), (export_xlsx, "partnere.xlsx")])
def test_export_then_import_is_lossless(export, filename):
    make_bakery(), make_school(), make_association()
    before = dump()
    data = export(Organisation.objects.all())
    wipe()

    result = import_file(filename, data)

    assert problems(result) == []
    assert (result.created, result.updated) == (3, 0)
    assert dump() == before


@pytest.mark.parametrize(("export", "filename"), [(export_csv, "partnere.csv"), (export_xlsx, "partnere.xlsx")])
def test_reimporting_an_export_changes_nothing(export, filename):
    make_bakery(), make_school()
    before = dump()

    result = import_file(filename, export(Organisation.objects.all()))

    assert (result.ok, result.created, result.updated) == (True, 0, 2)
    assert dump() == before


# --------------------------------------------------------------------- export


def test_csv_export_follows_danish_excel_habits():
    make_bakery()

    lines = export_csv(Organisation.objects.all()).decode("utf-8").split("\r\n")

    assert lines[0] == BOM + ";".join(CSV_COLUMNS)
    assert lines[0] == (
        BOM + "post;partner;navn;cvr;type;sektor;stoerrelse;adresse;postnr;by;breddegrad;laengdegrad;hjemmeside;"
        "beskrivelse;offentliggjort;rolle;email;telefon;offentlig;samtykke;aftale;status;underskrevet;start;slut;"
        "basisaar;reduktionsmaal;fokusomraader;kommunikation;samarbejde;titel;fokusomraade;startaar;slutaar;"
        "forventet_effekt;realiseret_effekt"
    )
    assert lines[1] == (
        "partner;bager-oestergaard;Bager Østergård ApS;29000018;company;food;1-9;Søndergade 12;9850;Hirtshals;"
        "57,58812;9,96245;https://bager-oestergaard.example;\"'=Vi bager med grøn strøm.\nOg vi er glade; for æbler.\";"
        "ja;;;;;;;;;;;;;;;;;;;;;"
    )
    assert lines[2] == (
        "kontakt;bager-oestergaard;Per Ølgod;;;;;;;;;;;;;;;;nej;nej;;;;;;;;;;;;;;;;"
    )
    assert lines[3] == (
        "kontakt;bager-oestergaard;Åse Ærø;;;;;;;;;;;;;Indehaver;aase@bager-oestergaard.example;'+45 98 76 54 32;"
        "ja;ja;;;;;;;;;;;;;;;;"
    )
    assert lines[5] == (
        "aftale;bager-oestergaard;;;;;;;;;;;;;;;;;;;2;active;2024-01-15;2024-02-01;2026-12-31;2022;2030:50|2040:82,5;"
        "energy|food;Én klimahistorie om året.;Samarbejde med Vrå Skole om madspild.;;;;;;"
    )
    assert lines[6] == (
        "indsats;bager-oestergaard;;;;;;;;;;;;Udskiftning af gasovnen.;;;;;ja;;2;in_progress;;;;;;;;;"
        "Ovn på varmepumpe;energy;2024;2025;1234,5;12,25"
    )
    assert lines[7] == "indsats;bager-oestergaard;;;;;;;;;;;;;;;;;nej;;2;planned;;;;;;;;;Intern måling af spild;;;;;"
    assert len(lines) == 9  # header, partner, 2 contacts, 2 agreements, 2 actions, final empty line


def test_xlsx_export_has_one_sheet_per_kind_with_typed_cells():
    make_bakery()

    workbook = load_workbook(io.BytesIO(export_xlsx(Organisation.objects.all())))

    assert workbook.sheetnames == ["Partnere", "Kontaktpersoner", "Aftaler", "Indsatser"]
    assert [c.value for c in workbook["Kontaktpersoner"][1]] == [
        "partner", "navn", "rolle", "email", "telefon", "offentlig", "samtykke",
    ]
    partner = [c.value for c in workbook["Partnere"][2]]
    assert partner[9:] == [
        57.58812, 9.96245, "https://bager-oestergaard.example", "=Vi bager med grøn strøm.\nOg vi er glade; for æbler.", "ja",
    ]
    assert workbook["Partnere"]["M2"].data_type == "s"  # the text starting with "=" is not a formula
    agreement = [c.value for c in workbook["Aftaler"][3]]
    assert agreement[:8] == ["bager-oestergaard", 2, "active", datetime(2024, 1, 15), datetime(2024, 2, 1),
                             datetime(2026, 12, 31), 2022, "2030:50|2040:82,5"]
    assert workbook["Aftaler"]["D3"].number_format == "yyyy-mm-dd"
    assert workbook["Indsatser"].max_row == 3


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize("export", [export_csv, export_xlsx])
def test_export_makes_a_constant_number_of_queries(django_assert_num_queries, count, export):
    for n in range(count):
        org = make_bakery()
        org.slug = org.name = f"bager-{n}"
        org.save()
        Organisation.objects.filter(pk=org.pk).update(cvr=cvr_number(n))  # the next bakery takes the number
    assert Organisation.objects.count() == count

    # organisations, contacts, agreements, targets, focus areas, actions with their focus area
    with django_assert_num_queries(6):
        export(Organisation.objects.all())


# --------------------------------------------------------------------- import


def test_import_creates_new_and_updates_existing_partners():
    bakery = make_bakery()
    school = make_school()
    user = get_user_model().objects.create_user("aase", password="x")
    Membership.objects.create(user=user, organisation=bakery)
    data = csv_bytes(
        PARTNER,
        {**PARTNER, "partner": "bager-oestergaard", "navn": "Bageriet Østergård", "cvr": "DK 2900 0018"},
        {**CONTACT, "partner": "bager-oestergaard", "navn": "Ny Kontakt"},
        {**AGREEMENT, "partner": "bager-oestergaard", "aftale": "A"},
        {**ACTION, "partner": "bager-oestergaard", "aftale": "A"},
    )

    result = import_file("partnere.csv", data)

    assert (result.ok, result.created, result.updated) == (True, 1, 1)
    bakery.refresh_from_db()
    assert (bakery.pk, bakery.name, bakery.cvr, bakery.size) == (bakery.pk, "Bageriet Østergård", "29000018", "")
    assert list(bakery.contacts.values_list("name", flat=True)) == ["Ny Kontakt"]
    assert list(bakery.agreements.values_list("starts_on", "status")) == [(date(2025, 3, 1), "draft")]
    assert list(Action.objects.filter(agreement__organisation=bakery).values_list("title", flat=True)) == [
        "Solceller på taget"
    ]
    assert ReductionTarget.objects.filter(agreement__organisation=bakery).count() == 0
    assert list(bakery.memberships.values_list("user__username", flat=True)) == ["aase"]
    assert school.agreements.count() == 1  # not in the file, so untouched
    new = Organisation.objects.get(slug="hirtshals-is")
    assert (new.name, new.is_published, new.contacts.count(), new.agreements.count()) == ("Hirtshals Is", True, 0, 0)


def test_blank_booleans_and_statuses_get_the_model_defaults():
    result = import_file("p.csv", csv_bytes(
        {**PARTNER, "offentliggjort": ""}, {**CONTACT, "offentlig": "", "samtykke": ""},
        {**AGREEMENT, "status": ""}, {**ACTION, "offentlig": ""},
    ))

    assert result.ok
    assert Organisation.objects.get().is_published is True
    assert ContactPerson.objects.values_list("is_public", "consent").get() == (False, False)
    assert Agreement.objects.get().status == "draft"
    assert Action.objects.values_list("status", "is_public").get() == ("planned", True)


def test_a_bad_file_reports_every_bad_row_and_imports_nothing():
    make_school()
    before = dump()
    data = csv_bytes(
        {**PARTNER, "cvr": "12345678", "breddegrad": "57,3"},  # row 2
        {**PARTNER, "partner": "vraa-skole", "type": "skole", "sektor": "education", "cvr": ""},  # row 3
        {**PARTNER, "partner": "hirtshals-is", "navn": "Igen"},  # row 4
        {**CONTACT, "partner": "ukendt", "email": "ikke-en-email"},  # row 5
        {**CONTACT, "offentlig": "ja", "samtykke": "nej"},  # row 6
        {**AGREEMENT, "start": "31-02-2025", "reduktionsmaal": "2030:50|2030:60", "fokusomraader": "energy|vejr"},  # row 7
        {**AGREEMENT, "aftale": "2", "status": "active", "slut": "2024-01-01", "reduktionsmaal": "2030:120"},  # row 8
        {**AGREEMENT, "aftale": "2", "reduktionsmaal": "2030"},  # row 9
        {**ACTION, "aftale": "9", "startaar": "2026", "slutaar": "2025"},  # row 10
        {**ACTION, "partner": "vraa-skole", "fokusomraade": "vejr", "forventet_effekt": "12,3,4",
         "realiseret_effekt": "-1"},  # row 11
        {"post": "kommentar"},  # row 12
    )

    with override("en"):
        result = import_file("partnere.csv", data)

    focus_areas = "energy, transport, resources-waste, food, buildings, nature, behaviour-communication, education"
    assert problems(result) == [
        ("", 2, "cvr", "12345678 is not a valid CVR number (8 digits that pass the modulus-11 check)."),
        ("", 2, "laengdegrad", "Give both latitude and longitude, or neither."),
        ("", 3, "type", "skole is not an allowed value; use one of: company, education, association, public, other."),
        ("", 4, "partner", "The partner hirtshals-is is already in row 2."),
        ("", 5, "partner", "Unknown partner ukendt: the file has no partner with this code."),
        ("", 5, "email", "Enter a valid email address."),
        ("", 6, "offentlig", "A contact can only be shown publicly with their consent."),
        ("", 7, "start", "31-02-2025 is not a date (write e.g. 2025-03-01 or 01-03-2025)."),
        ("", 7, "reduktionsmaal", "The target year 2030 is given more than once."),
        ("", 7, "fokusomraader", f"vejr is not an allowed value; use one of: {focus_areas}."),
        ("", 8, "slut", "The period cannot end before it starts."),  # the model's clean() stops at its first
        ("", 8, "reduktionsmaal", "2030:120: Ensure this value is less than or equal to 100."),
        ("", 9, "aftale", "The agreement 2 is already in row 8."),
        ("", 9, "reduktionsmaal", "2030 is not a reduction target; write year:percent, e.g. 2030:50."),
        ("", 10, "aftale", "Unknown agreement 9: the file has no agreement with this reference."),
        ("", 10, "slutaar", "The end year cannot be before the start year."),
        ("", 11, "aftale", "The agreement 1 belongs to the partner hirtshals-is, not vraa-skole."),
        ("", 11, "fokusomraade", f"vejr is not an allowed value; use one of: {focus_areas}."),
        ("", 11, "forventet_effekt", "12,3,4 is not a number (write decimals with a comma, e.g. 1234,5)."),
        ("", 11, "realiseret_effekt", "Ensure this value is greater than or equal to 0."),
        ("", 12, "post", "kommentar is not an allowed value; use one of: partner, kontakt, aftale, indsats."),
    ]
    assert (result.ok, result.created, result.updated) == (False, 0, 0)
    assert dump() == before


def test_a_row_split_by_an_unquoted_semicolon_is_reported():
    data = csv_bytes(PARTNER) + b"partner;vraa-skole;Vr\xc3\xa5 Skole" + b";" * (len(CSV_COLUMNS) - 3) + b";ekstra\r\n"

    with override("en"):
        result = import_file("p.csv", data)

    assert problems(result) == [("", 3, "", (
        "The row has more cells than the header has columns; is a text with a semicolon not in quotes?"
    ))]
    assert Organisation.objects.count() == 0


@override("en")
def test_a_problem_reads_as_a_sentence_with_its_place_in_the_file():
    assert str(ImportProblem(7, "cvr", "12345678 is not a valid CVR number.")) == (
        "Row 7, column cvr: 12345678 is not a valid CVR number."
    )
    assert str(ImportProblem(3, "start", "x", "Aftaler")) == "Sheet Aftaler, row 3, column start: x"
    assert str(ImportProblem(None, "", "The file is empty.")) == "The file is empty."


def test_messages_are_danish_by_default_and_english_on_request():
    data = csv_bytes(PARTNER, {**CONTACT, "email": "ikke-en-email"})

    with override("da"):
        danish = import_file("p.csv", data)
        assert [str(problem) for problem in danish.errors] == ["Række 3, kolonne email: Indtast en gyldig e-mail-adresse."]
    with override("en"):
        english = import_file("p.csv", data)
        assert [str(problem) for problem in english.errors] == ["Row 3, column email: Enter a valid email address."]

    assert problems(danish) == [("", 3, "email", "Indtast en gyldig e-mail-adresse.")]


def test_xlsx_problems_name_the_sheet_and_the_excel_row():
    make_bakery()
    workbook = load_workbook(io.BytesIO(export_xlsx(Organisation.objects.all())))
    workbook["Aftaler"]["D3"] = "i morgen"
    workbook["Aftaler"].append([])  # an empty row between keeps Excel's numbering
    workbook["Aftaler"].append([])
    workbook["Aftaler"].append(["bager-oestergaard", 3, "draft", None, None])
    workbook["Partnere"]["C2"] = 12345678
    out = io.BytesIO()
    workbook.save(out)

    with override("en"):
        result = import_file("partnere.xlsx", out.getvalue())

    assert problems(result) == [
        ("Partnere", 2, "cvr", "12345678 is not a valid CVR number (8 digits that pass the modulus-11 check)."),
        ("Aftaler", 3, "underskrevet", "i morgen is not a date (write e.g. 2025-03-01 or 01-03-2025)."),
        ("Aftaler", 6, "start", "This field cannot be null."),
    ]
    with override("en"):
        assert str(result.errors[1]) == (
            "Sheet Aftaler, row 3, column underskrevet: i morgen is not a date (write e.g. 2025-03-01 or 01-03-2025)."
        )


# ------------------------------------------------------------ file handling


def read_errors(filename, data):
    with override("en"):
        return [str(problem) for problem in import_file(filename, data).errors]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def test_a_png_renamed_to_csv_is_refused():
    assert read_errors("partnere.csv", PNG) == ["partnere.csv is neither a CSV file nor an Excel file (.xlsx)."]


def test_an_empty_file_is_refused():
    assert read_errors("partnere.csv", b"") == ["The file is empty."]
    assert read_errors("partnere.csv", BOM.encode() + b"\r\n") == ["The file is empty."]


def test_a_file_over_the_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    data = csv_bytes(PARTNER)
    assert len(data) > 100

    assert read_errors("partnere.csv", data) == [f"The file is too large ({len(data)}\xa0bytes); the limit is 100\xa0bytes."]


def test_a_header_only_file_has_nothing_to_import():
    assert read_errors("partnere.csv", csv_bytes()) == ["The file has no rows to import below the header."]


def test_a_wrong_header_names_the_missing_columns():
    columns = [code for code in CSV_COLUMNS if code not in ("cvr", "titel")]

    assert read_errors("p.csv", csv_bytes(PARTNER, columns=columns)) == [
        "Row 1: The header row lacks the columns: cvr, titel."
    ]


def test_a_file_without_header_is_refused():
    data = "hirtshals-is;Hirtshals Is;29000026\r\n".encode()

    assert read_errors("p.csv", data) == [f"Row 1: The header row lacks the columns: {', '.join(CSV_COLUMNS)}."]


def test_xlsx_is_recognised_by_its_content_not_its_name():
    make_school()
    data = export_xlsx(Organisation.objects.all())
    wipe()

    assert import_file("partnere.csv", data).created == 1
    assert read_errors("partnere.xlsx", csv_bytes(PARTNER)) == ["partnere.xlsx is not a valid Excel file."]
    assert read_errors("gammel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == [
        "Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV."
    ]
    assert read_errors("arkiv.zip", b"PK\x03\x04" + b"\x00" * 100) == [
        "The file cannot be read as an Excel file (.xlsx)."
    ]


def test_a_workbook_without_all_sheets_names_the_missing_ones():
    workbook = Workbook()
    workbook.active.title = "Partnere"
    workbook.active.append(["partner", "navn"])
    workbook.create_sheet("Aftaler")
    out = io.BytesIO()
    workbook.save(out)

    assert read_errors("p.xlsx", out.getvalue()) == [
        "Sheet Partnere, row 1: The header row lacks the columns: cvr, type, sektor, stoerrelse, adresse, postnr, by, "
        "breddegrad, laengdegrad, hjemmeside, beskrivelse, offentliggjort.",
        "The sheet Kontaktpersoner is missing.",
        "Sheet Aftaler, row 1: The header row lacks the columns: partner, aftale, status, underskrevet, start, slut, "
        "basisaar, reduktionsmaal, fokusomraader, kommunikation, samarbejde.",
        "The sheet Indsatser is missing.",
    ]


@pytest.mark.parametrize("bom", [True, False])
def test_semicolon_csv_is_read_with_and_without_bom(bom):
    result = import_file("p.csv", csv_bytes({**PARTNER, "navn": "Æblegården i Tårs"}, bom=bom))

    assert (result.ok, result.created) == (True, 1)
    assert Organisation.objects.get().name == "Æblegården i Tårs"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_csv_saved_by_danish_excel_is_read(encoding):
    # As Excel saves it: semicolons, CRLF, decimal comma with thousands dots, day-first dates, SAND/FALSK,
    # the size 1-9 turned into a date, and only cells with a semicolon or line break in quotes.
    rows = [
        {"post": "partner", "partner": "loenstrup-kro", "navn": "Lønstrup Kro", "cvr": "29000034", "type": "company",
         "sektor": "tourism", "stoerrelse": "01-sep", "adresse": "Strandvejen 1", "postnr": "9800", "by": "Lønstrup",
         "breddegrad": "57,47712", "laengdegrad": "9,79821", "beskrivelse": '"Kro; med udsigt"',
         "offentliggjort": "SAND"},
        {"post": "aftale", "partner": "loenstrup-kro", "aftale": "7", "status": "active", "underskrevet": "1.3.2025",
         "start": "01-03-2025", "slut": "31-12-2030", "basisaar": "2024", "reduktionsmaal": "2030:45,5|2035:70",
         "fokusomraader": "energy|food"},
        {"post": "indsats", "partner": "loenstrup-kro", "aftale": "7", "status": "planned", "titel": "Varmepumpe",
         "fokusomraade": "energy", "startaar": "2025", "slutaar": "2026", "forventet_effekt": "1.234,5",
         "realiseret_effekt": "0,75", "offentlig": "FALSK"},
    ]
    lines = [";".join(CSV_COLUMNS)] + [";".join(row.get(code, "") for code in CSV_COLUMNS) for row in rows]
    text = "\r\n".join([*lines, ";;;;;;;;"]) + "\r\n"

    result = import_file("Mappe1.csv", text.encode(encoding))

    assert problems(result) == []
    org = Organisation.objects.get()
    assert (org.name, org.size, org.latitude, org.description, org.is_published) == (
        "Lønstrup Kro", "1-9", Decimal("57.47712"), "Kro; med udsigt", True,
    )
    agreement = org.agreements.get()
    assert (agreement.signed_on, agreement.starts_on, agreement.ends_on) == (
        date(2025, 3, 1), date(2025, 3, 1), date(2030, 12, 31),
    )
    assert list(agreement.targets.values_list("target_year", "percent")) == [
        (2030, Decimal("45.5")), (2035, Decimal("70")),
    ]
    assert sorted(agreement.focus_areas.values_list("slug", flat=True)) == ["energy", "food"]
    assert Action.objects.values_list("expected_effect", "realised_effect", "is_public").get() == (
        Decimal("1234.5"), Decimal("0.75"), False,
    )


# ------------------------------------------------------------ value parsing


@pytest.mark.parametrize(("text", "value"), [
    ("1234,5", Decimal("1234.5")), ("1.234,5", Decimal("1234.5")), ("1.234.567,25", Decimal("1234567.25")),
    ("1234.5", Decimal("1234.5")), ("1.234", Decimal("1234")), ("-0,5", Decimal("-0.5")), (" 12 ", Decimal("12")),
    ("1 234,5", Decimal("1234.5")), (57.45678, Decimal("57.45678")), (3, Decimal("3")), ("", None),
])
def test_decimals_are_read_the_danish_way(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("2025-03-01", date(2025, 3, 1)), ("01-03-2025", date(2025, 3, 1)), ("1.3.2025", date(2025, 3, 1)),
    ("1/3/2025", date(2025, 3, 1)), ("", None),
])
def test_dates_are_read_iso_or_day_first(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("ja", True), ("Nej", False), ("yes", True), ("no", False), ("TRUE", True), ("false", False),
    ("1", True), ("0", False), ("SAND", True), ("FALSK", False), (True, True), ("", None),
])
def test_booleans_are_read_in_danish_and_english(text, value):
    assert parse_bool(text) == value


# ------------------------------------------------------------------ commands


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_commands_export_and_import_a_file(tmp_path, format):
    make_bakery(), make_association()
    before = dump()
    path = tmp_path / f"partnere.{format}"

    call_command("export_partners", "--format", format, "--out", str(path), stdout=io.StringIO())
    wipe()
    out = io.StringIO()
    with override("en"):
        call_command("import_partners", str(path), stdout=out)

    assert out.getvalue() == "Imported: 2 partners created, 0 updated.\n"
    assert dump() == before


def test_the_import_command_prints_every_error_and_fails(tmp_path):
    path = tmp_path / "partnere.csv"
    path.write_bytes(csv_bytes({**PARTNER, "cvr": "12345678"}, {**CONTACT, "partner": "ukendt"}))
    err = io.StringIO()

    with override("en"), pytest.raises(CommandError, match="^Nothing was imported: 2 errors.$"):
        call_command("import_partners", str(path), stderr=err)

    assert err.getvalue() == (
        "Row 2, column cvr: 12345678 is not a valid CVR number (8 digits that pass the modulus-11 check).\n"
        "Row 3, column partner: Unknown partner ukendt: the file has no partner with this code.\n"
    )
    assert Organisation.objects.count() == 0


def test_a_nul_byte_past_the_first_8_kb_is_refused_before_anything_is_stored():
    data = csv_bytes(PARTNER) + b" " * 9000 + b"\x00"
    assert read_errors("partnere.csv", data) == ["partnere.csv is neither a CSV file nor an Excel file (.xlsx)."]
    assert Organisation.objects.count() == 0


def test_a_workbook_that_unpacks_to_too_much_is_refused_from_its_table_of_contents():
    from tests.spreadsheets.bombs import zip_bomb_xlsx

    [message] = read_errors("partnere.xlsx", zip_bomb_xlsx(100))
    assert message.startswith("The workbook unpacks to ") and "the limit is 60.0\xa0MB" in message
