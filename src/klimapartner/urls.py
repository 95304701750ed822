from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from klimapartner.opendata.api import api
from klimapartner.opendata.views import api_reference

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # the open data API is the same in every language: no /en/ prefix
    path("api/v1/", api_reference, name="api_reference"),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("klimapartner.partners.urls.public")),
    path("konto/", include("klimapartner.accounts.urls")),
    path("koordinator/", include("klimapartner.partners.urls.staff")),
    path("koordinator/", include("klimapartner.records.urls")),
    path("partner/", include("klimapartner.partners.urls.manage")),
    path("klima/", include("klimapartner.climate.urls")),
    path("partnerskabsdage/", include("klimapartner.events.urls")),
    path("samarbejder/", include("klimapartner.collaborations.urls.work")),
    path("netvaerk/", include("klimapartner.collaborations.urls.public")),
    path("fremskridt/", include("klimapartner.opendata.urls_progress")),
    path("", include("klimapartner.opendata.urls")),
    path("aktiviteter/", include("klimapartner.activities.urls")),
    path("historier/", include("klimapartner.stories.urls")),
    path("forventninger/", include("klimapartner.expectations.urls")),
    path("jobber/", include("klimapartner.jobs.urls")),
    path("rundture/", include("klimapartner.tours.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
