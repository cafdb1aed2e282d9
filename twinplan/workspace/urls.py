"""Workspace URLs, generated for every kind in the registry."""

from django.urls import URLPattern, path

from twinplan.spreadsheets.urls import urlpatterns as spreadsheet_patterns
from twinplan.workspace import library, media_views, network, process, tokens, translations, views
from twinplan.workspace.registry import KINDS

app_name = "workspace"


def _kind_patterns() -> list[URLPattern]:
    patterns = []
    for name, kind in KINDS.items():
        extra = {"kind_name": name}
        if kind.can_add:
            patterns.append(path(f"<slug:slug>/{name}/add/", views.entity_add, extra,
                                 name=f"{name}_add"))
        patterns.append(path(f"<slug:slug>/{name}/<int:pk>/edit/", views.entity_edit, extra,
                             name=f"{name}_edit"))
        if kind.can_delete:
            patterns.append(path(f"<slug:slug>/{name}/<int:pk>/delete/", views.entity_delete,
                                 extra, name=f"{name}_delete"))
        if kind.publishable:
            patterns.append(path(f"<slug:slug>/{name}/<int:pk>/publish/",
                                 views.entity_publish, extra, name=f"{name}_publish"))
        if kind.has_history:
            patterns.append(path(f"<slug:slug>/{name}/<int:pk>/history/",
                                 views.entity_history, extra, name=f"{name}_history"))
            patterns.append(path(f"<slug:slug>/{name}/<int:pk>/history/<int:record>/restore/",
                                 views.entity_history_restore, extra,
                                 name=f"{name}_history_restore"))
    return patterns


urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("api-tokens/", tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", tokens.api_token_revoke_view, name="api_token_revoke"),
    # The partnership's process: reviews, editions, phases, archive, bulk edits, digests.
    path("digest/", process.digest_settings, name="digest_settings"),
    # A published measure of the library copied into one's own draft edition.
    path("library/<int:pk>/use/", library.template_use, name="library_use"),
    path("<slug:slug>/review/", process.review_queue, name="review"),
    path("<slug:slug>/review/<str:kind_name>/<int:pk>/", process.review_decide,
         name="review_decide"),
    path("<slug:slug>/programme/<int:pk>/new-edition/", process.edition_start,
         name="edition_start"),
    path("<slug:slug>/programme/<int:pk>/measures/", process.measures_bulk,
         name="measures_bulk"),
    path("<slug:slug>/phases/template/", process.phases_template, name="phases_template"),
    path("<slug:slug>/archive/", process.archive, name="archive"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("<slug:slug>/invitations/", views.invitations, name="invitations"),
    path("<slug:slug>/bin/", views.bin_list, name="bin"),
    path("<slug:slug>/bin/<int:pk>/restore/", views.bin_restore_view, name="bin_restore"),
    path("<slug:slug>/translations/", translations.translations_overview, name="translations"),
    path(
        "<slug:slug>/translations/<str:kind_name>/<int:pk>/<str:language>/",
        translations.translation_edit,
        name="translation_edit",
    ),
    *spreadsheet_patterns,
    path("<slug:slug>/media/upload/", media_views.media_upload, name="media_upload"),
    # The partnership's exchange rates (workspace/network.py).
    path("<slug:slug>/rates/", network.partnership_rates, name="rates"),
    *_kind_patterns(),
]
