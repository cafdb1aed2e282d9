from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from twinplan.api.api import api


def unknown_endpoint(request: HttpRequest, rest: str) -> JsonResponse:
    return JsonResponse({"detail": _("There is no such endpoint. The endpoints are listed "
                                     "at /api/v1/docs."), "errors": []}, status=404)


urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_endpoint),
]
