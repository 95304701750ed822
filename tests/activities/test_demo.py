"""The demo programme's year: activities of every kind, stories, and partners from very active to passive."""

from django.utils import timezone

from klimapartner.activities.demo import load_demo_activities
from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus
from klimapartner.climate.demo import load_demo_accounts
from klimapartner.events.demo import load_demo_events
from klimapartner.expectations.demo import load_demo_expectations
from klimapartner.expectations.tracker import programme_partners, trackers
from klimapartner.partners.demo import NORDSTRAND_SLUG, load_demo
from klimapartner.stories.demo import load_demo_stories
from klimapartner.stories.models import Story, StoryStatus


def test_the_demo_year_has_something_of_everything(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    load_demo_accounts()
    load_demo_events()
    assert load_demo_activities() == 28
    assert load_demo_stories() == 12
    load_demo_expectations()
    today = timezone.localdate()
    activities = Activity.objects.all()
    assert set(activities.values_list("kind", flat=True)) == set(ActivityKind.values) - {ActivityKind.OTHER}
    assert activities.filter(date__lt=today).exists() and activities.filter(date__gte=today).exists()
    assert activities.filter(status=ActivityStatus.SUBMITTED).count() == 3
    assert activities.filter(organiser__isnull=False, participants__isnull=False).count() == 9
    [reported] = activities.exclude(photo="")  # a partner's report with a photo described for those who cannot see it
    assert (reported.organiser.slug, reported.title, reported.participants) == (
        NORDSTRAND_SLUG, "Åbent hus på solcelleparken", 140)
    assert reported.photo_alt.startswith("Tre rækker solpaneler") and reported.photo.read(8) == b"\x89PNG\r\n\x1a\n"
    assert Story.objects.filter(status=StoryStatus.SUBMITTED).count() == 3
    assert Story.objects.filter(status=StoryStatus.PUBLISHED).count() == 8
    rows = trackers(programme_partners(today.year), today.year)
    passive = [t for t in rows if t.passive]
    very_active = [t for t in rows if t.line("activities").status == "met"]
    assert len(passive) >= 5 and len(very_active) >= 10
    nordstrand = next(t for t in rows if t.organisation.slug == NORDSTRAND_SLUG)
    assert {line.status for line in nordstrand.lines} - {"met"}  # the demo editor still owes something
    assert load_demo_activities() == 0 and load_demo_stories() == 0  # a second load adds nothing
