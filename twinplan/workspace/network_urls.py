"""The network pages of the workspace (/<lang>/workspace/network/…)."""

from django.urls import path

from twinplan.workspace import network

app_name = "network"

urlpatterns = [
    path("partnerships/new/", network.partnership_new, name="partnership_new"),
    path("languages/", network.languages, name="languages"),
    path("languages/<int:pk>/", network.language_edit, name="language_edit"),
    path("rates/", network.rates_upload, name="rates"),
    path("people/", network.people, name="people"),
    path("dashboard/", network.dashboard, name="dashboard"),
    path("dashboard/partnerships.csv", network.dashboard_csv_export, name="dashboard_csv"),
]
