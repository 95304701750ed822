"""Climate stories ("klimahistorier"): what partners tell about their climate work, approved by the coordinator."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimapartner.collaborations.models import Collaboration
from klimapartner.partners.models import Action, FocusArea, Organisation
from klimapartner.stories.text import clean_html


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    PUBLISHED = "published", _("Published")


class Story(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="stories",
                                     verbose_name=_("partner"))
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=500, help_text=_("One or two sentences that make people read on."))
    body = models.TextField(
        _("text"),
        help_text=_("Separate paragraphs with a blank line. You may use <strong>bold</strong>, <em>italics</em>, "
                    "links (<a href=\"…\">), lists and subheadings (<h2>)."),
    )
    image = models.ImageField(_("image"), upload_to="stories/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True,
                                 help_text=_("What the image shows, for people who cannot see it."))
    image_credit = models.CharField(_("photo credit"), max_length=120, blank=True,
                                    help_text=_("Who took the photo, or who owns it."))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="stories", verbose_name=_("focus areas"))
    actions = models.ManyToManyField(Action, blank=True, related_name="stories", verbose_name=_("actions"))
    collaborations = models.ManyToManyField(Collaboration, blank=True, related_name="stories",
                                            verbose_name=_("collaborations"))
    status = models.CharField(_("status"), max_length=12, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    review_comment = models.TextField(_("comment from the coordinator"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created", "-pk"]
        verbose_name = _("climate story")
        verbose_name_plural = _("climate stories")

    def __str__(self):
        return self.title

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
        if self.image and not self.image_credit.strip():
            raise ValidationError({"image_credit": _("Say who took the photo or owns it.")})

    def save(self, *args, **kwargs):
        # Sanitised on every save, so no path into the database keeps a script.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED
