from django.urls import path

from klimapartner.collaborations.views import public

app_name = "network"
urlpatterns = [
    path("", public.network_page, name="network"),
]
