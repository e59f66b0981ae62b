from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("cursus/<int:course_id>/inschrijven/", views.enrol, name="enrol"),
    path("module/<int:module_id>/vraag/<str:block_id>/", views.answer, name="answer"),
    path("module/<int:module_id>/reflectie/<str:block_id>/", views.reflection, name="reflection"),
    path("module/<int:module_id>/afronden/", views.complete, name="complete"),
]
