from django.urls import path

from . import staff_views, views

app_name = "certificates"

urlpatterns = [
    path("uitgever/", views.issuer, name="issuer"),
    path("uitgever/sleutels/<str:key_id>", views.key, name="key"),
    path("status/<int:number>", views.status_list, name="status_list"),
    path("controleren/", views.check, name="check"),
    path("v/<str:code>/", views.verify, name="verify"),
    path("v/<str:code>/credential.json", views.download_json, name="download_json"),
    path("v/<str:code>/badge.png", views.download_png, name="download_png"),
    path("v/<str:code>/certificaat.pdf", views.download_pdf, name="download_pdf"),
    path("mijn/", staff_views.mine, name="mine"),
    path("werkgever/", staff_views.employer, name="employer"),
    path("beheer/", staff_views.manage, name="manage"),
    path("beheer/uitgeven/", staff_views.issue, name="issue"),
    path("beheer/<uuid:uuid>/intrekken/", staff_views.revoke, name="revoke"),
]
