from django.urls import path

from klimapartner.opendata import views

urlpatterns = [
    path("", views.progress_page, name="progress"),
]
