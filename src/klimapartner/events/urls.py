from django.urls import path

from klimapartner.events.views import participant, staff

app_name = "events"
urlpatterns = [
    # the coordinator and facilitators
    path("", staff.event_list, name="list"),
    path("ny/", staff.new_event, name="new"),
    path("<int:pk>/", staff.event, name="event"),
    path("<int:pk>/rediger/", staff.edit_event, name="edit"),
    path("<int:pk>/program/", staff.programme, name="programme"),
    path("<int:pk>/program/<int:item>/slet/", staff.delete_item, name="delete_item"),
    path("<int:pk>/inviter/", staff.invite, name="invite"),
    path("<int:pk>/deltagere/", staff.registrations, name="registrations"),
    path("<int:pk>/deltagere/ny/", staff.add_registration, name="add_registration"),
    path("<int:pk>/planlaeg/", staff.schedule, name="schedule"),
    path("<int:pk>/juster/", staff.adjust, name="adjust"),
    path("<int:pk>/juster/fastlaas/<int:meeting>/", staff.pin, name="pin"),
    path("<int:pk>/offentliggoer/", staff.publish, name="publish"),
    path("<int:pk>/indtjekning/", staff.checkin, name="checkin"),
    path("<int:pk>/indtjekning/<int:registration>/", staff.check_in, name="check_in"),
    path("<int:pk>/walk-in/", staff.walk_in, name="walk_in"),
    path("<int:pk>/omplanlaeg/", staff.replan, name="replan"),
    path("<int:pk>/projektor/", staff.projector, name="projector"),
    path("<int:pk>/projektor/runder/", staff.projector_rounds, name="projector_rounds"),
    path("<int:pk>/bordkort.pdf", staff.table_cards, name="table_cards"),
    path("<int:pk>/oversigt.pdf", staff.overview, name="overview"),
    path("<int:pk>/bed-om-feedback/", staff.request_feedback, name="request_feedback"),
    path("<int:pk>/rapport/", staff.event_report, name="report"),
    path("<int:pk>/rapport.csv", staff.report_csv, name="report_csv"),
    path("<int:pk>/rapport.xlsx", staff.report_xlsx, name="report_xlsx"),
    # participants, through their personal link (or signed in)
    path("tilmeld/<str:token>/", participant.register, name="register"),
    path("mine/", participant.mine, name="mine"),
    path("t/<str:token>/", participant.personal, name="personal"),
    path("t/<str:token>/rediger/", participant.edit_registration, name="edit_registration"),
    path("t/<str:token>/afmeld/", participant.cancel, name="cancel"),
    path("t/<str:token>/samtykke/", participant.withdraw, name="withdraw"),
    path("t/<str:token>/agenda.pdf", participant.agenda_pdf, name="agenda_pdf"),
    path("t/<str:token>/agenda.ics", participant.agenda_ics, name="agenda_ics"),
    path("t/<str:token>/feedback/<int:meeting>/", participant.feedback, name="feedback"),
    path("t/<str:token>/ide/", participant.new_idea, name="new_idea"),
    path("t/<str:token>/kollega/", participant.colleague, name="colleague"),
]
