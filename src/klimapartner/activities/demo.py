"""The demo programme's year of activities, built on the demo partners (partners/demo.py).

Past and coming activities of every kind, held by the municipality or by partners, with sign-ups
and attendance; some partners' own activities wait for the coordinator. Partners range from very
active (most activities attended) to passive (nothing at all): the coordinator's overview then
has something to show. The same database gives the same data every time (dates relative to today).
"""

import io
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus, SignUp, SignUpStatus
from klimapartner.partners.demo import NORDSTRAND_SLUG, SCHOOL_SLUG, TOWNS
from klimapartner.partners.models import AgreementStatus, ContactPerson, FocusArea, Organisation

K = ActivityKind
# (days from today, kind, title, town, venue, start, end, public, focus areas, capacity)
PROGRAMME = [
    # last year: fewer activities, and fewer came (the trend in the coordinator's overview grows)
    (-560, K.NETWORK_MEETING, "Netværksmøde: kom godt i gang", "Hjørring", "Hjørring Rådhus, Springvandspladsen 5",
     time(15, 0), time(17, 0), False, ("energy",), 60),
    (-470, K.WORKSHOP, "Workshop: klimamål for små virksomheder", "Sindal", "Sindal Kulturhus, Bredgade 1",
     time(9, 0), time(12, 0), False, ("behaviour-communication",), 25),
    (-400, K.SITE_VISIT, "Besøg på vandværket", "Hirtshals", "Nordklit Vandværk, Nordsøvej 40", time(13, 0),
     time(15, 0), False, ("energy", "nature"), 30),
    (-300, K.NETWORK_MEETING, "Nytårsnetværk: årets klimamål", "Hjørring", "Hjørring Rådhus, Springvandspladsen 5",
     time(15, 0), time(17, 0), False, ("energy",), 60),
    (-250, K.WORKSHOP, "Workshop: sådan laver I jeres første CO2-regnskab", "Hjørring",
     "Erhvervshuset, Industrivej 12", time(9, 0), time(12, 0), False, ("behaviour-communication",), 25),
    (-200, K.SITE_VISIT, "Besøg på biogasanlægget", "Sindal", "Sindal Biogas, Mosevej 20", time(13, 0), time(15, 0),
     False, ("energy", "resources-waste"), 30),
    (-160, K.COURSE, "Kursus i energiledelse", "Hirtshals", "Hirtshals Havnekontor, Havnegade 4", time(9, 0),
     time(15, 0), False, ("energy", "buildings"), 20),
    (-130, K.CITIZEN, "Klimafestival på Springvandspladsen", "Hjørring", "Springvandspladsen", time(11, 0),
     time(16, 0), True, ("behaviour-communication", "food"), None),
    (-95, K.NETWORK_MEETING, "Netværksmøde: grøn transport", "Vrå", "Vrå Medborgerhus, Bredgade 20", time(15, 0),
     time(17, 0), False, ("transport",), 40),
    (-45, K.WORKSHOP, "Workshop om genbrug af byggematerialer", "Løkken", "Løkken Genbrugsplads, Klitvej 8",
     time(13, 0), time(16, 0), False, ("resources-waste", "buildings"), 25),
    (-12, K.SITE_VISIT, "Rundtur: klimapartnere i Tårs", "Tårs", "Tårs Stationsplads", time(9, 0), time(13, 0),
     False, ("energy", "food"), 30),
    (9, K.NETWORK_MEETING, "Netværksmøde: natur og biodiversitet", "Lønstrup", "Lønstrup Kirkelade, Kirkevej 3",
     time(15, 0), time(17, 0), False, ("nature",), 40),
    (16, K.CITIZEN, "Foredrag: solceller på dit eget tag", "Hjørring", "Hjørring Bibliotek, Østergade 1",
     time(19, 0), time(21, 0), True, ("energy", "buildings"), 80),
    (30, K.COURSE, "Kursus: klimavenlig kantine", "Hjørring", "Erhvervshuset, Industrivej 12", time(9, 0),
     time(14, 0), False, ("food",), 20),
    (44, K.WORKSHOP, "Workshop for skoler: klimauge", "Vrå", "Vrå Lyngbakkeskole, Skolegade 2", time(12, 30),
     time(15, 30), False, ("education",), 30),
    (60, K.CITIZEN, "Cykeldag langs kysten", "Tversted", "Tversted Strand, Strandvejen", time(10, 0), time(14, 0),
     True, ("transport", "nature"), 150),
]
# The partners' own activities: (days, kind, title, public, participants, status); the organiser is chosen below.
OWN = [
    (-220, K.OPEN_HOUSE, "Åbent hus på solcelleparken", True, 140, ActivityStatus.APPROVED),
    (-180, K.SCHOOL_VISIT, "Skoleklasser besøger vores varmepumper", False, 48, ActivityStatus.APPROVED),
    (-150, K.CITIZEN, "Byttemarked for børnetøj", True, 210, ActivityStatus.APPROVED),
    (-120, K.CITIZEN, "Smagsprøver fra lokale råvarer", True, 95, ActivityStatus.APPROVED),
    (-90, K.OPEN_HOUSE, "Åbent værksted: reparér din cykel", True, 60, ActivityStatus.APPROVED),
    (-70, K.SCHOOL_VISIT, "Elever måler energiforbruget på fabrikken", False, 26, ActivityStatus.APPROVED),
    (-40, K.CITIZEN, "Strandrensning med familierne", True, 75, ActivityStatus.APPROVED),
    (-20, K.CITIZEN, "Klimaquiz i hallen", True, 120, ActivityStatus.SUBMITTED),
    (-8, K.OPEN_HOUSE, "Åbent hus i det nye lavenergibyggeri", True, 85, ActivityStatus.SUBMITTED),
    (-30, K.CITIZEN, "Informationsmøde om fjernvarme", True, None, ActivityStatus.REJECTED),
    (25, K.OPEN_HOUSE, "Åbent hus: fra fiskenet til fliser", True, None, ActivityStatus.APPROVED),
    (38, K.CITIZEN, "Grøn julemarkedsdag", True, None, ActivityStatus.SUBMITTED),
]
CITIZENS = ["Ole Sand", "Eva Lund", "Bo Kragh", "Lise Mølgaard", "Anders Vinther", "Maja Holst", "Søren Bak",
            "Hanne Friis", "Peter Dahl", "Mette Skov", "Jonas Ravn", "Signe Lauritsen"]
DEMO_MARK = PROGRAMME[3][2]


def _day(offset):
    return timezone.localdate() + timedelta(days=offset)


def _place(town):
    t = TOWNS[town]
    return Decimal(f"{t.latitude:.5f}"), Decimal(f"{t.longitude:.5f}")


def _contacts():
    """One contact (with an email) per partner with an active agreement, in a fixed order."""
    contacts = (ContactPerson.objects.exclude(email="").filter(organisation__agreements__status=AgreementStatus.ACTIVE)
                .select_related("organisation").order_by("organisation__name", "name", "pk"))
    seen, out = set(), []
    for contact in contacts:
        if contact.organisation_id not in seen:
            seen.add(contact.organisation_id)
            out.append(contact)
    return out


@transaction.atomic
def load_demo_activities() -> int:
    """Create the demo year's activities (after the demo partners and days); returns how many were created."""
    if Activity.objects.filter(title=DEMO_MARK).exists():
        return 0
    contacts = _contacts()
    if len(contacts) < 12:
        return 0
    rng = random.Random("klimapartner-demo-activities")
    # How keen each partner is: the first third very active, the last fifth passive (but the demo editors'
    # company is half-way, so its editor sees both done and still to do).
    keen = {}
    for n, contact in enumerate(contacts):
        share = n / len(contacts)
        keen[contact.organisation_id] = 0.85 if share < 0.33 else 0.4 if share < 0.8 else 0.0
    for contact in contacts:
        if contact.organisation.slug in (NORDSTRAND_SLUG, SCHOOL_SLUG):
            keen[contact.organisation_id] = 0.35
    created = 0
    for offset, kind, title, town, venue, starts, ends, public, focus, capacity in PROGRAMME:
        latitude, longitude = _place(town)
        activity = Activity.objects.create(
            title=title, kind=kind, date=_day(offset), starts=starts, ends=ends, venue=venue, town=town,
            latitude=latitude, longitude=longitude, is_public=public, capacity=capacity,
            description=_description(kind), status=ActivityStatus.APPROVED)
        activity.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
        _sign_up_partners(activity, contacts, keen, rng, past=offset < 0, damp=0.4 if offset < -365 else 1.0)
        if public:
            _sign_up_citizens(activity, rng, past=offset < 0)
        created += 1
    organisers = [c.organisation for c in contacts if keen[c.organisation_id] > 0.3]
    for n, (offset, kind, title, public, participants, status) in enumerate(OWN):
        organisation = organisers[(n * 7) % len(organisers)]
        if n == 0:
            organisation = Organisation.objects.get(slug=NORDSTRAND_SLUG)
        activity = Activity.objects.create(
            title=title, kind=kind, date=_day(offset), starts=time(10, 0), ends=time(14, 0),
            venue=organisation.address or organisation.town, town=organisation.town,
            latitude=organisation.latitude, longitude=organisation.longitude, organiser=organisation,
            is_public=public, participants=participants if offset < 0 else None, status=status,
            description=_description(kind), signup_open=offset > 0,
            review_comment="Skriv gerne, hvem der holder oplægget, og hvordan man tilmelder sig."
            if status == ActivityStatus.REJECTED else "")
        activity.focus_areas.set(FocusArea.objects.filter(slug__in=rng.sample(
            ["energy", "transport", "food", "resources-waste", "nature", "behaviour-communication"], 2)))
        if n == 0:  # the demo editor's company reported its open house with a photo
            activity.photo.save("aabent-hus-solcelleparken.png", ContentFile(_solar_park_png()), save=False)
            activity.photo_alt = "Tre rækker solpaneler på en grøn mark under en blå himmel med solen oppe til venstre."
            activity.save(update_fields=["photo", "photo_alt"])
        if offset > 0 and status == ActivityStatus.APPROVED:
            _sign_up_citizens(activity, rng, past=False)
        created += 1
    return created


def _solar_park_png() -> bytes:
    """A drawn picture of a solar park (the demo has no photographs of its own), 960×540."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 540), "#8ec5ec")
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 50, 190, 150), fill="#ffd23f")
    draw.rectangle((0, 300, 960, 540), fill="#5c9e3c")
    for row, top in enumerate((330, 400, 470)):
        for left in range(60 + row * 20, 900, 150):
            panel = [(left, top + 50), (left + 130, top + 50), (left + 110, top), (left + 20, top)]
            draw.polygon(panel, fill="#1f3a68", outline="#c8d3e0")
            for k in (1, 2, 3):
                draw.line((left + 20 + k * 22, top, left + k * 32, top + 50), fill="#c8d3e0")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _description(kind) -> str:
    return {
        K.NETWORK_MEETING: "Partnerne mødes, hører et kort oplæg og deler erfaringer. Kaffe og kage.",
        K.WORKSHOP: "En praktisk workshop i små grupper. Tag gerne jeres egne tal og spørgsmål med.",
        K.COURSE: "Et kursus med en erfaren underviser; der er frokost undervejs.",
        K.SITE_VISIT: "Vi ser anlægget, hører om erfaringerne og spørger løs. Husk praktisk fodtøj.",
        K.CITIZEN: "For alle borgere: kom og se, hør og prøv selv. Gratis adgang.",
        K.OPEN_HOUSE: "Vi åbner dørene og viser, hvad vi gør for klimaet. Alle er velkomne.",
        K.SCHOOL_VISIT: "Skoleelever besøger os og arbejder med rigtige tal fra virksomheden.",
    }.get(kind, "")


def _sign_up_partners(activity, contacts, keen, rng, *, past, damp=1.0):
    capacity = activity.capacity or 10_000
    taken = 0
    for contact in contacts:
        if rng.random() >= keen[contact.organisation_id] * damp:
            continue
        status = SignUpStatus.REGISTERED if taken < capacity else SignUpStatus.WAITING
        taken += status == SignUpStatus.REGISTERED
        came = past and status == SignUpStatus.REGISTERED and rng.random() < 0.9
        SignUp.objects.create(
            activity=activity, name=contact.name, email=contact.email, organisation=contact.organisation,
            consent=True, status=status, no_show=past and not came and status == SignUpStatus.REGISTERED,
            checked_in_at=timezone.make_aware(datetime.combine(activity.date, activity.starts)) if came else None)


def _sign_up_citizens(activity, rng, *, past):
    for name in rng.sample(CITIZENS, 5):
        first = name.split()[0].lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        SignUp.objects.create(
            activity=activity, name=name, email=f"{first}.{activity.pk}@borger.example", consent=True,
            checked_in_at=timezone.make_aware(datetime.combine(activity.date, activity.starts)) if past else None)
