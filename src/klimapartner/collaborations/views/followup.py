"""The one-click answer page behind a follow-up email's link, for whoever holds the link."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from klimapartner.collaborations.followup import record_answer
from klimapartner.collaborations.forms import AnswerForm
from klimapartner.collaborations.models import FollowUp


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    """Opening the link changes nothing (mail scanners follow links); one click on the page answers."""
    follow_up = get_object_or_404(FollowUp.objects.select_related("idea", "collaboration"), token=token)
    form = AnswerForm(request.POST or None, for_collaboration=follow_up.collaboration_id is not None,
                      initial={"answer": request.GET.get("svar") or follow_up.answer})
    if request.method == "POST" and form.is_valid():
        record_answer(follow_up=follow_up, answer=form.cleaned_data["answer"], text=form.cleaned_data["text"])
        return render(request, "collaborations/answered.html", {"follow_up": follow_up})
    return render(request, "collaborations/answer.html", {"follow_up": follow_up, "form": form})
