from django.urls import path

from klimapartner.collaborations.views import followup, manage, staff

app_name = "collaborations"
urlpatterns = [
    # the coordinator
    path("", staff.ideas, name="ideas"),
    path("opfoelgning/", staff.follow_up, name="follow_up"),
    path("opfoelgning/send/", staff.send_follow_ups, name="send_follow_ups"),
    path("uden-samarbejde/", staff.without, name="without"),
    # partner editors (their organisation's) and the coordinator
    path("partner/<slug:slug>/", manage.organisation, name="organisation"),
    path("ideer/ny/", manage.new_idea, name="new_idea"),
    path("ideer/<int:pk>/", manage.idea, name="idea"),
    path("ideer/<int:idea_pk>/samarbejde/", manage.new_collaboration, name="idea_to_collaboration"),
    path("ny/", manage.new_collaboration, name="new_collaboration"),
    path("<int:pk>/", manage.collaboration, name="collaboration"),
    path("<int:pk>/bekraeft/", manage.confirm, name="confirm"),
    path("<int:pk>/afvis/", manage.decline, name="decline"),
    # whoever holds a follow-up email's link
    path("svar/<str:token>/", followup.answer, name="answer"),
]
