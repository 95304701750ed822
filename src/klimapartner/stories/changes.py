"""Every change to a story goes through a function here: change, then notify."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.stories.models import Story, StoryStatus


def _send(*, to, template, context) -> int:
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"programme_name": settings.PROGRAMME_NAME, "municipality_name": settings.MUNICIPALITY_NAME,
                   "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"stories/email/{template}_subject.txt", context).split())
        body = render_to_string(f"stories/email/{template}.txt", context)
    with get_connection() as connection:
        return connection.send_messages([EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)]) or 0


def author_emails(story) -> list[str]:
    """The author, or (when the author is gone) the partner's editors."""
    if story.author_id and story.author.email:
        return [story.author.email]
    return sorted({m.user.email for m in story.organisation.memberships.select_related("user") if m.user.email})


def submit(*, story: Story) -> Story:
    """The editor asks the coordinator to publish the story; the coordinators are told."""
    story.status = StoryStatus.SUBMITTED
    story.submitted_at = timezone.now()
    story.save(update_fields=["status", "submitted_at", "updated"])
    coordinators = sorted(get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
                          .values_list("email", flat=True))
    _send(to=coordinators, template="submitted",
          context={"story": story, "review_url": settings.SITE_URL + reverse("stories:review", args=[story.pk])})
    return story


def publish(*, story: Story) -> Story:
    """Approve and publish (a submitted story, or directly a draft); the author is told."""
    story.status = StoryStatus.PUBLISHED
    story.review_comment = ""
    story.published_at = story.published_at or timezone.now()
    story.save(update_fields=["status", "review_comment", "published_at", "updated"])
    _send(to=author_emails(story), template="published",
          context={"story": story, "story_url": settings.SITE_URL + reverse("stories:story", args=[story.pk])})
    return story


def request_changes(*, story: Story, comment: str) -> Story:
    """Send the story back to its author with the coordinator's comment (it leaves the public site)."""
    story.status = StoryStatus.CHANGES_REQUESTED
    story.review_comment = comment
    story.save(update_fields=["status", "review_comment", "updated"])
    _send(to=author_emails(story), template="changes", context={
        "story": story, "comment": comment,
        "edit_url": settings.SITE_URL + reverse("stories:manage_edit", args=[story.organisation.slug, story.pk]),
    })
    return story


def unpublish(*, story: Story) -> Story:
    story.status = StoryStatus.DRAFT
    story.save(update_fields=["status", "updated"])
    return story
