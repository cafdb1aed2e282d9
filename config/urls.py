from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from twinplan.public import views as public_views
from twinplan.public.sitemaps import SITEMAPS

handler400 = "twinplan.public.errors.bad_request"
handler403 = "twinplan.public.errors.permission_denied"
handler404 = "twinplan.public.errors.page_not_found"
handler500 = "twinplan.public.errors.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("twinplan.api.urls")),
    # For search engines and browsers: the sitemap, robots.txt, the icon (twinplan.public).
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("favicon.ico", public_views.favicon, name="favicon"),
    # Photos and documents, each request checked (twinplan.media.views).
    path("", include("twinplan.media.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/network/", include("twinplan.workspace.network_urls")),
    path("", include("twinplan.interchange.urls")),
    # Documents (the reports app): pages under partnerships/… and workspace/…
    path("", include("twinplan.reports.urls")),
    path("workspace/", include("twinplan.workspace.urls")),
    path("", include("twinplan.public.urls")),
    prefix_default_language=True,
)
