"""An agreement is not active before its period starts, and an action is not done in a year still to come."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format

from klimapartner.partners.forms import ActionForm, AgreementForm


def agreement(**changes):
    return {"status": "active", "signed_on": "2024-12-01", "starts_on": "2025-01-01", "ends_on": "", "baseline_year": "2023",
            "communication": "", "collaboration": "", **changes}


def test_an_agreement_for_a_period_still_to_come_cannot_be_active(db):
    starts = timezone.localdate() + timedelta(days=40)
    form = AgreementForm(agreement(starts_on=starts.isoformat()))
    assert not form.is_valid()
    assert form.errors["status"] == [f"Aftalen begynder {date_format(starts)}, så den kan ikke være aktiv endnu. "
                                     "Lad den være en kladde indtil da."]
    assert AgreementForm(agreement(starts_on=starts.isoformat(), status="draft")).is_valid()
    assert AgreementForm(agreement(starts_on=timezone.localdate().isoformat())).is_valid()


def test_an_action_cannot_be_done_in_a_year_still_to_come(db):
    next_year = timezone.localdate().year + 1
    form = ActionForm({"title": "Solceller", "status": "done", "start_year": "2025", "end_year": str(next_year)})
    assert not form.is_valid()
    assert form.errors["status"] == [f"En gennemført indsats kan ikke slutte i {next_year}, et år, der endnu ikke er "
                                     "kommet. Angiv det år, den blev gennemført."]
    assert ActionForm({"title": "Solceller", "status": "in_progress", "end_year": str(next_year)}).is_valid()
    assert ActionForm({"title": "Solceller", "status": "done", "end_year": str(next_year - 1)}).is_valid()
