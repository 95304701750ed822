"""From idea to confirmed collaboration, through the functions every page uses."""

from datetime import date

import pytest

from klimapartner.collaborations import changes
from klimapartner.collaborations.access import public_collaboration_list
from klimapartner.collaborations.models import Collaboration, IdeaSource, IdeaStatus, LogKind
from klimapartner.collaborations.network import collaborating_pairs
from tests.collaborations.factories import make_collaboration
from tests.events.factories import make_event
from tests.factories import make_editor, make_organisation


@pytest.fixture
def school(db):
    return make_organisation("Vrå Skole", org_type="education", sector="education")


def test_the_kind_follows_the_partners_types():
    assert changes.kind_for(["company", "company"]) == "companies"
    assert changes.kind_for(["company", "education"]) == "education"
    assert changes.kind_for(["company", "public"]) == "municipality"
    assert changes.kind_for(["association", "education"]) == "other"


def test_an_idea_keeps_a_log_of_what_happened(owner_org, school, owner):
    idea = changes.register_idea(title="Bustur", source=IdeaSource.PARTNER, owner="Karen Holm",
                                 owner_email="karen@nordlys.example", owner_organisation=owner_org,
                                 partners=[school], author=owner)
    assert set(idea.partners.all()) == {owner_org, school}  # the owner's organisation is involved
    changes.set_idea_status(idea=idea, status=IdeaStatus.IN_PROGRESS, text="Vi mødes i marts", author=owner)
    changes.set_idea_status(idea=idea, status=IdeaStatus.IN_PROGRESS, text="Bussen er bestilt", author=owner)
    assert [(e.kind, e.status, e.text, e.author_name) for e in idea.log.order_by("pk")] == [
        (LogKind.CREATED, "new", "", "ejer@nordlys.example"),
        (LogKind.STATUS, "in_progress", "Vi mødes i marts", "ejer@nordlys.example"),
        (LogKind.NOTE, "", "Bussen er bestilt", "ejer@nordlys.example"),
    ]


def test_an_editors_collaboration_is_public_once_the_other_partner_confirms(owner_org, school, owner):
    idea = changes.register_idea(title="Skoleelever laver CO2-regnskab", source=IdeaSource.PARTNER,
                                 owner_organisation=owner_org, partners=[school])
    collaboration = changes.start_collaboration(title="Elever regner CO2", partners=[owner_org, school],
                                                started_on=date(2025, 3, 1), idea=idea, author=owner)
    idea.refresh_from_db()
    assert (idea.status, collaboration.kind, collaboration.idea) == (IdeaStatus.COLLABORATION, "education", idea)
    confirmed = {m.organisation.name: m.confirmed_at is not None for m in collaboration.memberships.all()}
    assert confirmed == {"Nordlys Energi ApS": True, "Vrå Skole": False}
    assert list(public_collaboration_list()) == []
    assert changes.confirm(collaboration=collaboration, user=make_editor(school, "laerer@vraa.example")) is True
    assert list(public_collaboration_list()) == [collaboration]


def test_the_coordinator_confirms_for_every_partner(owner_org, school, coordinator):
    collaboration = make_collaboration([owner_org, school], confirmed=False)
    assert changes.confirm(collaboration=collaboration, user=coordinator) is True
    assert collaboration.memberships.filter(confirmed_at=None).count() == 0


def test_an_editor_confirms_only_for_their_own_organisation(owner_org, school, outsider):
    collaboration = make_collaboration([owner_org, school], confirmed=False)
    assert changes.confirm(collaboration=collaboration, user=outsider) is False
    assert collaboration.memberships.filter(confirmed_at=None).count() == 2


def test_a_collaboration_with_an_unpublished_partner_is_not_public(owner_org, school):
    school.is_published = False
    school.save()
    make_collaboration([owner_org, school])
    assert list(public_collaboration_list()) == []


def test_declining_leaves_no_collaboration_of_one(owner_org, school, owner):
    collaboration = make_collaboration([owner_org, school], confirmed=False)
    changes.decline(collaboration=collaboration, user=owner)
    assert Collaboration.objects.count() == 0


def test_a_follow_up_from_both_sides_is_proposed_once(owner_org, school):
    event = make_event()
    first = changes.propose_from_meeting(event=event, organisation_ids=[school.pk, owner_org.pk])
    assert changes.propose_from_meeting(event=event, organisation_ids=[owner_org.pk, school.pk]) is None
    assert (first.title, first.started_on, first.confirmed_at) == ("Nordlys Energi ApS og Vrå Skole", event.date, None)
    assert collaborating_pairs() == {tuple(sorted((owner_org.pk, school.pk)))}
    assert collaborating_pairs(exclude_event=event) == set()
