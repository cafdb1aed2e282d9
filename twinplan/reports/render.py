"""A document as HTML or PDF. The PDF comes from WeasyPrint: fonts embedded (Debian's Noto
fonts, see the Makefile's `font-deps`), bookmarks from the headings, page numbers, the
document's title and language set, tagged as PDF/UA-1."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from twinplan.partnerships.models import Partnership
from twinplan.reports.builder import Edition, document_html
from twinplan.reports.models import DocumentFormat
from twinplan.reports.selectors import report_data

Progress = Callable[[int], None]


@contextmanager
def _without_garbage_collection() -> Iterator[None]:
    """No garbage collection while a document is built and laid out: its model objects,
    template nodes and above all WeasyPrint's boxes are hundreds of thousands of live
    objects, and each full collection walks all of them (for the 200-measure results
    report ten full collections of about 100 ms each, a sixth of its time; a bare
    document of as many pages has two of 35 ms). Nearly all of it is freed by reference
    counting anyway; peak memory stayed the same (250 MB against 256 MB). The cycles left
    are collected as soon as collection is back on. Nests: only the outermost turns it on
    again, and only if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which pages that never make a
    # PDF need not pay for.
    import weasyprint

    with _without_garbage_collection():
        document = weasyprint.HTML(string=html, base_url=None)
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=None)
    return pdf


def document(
    partnership: Partnership,
    *,
    kind: str,
    languages: Sequence[str],
    scope: str,
    today: date,
    file_format: str = DocumentFormat.PDF,
    edition: Edition | None = None,
    progress: Progress | None = None,
    standalone: bool = True,
) -> bytes:
    """The document's bytes: HTML (UTF-8) or PDF. `standalone=False` links the style
    sheet instead of embedding it (HTML served by the site)."""
    with _without_garbage_collection():
        data = report_data(partnership, scope=scope, today=today)
        if progress:
            progress(10)
        html = document_html(data, kind=kind, languages=languages, edition=edition,
                             progress=progress,
                             standalone=standalone or file_format == DocumentFormat.PDF)
        if file_format == DocumentFormat.HTML:
            return html.encode("utf-8")
        if progress:
            progress(55)
        return html_to_pdf(html)
