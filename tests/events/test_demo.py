from klimapartner.events import planning
from klimapartner.events.demo import PAST_TITLE, UPCOMING_TITLE, load_demo_events
from klimapartner.collaborations.models import Collaboration, Idea
from klimapartner.events.models import Event, Feedback
from klimapartner.partners.demo import load_demo


def test_the_demo_days_are_ready_to_schedule_and_to_report(db):
    load_demo()
    assert load_demo_events() == 2
    upcoming = Event.objects.get(title=UPCOMING_TITLE)
    past = Event.objects.get(title=PAST_TITLE)
    assert upcoming.registrations.count() == 40
    assert (upcoming.scheduled_at, len(upcoming.rounds), upcoming.tables.count()) == (None, 6, 20)
    assert past.published_at is not None
    assert past.registrations.filter(no_show=True).count() == 2
    assert Idea.objects.filter(event=past).count() == 4
    assert Feedback.objects.filter(meeting__event=past).exists()
    assert Collaboration.objects.filter(events=past, confirmed_at=None).exists()  # to be confirmed by the partners
    # Memory across days: people who met at the past day are not paired again unless they ask.
    met = planning.earlier_meetings(event=upcoming, registrations=list(upcoming.registrations.all()))
    assert met
    planning.schedule_event(event=upcoming, steps=300)
    pairs = {frozenset(f"r{s.registration_id}" for s in m.seats.all()) for m in upcoming.meetings.all()}
    wished = {frozenset((f"r{r.pk}", f"r{o.pk}")) for r in upcoming.registrations.all()
              for o in upcoming.registrations.filter(organisation__in=r.must_meet.all())}
    assert len(pairs) > 80
    assert (pairs & met) <= wished
    assert load_demo_events() == 0  # a second load adds nothing


def test_the_demo_is_the_same_every_time(db):
    load_demo()
    load_demo_events()
    first = sorted(Feedback.objects.values_list("registration__email", "useful", "follow_up"))
    Event.objects.all().delete()
    Idea.objects.all().delete()
    Collaboration.objects.all().delete()
    load_demo_events()
    assert sorted(Feedback.objects.values_list("registration__email", "useful", "follow_up")) == first
