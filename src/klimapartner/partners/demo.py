"""Fictional but realistic demo data: 60 partners in the towns of a North Jutland coastal municipality.

Every name is invented. The data is deterministic: each organisation draws its
random details from its own seed, so editing one entry does not change the rest.

What `load_demo()` creates (tests/partners/test_demo.py asserts these numbers):

- 60 organisations: 34 companies, 10 educational institutions, 8 associations,
  5 public units, 3 other; 19 in Hjørring, 10 Hirtshals, 7 Sindal, 7 Vrå,
  6 Løkken, 5 Tårs, 3 Lønstrup, 3 Tversted. The 5 with only a draft agreement
  are not yet published.
- 66 agreements: 55 active, 5 drafts, 6 ended (each followed by a renewed active one).
- 3 users: the coordinator and two partner editors, with one membership each.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Membership,
    Organisation,
    OrgType,
    ReductionTarget,
    Sector,
    SizeBand,
)

DEMO_PASSWORD = "klimapartner"
COORDINATOR_EMAIL = "koordinator@klimapartner.example"
NORDSTRAND_EDITOR_EMAIL = "redaktoer@nordstrand-sol.example"
SCHOOL_EDITOR_EMAIL = "redaktoer@vraa-skole.example"
NORDSTRAND_SLUG = "nordstrand-solenergi-aps"
SCHOOL_SLUG = "vraa-lyngbakkeskole"

DEMO_LOGINS = [
    (_("Coordinator"), COORDINATOR_EMAIL, DEMO_PASSWORD, None),
    (_("Partner editor, company"), NORDSTRAND_EDITOR_EMAIL, DEMO_PASSWORD, NORDSTRAND_SLUG),
    (_("Partner editor, school"), SCHOOL_EDITOR_EMAIL, DEMO_PASSWORD, SCHOOL_SLUG),
]
# (email, first name, last name, staff) for the users above.
DEMO_USERS = [
    (COORDINATOR_EMAIL, "Lise", "Kjærsgaard", True),
    (NORDSTRAND_EDITOR_EMAIL, "Jonas", "Brixen", False),
    (SCHOOL_EDITOR_EMAIL, "Hanne", "Lykkegaard", False),
]


@dataclass(frozen=True)
class Town:
    name: str
    postcode: str
    # Centre of the built-up area, nudged inland for the coastal towns so that
    # the jitter below never puts a partner in the sea.
    latitude: float
    longitude: float
    lat_spread: float
    lon_spread: float
    streets: tuple[str, ...]


TOWNS = {
    town.name: town
    for town in [
        Town("Hjørring", "9800", 57.4642, 9.9823, 0.010, 0.018,
             ("Østergade", "Nørregade", "Jernbanegade", "Industrivej", "Håndværkervej", "Erhvervsparken",
              "Skolevej", "Kirkegade", "Parkvej", "Elmevej", "Bakkevej", "Frederikshavnsvej")),
        Town("Hirtshals", "9850", 57.5830, 9.9650, 0.005, 0.010,
             ("Havnegade", "Nordsøvej", "Fiskerivej", "Jyllandsgade", "Kystvejen", "Skolegade", "Fyrvej")),
        Town("Sindal", "9870", 57.4706, 10.2008, 0.005, 0.010,
             ("Jernbanegade", "Bredgade", "Industrivej", "Skolevej", "Stationsvej", "Mosevej")),
        Town("Løkken", "9480", 57.3690, 9.7220, 0.005, 0.008,
             ("Strandvejen", "Nørregade", "Søndergade", "Klitvej", "Havvej", "Skolevej")),
        Town("Vrå", "9760", 57.3537, 9.9419, 0.005, 0.009,
             ("Bredgade", "Stationsvej", "Industrivej", "Skolegade", "Engvej", "Lyngvej")),
        Town("Tårs", "9830", 57.3843, 10.1155, 0.004, 0.008,
             ("Bredgade", "Stationsvej", "Industrivej", "Kirkevej", "Kornvej")),
        Town("Lønstrup", "9800", 57.4760, 9.8040, 0.003, 0.005,
             ("Strandvejen", "Klintevej", "Kirkevej", "Havvej")),
        # Tversted has no post office of its own; its postcode is Bindslev's.
        Town("Tversted", "9881", 57.5830, 10.1900, 0.003, 0.007,
             ("Strandvejen", "Klitvej", "Skolevej", "Bakkevej")),
    ]
}

C, E, A, P, O = OrgType.COMPANY, OrgType.EDUCATION, OrgType.ASSOCIATION, OrgType.PUBLIC, OrgType.OTHER
MICRO, SMALL, MEDIUM, LARGE = SizeBand.MICRO, SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.LARGE

# How each partner's agreements look: one active agreement, an ended one
# followed by a renewal, or only a draft (a partner on its way in, not yet published).
ACTIVE, RENEWED, DRAFT = "active", "renewed", "draft"

# (name, type, sector, size, town, description, agreements)
ORGANISATIONS = [
    # Hjørring
    ("Nordstrand Solenergi ApS", C, Sector.ENERGY, SMALL, "Hjørring",
     "Projekterer og installerer solcelleanlæg og batterier til private, landbrug og virksomheder i Vendsyssel.", RENEWED),
    ("Vendelbo Maskinfabrik A/S", C, Sector.MANUFACTURING, LARGE, "Hjørring",
     "Udvikler og producerer transportbånd og stålkonstruktioner til fødevareindustrien.", RENEWED),
    ("Kildebakken Bageri", C, Sector.FOOD, SMALL, "Hjørring",
     "Håndværksbageri med tre butikker, der bager med økologisk mel fra egnen.", ACTIVE),
    ("Lyngholt Tømrer & Snedker ApS", C, Sector.CONSTRUCTION, SMALL, "Hjørring",
     "Tømrer- og snedkerarbejde, renovering og energirenovering af boliger.", ACTIVE),
    ("Bakkegaard Logistik A/S", C, Sector.TRANSPORT, MEDIUM, "Hjørring",
     "Lager, distribution og fragt i hele Nordjylland med 40 lastbiler.", ACTIVE),
    ("Tandrup El-Service ApS", C, Sector.CONSTRUCTION, SMALL, "Hjørring",
     "El-installatør med speciale i varmepumper, ladestandere og styring af bygninger.", ACTIVE),
    ("Østbyens Cykelværksted", C, Sector.RETAIL, MICRO, "Hjørring",
     "Cykelværksted og butik med brugte cykler, elcykler og ladcykler.", ACTIVE),
    ("Hedelund Rengøring ApS", C, Sector.SERVICES, LARGE, "Hjørring",
     "Rengøring og service for virksomheder, institutioner og boligforeninger.", ACTIVE),
    ("Klitrose Revision ApS", C, Sector.SERVICES, SMALL, "Hjørring",
     "Revision og rådgivning for små og mellemstore virksomheder, også om klimaregnskaber.", ACTIVE),
    ("Torvehallen Nordvest A/S", C, Sector.RETAIL, MEDIUM, "Hjørring",
     "Dagligvarebutik med eget bageri og slagter midt i byen.", ACTIVE),
    ("Brøndum & Holt Rådgivende Ingeniører ApS", C, Sector.SERVICES, SMALL, "Hjørring",
     "Ingeniørrådgivning om energi, ventilation og bæredygtigt byggeri.", ACTIVE),
    ("Grønnebakkeskolen", E, Sector.EDUCATION, MEDIUM, "Hjørring",
     "Folkeskole med 0.–9. klasse og ca. 600 elever.", ACTIVE),
    ("Nordlys Gymnasium", E, Sector.EDUCATION, MEDIUM, "Hjørring",
     "Gymnasium med stx og hf og en naturvidenskabelig klimalinje.", RENEWED),
    ("Nordkyst Erhvervsskole", E, Sector.EDUCATION, LARGE, "Hjørring",
     "Erhvervsuddannelser inden for byggeri, teknik, mad og transport.", ACTIVE),
    ("Klimaforeningen Nordvest", A, Sector.OTHER, MICRO, "Hjørring",
     "Frivillige borgere, der arrangerer klimacaféer, byttemarkeder og foredrag.", ACTIVE),
    ("Boldklubben Bakkegården", A, Sector.CULTURE, SMALL, "Hjørring",
     "Fodboldklub med 400 medlemmer, klubhus og fire baner.", ACTIVE),
    ("Materielgården Nord", P, Sector.PUBLIC, MEDIUM, "Hjørring",
     "Kommunens driftsenhed for veje, parker og grønne områder.", RENEWED),
    ("Svømmecenter Løvbakken", P, Sector.CULTURE, SMALL, "Hjørring",
     "Kommunal svømmehal med motionsbassin, varmtvandsbassin og sauna.", ACTIVE),
    ("Andelsboligforeningen Grønvang", O, Sector.HOUSING, MICRO, "Hjørring",
     "Andelsboligforening med 120 boliger i rækkehuse fra 1970'erne.", ACTIVE),
    # Hirtshals
    ("Havblik Kølelager A/S", C, Sector.FISHERIES, MEDIUM, "Hirtshals",
     "Køle- og frostlager ved havnen for fisk og fødevarer til eksport.", RENEWED),
    ("Nordvind Fiskeeksport ApS", C, Sector.FISHERIES, SMALL, "Hirtshals",
     "Køber, pakker og eksporterer frisk fisk fra auktionen til kunder i Europa.", ACTIVE),
    ("Molehovedet Net & Trawl ApS", C, Sector.FISHERIES, MICRO, "Hirtshals",
     "Fremstiller og reparerer trawl og net til fiskerflåden.", ACTIVE),
    ("Nordmole Skibsservice A/S", C, Sector.MANUFACTURING, MEDIUM, "Hirtshals",
     "Reparation, ombygning og vedligehold af fiskefartøjer og servicefartøjer.", ACTIVE),
    ("Hotel Kystlys ApS", C, Sector.TOURISM, SMALL, "Hirtshals",
     "Hotel med 48 værelser, restaurant og konferencelokaler med udsigt over Skagerrak.", ACTIVE),
    ("Bølgebryder Spedition ApS", C, Sector.TRANSPORT, SMALL, "Hirtshals",
     "Spedition og fortoldning af gods mellem Norge og kontinentet.", ACTIVE),
    ("Fyrbakkeskolen", E, Sector.EDUCATION, MEDIUM, "Hirtshals",
     "Folkeskole med 450 elever og en maritim profil i udskolingen.", ACTIVE),
    ("Havnens Maritime Kursuscenter", E, Sector.EDUCATION, SMALL, "Hirtshals",
     "Kurser i sikkerhed til søs, motorpasning og grøn skibsdrift.", ACTIVE),
    ("Sejlklubben Molen", A, Sector.CULTURE, MICRO, "Hirtshals",
     "Sejlklub med juniorafdeling, klubhus og 60 bådpladser.", ACTIVE),
    ("Biblioteket ved Havnen", P, Sector.PUBLIC, SMALL, "Hirtshals",
     "Bibliotek og borgerservice med værksted, foredrag og lån af energimålere.", ACTIVE),
    # Sindal
    ("Lindet Plastteknik A/S", C, Sector.MANUFACTURING, MEDIUM, "Sindal",
     "Sprøjtestøber plastemner til industri og landbrug, i stigende grad af genanvendt plast.", ACTIVE),
    ("Ravnsholt Gartneri ApS", C, Sector.FOOD, SMALL, "Sindal",
     "Gartneri med tomater og agurker i væksthuse og salg til dagligvarehandlen.", ACTIVE),
    ("Mosevang Autoværksted ApS", C, Sector.SERVICES, MICRO, "Sindal",
     "Autoværksted, der også servicerer el- og hybridbiler.", DRAFT),
    ("Kragholm Træ & Byg ApS", C, Sector.CONSTRUCTION, SMALL, "Sindal",
     "Byggefirma med træhuse, tilbygninger og genbrug af byggematerialer.", ACTIVE),
    ("Skovsbo Friskole", E, Sector.EDUCATION, SMALL, "Sindal",
     "Friskole med 180 elever, skolehave og udeskole i den nærliggende plantage.", ACTIVE),
    ("Sindal Naturfællesskab", A, Sector.OTHER, MICRO, "Sindal",
     "Forening, der plejer enge og vandhuller og arrangerer naturture for familier.", ACTIVE),
    ("Plejecenter Engblommen", P, Sector.PUBLIC, MEDIUM, "Sindal",
     "Plejecenter med 48 boliger, eget køkken og sansehave.", ACTIVE),
    # Løkken
    ("Sandflugt Feriehusudlejning ApS", C, Sector.TOURISM, SMALL, "Løkken",
     "Udlejer 300 feriehuse langs kysten og rådgiver ejerne om energibesparelser.", ACTIVE),
    ("Havgus Is & Kiosk", C, Sector.RETAIL, MICRO, "Løkken",
     "Sæsonåben iskiosk ved stranden med hjemmelavet is.", DRAFT),
    ("Bølgetop Surfskole ApS", C, Sector.TOURISM, MICRO, "Løkken",
     "Surfskole og udlejning af udstyr til surf, SUP og kajak.", DRAFT),
    ("Restaurant Marehalm ApS", C, Sector.TOURISM, SMALL, "Løkken",
     "Restaurant med fokus på fisk fra kysten og grøntsager fra egnen.", ACTIVE),
    ("Klitskolen Løkken", E, Sector.EDUCATION, SMALL, "Løkken",
     "Skole med 250 elever, der bruger stranden og klitterne i undervisningen.", ACTIVE),
    ("Strandvenner Løkken", A, Sector.OTHER, MICRO, "Løkken",
     "Frivillige, der rydder stranden for affald og fortæller turister om havmiljøet.", ACTIVE),
    # Vrå
    ("Engbjerg Foderstof A/S", C, Sector.FOOD, MEDIUM, "Vrå",
     "Foderstofvirksomhed med korntørring, foderblanding og rådgivning af landmænd.", RENEWED),
    ("Højlund Landbrug I/S", C, Sector.FOOD, MICRO, "Vrå",
     "Familielandbrug med malkekvæg, 220 hektar og et nyt gyllebaseret biogasprojekt.", ACTIVE),
    ("Lerbæk Elektronik ApS", C, Sector.MANUFACTURING, SMALL, "Vrå",
     "Udvikler og producerer styringselektronik til ventilation og varmepumper.", ACTIVE),
    ("Vestermark Vognmandsforretning ApS", C, Sector.TRANSPORT, SMALL, "Vrå",
     "Vognmand med grus, korn og containerkørsel.", ACTIVE),
    ("Vrå Lyngbakkeskole", E, Sector.EDUCATION, MEDIUM, "Vrå",
     "Folkeskole med 0.–9. klasse, skolehave og et aktivt elevråd for klima.", ACTIVE),
    ("Gymnastikforeningen Lyngen", A, Sector.CULTURE, MICRO, "Vrå",
     "Gymnastik, dans og motion for alle aldre i byens hal.", ACTIVE),
    ("Børnehuset Lærkereden", P, Sector.EDUCATION, SMALL, "Vrå",
     "Kommunal børnehave og vuggestue med 90 børn og egen køkkenhave.", ACTIVE),
    # Tårs
    ("Bredmose Kornhandel ApS", C, Sector.FOOD, SMALL, "Tårs",
     "Handler korn, frø og gødning og tørrer korn for landmænd på egnen.", ACTIVE),
    ("Tårsvig Stålbyg A/S", C, Sector.MANUFACTURING, MEDIUM, "Tårs",
     "Producerer stålhaller til landbrug og industri.", ACTIVE),
    ("Kærsholm VVS ApS", C, Sector.CONSTRUCTION, MICRO, "Tårs",
     "VVS-installatør, der installerer varmepumper og solvarme.", ACTIVE),
    ("Bakkedraget Efterskole", E, Sector.EDUCATION, SMALL, "Tårs",
     "Efterskole med 120 elever og linjer i friluftsliv, madlavning og håndværk.", ACTIVE),
    ("Kulturhuset Kornloftet", A, Sector.CULTURE, MICRO, "Tårs",
     "Frivilligt drevet kulturhus i et gammelt kornlager med koncerter og fællesspisning.", ACTIVE),
    # Lønstrup
    ("Skrænten Keramik & Glas", C, Sector.RETAIL, MICRO, "Lønstrup",
     "Værksted og butik med keramik og glas, brændt i en ny elovn.", ACTIVE),
    ("Kystkunstnerne Lønstrup", A, Sector.CULTURE, MICRO, "Lønstrup",
     "Forening for kunstnere og kunsthåndværkere med fælles udstillinger om sommeren.", DRAFT),
    ("Fonden Kystens Naturcenter", O, Sector.CULTURE, MICRO, "Lønstrup",
     "Naturcenter med udstilling om kystnedbrydning, klitter og havets liv.", ACTIVE),
    # Tversted
    ("Klitly Camping ApS", C, Sector.TOURISM, MICRO, "Tversted",
     "Campingplads med 150 pladser, hytter og shelters tæt ved stranden.", DRAFT),
    ("Naturbørnehaven Sandormen", E, Sector.EDUCATION, MICRO, "Tversted",
     "Privat naturbørnehave, hvor børnene er ude hele dagen i klitplantagen.", ACTIVE),
    ("Nordklit Vandværk a.m.b.a.", O, Sector.ENERGY, MICRO, "Tversted",
     "Forbrugerejet vandværk, der forsyner 900 husstande og sommerhuse.", ACTIVE),
]

# The web addresses the demo logins' email domains come from.
WEBSITE_DOMAINS = {"Nordstrand Solenergi ApS": "nordstrand-sol", "Vrå Lyngbakkeskole": "vraa-skole"}

LEGAL_SUFFIXES = ("-aps", "-as", "-is", "-amba")

FOCUS_BY_SECTOR = {
    Sector.ENERGY: ["energy", "buildings", "behaviour-communication", "education"],
    Sector.MANUFACTURING: ["energy", "resources-waste", "transport", "buildings"],
    Sector.CONSTRUCTION: ["resources-waste", "buildings", "transport", "energy"],
    Sector.RETAIL: ["resources-waste", "transport", "energy", "behaviour-communication"],
    Sector.FOOD: ["food", "energy", "nature", "resources-waste", "transport"],
    Sector.TOURISM: ["energy", "food", "resources-waste", "nature", "behaviour-communication"],
    Sector.TRANSPORT: ["transport", "energy", "behaviour-communication"],
    Sector.SERVICES: ["transport", "energy", "behaviour-communication", "resources-waste"],
    Sector.HOUSING: ["buildings", "energy", "nature", "behaviour-communication"],
    Sector.EDUCATION: ["education", "behaviour-communication", "food", "energy", "nature"],
    Sector.PUBLIC: ["buildings", "transport", "energy", "food", "resources-waste"],
    Sector.CULTURE: ["behaviour-communication", "energy", "nature", "buildings"],
    Sector.FISHERIES: ["energy", "transport", "resources-waste", "food"],
    Sector.OTHER: ["nature", "behaviour-communication", "energy"],
}

# t CO2e a year that an action of weight 1.0 saves, by organisation size.
EFFECT_SCALE = {MICRO: 3, SMALL: 15, MEDIUM: 60, LARGE: 150, "": 3}

F = Sector  # short, for the sector lists below
SCHOOLS = (F.EDUCATION,)
PRODUCERS = (F.MANUFACTURING, F.FOOD, F.FISHERIES)
NOT_SCHOOLS = tuple(sector for sector in Sector if sector != F.EDUCATION)

# focus area -> [(title, description, weight, sectors or None for all)].
# Weight 0 means the effect is not quantified (communication, teaching).
ACTION_TEMPLATES = {
    "energy": [
        ("Solceller på taget", "Vi etablerer solceller på tagfladerne og bruger strømmen i egen drift.", 0.6, None),
        ("LED-belysning med bevægelsessensorer", "Al belysning skiftes til LED, der slukker af sig selv i tomme rum.", 0.2, None),
        ("Varmepumpe i stedet for oliefyr", "Oliefyret erstattes af en luft-til-vand-varmepumpe.", 0.8, None),
        ("Energiscreening og timemålinger", "Vi får lavet en energiscreening og følger forbruget time for time.", 0.25, None),
        ("Natsænkning af varme og ventilation", "Varme og ventilation skrues automatisk ned uden for åbningstiden.", 0.15, None),
        ("Overskudsvarme til fjernvarmenettet", "Overskudsvarme fra produktionen sendes ud i det lokale fjernvarmenet.", 1.0, PRODUCERS),
        ("Frekvensstyring af pumper og kompressorer", "Pumper og kompressorer får frekvensomformere, så de kun kører så hårdt som nødvendigt.", 0.3, PRODUCERS),
    ],
    "transport": [
        ("Elbiler i stedet for diesel- og benzinbiler", "Vores biler skiftes til elbiler, efterhånden som de skal udskiftes.", 0.4, None),
        ("Ladestandere til medarbejdere og gæster", "Vi sætter ladestandere op på parkeringspladsen.", 0.1, None),
        ("Elcykler til medarbejderne", "Medarbejderne kan låne elcykler til og fra arbejde.", 0.08, None),
        ("Bedre ruteplanlægning og samkørsel", "Vi planlægger kørslen bedre og opfordrer til samkørsel.", 0.15, None),
        ("Onlinemøder frem for kørsel", "Møder holdes online, når det giver mening, så vi kører mindre.", 0.05, None),
        ("Lastbiler på HVO", "Vores lastbiler kører på HVO-biodiesel i stedet for fossil diesel.", 1.2,
         (F.TRANSPORT, F.FOOD, F.CONSTRUCTION, F.FISHERIES)),
        ("Ellastcykel til korte leverancer", "Leverancer i byen køres på ellastcykel.", 0.05, (F.RETAIL, F.FOOD, F.SERVICES)),
        ("Landstrøm til fartøjer ved kaj", "Fartøjerne tilsluttes landstrøm, så hjælpemotorerne kan slukkes i havn.", 0.9, (F.FISHERIES,)),
    ],
    "resources-waste": [
        ("Affaldssortering i ti fraktioner", "Vi sorterer affaldet i ti fraktioner, så mere kan genanvendes.", 0.1, None),
        ("Returemballage hos leverandørerne", "Vi aftaler med leverandørerne, at emballagen tages retur og bruges igen.", 0.2, None),
        ("Reparation før nyindkøb", "Inventar og udstyr repareres, før vi køber nyt.", 0.05, None),
        ("Genbrug af byggematerialer", "Overskudsmaterialer fra byggepladserne samles og bruges i nye opgaver.", 0.4, (F.CONSTRUCTION, F.HOUSING)),
        ("Genanvendt plast i produktionen", "Spild fra produktionen males op og bruges igen i nye emner.", 0.5, (F.MANUFACTURING,)),
        ("Genbrug af fiskekasser og net", "Fiskekasser vaskes og genbruges, og udtjente net sendes til genanvendelse.", 0.2, (F.FISHERIES,)),
    ],
    "food": [
        ("Mere plantebaseret mad", "Køkkenet serverer to kødfrie dage om ugen og flere grøntsager hver dag.", 0.15, None),
        ("Halvering af madspild", "Vi vejer madspildet hver uge og halverer det inden 2028.", 0.1, None),
        ("Lokale og sæsonens råvarer", "Vi køber flere råvarer hos producenter i Vendsyssel og efter sæson.", 0.05, None),
        ("Skolehave og madkundskab med klimafokus", "Eleverne dyrker grøntsager og laver klimavenlig mad i madkundskab.", 0.02, SCHOOLS),
        ("Efterafgrøder og mindre jordbearbejdning", "Markerne får efterafgrøder, og vi pløjer mindre.", 0.8, (F.FOOD,)),
        ("Gylle til biogas", "Gyllen køres til biogasanlæg, før den spredes på markerne.", 1.5, (F.FOOD,)),
    ],
    "buildings": [
        ("Efterisolering af loft og ydervægge", "Loft og ydervægge efterisoleres, så varmetabet falder.", 0.5, None),
        ("Nye energiruder", "Gamle vinduer skiftes til energiruder.", 0.3, None),
        ("Tilslutning til fjernvarme", "Bygningen tilsluttes fjernvarmen, og gasfyret tages ud.", 0.6, None),
        ("Grønne tage på skure og carporte", "Skure og carporte får sedumtage, der også forsinker regnvandet.", 0.03, None),
        ("Klimavenlige materialer i nybyggeri", "Vi vælger træ og genbrugte materialer og beregner byggeriets klimaaftryk.", 0.4,
         (F.CONSTRUCTION, F.HOUSING, F.PUBLIC)),
    ],
    "nature": [
        ("Vilde blomsterenge på egne arealer", "Græsplænen bliver til blomstereng, der kun slås én gang om året.", 0.02, None),
        ("Plantning af læhegn og småskov", "Vi planter træer og buske sammen med lokale lodsejere.", 0.2, None),
        ("Strandrensning med frivillige", "Vi rydder stranden for affald to gange om året sammen med frivillige.", 0, None),
        ("Udtagning af lavbundsjord", "Drænet lavbundsjord tages ud af drift og vådlægges.", 1.0, (F.FOOD,)),
    ],
    "behaviour-communication": [
        ("Klimaambassadører blandt medarbejderne", "Et par medarbejdere uddannes som klimaambassadører og driver indsatsen i hverdagen.", 0.05, None),
        ("Årlig klimahistorie og åbent hus", "Vi fortæller om vores klimaindsats og inviterer naboer og borgere indenfor.", 0, None),
        ("Klimakampagne for kunder og gæster", "Vi viser kunder og gæster, hvordan de kan vælge mere klimavenligt hos os.", 0.05, NOT_SCHOOLS),
        ("Slukkampagne", "En kampagne om at slukke lys, skærme og maskiner, når de ikke bruges.", 0.03, None),
    ],
    "education": [
        ("Klimaforløb for alle årgange", "Hver årgang har et klimaforløb med besøg hos en lokal virksomhed.", 0, SCHOOLS),
        ("Energidetektiver", "Eleverne måler skolens forbrug af el og varme og foreslår besparelser.", 0.05, SCHOOLS),
        ("Praktik om grøn omstilling", "Vi tager imod elever i praktik, der arbejder med vores klimaregnskab.", 0, NOT_SCHOOLS),
        ("Efteruddannelse i energieffektivisering", "Medarbejderne tager kurser i energieffektiv drift.", 0.05, None),
        ("Besøg fra skoleklasser", "Vi tager imod skoleklasser og viser, hvordan vi arbejder med klimaet.", 0, NOT_SCHOOLS),
    ],
}

COMMUNICATION = {
    "default": [
        "Vi fortæller mindst én klimahistorie om året på vores hjemmeside og sociale medier "
        "og holder én borgerrettet aktivitet, fx åbent hus.",
        "Vi offentliggør vores klimaregnskab hvert år og fortæller om en af vores indsatser på en partnerskabsdag.",
        "Én klimahistorie om året til programmets hjemmeside og et oplæg for de andre partnere om det, vi har lært.",
        "Vi fortæller kunder og gæster om vores klimaindsats og deltager i mindst fire af programmets aktiviteter om året.",
    ],
    OrgType.EDUCATION: [
        "Eleverne skriver hvert år en klimahistorie, og vi inviterer forældre og naboer til en klimadag.",
        "Vi fortæller om elevernes klimaprojekter i lokalavisen og på skolens hjemmeside én gang om året.",
    ],
    OrgType.ASSOCIATION: [
        "Vi fortæller medlemmerne om klimaindsatsen i nyhedsbrevet og holder ét åbent arrangement om året for borgerne.",
        "Vi laver én klimahistorie om året og står for en borgerrettet aktivitet i programmet.",
    ],
}

FIRST_NAMES = [
    "Anne", "Mette", "Louise", "Camilla", "Sofie", "Maria", "Helle", "Birgitte", "Tina", "Ida", "Karina", "Lene",
    "Peter", "Jens", "Lars", "Søren", "Morten", "Thomas", "Henrik", "Rasmus", "Anders", "Kasper", "Mads", "Niels",
]
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Madsen", "Kristensen", "Mortensen", "Poulsen", "Thomsen", "Laursen", "Kjeldsen", "Thygesen",
    "Bundgaard", "Overgaard", "Sand", "Brix", "Vestergaard", "Kragh",
]
ROLES = {
    OrgType.COMPANY: ["Direktør", "Indehaver", "Miljøkoordinator", "Driftschef", "Kvalitets- og miljøchef"],
    OrgType.EDUCATION: ["Skoleleder", "Klimakoordinator", "Pædagogisk leder", "Lærer"],
    OrgType.ASSOCIATION: ["Formand", "Næstformand", "Bestyrelsesmedlem"],
    OrgType.PUBLIC: ["Leder", "Driftsleder", "Teamleder"],
    OrgType.OTHER: ["Formand", "Daglig leder", "Driftsleder"],
}
# The two partner editors are also their organisations' public contact.
EDITOR_CONTACTS = {
    "Nordstrand Solenergi ApS": ("Jonas Brixen", "Indehaver", NORDSTRAND_EDITOR_EMAIL),
    "Vrå Lyngbakkeskole": ("Hanne Lykkegaard", "Klimakoordinator", SCHOOL_EDITOR_EMAIL),
}


def has_data() -> bool:
    """True when the database holds at least one organisation."""
    return Organisation.objects.exists()


def ascii_slug(text: str) -> str:
    """'Vrå Lyngbakkeskole' -> 'vraa-lyngbakkeskole' (Danish letters spelt out, also capitals)."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return slugify(text)


def website_domain(name: str) -> str:
    if name in WEBSITE_DOMAINS:
        return WEBSITE_DOMAINS[name]
    slug = ascii_slug(name.replace("&", "og"))
    for suffix in LEGAL_SUFFIXES:
        slug = slug.removesuffix(suffix)
    return slug


def make_cvr(rng: random.Random) -> str:
    """A random CVR number that passes the modulus-11 check."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2))) % 11
        if check < 10:  # 10 has no digit: draw again
            return "".join(map(str, digits)) + str(check)


def place(rng: random.Random, town: Town) -> tuple[Decimal, Decimal]:
    latitude = town.latitude + rng.uniform(-town.lat_spread, town.lat_spread)
    longitude = town.longitude + rng.uniform(-town.lon_spread, town.lon_spread)
    return Decimal(f"{latitude:.5f}"), Decimal(f"{longitude:.5f}")


INDUSTRIAL_STREET_WORDS = ("Industri", "Håndværker", "Erhverv", "Fiskeri", "Havne")
INDUSTRIAL_SECTORS = (Sector.MANUFACTURING, Sector.TRANSPORT, Sector.CONSTRUCTION, Sector.FISHERIES)


def street_address(rng: random.Random, town: Town, sector: str) -> str:
    """A fictional house number on a street that suits the sector: workshops in the industrial area."""
    industrial = [s for s in town.streets if any(word in s for word in INDUSTRIAL_STREET_WORDS)]
    other = [s for s in town.streets if s not in industrial]
    streets = industrial if sector in INDUSTRIAL_SECTORS and industrial else other
    number = rng.randint(1, 140)
    letter = rng.choice("ABC") if rng.random() < 0.1 else ""
    return f"{rng.choice(streets)} {number}{letter}"


def person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def email_local(first: str) -> str:
    return ascii_slug(first).replace("-", ".")


class DemoAlreadyLoaded(Exception):
    pass


def load_demo() -> int:
    """Create the demo programme and its users in one transaction; return the number of organisations."""
    with transaction.atomic():
        # Loading twice would add "nordstrand-solenergi-aps-2" and friends beside the first copy.
        if Organisation.objects.filter(name__in=[entry[0] for entry in ORGANISATIONS]).exists():
            raise DemoAlreadyLoaded("The demo partners are already in the database.")
        focus_areas = {area.slug: area for area in FocusArea.objects.all()}
        used_cvrs = set(Organisation.objects.exclude(cvr="").values_list("cvr", flat=True))
        used_slugs = set(Organisation.objects.values_list("slug", flat=True))
        used_addresses = set()
        rows = _Rows()
        plans = []
        for name, org_type, sector, size, town_name, description, plan in ORGANISATIONS:
            rng = random.Random(f"klimapartner-demo:{name}")
            _add_organisation(
                rng, rows, name, org_type, sector, size, TOWNS[town_name], description, plan,
                used_cvrs, used_slugs, used_addresses,
            )
            plans.append(plan)
        Organisation.objects.bulk_create(rows.organisations)
        for organisation, plan in zip(rows.organisations, plans):
            rng = random.Random(f"klimapartner-demo-agreements:{organisation.name}")
            _add_agreements(rng, rows, organisation, plan, focus_areas)
        # Bulk inserts set the primary keys (SQLite 3.35+, PostgreSQL) that the rows after them refer to.
        for model in (ContactPerson, Agreement, ReductionTarget, Agreement.focus_areas.through, Action):
            model.objects.bulk_create(rows.of(model))
        _create_users()
    return len(rows.organisations)


@dataclass
class _Rows:
    """Unsaved rows, collected so that each table is written with one bulk insert."""

    organisations: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    links: list = field(default_factory=list)
    actions: list = field(default_factory=list)

    def of(self, model):
        return {
            ContactPerson: self.contacts, Agreement: self.agreements, ReductionTarget: self.targets,
            Agreement.focus_areas.through: self.links, Action: self.actions,
        }[model]


def _add_organisation(
    rng, rows, name, org_type, sector, size, town, description, plan, used_cvrs, used_slugs, used_addresses
):
    cvr = ""
    # Associations and municipal units often have no CVR number of their own.
    if org_type in (OrgType.COMPANY, OrgType.EDUCATION) or rng.random() < 0.5:
        cvr = make_cvr(rng)
        while cvr in used_cvrs:
            cvr = make_cvr(rng)
        used_cvrs.add(cvr)
    latitude, longitude = place(rng, town)
    address = street_address(rng, town, sector)
    while (address, town.name) in used_addresses:
        address = street_address(rng, town, sector)
    used_addresses.add((address, town.name))
    domain = website_domain(name)
    slug, base, n = ascii_slug(name), ascii_slug(name), 1
    while slug in used_slugs:
        n += 1
        slug = f"{base}-{n}"
    used_slugs.add(slug)
    organisation = Organisation(
        name=name,
        slug=slug,
        cvr=cvr,
        org_type=org_type,
        sector=sector,
        size=size,
        address=address,
        postcode=town.postcode,
        town=town.name,
        latitude=latitude,
        longitude=longitude,
        website=f"https://{domain}.example/",
        description=description,
        is_published=plan != DRAFT,
    )
    organisation.full_clean(validate_unique=False)
    rows.organisations.append(organisation)

    if name in EDITOR_CONTACTS:
        contact_name, role, email = EDITOR_CONTACTS[name]
        contacts = [(contact_name, role, email, True)]
    else:
        first, last = person_name(rng)
        contacts = [(f"{first} {last}", rng.choice(ROLES[org_type]), f"{email_local(first)}@{domain}.example",
                     rng.random() < 0.8)]
    # Larger partners and some others have a second, private contact.
    if size in (MEDIUM, LARGE) or rng.random() < 0.25:
        first, last = person_name(rng)
        email = f"{email_local(first)}@{domain}.example"
        contacts.append((f"{first} {last}", rng.choice(ROLES[org_type]), email, False))
    for contact_name, role, email, is_public in contacts:
        contact = ContactPerson(
            organisation=organisation, name=contact_name, role=role, email=email, is_public=is_public, consent=True
        )
        contact.full_clean(exclude=["organisation"])
        rows.contacts.append(contact)


def _add_agreements(rng, rows, organisation, plan, focus_areas):
    baseline = rng.randint(2019, 2020) if plan == RENEWED else rng.randint(2019, 2023)
    areas = _choose_focus_areas(rng, organisation.sector, focus_areas)
    communication = rng.choice(COMMUNICATION.get(organisation.org_type, COMMUNICATION["default"]))
    collaboration = _collaboration_text(rng, organisation, rows.organisations)
    if plan == RENEWED:
        signed = date(2020, rng.randint(9, 12), rng.randint(1, 28))
        ended = _agreement(rows, organisation, AgreementStatus.ENDED, signed, date(2021, 1, 1), baseline,
                           areas, communication, collaboration)
        _add_targets(rng, rows, ended, ended_period=True)
        _add_actions(rng, rows, ended, areas, rng.randint(2, 4))
        signed = date(2023, rng.randint(10, 12), rng.randint(1, 28))
        areas = _choose_focus_areas(rng, organisation.sector, focus_areas)
    elif plan == ACTIVE:
        signed = date(rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28))
    else:
        signed = None
    starts_on = date(signed.year + 1, 1, 1) if signed else date(2027, 1, 1)
    status = AgreementStatus.DRAFT if plan == DRAFT else AgreementStatus.ACTIVE
    agreement = _agreement(rows, organisation, status, signed, starts_on, baseline, areas, communication, collaboration)
    _add_targets(rng, rows, agreement, ended_period=False)
    _add_actions(rng, rows, agreement, areas, 2 if plan == DRAFT else rng.randint(2, 6))


def _agreement(rows, organisation, status, signed, starts_on, baseline, areas, communication, collaboration):
    agreement = Agreement(
        organisation=organisation,
        status=status,
        signed_on=signed,
        starts_on=starts_on,
        # A three-year period: 2024-01-01 to 2026-12-31.
        ends_on=starts_on.replace(year=starts_on.year + 3) - timedelta(days=1),
        baseline_year=baseline,
        communication=communication,
        collaboration=collaboration,
    )
    agreement.full_clean(exclude=["organisation"])
    rows.agreements.append(agreement)
    Link = Agreement.focus_areas.through
    rows.links += [Link(agreement=agreement, focusarea=area) for area in areas]
    return agreement


def _choose_focus_areas(rng, sector, focus_areas):
    """The sector's main focus area and one to three more of its typical ones."""
    slugs = FOCUS_BY_SECTOR[sector]
    count = rng.randint(2, min(4, len(slugs)))
    chosen = [slugs[0], *rng.sample(slugs[1:], count - 1)]
    return [focus_areas[slug] for slug in chosen]


def _add_targets(rng, rows, agreement, *, ended_period):
    targets = {2030: rng.choice([50, 55, 60, 65, 70])}
    if ended_period:
        targets[2025] = rng.choice([20, 25, 30, 35, 40])
    else:
        if rng.random() < 0.2:
            targets[2040] = rng.choice([80, 85, 90])
        if rng.random() < 0.45:
            targets[2050] = rng.choice([90, 100, 100])
    for year, percent in sorted(targets.items()):
        rows.targets.append(ReductionTarget(agreement=agreement, target_year=year, percent=Decimal(percent)))


def _add_actions(rng, rows, agreement, areas, count):
    organisation = agreement.organisation
    candidates = [
        (area, title, description, weight)
        for area in areas
        for title, description, weight, sectors in ACTION_TEMPLATES[area.slug]
        if sectors is None or organisation.sector in sectors
    ]
    # Each focus area gets an action before any area gets a second one.
    rng.shuffle(candidates)
    candidates.sort(key=lambda c: [a.slug for a in areas].index(c[0].slug))
    by_area = {}
    for candidate in candidates:
        by_area.setdefault(candidate[0].slug, []).append(candidate)
    ordered = []
    while any(by_area.values()):
        for queue in by_area.values():
            if queue:
                ordered.append(queue.pop(0))
    start = agreement.starts_on.year
    scale = EFFECT_SCALE[organisation.size]
    for area, title, description, weight in ordered[:count]:
        status, start_year, end_year = action_timing(rng, agreement.status, start, agreement.ends_on.year)
        expected = None
        if weight:
            expected = max(Decimal("0.1"), Decimal(f"{scale * weight * rng.uniform(0.6, 1.4):.1f}"))
        realised = None
        if status == ActionStatus.DONE and expected is not None:
            realised = max(Decimal("0.1"), Decimal(f"{float(expected) * rng.uniform(0.7, 1.15):.1f}"))
        rows.actions.append(Action(
            agreement=agreement,
            title=title,
            description=description,
            focus_area=area,
            status=status,
            start_year=start_year,
            end_year=end_year,
            expected_effect=expected,
            realised_effect=realised,
            is_public=rng.random() < 0.85,
            # A few new figures wait for the coordinator's review (no draw from rng: the rest of the demo stays as it is).
            effect_approved=len(rows.actions) % 25 != 7,
        ))


def action_timing(rng, agreement_status, start, end):
    """(status, start year, end year) that fit the agreement and the present (late 2026)."""
    if agreement_status == AgreementStatus.DRAFT:
        first = rng.randint(2027, 2028)
        return ActionStatus.PLANNED, first, first + rng.randint(0, 1)
    if agreement_status == AgreementStatus.ENDED:
        first = rng.randint(start, end - 1)
        if rng.random() < 0.25:
            return ActionStatus.DROPPED, first, None
        return ActionStatus.DONE, first, rng.randint(first, end)
    status = rng.choices(
        [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED], weights=[3, 4, 3, 1]
    )[0]
    if status == ActionStatus.PLANNED:
        first = rng.randint(2027, max(2027, end))
        return status, first, first + rng.randint(0, 1)
    first = rng.randint(start, max(start, 2026))
    if status == ActionStatus.DONE:
        return status, first, rng.randint(first, max(first, 2026))
    if status == ActionStatus.DROPPED:
        return status, first, None
    return status, first, rng.randint(max(first, 2026), max(first, 2026) + 2)


def _collaboration_text(rng, organisation, all_organisations):
    """A commitment naming a real partner in the demo: a school for companies, a company for schools."""
    wanted = OrgType.EDUCATION if organisation.org_type == OrgType.COMPANY else OrgType.COMPANY
    # Not the nature kindergarten (the only micro-sized education partner): it takes no interns.
    others = [
        o for o in all_organisations
        if o.org_type == wanted and o is not organisation and not (wanted == OrgType.EDUCATION and o.size == MICRO)
    ]
    nearby = [o for o in others if o.town == organisation.town] or [o for o in others if o.town == "Hjørring"]
    partner = rng.choice(nearby)
    if organisation.org_type == OrgType.COMPANY:
        return rng.choice([
            f"Vi samarbejder med {partner.name} om et undervisningsforløb, hvor eleverne besøger os "
            "og regner på vores energiforbrug.",
            f"Vi tager imod praktikanter fra {partner.name} og deler erfaringer med andre virksomheder i netværket.",
        ])
    if organisation.org_type == OrgType.EDUCATION:
        return rng.choice([
            f"Vi samarbejder med {partner.name} om virksomhedsbesøg og et projekt om grøn omstilling for de ældste elever.",
            f"Eleverne løser en klimaopgave for {partner.name}, og vi deler resultaterne med de andre partnere.",
        ])
    return rng.choice([
        f"Vi inviterer {partner.name} med til et fælles arrangement for borgerne om klimaet.",
        f"Vi laver en fælles aktivitet med {partner.name} og deltager i programmets partnerskabsdage.",
    ])


def _create_users():
    """The coordinator and the two partner editors; existing ones get the demo password back."""
    User = get_user_model()
    slugs = {email: slug for _, email, _, slug in DEMO_LOGINS}
    for email, first_name, last_name, staff in DEMO_USERS:
        user = User.objects.filter(email__iexact=email).order_by("pk").first() or User(username=email, email=email)
        user.first_name, user.last_name = first_name, last_name
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        if slugs[email]:
            Membership.objects.get_or_create(user=user, organisation=Organisation.objects.get(slug=slugs[email]))


def delete_demo():
    """Delete every partner (with its agreements, actions and memberships) and the demo users."""
    with transaction.atomic():
        Organisation.objects.all().delete()
        get_user_model().objects.filter(email__in=[email for _, email, _, _ in DEMO_LOGINS]).delete()
