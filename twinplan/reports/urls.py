"""Document pages: public ones beside the partnership's page, workspace ones beside the
workspace (both included in config/urls.py)."""

from django.urls import path

from twinplan.reports import views

app_name = "reports"

urlpatterns = [
    path("partnerships/<slug:slug>/documents/", views.documents_public, name="public_documents"),
    path("partnerships/<slug:slug>/documents/current/<str:kind>/",
         views.document_current_public, name="public_current"),
    path("partnerships/<slug:slug>/documents/<int:pk>/download/",
         views.edition_download_public, name="public_download"),
    path("workspace/<slug:slug>/documents/", views.documents_workspace,
         name="workspace_documents"),
    path("workspace/<slug:slug>/documents/issue/", views.edition_issue_view, name="issue"),
    path("workspace/<slug:slug>/documents/preview/<str:kind>/", views.document_preview,
         name="preview"),
    path("workspace/<slug:slug>/documents/<int:pk>/", views.edition_status, name="status"),
    path("workspace/<slug:slug>/documents/<int:pk>/download/",
         views.edition_download_workspace, name="workspace_download"),
    path("workspace/<slug:slug>/documents/<int:pk>/withdraw/", views.edition_withdraw_view,
         name="withdraw"),
]
