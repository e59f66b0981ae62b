from django.urls import path

from . import views

app_name = "intervisie"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("groepen/<int:group_id>/", views.group_detail, name="group"),
    path("groepen/<int:group_id>/plannen/", views.session_plan, name="session_plan"),
    path("groepen/<int:group_id>/leden/<int:user_id>/verwijderen/", views.member_remove, name="member_remove"),
    path("groepen/<int:group_id>/uitnodigingen/<int:invitation_id>/intrekken/", views.invitation_cancel,
         name="invitation_cancel"),
    path("bijeenkomsten/<int:session_id>/", views.session_detail, name="session"),
    path("bijeenkomsten/<int:session_id>/agenda.ics", views.session_ics, name="session_ics"),
    path("bijeenkomsten/<int:session_id>/annuleren/", views.session_cancel, name="session_cancel"),
    path("bijeenkomsten/<int:session_id>/verplaatsen/", views.session_reschedule, name="session_reschedule"),
    path("bijeenkomsten/<int:session_id>/afronden/", views.session_close, name="session_close"),
    path("bijeenkomsten/<int:session_id>/ruimte/", views.room_page, name="room"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("agenda/", views.feed_settings, name="feed_settings"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
    path("uren/", views.hours, name="hours"),
    path("uren.csv", views.hours_csv, name="hours_csv"),
    path("uren/<int:attendance_id>.pdf", views.hours_pdf, name="hours_pdf"),
    path("methoden/", views.method_list, name="methods"),
    path("methoden/nieuw/", views.method_create, name="method_create"),
]
