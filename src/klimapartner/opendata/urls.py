from django.urls import path

from klimapartner.opendata import views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data_page, name="data"),
    path("data/<slug:name>.csv", views.csv_download, name="csv"),
    path("data/utf-8/<slug:name>.csv", views.csv_download, {"plain": True}, name="csv_plain"),
]
