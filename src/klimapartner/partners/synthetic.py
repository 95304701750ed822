"""A large synthetic programme for load tests: thousands of partners in a few seconds.

Everything is created with bulk_create (the focus areas through the M2M's
through model), so 5,000 partners with their contacts, agreements, targets
and actions take a few seconds on SQLite.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from klimapartner.partners.demo import (
    ACTION_TEMPLATES,
    EFFECT_SCALE,
    FIRST_NAMES,
    FOCUS_BY_SECTOR,
    LAST_NAMES,
    ROLES,
    TOWNS,
    action_timing,
    ascii_slug,
    make_cvr,
    place,
    street_address,
)
from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Organisation,
    OrgType,
    ReductionTarget,
    Sector,
    SizeBand,
)

# Roughly how the partners of a real programme spread over types, towns and sizes.
TYPE_WEIGHTS = {OrgType.COMPANY: 60, OrgType.EDUCATION: 12, OrgType.ASSOCIATION: 14, OrgType.PUBLIC: 8, OrgType.OTHER: 6}
TOWN_WEIGHTS = {"Hjørring": 45, "Hirtshals": 12, "Sindal": 8, "Løkken": 7, "Vrå": 10, "Tårs": 8, "Lønstrup": 4, "Tversted": 6}
SIZE_WEIGHTS = {SizeBand.MICRO: 45, SizeBand.SMALL: 35, SizeBand.MEDIUM: 15, SizeBand.LARGE: 5}
COMPANY_SECTORS = [
    Sector.ENERGY, Sector.MANUFACTURING, Sector.CONSTRUCTION, Sector.RETAIL, Sector.FOOD, Sector.TOURISM,
    Sector.TRANSPORT, Sector.SERVICES, Sector.FISHERIES,
]
SECTORS_BY_TYPE = {
    OrgType.COMPANY: COMPANY_SECTORS,
    OrgType.EDUCATION: [Sector.EDUCATION],
    OrgType.ASSOCIATION: [Sector.CULTURE, Sector.OTHER, Sector.HOUSING],
    OrgType.PUBLIC: [Sector.PUBLIC, Sector.EDUCATION, Sector.CULTURE],
    OrgType.OTHER: [Sector.HOUSING, Sector.ENERGY, Sector.OTHER],
}
NAME_STEMS = ["Nordlys", "Klitbo", "Havblik", "Lyngbakke", "Engholm", "Skovly", "Sandvig", "Mølleå", "Vesterhede", "Bakkely"]
TRADES = {
    Sector.ENERGY: "Energi", Sector.MANUFACTURING: "Maskinfabrik", Sector.CONSTRUCTION: "Byg",
    Sector.RETAIL: "Handel", Sector.FOOD: "Fødevarer", Sector.TOURISM: "Ferie", Sector.TRANSPORT: "Transport",
    Sector.SERVICES: "Rådgivning", Sector.FISHERIES: "Fiskeri", Sector.EDUCATION: "Skole", Sector.PUBLIC: "Driftsenhed",
    Sector.CULTURE: "Kulturforening", Sector.HOUSING: "Boligforening", Sector.OTHER: "Fællesskab",
}
STATUS_WEIGHTS = {AgreementStatus.ACTIVE: 80, AgreementStatus.DRAFT: 12, AgreementStatus.ENDED: 8}


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate_programme(n_organisations: int, seed: int) -> dict[str, int]:
    """Bulk-create n synthetic partners, each with contacts, one agreement, targets and actions; return the counts."""
    rng = random.Random(seed)
    width = max(4, len(str(n_organisations)))
    with transaction.atomic():
        focus_areas = {area.slug: area for area in FocusArea.objects.all()}
        taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
        taken_cvrs = set(Organisation.objects.exclude(cvr="").values_list("cvr", flat=True))

        organisations = []
        for number in range(1, n_organisations + 1):
            org_type = _weighted(rng, TYPE_WEIGHTS)
            sector = rng.choice(SECTORS_BY_TYPE[org_type])
            town = TOWNS[_weighted(rng, TOWN_WEIGHTS)]
            legal = {OrgType.COMPANY: rng.choice([" ApS", " A/S", " I/S", ""])}.get(org_type, "")
            name = f"{rng.choice(NAME_STEMS)} {TRADES[sector]} {number:0{width}d}{legal}"
            slug = base = ascii_slug(name)
            # A second run (another seed) gets its own slugs instead of clashing with the first.
            suffix = 1
            while slug in taken_slugs:
                suffix += 1
                slug = f"{base}-{suffix}"
            taken_slugs.add(slug)
            cvr = ""
            if org_type in (OrgType.COMPANY, OrgType.EDUCATION) or rng.random() < 0.4:
                cvr = make_cvr(rng)
                while cvr in taken_cvrs:
                    cvr = make_cvr(rng)
                taken_cvrs.add(cvr)
            latitude, longitude = place(rng, town)
            organisations.append(Organisation(
                name=name, slug=slug, cvr=cvr, org_type=org_type, sector=sector, size=_weighted(rng, SIZE_WEIGHTS),
                address=street_address(rng, town, sector), postcode=town.postcode, town=town.name,
                latitude=latitude, longitude=longitude, website=f"https://{slug}.example/",
                description=f"Syntetisk klimapartner nr. {number} til belastningstest.",
            ))
        # Returns primary keys on SQLite 3.35+ and PostgreSQL, which the related rows below need.
        Organisation.objects.bulk_create(organisations, batch_size=1000)

        contacts, agreements, chosen_areas = [], [], []
        local_parts = {first: ascii_slug(first) for first in FIRST_NAMES}
        for organisation in organisations:
            for index in range(1 if rng.random() < 0.6 else 2):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                contacts.append(ContactPerson(
                    organisation_id=organisation.pk, name=f"{first} {last}",
                    role=rng.choice(ROLES[organisation.org_type]), email=f"{local_parts[first]}@{organisation.slug}.example", is_public=index == 0, consent=True,
                ))
            status = _weighted(rng, STATUS_WEIGHTS)
            if status == AgreementStatus.ENDED:
                signed, starts_on = date(2020, rng.randint(1, 12), rng.randint(1, 28)), date(2021, 1, 1)
            elif status == AgreementStatus.ACTIVE:
                signed = date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
                starts_on = date(signed.year + 1, 1, 1)
            else:
                signed, starts_on = None, date(2027, 1, 1)
            agreements.append(Agreement(
                organisation_id=organisation.pk, status=status, signed_on=signed, starts_on=starts_on,
                ends_on=starts_on.replace(year=starts_on.year + 3) - timedelta(days=1),
                baseline_year=rng.randint(2019, 2023),
                communication="Én klimahistorie om året og én borgerrettet aktivitet.",
                collaboration="Samarbejde med en skole og en anden virksomhed i netværket.",
            ))
            slugs = FOCUS_BY_SECTOR[organisation.sector]
            chosen_areas.append([slugs[0], *rng.sample(slugs[1:], rng.randint(1, min(3, len(slugs) - 1)))])
        ContactPerson.objects.bulk_create(contacts, batch_size=2000)
        Agreement.objects.bulk_create(agreements, batch_size=1000)

        targets, links, actions = [], [], []
        templates = {
            (slug, sector): [(title, text, weight) for title, text, weight, sectors in ACTION_TEMPLATES[slug]
                             if sectors is None or sector in sectors]
            for slug in ACTION_TEMPLATES for sector in Sector.values
        }
        Link = Agreement.focus_areas.through
        for agreement, organisation, area_slugs in zip(agreements, organisations, chosen_areas):
            percent = Decimal(rng.choice([50, 55, 60, 65, 70]))
            targets.append(ReductionTarget(agreement_id=agreement.pk, target_year=2030, percent=percent))
            if rng.random() < 0.4:
                targets.append(ReductionTarget(agreement_id=agreement.pk, target_year=2050, percent=Decimal(100)))
            links += [Link(agreement_id=agreement.pk, focusarea_id=focus_areas[slug].pk) for slug in area_slugs]
            scale = EFFECT_SCALE[organisation.size]
            for _ in range(rng.randint(1, 5)):
                slug = rng.choice(area_slugs)
                title, description, weight = rng.choice(templates[slug, organisation.sector])
                status, start_year, end_year = action_timing(
                    rng, agreement.status, agreement.starts_on.year, agreement.ends_on.year
                )
                expected = Decimal(f"{max(0.1, scale * weight * rng.uniform(0.6, 1.4)):.1f}") if weight else None
                realised = None
                if status == ActionStatus.DONE and expected is not None:
                    realised = Decimal(f"{max(0.1, float(expected) * rng.uniform(0.7, 1.15)):.1f}")
                actions.append(Action(
                    agreement_id=agreement.pk, title=title, description=description, focus_area_id=focus_areas[slug].pk,
                    status=status, start_year=start_year, end_year=end_year,
                    expected_effect=expected, realised_effect=realised, is_public=rng.random() < 0.85,
                    effect_approved=True,
                ))
        ReductionTarget.objects.bulk_create(targets, batch_size=2000)
        Link.objects.bulk_create(links, batch_size=2000)
        Action.objects.bulk_create(actions, batch_size=2000)

    return {
        "organisations": len(organisations),
        "contacts": len(contacts),
        "agreements": len(agreements),
        "targets": len(targets),
        "focus_areas": len(links),
        "actions": len(actions),
    }

