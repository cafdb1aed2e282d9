"""The one way to a stored file: `/files/<key>/<variant>/`. The key is random (not the
database id), so addresses cannot be guessed; the view checks on every request that the
item is published with everything above it, or that the reader may see the partnership's
drafts. A file the reader may not see answers 404, as one that does not exist."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from twinplan.media.models import MediaItem
from twinplan.media.selectors import rendition_name
from twinplan.partnerships.permissions import partnership_access


@require_safe
def media_file(request: HttpRequest, key: str, variant: str) -> FileResponse:
    item = MediaItem.objects.select_related("partnership").filter(key=key).first()
    if item is None:
        raise Http404("No such file.")
    if variant == "file":
        name = item.file.name or ""
    elif variant in item.renditions:
        name = rendition_name(item, int(variant))
    else:
        raise Http404("No such rendition.")
    public = MediaItem.objects.published().filter(pk=item.pk).exists()
    if not public and not partnership_access(request.user, item.partnership).view_drafts:
        raise Http404("No such file.")
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    content_type = "image/webp" if variant != "file" else item.content_type
    response = FileResponse(handle, content_type=content_type)
    if item.kind == "document":
        response["Content-Disposition"] = f'inline; filename="{item.key}.pdf"'
    # Never run anything a file might contain, even opened on its own.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Vary"] = "Cookie"
    return response
