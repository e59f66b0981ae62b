from django.urls import path

from . import views
from .h5p import player

app_name = "courses"

urlpatterns = [
    path("cursus/<int:course_id>/inschrijven/", views.enrol, name="enrol"),
    path("cursus/<int:course_id>/uitnodigen/", views.invite, name="invite"),
    path("module/<int:module_id>/vraag/<str:block_id>/", views.answer, name="answer"),
    path("module/<int:module_id>/reflectie/<str:block_id>/", views.reflection, name="reflection"),
    path("module/<int:module_id>/afronden/", views.complete, name="complete"),
    path("module/<int:module_id>/h5p/<str:block_id>/xapi/", views.h5p_statement, name="h5p_statement"),
    path("rapporten/", views.report_list, name="reports"),
    path("rapporten/<int:course_id>/", views.report, name="report"),
    path("h5p/<str:token>/", player.player, name="h5p_player"),
    path("h5p/<str:token>/<path:path>", player.player_file, name="h5p_file"),
]
