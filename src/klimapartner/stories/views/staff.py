"""The coordinator's stories: what waits for approval, and the review (publish, or ask for changes)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from klimapartner.accounts.roles import coordinator_required
from klimapartner.stories import changes
from klimapartner.stories.forms import ReviewForm
from klimapartner.stories.models import Story, StoryStatus


@coordinator_required
def story_list(request):
    stories = Story.objects.select_related("organisation")
    return render(request, "stories/staff/list.html", {
        "section": "stories",
        "waiting": stories.filter(status=StoryStatus.SUBMITTED).order_by("submitted_at", "pk"),
        "others": stories.exclude(status=StoryStatus.SUBMITTED)[:200],
    })


@coordinator_required
def review(request, pk):
    story = get_object_or_404(Story.objects.select_related("organisation", "author"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"].strip()
        if "publish" in request.POST:
            changes.publish(story=story)
            messages.success(request, _("The story is published, and the author is told."))
            return redirect("stories:staff_list")
        if "unpublish" in request.POST:
            changes.unpublish(story=story)
            messages.success(request, _("The story is taken off the site."))
            return redirect("stories:staff_list")
        if not comment:
            form.add_error("comment", _("Say what should change, so the author knows what to do."))
        else:
            changes.request_changes(story=story, comment=comment)
            messages.success(request, _("The story is sent back to the author with your comment."))
            return redirect("stories:staff_list")
    return render(request, "stories/staff/review.html", {
        "section": "stories", "story": story, "form": form, "focus_areas": story.focus_areas.all(),
        "actions": story.actions.all(), "collaborations": story.collaborations.all(),
    })
