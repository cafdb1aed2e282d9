"""Named users whose roles make permission tests read like a spec, and shared fixtures.

- alice: coordinator for Wernigerode in the Wernigerode – Hội An partnership
- bao: her partner, coordinator for Hội An in the same partnership
- charlie: contributor for a school attached to that partnership
- olga: a user with no role anywhere (an outsider)
- anonymous: the test client without a login
"""

from __future__ import annotations

import os

import pytest
from django.utils import translation

from twinplan.accounts.tests.factories import UserFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.organisations.models import OrganisationType
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import Partnership, PartnershipRole, RoleKind
from twinplan.partnerships.tests.factories import PartnershipFactory


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def wernigerode(db):
    return MunicipalityFactory(
        slug="wernigerode", name="Wernigerode", country="DE", region_code="DE-ST",
        latitude=51.83652, longitude=10.78216, location_source="GeoNames 2810808",
    )


@pytest.fixture
def hoi_an(db):
    return MunicipalityFactory(
        slug="hoi-an", name="Hội An", country="VN", currency="VND", working_languages=["vi"],
        original_language="vi", latitude=15.87944, longitude=108.335,
        location_source="GeoNames 1580541",
    )


@pytest.fixture
def partnership(wernigerode, hoi_an) -> Partnership:
    return PartnershipFactory(
        slug="wernigerode-hoi-an", title="Klimapartnerschaft Wernigerode – Hội An",
        members=[wernigerode, hoi_an],
    )


@pytest.fixture
def alice(partnership, wernigerode):
    user = UserFactory(username="alice", language="de")
    PartnershipRole.objects.create(
        user=user, partnership=partnership, role=RoleKind.COORDINATOR, municipality=wernigerode
    )
    return user


@pytest.fixture
def bao(partnership, hoi_an):
    user = UserFactory(username="bao", language="vi", time_zone="Asia/Ho_Chi_Minh")
    PartnershipRole.objects.create(
        user=user, partnership=partnership, role=RoleKind.COORDINATOR, municipality=hoi_an
    )
    return user


@pytest.fixture
def charlie(partnership, hoi_an):
    school = OrganisationFactory(name="School in Hội An", kind=OrganisationType.SCHOOL,
                                 municipality=hoi_an)
    user = UserFactory(username="charlie")
    PartnershipRole.objects.create(
        user=user, partnership=partnership, role=RoleKind.CONTRIBUTOR, organisation=school
    )
    return user


@pytest.fixture
def olga(db):
    return UserFactory(username="olga")


# --- the PostgreSQL pass of CI: only what touches the database -----------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="run only the tests that use the database (CI's second pass, on PostgreSQL)",
    )


def pytest_collection_modifyitems(config, items):
    _transaction_tests_keep_migrated_rows(items)
    if not config.getoption("--database-tests-only"):
        return
    selected, deselected = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or (
            "django_db_setup" in getattr(item, "fixturenames", ())
        )
        # Outside checkers (the Nu HTML Checker) ran once already on the first pass.
        uses_database = uses_database and item.get_closest_marker("once") is None
        (selected if uses_database else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def _transaction_tests_keep_migrated_rows(items):
    """A test with committed rows (transaction=True) ends by emptying every table: the rows
    the data migrations loaded (SDGs, languages, reference data) are gone for the tests run
    after it in the same process, and the content types come back with other keys, so the
    next test that restores them fails. serialized_rollback puts them back."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get(
                "serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test with committed rows has emptied the tables, put the migrated rows back
    at once, not only when the next such test starts: with the suite spread over several
    processes (pytest-xdist) a plain test may run next in this process and needs them."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test databases are gone already.
    if nextitem is not None and marker and marker.kwargs.get("serialized_rollback"):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


# --- a real browser ------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _browser_missing(reason: str) -> None:
    """Skip the browser test, except in CI (CI=true), where a missing browser fails it."""
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true: the browser tests must run here)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A Playwright page in Debian's chromium (`make test` installs it). Skips with a clear
    message where chromium or Playwright is missing; fails instead under CI=true."""
    import shutil

    executable = os.environ.get("TWINPLAN_CHROMIUM") or shutil.which("chromium")
    if not executable:
        _browser_missing("chromium is missing: run `make test` as root, or apt-get install "
                         "chromium")
    try:
        from playwright import sync_api
    except ImportError:
        _browser_missing("Playwright is missing: run `make install-dev`")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous, so Django's guard against async use does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(base_url=live_server.url)
        page.set_default_timeout(15_000)
        yield page
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_content_languages():
    """The added content languages are cached across requests; a test's rows are rolled
    back, so each test starts with an empty cache."""
    from django.core.cache import cache

    from twinplan.core.languages import CACHE_KEY

    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)
