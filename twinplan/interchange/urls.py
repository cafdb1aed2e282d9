from django.urls import path

from twinplan.interchange import views

app_name = "interchange"

urlpatterns = [
    path("partnerships/<slug:slug>/events.ics", views.events_ics, name="events_ics"),
    path("partnerships/<slug:slug>/iati.xml", views.public_iati, name="public_iati"),
    path("workspace/<slug:slug>/iati.xml", views.workspace_iati, name="workspace_iati"),
    path("workspace/funding-programmes/<slug:slug>/iati/", views.funding_programme_iati,
         name="funding_programme_iati"),
]
