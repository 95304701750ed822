from django.urls import path

from klimapartner.records import views

app_name = "records"
urlpatterns = [
    path("logbog/", views.audit_log, name="audit_log"),
    path("persondata/", views.person, name="person"),
    path("persondata/slet/", views.erase_person, name="erase"),
]
