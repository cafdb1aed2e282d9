from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

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
