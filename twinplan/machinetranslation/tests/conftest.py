import socket

import pytest

from twinplan.machinetranslation.tests.libretranslate_stub import StubLibreTranslate
from twinplan.programmes.tests.factories import MeasureFactory

API_KEY = "test-key"


@pytest.fixture
def libretranslate():
    """A LibreTranslate-compatible server on 127.0.0.1 at a free port, for one test."""
    server = StubLibreTranslate(api_key=API_KEY).start()
    yield server
    server.stop()


@pytest.fixture
def machine_translation_on(settings, libretranslate):
    settings.LIBRETRANSLATE_URL = libretranslate.url
    settings.LIBRETRANSLATE_API_KEY = API_KEY
    settings.LIBRETRANSLATE_TIMEOUT_S = 5
    return libretranslate


@pytest.fixture
def refused_url():
    """The address of a port on 127.0.0.1 where nothing listens (the server is down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def measure(db):
    return MeasureFactory(
        title="Saubere Energie für Schulen",
        summary="Photovoltaik auf drei Schuldächern",
        original_language="de",
    )
