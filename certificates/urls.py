from django.urls import path

from . import employer_views, record_views, staff_views, views

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
    path("overzicht/", record_views.mine, name="record"),
    path("overzicht/activiteit/<int:pk>/verwijderen/", record_views.delete_activity, name="delete_activity"),
    path("overzicht/activiteit/<int:pk>/bewijs/", record_views.proof, name="proof"),
    path("overzicht/export.csv", record_views.export_csv, name="record_csv"),
    path("overzicht/export.pdf", record_views.export_pdf, name="record_pdf"),
    path("werkgever/vp/<int:vp_id>/", record_views.of_vp, name="record_of_vp"),
    path("werkgever/vp/<int:vp_id>/export.csv", record_views.export_csv, name="record_of_vp_csv"),
    path("werkgever/vp/<int:vp_id>/export.pdf", record_views.export_pdf, name="record_of_vp_pdf"),
    path("werkgever/<slug:slug>/vp/<int:vp_id>/aanstelling/", employer_views.appointment, name="appointment"),
    path("werkgever/<slug:slug>/vp/<int:vp_id>/aanstellingsbrief.pdf", employer_views.appointment_letter, name="appointment_letter"),
    path("werkgever/<slug:slug>/vp/<int:vp_id>/dossier.pdf", employer_views.evidence_pack, name="evidence_pack"),
]
