from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("mijn/", views.my_links, name="my_links"),
    path("koppeling/<int:link_id>/beeindigen/", views.end_link, name="end_link"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/vertrouwenspersonen/<int:vp_id>/", views.vp_detail, name="vp_detail"),
    path("<slug:slug>/uitnodigingen/<int:invitation_id>/intrekken/", views.cancel_invitation, name="cancel_invitation"),
]
