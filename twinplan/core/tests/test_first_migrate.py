"""`migrate` on an empty database with production's database cache, before
`createcachetable` has made its table: the order docs/deployment.md gives. The page cache's
generation bump must not touch the missing table while migrations write rows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow


def test_the_first_migrate_runs_before_the_cache_table_exists(tmp_path: Path):
    environment = {
        key: value for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL")
    } | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "TWINPLAN_SECRET_KEY": "a-test-key-" + "x" * 50,
        "TWINPLAN_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "twinplan_cache" not in done.stderr
