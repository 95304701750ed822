"""Activities as iCalendar: one file per activity, and the subscribable feed of the public calendar.

Every entry has a stable UID and a DTSTAMP, times are in Europe/Copenhagen with its VTIMEZONE
included (calendar programs that know no time zones still place them right), and a cancelled
activity stays in the feed with STATUS:CANCELLED so subscribers see it go.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PROGRAMME_NAME}//Klimapartner//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _entry(activity, *, stamp) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"activity-{activity.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}")
    entry.add("dtstamp", stamp)
    entry.add("summary", activity.title)
    if activity.starts:
        entry.add("dtstart", timezone.localtime(activity.start))
        entry.add("dtend", timezone.localtime(activity.end))
    else:  # a whole day
        entry.add("dtstart", activity.date)
    with_town = activity.town and activity.town not in activity.venue
    entry.add("location", f"{activity.venue}, {activity.town}" if with_town else activity.venue)
    entry.add("description", activity.description)
    entry.add("url", settings.SITE_URL + reverse("activities:activity", args=[activity.pk]))
    if activity.latitude is not None:
        entry.add("geo", (float(activity.latitude), float(activity.longitude)))
    entry.add("status", "CANCELLED" if activity.status == "cancelled" else "CONFIRMED")
    return entry


def _finish(calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def activity_ics(activity) -> bytes:
    calendar = _calendar(activity.title)
    calendar.add_component(_entry(activity, stamp=timezone.now()))
    return _finish(calendar)


def feed_ics(activities, *, name: str) -> bytes:
    calendar = _calendar(name)
    stamp = timezone.now()
    for activity in activities:
        calendar.add_component(_entry(activity, stamp=stamp))
    return _finish(calendar)
