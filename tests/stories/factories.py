from django.utils import timezone

from klimapartner.partners.models import FocusArea
from klimapartner.stories.models import Story, StoryStatus


def make_story(organisation, title="Solceller på taget", *, status=StoryStatus.PUBLISHED, focus=("energy",), **fields):
    values = {"lead": "Et år efter halverede vi elregningen.", "body": "Vi satte 180 paneler op.",
              "published_at": timezone.now() if status == StoryStatus.PUBLISHED else None}
    values.update(fields)
    story = Story.objects.create(organisation=organisation, title=title, status=status, **values)
    story.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
    return story
