"""Activity test data: every value a test relies on is given here or in the call."""

from datetime import date, time, timedelta

from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus, SignUp
from klimapartner.partners.models import FocusArea


def make_activity(title="Netværksmøde om energi", *, day=None, kind=ActivityKind.NETWORK_MEETING, focus=("energy",),
                  **fields):
    values = {"date": day or date.today() + timedelta(days=10), "starts": time(15, 0), "ends": time(17, 0),
              "venue": "Hjørring Bibliotek, Østergade 1", "town": "Hjørring", "is_public": True,
              "status": ActivityStatus.APPROVED}
    values.update(fields)
    activity = Activity.objects.create(title=title, kind=kind, **values)
    activity.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
    return activity


def make_signup(activity, name="Karen Holm", *, email=None, **fields):
    email = email if email is not None else name.split()[0].lower() + "@borger.example"
    return SignUp.objects.create(activity=activity, name=name, email=email, consent=True, **fields)
