from django.urls import path

app_name = "editor"
urlpatterns = []
