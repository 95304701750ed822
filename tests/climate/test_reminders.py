"""Reminders about missing accounts, sent through a real SMTP server, once per partner per year."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from klimapartner.climate.models import AccountStatus, ReminderDate, ReminderSent
from klimapartner.climate.reminders import send_reminders
from tests.climate.helpers import make_account
from tests.factories import make_agreement, make_contact


def test_partners_missing_last_years_account_are_reminded_once(smtp_server, owner_org, other_org, owner, settings):
    settings.LANGUAGE_CODE = "en"
    make_agreement(owner_org)
    make_agreement(other_org)
    make_contact(owner_org, email="karen@nordlys.example")
    make_contact(owner_org, name="Ejer igen", email="EJER@nordlys.example")  # the editor's address, other case
    make_account(other_org, 2025)
    ReminderDate.objects.create(year=2025, remind_on=date(2026, 4, 1))
    assert send_reminders(date(2026, 3, 31)) == []  # before the date
    out = StringIO()
    call_command("climate_reminders", "--today", "2026-04-02", stdout=out)
    assert out.getvalue().endswith("1 reminders sent.\n")
    [message] = smtp_server.messages
    assert sorted(message.envelope_to) == ["ejer@nordlys.example", "karen@nordlys.example"]
    assert message["Subject"] == "Your CO2 account for 2025 is missing"
    body = message.get_content()
    assert "We have not yet received your account for 2025." in body
    assert "/klima/partner/nordlys-energi-aps/2025/rediger/" in body
    assert ReminderSent.objects.get().organisation == owner_org
    call_command("climate_reminders", "--today", "2026-04-03", stdout=StringIO())
    assert len(smtp_server.messages) == 1  # once per partner and year


def test_a_draft_is_still_missing_and_a_partner_without_an_active_agreement_is_not_reminded(
        smtp_server, owner_org, other_org, owner, outsider):
    make_agreement(owner_org)
    make_agreement(other_org, status="ended")
    make_account(owner_org, 2025, status=AccountStatus.DRAFT)
    ReminderDate.objects.create(year=2025, remind_on=date(2026, 4, 1))
    assert send_reminders(date(2026, 4, 1)) == [("nordlys-energi-aps", ["ejer@nordlys.example"])]
    assert [m.envelope_to for m in smtp_server.messages] == [["ejer@nordlys.example"]]
