from django.urls import path

from klimapartner.climate.views import manage, staff

app_name = "climate"
urlpatterns = [
    # A partner's account: its editors and the coordinator.
    path("partner/<slug:slug>/", manage.years, name="years"),
    path("partner/<slug:slug>/<int:year>/", manage.account, name="account"),
    path("partner/<slug:slug>/<int:year>/rediger/", manage.edit_account, name="edit_account"),
    path("partner/<slug:slug>/<int:year>/slet/", manage.delete_account, name="delete_account"),
    path("partner/<slug:slug>/<int:year>/klimakompasset/", manage.import_klimakompasset, name="import_klimakompasset"),
    path("partner/<slug:slug>/<int:year>/klimakompasset/<int:pk>/", manage.review_klimakompasset,
         name="review_klimakompasset"),
    path("partner/<slug:slug>/<int:year>/afstemning/", manage.reconciliation, name="reconciliation"),
    path("partner/<slug:slug>/statusrapport.pdf", manage.partner_report, {"fmt": "pdf"}, name="partner_report_pdf"),
    path("partner/<slug:slug>/statusrapport.xlsx", manage.partner_report, {"fmt": "xlsx"}, name="partner_report_xlsx"),
    # The coordinator's view of the programme.
    path("koordinator/", staff.programme, name="programme"),
    path("koordinator/mangler/", staff.missing, name="missing"),
    path("koordinator/gennemgang/", staff.review, name="review"),
    path("koordinator/faktorer/", staff.factor_sets, name="factor_sets"),
    path("koordinator/faktorer/import/", staff.import_factors, name="import_factors"),
    path("koordinator/faktorer/standard/", staff.factor_set, name="default_factor_set"),
    path("koordinator/faktorer/<int:pk>/", staff.factor_set, name="factor_set"),
    path("koordinator/paamindelser/", staff.reminders, name="reminders"),
    path("koordinator/statusrapport.pdf", staff.programme_report, {"fmt": "pdf"}, name="programme_report_pdf"),
    path("koordinator/statusrapport.xlsx", staff.programme_report, {"fmt": "xlsx"}, name="programme_report_xlsx"),
]
