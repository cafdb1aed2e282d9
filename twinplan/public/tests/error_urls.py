"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("test")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(_("You may not publish this."))


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [
    path("de/fails/400/", bad),
    path("de/fails/403/", forbidden),
    path("de/fails/500/", broken),
    path("vi/fails/500/", broken),
    *urlpatterns,
]
