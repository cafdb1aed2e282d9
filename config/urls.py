from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

handler400 = "twinplan.public.errors.bad_request"
handler403 = "twinplan.public.errors.permission_denied"
handler404 = "twinplan.public.errors.page_not_found"
handler500 = "twinplan.public.errors.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/", include("twinplan.workspace.urls")),
    path("", include("twinplan.public.urls")),
    prefix_default_language=True,
)
