"""Demo sites in the demo towns and one planned, published bus tour (the idea from the partnership day), open
for sign-up with a dozen seats taken.

Built from the demo partners (partners/demo.py); the same database gives the same data every time
(the tour's date is relative to today)."""

from datetime import date, time, timedelta
from decimal import Decimal

from klimapartner.partners.demo import NORDSTRAND_SLUG, SCHOOL_SLUG
from klimapartner.activities.models import SignUp
from klimapartner.partners.models import ContactPerson, FocusArea, Organisation
from klimapartner.tours import planning, publishing
from klimapartner.tours.models import Site, Tour, TourBreak

TOUR_TITLE = "Klimabussen: besøg hos hinanden"

# (organisation slug or town, site name, what there is to see, opens, closes, visit minutes, group, step-free, focus)
SITES = [
    (NORDSTRAND_SLUG, "Solcelletaget og batterilageret", "Se 800 m² solceller og det nye batterilager, og hør "
     "hvordan strømmen deles med naboerne.", time(8, 0), time(15, 0), 45, 40, True, ("energy",)),
    (SCHOOL_SLUG, "Skolehaven og madskolen", "Eleverne viser skolehaven, kompostanlægget og køkkenet, hvor de laver "
     "mad af egne grøntsager.", time(8, 0), time(13, 30), 40, 30, True, ("education", "food")),
    ("Hirtshals", "Havnens landstrøm", "Kutterne får strøm fra land i stedet for at køre på diesel i havn.",
     time(9, 0), time(15, 0), 45, 25, False, ("energy", "transport")),
    ("Sindal", "Varmepumpen i fjernvarmen", "Et kig ind i den store luft-til-vand-varmepumpe, der har erstattet "
     "halmkedlen.", time(10, 0), time(16, 0), 40, 20, True, ("energy", "buildings")),
    ("Løkken", "Genbrugsværkstedet", "Brugte møbler og cykler sættes i stand og sælges igen.",
     time(9, 0), time(14, 0), 30, 20, True, ("resources-waste",)),
    ("Lønstrup", "Kunstsmedjen", "Smedjen kører på biogas og genbruger metal fra stranden og havnen.",
     time(11, 0), time(16, 0), 45, 15, False, ("resources-waste", "behaviour-communication")),
    ("Tårs", "Det vilde naturareal", "Tre hektar græs, der er blevet til eng, vandhuller og skov.",
     time(8, 0), time(18, 0), 30, 40, False, ("nature",)),
]


def next_tuesday(after_days: int = 21) -> date:
    day = date.today() + timedelta(days=after_days)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _organisation(key: str) -> Organisation | None:
    by_slug = Organisation.objects.filter(slug=key).first()
    return by_slug or Organisation.objects.filter(town=key, is_published=True).order_by("name").first()


def load_demo_tours() -> int:
    """Sites at seven demo partners and one tour of five of them, planned and published. Returns the number of tours."""
    sites = []
    for key, name, text, opens, closes, minutes, group, step_free, focus in SITES:
        organisation = _organisation(key)
        if organisation is None or organisation.latitude is None:
            continue
        site = Site.objects.create(
            organisation=organisation, name=name, address=organisation.address, town=organisation.town,
            latitude=organisation.latitude, longitude=organisation.longitude, description=text, opens=opens,
            closes=closes, visit_minutes=minutes, max_group=group, step_free=step_free)
        site.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
        sites.append(site)
    tour = Tour.objects.create(
        title=TOUR_TITLE, date=next_tuesday(), starts=time(8, 30), ends=time(16, 30), venue="Hjørring Rådhus",
        latitude=Decimal("57.45830"), longitude=Decimal("9.98260"), capacity=45,
        description="Idéen fra partnerskabsdagen: en bustur rundt i kommunen, hvor partnerne besøger hinanden "
                    "og henter ny inspiration.")
    tour.focus_areas.set(FocusArea.objects.filter(slug__in=("energy", "resources-waste")))
    lunch = TourBreak(tour=tour, name="Frokost", minutes=45, earliest=time(11, 30), latest=time(13, 30),
                      site=next((s for s in sites if s.town == "Løkken"), None))
    draft = planning.Draft(tour, [(s, s.visit_minutes) for s in sites[:5]], [lunch])
    result = planning.plan_draft(draft)
    if result.route is not None:
        planning.save_route(draft, result.route, optimal=result.optimal)
        activity = publishing.publish(tour=tour)
        # a dozen partners' people have taken a seat already
        contacts = ContactPerson.objects.exclude(email="").select_related("organisation").order_by("pk")
        for contact in list({c.email.lower(): c for c in reversed(contacts)}.values())[::-1][:12]:
            SignUp.objects.create(activity=activity, name=contact.name, email=contact.email,
                                  organisation=contact.organisation, consent=True)
    return 1
