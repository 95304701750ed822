from django.urls import path

from klimapartner.partners.views import staff

app_name = "staff"
urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("partnere/ny/", staff.new_organisation, name="new_organisation"),
    path("partnere/<slug:slug>/aftaler/ny/", staff.new_agreement, name="new_agreement"),
    path("partnere/<slug:slug>/redaktoerer/", staff.editors, name="editors"),
    path("partnere/<slug:slug>/redaktoerer/<int:pk>/fjern/", staff.remove_editor, name="remove_editor"),
    path("temaer/", staff.focus_areas, name="focus_areas"),
    path("import/", staff.import_partners, name="import"),
    path("eksport.csv", staff.export_partners, {"fmt": "csv"}, name="export_csv"),
    path("eksport.xlsx", staff.export_partners, {"fmt": "xlsx"}, name="export_xlsx"),
]
