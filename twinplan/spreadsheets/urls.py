"""The spreadsheet pages, mounted in the workspace's URLs (names workspace:sheet…)."""

from django.urls import path

from twinplan.spreadsheets import views

urlpatterns = [
    path("<slug:slug>/spreadsheets/", views.sheets, name="sheets"),
    path("<slug:slug>/spreadsheets/plan/", views.plan_download, name="sheet_plan"),
    path("<slug:slug>/spreadsheets/template/<str:language>/", views.template_download,
         name="sheet_template"),
    path("<slug:slug>/spreadsheets/imports/<int:pk>/", views.sheet_import,
         name="sheet_import"),
    path("<slug:slug>/spreadsheets/imports/<int:pk>/confirm/",
         views.sheet_import_confirm_view, name="sheet_import_confirm"),
]
