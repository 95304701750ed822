from django.urls import path

from klimapartner.tours.views import manage, participant, staff

app_name = "tours"
urlpatterns = [
    path("", staff.tour_list, name="list"),
    path("ny/", staff.tour_form, name="new"),
    path("<int:pk>/", staff.tour_page, name="tour"),
    path("<int:pk>/ret/", staff.tour_form, name="edit"),
    path("<int:pk>/planlaeg/", staff.plan_page, name="plan"),
    path("<int:pk>/rejseplan.pdf", staff.itinerary_pdf, name="itinerary_pdf"),
    path("<int:pk>/rejseplan.ics", staff.itinerary_ics, name="itinerary_ics"),
    path("<int:pk>/grupper/", staff.plan_groups, name="plan_groups"),
    path("<int:pk>/offentliggoer/", staff.publish, name="publish"),
    path("<int:pk>/stop/<int:stop_pk>/aflys/", staff.cancel_stop, name="cancel_stop"),
    # a participant, through the personal link of the sign-up
    path("rejseplan/<str:token>/", participant.itinerary_page, name="itinerary"),
    path("rejseplan/<str:token>/rejseplan.pdf", participant.itinerary_pdf, name="participant_pdf"),
    path("rejseplan/<str:token>/rejseplan.ics", participant.itinerary_ics, name="participant_ics"),
    path("partner/<slug:slug>/steder/", manage.sites, name="sites"),
    path("partner/<slug:slug>/steder/nyt/", manage.site, name="new_site"),
    path("partner/<slug:slug>/steder/<int:pk>/", manage.site, name="site"),
    path("partner/<slug:slug>/steder/<int:pk>/slet/", manage.delete_site, name="delete_site"),
]
