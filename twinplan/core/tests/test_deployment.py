"""The database, cache and production settings that let several processes share one site,
and the daily housekeeping command."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler
from django.utils import timezone

from config.settings.base import database_from_url

BASE_DIR = Path(__file__).resolve().parents[3]


def test_sqlite_opens_in_wal_mode_with_immediate_transactions(tmp_path, django_db_blocker):
    django_db_blocker.unblock()
    handler = ConnectionHandler({"default": database_from_url(f"sqlite:///{tmp_path}/t.db")})
    connection = handler["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone() == (1,)  # NORMAL
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert connection.settings_dict["OPTIONS"]["timeout"] == 20
    finally:
        connection.close()
        django_db_blocker.restore()


def test_a_second_sqlite_writer_waits_for_the_first(tmp_path, django_db_blocker):
    """A transaction takes the write lock when it begins (BEGIN IMMEDIATE), so it never has
    to give up half-way; another one waits for it (up to the timeout) instead of failing."""
    django_db_blocker.unblock()
    url = f"sqlite:///{tmp_path}/t.db"
    impatient_settings = database_from_url(url)
    impatient_settings["OPTIONS"]["timeout"] = 0.05
    handler = ConnectionHandler({
        "default": database_from_url(url), "wal_first": database_from_url(url),
        "wal_impatient": impatient_settings, "wal_patient": database_from_url(url),
    })
    holding, release = threading.Event(), threading.Event()

    def first_writer() -> None:
        connections["wal_first"] = handler["wal_first"]
        try:
            with transaction.atomic(using="wal_first"), handler["wal_first"].cursor() as cursor:
                cursor.execute("INSERT INTO note VALUES ('first')")
                holding.set()
                release.wait(10)
        finally:
            handler["wal_first"].close()
            del connections["wal_first"]

    for alias in ("wal_impatient", "wal_patient"):
        connections[alias] = handler[alias]
    impatient, patient = handler["wal_impatient"], handler["wal_patient"]
    writer = threading.Thread(target=first_writer)
    try:
        with impatient.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
        writer.start()
        assert holding.wait(10)
        # Readers outside a transaction are never blocked by the writer (WAL).
        with impatient.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            assert cursor.fetchone() == (0,)
        # A transaction asks for the write lock when it begins, even if it only reads.
        with pytest.raises(OperationalError, match="locked"), transaction.atomic(
            using="wal_impatient"
        ):
            pass
        # With the usual timeout it waits for the first writer to commit.
        threading.Timer(0.2, release.set).start()
        with transaction.atomic(using="wal_patient"), patient.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            assert cursor.fetchone() == (1,)
            cursor.execute("INSERT INTO note VALUES ('second')")
        with impatient.cursor() as cursor:
            cursor.execute("SELECT text FROM note ORDER BY text")
            assert cursor.fetchall() == [("first",), ("second",)]
    finally:
        release.set()
        writer.join(10)
        for alias in ("wal_impatient", "wal_patient"):
            handler[alias].close()
            del connections[alias]
        django_db_blocker.restore()


def test_postgresql_is_left_as_it_is():
    database = database_from_url("postgres://u:p@127.0.0.1:5432/twinplan")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database.get("OPTIONS", {}) == {}


def _production_settings(**env: str | None) -> dict[str, str]:
    """Values of config.settings.production in a fresh interpreter with ENV (None: unset)."""
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("TWINPLAN_", "REDIS_URL", "DATABASE_URL", "DJANGO_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production",
                       TWINPLAN_SECRET_KEY="k" * 60)
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND']); "
        "print(s.STORAGES['staticfiles']['BACKEND']); print(s.DEBUG); "
        "print(s.LOGGING['handlers']['stdout']['stream'].name)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment,
        capture_output=True, text=True, check=False,
    )
    return {"returncode": str(result.returncode), "stdout": result.stdout,
            "stderr": result.stderr}


def test_production_shares_the_cache_through_redis_or_the_database():
    with_redis = _production_settings(REDIS_URL="redis://127.0.0.1:6379/2")
    assert with_redis["returncode"] == "0", with_redis["stderr"]
    assert with_redis["stdout"].split() == [
        "django.core.cache.backends.redis.RedisCache",
        "whitenoise.storage.CompressedManifestStaticFilesStorage", "False", "<stdout>",
    ]
    without = _production_settings()
    assert without["stdout"].split()[0] == "django.core.cache.backends.db.DatabaseCache"


def test_production_refuses_to_start_without_a_secret_key_or_with_bad_values():
    without_key = _production_settings(TWINPLAN_SECRET_KEY=None)
    assert without_key["returncode"] != "0"
    assert "The environment variable TWINPLAN_SECRET_KEY must be set." in without_key["stderr"]
    bad_port = _production_settings(TWINPLAN_EMAIL_PORT="smtp")
    assert bad_port["returncode"] != "0"
    assert "TWINPLAN_EMAIL_PORT='smtp' is not a port number" in bad_port["stderr"]
    bad_level = _production_settings(TWINPLAN_LOG_LEVEL="loud")
    assert "TWINPLAN_LOG_LEVEL='LOUD' is not a level" in bad_level["stderr"]


@pytest.mark.django_db
def test_daily_deletes_expired_sessions_and_old_job_results(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="new", session_data="", expire_date=now + timedelta(1))
    from django_tasks_db.models import DBTaskResult

    def finished(days_ago: int) -> DBTaskResult:
        return DBTaskResult.objects.create(
            task_path="twinplan.machinetranslation.tasks.translate", args_kwargs={},
            status="SUCCESSFUL", run_after=now - timedelta(days=days_ago),
            finished_at=now - timedelta(days=days_ago), backend_name="default",
            queue_name="default",
        )

    finished(30)
    recent = finished(1)
    call_command("daily", verbosity=0)
    assert set(Session.objects.values_list("session_key", flat=True)) == {"new"}
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db
def test_daily_with_nothing_to_do_changes_nothing():
    call_command("daily", verbosity=0)
    call_command("daily", verbosity=0)
    assert not Session.objects.exists()


# Committed rows, so that pg_dump (another connection) sees them; serialized_rollback puts
# the migrated rows back for the tests after it, as in the browser tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_writes_a_copy_that_can_be_read_back(tmp_path):
    from django.db import connection

    Session.objects.create(session_key="kept", session_data="",
                           expire_date=timezone.now() + timedelta(1))
    old = tmp_path / "twinplan-2000-01-01T000000000000Z.dump"
    old.write_text("old")
    os.utime(old, (0, 0))
    unrelated = tmp_path / "notes.dump"
    unrelated.write_text("mine")
    os.utime(unrelated, (0, 0))
    out = StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    copy = Path(out.getvalue().splitlines()[0])
    assert copy.parent == tmp_path
    assert copy.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert not old.exists()
    assert unrelated.exists()
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(copy)) as database:
            rows = database.execute("SELECT session_key FROM django_session").fetchall()
        assert rows == [("kept",)]
    else:
        rows = subprocess.run(  # noqa: S603
            ["pg_restore", "--data-only", "--table=django_session", "--file=-", str(copy)],  # noqa: S607
            capture_output=True, text=True, check=True,
        ).stdout
        assert "\nkept\t" in rows


def test_backup_refuses_a_negative_age():
    with pytest.raises(CommandError, match="--keep-days must be 0 or more"):
        call_command("backup", "/nonexistent", "--keep-days", "-1")


def test_the_deployment_guide_names_the_operator_variables_of_the_impressum():
    # An operator following docs/deployment.md alone must learn what fills the Impressum.
    import re

    settings_text = (BASE_DIR / "config" / "settings" / "base.py").read_text()
    guide = (BASE_DIR / "docs" / "deployment.md").read_text()
    names = set(re.findall(r'"(TWINPLAN_OPERATOR_[A-Z_]+)"', settings_text))
    assert names
    assert {name for name in names if f"`{name}`" not in guide} == set()
    assert {name for name in names if f"{name}=" not in guide} == set()  # in the env file


def test_a_backslash_n_in_the_operator_address_starts_a_new_line():
    # The environment file (shell `.` and systemd alike) keeps `\n` as two characters.
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("TWINPLAN_", "DJANGO_"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.dev",
                       TWINPLAN_OPERATOR_ADDRESS=r"Marktplatz 1\n38855 Wernigerode")
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(repr(s.TWINPLAN_OPERATOR_ADDRESS))")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment,
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == repr("Marktplatz 1\n38855 Wernigerode")
