"""An agreement's targets taken together must make a path: the agreement form says so, in Danish, and saves nothing."""

from decimal import Decimal

from django.urls import reverse

from tests.factories import make_agreement
from tests.partners.test_manage import area


def post(client, org, agreement, *targets):
    data = {"baseline_year": "2022", "focus_areas": [area("energy")], "communication": "", "collaboration": "",
            "targets-TOTAL_FORMS": str(len(targets)), "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0",
            "targets-MAX_NUM_FORMS": "6"}
    for n, (year, percent) in enumerate(targets):
        data.update({f"targets-{n}-target_year": year, f"targets-{n}-percent": percent,
                     f"targets-{n}-agreement": str(agreement.pk)})
    return client.post(reverse("manage:agreement", kwargs={"slug": org.slug, "pk": agreement.pk}), data)


def test_a_later_target_that_allows_more_is_refused_and_nothing_saved(client, owner, owner_org):
    agreement = make_agreement(owner_org, baseline_year=2022, targets=((2030, "50"),))
    client.force_login(owner)
    response = post(client, owner_org, agreement, ("2030", "70"), ("2040", "50"))
    assert response.status_code == 200
    assert response.context["targets"].non_form_errors() == [
        "Reduktionen for 2040 (50 %) er mindre end reduktionen i et tidligere mål (70 %); et mål tillader aldrig "
        "mere end målet før."]
    assert list(agreement.targets.values_list("target_year", "percent")) == [(2030, Decimal("50.00"))]


def test_a_target_before_the_base_year_is_refused_and_a_good_path_saved(client, owner, owner_org):
    agreement = make_agreement(owner_org, baseline_year=2022, targets=())
    client.force_login(owner)
    response = post(client, owner_org, agreement, ("2020", "10"))
    assert response.context["targets"].non_form_errors() == ["Målåret 2020 ligger ikke efter basisåret 2022."]
    assert post(client, owner_org, agreement, ("2030", "70"), ("2050", "100")).status_code == 302
    assert list(agreement.targets.values_list("target_year", "percent")) == [
        (2030, Decimal("70.00")), (2050, Decimal("100.00"))]
