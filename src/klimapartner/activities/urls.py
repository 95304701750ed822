from django.urls import path

from klimapartner.activities.views import manage, organiser, public, staff

app_name = "activities"
urlpatterns = [
    # everyone
    path("", public.activity_list, name="list"),
    path("kalender.ics", public.feed, name="feed"),
    path("<int:pk>/", public.activity_page, name="activity"),
    path("<int:pk>/kalender.ics", public.activity_ics, name="activity_ics"),
    path("tilmelding/<str:token>/", public.signup_page, name="signup"),
    path("tilmelding/<str:token>/afmeld/", public.cancel, name="cancel"),
    # the organiser: the coordinator, or the editors of the partner that holds it
    path("<int:pk>/deltagere/", organiser.attendance, name="attendance"),
    path("<int:pk>/deltagere/<int:signup>/", organiser.mark, name="mark"),
    path("<int:pk>/deltagere/walk-in/", organiser.walk_in, name="walk_in"),
    # the coordinator
    path("koordinator/", staff.activity_list, name="staff_list"),
    path("koordinator/ny/", staff.edit_activity, name="new"),
    path("koordinator/<int:pk>/", staff.edit_activity, name="edit"),
    path("koordinator/<int:pk>/godkend/", staff.review, name="review"),
    path("koordinator/<int:pk>/aflys/", staff.cancel_activity, name="cancel_activity"),
    # a partner's own activities
    path("partner/<slug:slug>/", manage.activity_list, name="manage_list"),
    path("partner/<slug:slug>/ny/", manage.edit_activity, name="manage_new"),
    path("partner/<slug:slug>/<int:pk>/", manage.edit_activity, name="manage_edit"),
]
