from django.urls import path

from klimapartner.partners.views import manage

app_name = "manage"
urlpatterns = [
    path("<slug:slug>/", manage.organisation, name="organisation"),
    path("<slug:slug>/profil/", manage.edit_organisation, name="edit_organisation"),
    path("<slug:slug>/kontakter/ny/", manage.contact, name="new_contact"),
    path("<slug:slug>/kontakter/<int:pk>/", manage.contact, name="contact"),
    path("<slug:slug>/kontakter/<int:pk>/slet/", manage.delete_contact, name="delete_contact"),
    path("<slug:slug>/aftaler/<int:pk>/", manage.agreement, name="agreement"),
    path("<slug:slug>/aftaler/<int:agreement_pk>/indsatser/ny/", manage.action, name="new_action"),
    path("<slug:slug>/indsatser/<int:pk>/", manage.action, name="action"),
    path("<slug:slug>/indsatser/<int:pk>/slet/", manage.delete_action, name="delete_action"),
]
