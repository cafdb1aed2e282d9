import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=StringIO())


def pdf_text(content: bytes) -> str:
    """The text of every page, with line breaks and repeated spaces folded, as a reader
    who copies it out of the PDF would find it."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)
