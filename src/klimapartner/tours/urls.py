from django.urls import path

from klimapartner.tours.views import manage

app_name = "tours"
urlpatterns = [
    path("partner/<slug:slug>/steder/", manage.sites, name="sites"),
    path("partner/<slug:slug>/steder/nyt/", manage.site, name="new_site"),
    path("partner/<slug:slug>/steder/<int:pk>/", manage.site, name="site"),
    path("partner/<slug:slug>/steder/<int:pk>/slet/", manage.delete_site, name="delete_site"),
]
