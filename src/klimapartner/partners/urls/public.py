from django.urls import path

from klimapartner.partners.views import public

app_name = "public"
urlpatterns = [
    path("", public.front, name="front"),
    path("partnere/", public.directory_page, name="directory"),
    path("partnere/kort.json", public.map_data, name="map_data"),
    path("partnere/<slug:slug>/", public.partner_page, name="partner"),
    path("data/partnere.json", public.open_data_json, name="open_data_json"),
]
