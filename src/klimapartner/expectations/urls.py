from django.urls import path

from klimapartner.expectations import views

app_name = "expectations"
urlpatterns = [
    path("", views.this_year, name="this_year"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/indstillinger/", views.settings_page, name="settings"),
    path("<int:year>/paamind/", views.remind, name="remind"),
    path("<int:year>/aarsstatus.pdf", views.programme_status, {"fmt": "pdf"}, name="programme_pdf"),
    path("<int:year>/aarsstatus.xlsx", views.programme_status, {"fmt": "xlsx"}, name="programme_xlsx"),
    path("aftale/<int:pk>/", views.agreement_page, name="agreement"),
    path("partner/<slug:slug>/<int:year>/", views.partner_status, name="partner"),
    path("partner/<slug:slug>/<int:year>/aarsstatus.pdf", views.partner_status_pdf, name="partner_pdf"),
]
