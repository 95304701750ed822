"""A dozen demo climate stories from the demo partners: most published, some waiting for the coordinator."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from klimapartner.partners.demo import NORDSTRAND_SLUG, SCHOOL_SLUG
from klimapartner.partners.models import AgreementStatus, FocusArea, Organisation
from klimapartner.stories.models import Story, StoryStatus

# (days ago, status, title, lead, text, focus areas); the partner is chosen below.
STORIES = [
    (330, StoryStatus.PUBLISHED, "Solceller på taget halverede elregningen",
     "Et år efter at panelerne kom op, har vi brugt halvt så meget strøm fra nettet.",
     "Vi satte 180 paneler op på lagerhallens tag i foråret.\n\nNu dækker de det meste af forbruget om dagen, og "
     "overskuddet om sommeren sælger vi.\n\n<strong>Næste skridt</strong> er et batteri, så vi også kan bruge "
     "solstrømmen om aftenen.", ("energy",)),
    (280, StoryStatus.PUBLISHED, "Eleverne målte skolens varmeforbrug",
     "7. klasse fandt ud af, hvor skolen taber varme, og hvad der kan gøres ved det.",
     "Med lånte varmekameraer gik eleverne skolen igennem en kold morgen i februar.\n\nDe fandt utætte døre og "
     "radiatorer, der stod på for fuld kraft i tomme lokaler. Pedellen har allerede rettet det meste.",
     ("education", "buildings")),
    (240, StoryStatus.PUBLISHED, "Varebilerne kører nu på strøm",
     "Tre af vores fire varebiler er skiftet til elbiler, og chaufførerne vil ikke tilbage.",
     "Vi var bekymrede for rækkevidden om vinteren, men ruterne i kommunen er korte nok.\n\nLadestanderne "
     "på pladsen blev sat op sammen med en anden klimapartner, som vi mødte på en partnerskabsdag.",
     ("transport",)),
    (200, StoryStatus.PUBLISHED, "Madspildet i kantinen er faldet med en tredjedel",
     "Mindre portioner, en buffet der fyldes løbende og restemad med hjem har gjort forskellen.",
     "Vi vejer hver dag det, der bliver smidt ud.\n\nTallene hænger ved kassen, og det har fået både køkkenet "
     "og gæsterne til at tænke sig om.", ("food", "resources-waste")),
    (150, StoryStatus.PUBLISHED, "Gamle fiskenet bliver til nye produkter",
     "I stedet for at brænde de udtjente net sender vi dem nu til genanvendelse.",
     "Nettene bliver sorteret på havnen og kørt til et anlæg, der laver granulat af dem.\n\nDet er blevet til "
     "blandt andet fliser og kasser.", ("resources-waste",)),
    (110, StoryStatus.PUBLISHED, "Vild natur på fabrikkens græsplæne",
     "Vi slår ikke længere græsset omkring fabrikken, og nu summer det af insekter.",
     "Medarbejderne var skeptiske i starten, men nu tager de billeder af sommerfuglene i frokostpausen.\n\n"
     "Naturforeningen har hjulpet os med at så hjemmehørende blomster.", ("nature",)),
    (60, StoryStatus.PUBLISHED, "Cyklen vandt over bilen i september",
     "En kampagne for at cykle på arbejde fik over halvdelen af medarbejderne med.",
     "Vi talte cykelture i en måned og gav morgenmad til dem, der cyklede mest.\n\nFlere er fortsat efter "
     "kampagnen, og vi har fået flere overdækkede cykelstativer.", ("transport", "behaviour-communication")),
    (25, StoryStatus.PUBLISHED, "Varmepumpen har erstattet oliefyret",
     "Efter 30 år med olie varmer vi nu hallen op med en luft-til-vand-varmepumpe.",
     "Skiftet tog en uge, og vi sparer omkring 12.000 liter olie om året.\n\nKommunens energivejleder hjalp "
     "os med at finde den rigtige størrelse.", ("energy", "buildings")),
    (12, StoryStatus.SUBMITTED, "Vores første CO2-regnskab",
     "Det var lettere end frygtet at lave et regnskab, og det viste os, hvor vi skal starte.",
     "Vi fulgte kommunens workshop og havde tallene klar på to dage.\n\nDen største post var transport, så "
     "det er dér, vi sætter ind først.", ("behaviour-communication",)),
    (6, StoryStatus.SUBMITTED, "Skolehaven giver grøntsager til køkkenet",
     "Eleverne dyrker nu kartofler, gulerødder og krydderurter til skolens madordning.",
     "Haven blev anlagt i foråret sammen med en lokal gartner.\n\nI efteråret høstede eleverne over 200 kilo "
     "grøntsager.", ("food", "education")),
    (3, StoryStatus.SUBMITTED, "LED-lys i hele butikken",
     "Alle lysstofrør er skiftet til LED, og lyset er blevet bedre.",
     "Udskiftningen blev lavet en søndag, så butikken kunne holde åbent som normalt.", ("energy",)),
    (18, StoryStatus.CHANGES_REQUESTED, "Vi er grønne",
     "Vi gør meget for klimaet.",
     "Vi har gjort mange ting for klimaet i år.", ("behaviour-communication",)),
]


@transaction.atomic
def load_demo_stories() -> int:
    """Create the demo stories (after the demo partners); returns how many were created."""
    if Story.objects.filter(title=STORIES[0][2]).exists():
        return 0
    partners = list(Organisation.objects.filter(is_published=True, agreements__status=AgreementStatus.ACTIVE)
                    .distinct().order_by("name"))
    if len(partners) < 12:
        return 0
    nordstrand = Organisation.objects.filter(slug=NORDSTRAND_SLUG).first()
    school = Organisation.objects.filter(slug=SCHOOL_SLUG).first()
    for n, (days, status, title, lead, body, focus) in enumerate(STORIES):
        organisation = partners[(n * 5) % (len(partners) // 3)]  # the active third of the partners tell stories
        if n == 0 and nordstrand:
            organisation = nordstrand
        if n == 9 and school:
            organisation = school
        created = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days), time(10, 0)))
        story = Story.objects.create(
            organisation=organisation, title=title, lead=lead, body=body, status=status,
            submitted_at=created if status != StoryStatus.DRAFT else None,
            published_at=created + timedelta(days=1) if status == StoryStatus.PUBLISHED else None,
            review_comment="Fortæl gerne mere konkret, hvad I har gjort, og hvad det har betydet. Et billede vil "
                           "også hjælpe." if status == StoryStatus.CHANGES_REQUESTED else "")
        Story.objects.filter(pk=story.pk).update(created=created)  # as if written then
        story.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
        actions = list(organisation.agreements.first().actions.all()[:1]) if organisation.agreements.exists() else []
        story.actions.set(actions)
    return len(STORIES)
