"""Climate stories for everyone: the newest with filters, each story's page, and an Atom feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from django import forms
from django.conf import settings

from klimapartner.forms import Form
from klimapartner.partners.access import get_public_story, public_collaborations, public_stories
from klimapartner.partners.models import FocusArea, Organisation
from klimapartner.stories.text import plain_text

PAGE_SIZE = 12


class StoryFilter(Form):
    focus = forms.ModelChoiceField(label=gettext_lazy("Focus area"), queryset=FocusArea.objects.all(),
                                   required=False, to_field_name="slug", empty_label=gettext_lazy("All focus areas"))
    partner = forms.ModelChoiceField(label=gettext_lazy("Partner"), queryset=Organisation.objects.none(),
                                     required=False, to_field_name="slug", empty_label=gettext_lazy("All partners"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(
            pk__in=public_stories().values("organisation")).order_by("name")


def listed():
    return public_stories().select_related("organisation").prefetch_related("focus_areas")


@require_GET
def story_list(request):
    form = StoryFilter(request.GET or None)
    stories = listed()
    if form.is_valid():
        if form.cleaned_data["focus"]:
            stories = stories.filter(focus_areas=form.cleaned_data["focus"])
        if form.cleaned_data["partner"]:
            stories = stories.filter(organisation=form.cleaned_data["partner"])
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "stories/list.html", {"section": "stories", "form": form, "page": page,
                                                 "query": query.urlencode()})


@require_GET
def story_page(request, pk):
    story = get_public_story(request, pk)
    return render(request, "stories/story.html", {
        "section": "stories", "story": story, "description": plain_text(story.lead)[:300],
        "focus_areas": story.focus_areas.all(), "actions": story.actions.all(),
        "collaborations": public_collaborations(story.collaborations.all()).distinct(),
        "absolute_url": request.build_absolute_uri(reverse("stories:story", args=[story.pk])),
        "image_url": request.build_absolute_uri(story.image.url) if story.image else "",
    })


class StoryFeed(Feed):
    """The newest published stories as Atom, for feed readers and the press."""

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.PROGRAMME_NAME}: {_('Climate stories')}"

    def link(self):
        return reverse("stories:list")

    def subtitle(self):
        return _("What the climate partners in %(municipality)s tell about their work.") % {
            "municipality": settings.MUNICIPALITY_NAME}

    def items(self):
        return listed()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return reverse("stories:story", args=[item.pk])

    def item_author_name(self, item):
        return item.organisation.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [f.name for f in item.focus_areas.all()]
