"""A partner editor's stories: write, save as a draft, submit for the coordinator's approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.partners.access import get_organisation_for_edit
from klimapartner.stories import changes
from klimapartner.stories.forms import StoryForm
from klimapartner.stories.models import Story, StoryStatus


def _story_for_edit(request, slug, pk):
    organisation = get_organisation_for_edit(request, slug)
    return organisation, get_object_or_404(Story, pk=pk, organisation=organisation)


@login_required
def story_list(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    return render(request, "stories/manage/list.html", {"section": "work", "organisation": organisation,
                                                        "stories": organisation.stories.all()})


@login_required
def edit_story(request, slug, pk=None):
    if pk:
        organisation, story = _story_for_edit(request, slug, pk)
    else:
        organisation, story = get_organisation_for_edit(request, slug), None
    form = StoryForm(request.POST or None, request.FILES or None, instance=story, organisation=organisation)
    # What the public reads has been approved: an editor's change to a published story goes back to the
    # coordinator (the coordinator's own changes stay published).
    was_published = story is not None and story.status == StoryStatus.PUBLISHED
    if request.method == "POST" and form.is_valid():
        back_to_review = was_published and form.has_changed() and not request.user.is_staff
        story = form.save(commit=False)
        story.organisation = organisation
        if story.author_id is None:
            story.author = request.user
        story.save()
        form.save_m2m()
        if "submit" in request.POST or back_to_review:
            changes.submit(story=story)
            messages.success(request, _("The story is sent to the coordinator, who publishes it or comes back "
                                        "to you."))
        else:
            messages.success(request, _("The story is saved."))
        return redirect("stories:manage_list", slug=organisation.slug)
    return render(request, "stories/manage/form.html", {
        "section": "work", "form": form, "story": story, "organisation": organisation,
        "title": _("Edit story") if story else _("New climate story"),
    })


@login_required
@require_POST
def submit(request, slug, pk):
    organisation, story = _story_for_edit(request, slug, pk)
    if story.status != StoryStatus.PUBLISHED:
        changes.submit(story=story)
        messages.success(request, _("The story is sent to the coordinator, who publishes it or comes back to you."))
    return redirect("stories:manage_list", slug=organisation.slug)
