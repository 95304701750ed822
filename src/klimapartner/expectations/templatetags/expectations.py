"""The partner editor's own tracker, on the partner's front page (partners/manage/organisation.html)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.expectations.tracker import MET, trackers

register = template.Library()


def next_steps(tracker) -> list[dict]:
    """For each expectation not met yet, the one thing to do and where."""
    organisation, year = tracker.organisation, tracker.year
    steps = []
    for line in tracker.lines:
        if line.status == MET:
            continue
        if line.code == "activities":
            if line.done + line.pending >= line.target:
                text = _("Take part in the activities you have signed up for (%(done)s of %(target)s so far)")
            else:
                text = _("Sign up for one of the coming activities (%(done)s of %(target)s so far)")
            steps.append({"text": text % {"done": line.done, "target": line.target},
                          "url": reverse("activities:list")})
        elif line.code == "citizen_activities":
            steps.append({"text": _("Tell us about an activity for citizens you hold"),
                          "url": reverse("activities:manage_new", args=[organisation.slug])})
        elif line.code == "stories":
            steps.append({"text": _("Write a climate story"),
                          "url": reverse("stories:manage_new", args=[organisation.slug])})
        elif line.code == "account":
            steps.append({"text": _("Fill in and submit the CO2 account for %(year)s") % {"year": year - 1},
                          "url": reverse("climate:account", args=[organisation.slug, year - 1])})
    return steps


@register.inclusion_tag("expectations/includes/tracker.html", takes_context=True)
def partner_tracker(context, organisation):
    year = timezone.localdate().year
    [tracker] = trackers([organisation], year)
    return {"tracker": tracker, "organisation": organisation, "year": year, "prior_year": year - 1,
            "next_steps": next_steps(tracker)}
