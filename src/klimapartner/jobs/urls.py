from django.urls import path

from klimapartner.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:job_id>/", views.progress, name="progress"),
]
