"""The production server's memory set-up (config/gunicorn.py): what the master loaded is
frozen before the workers fork, and the workers collect again."""

from __future__ import annotations

import gc
import importlib

import pytest


@pytest.fixture
def gunicorn_config():
    threshold = gc.get_threshold()
    try:
        config = importlib.reload(importlib.import_module("config.gunicorn"))
        assert not gc.isenabled()  # no collection while the master imports the app
        yield config
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.enable()


def test_master_freezes_and_workers_collect_again(gunicorn_config):
    gunicorn_config.when_ready(object())
    assert gc.get_freeze_count() > 0
    gunicorn_config.post_fork(object(), object())
    assert gc.isenabled()
    assert gc.get_threshold()[0] == 50_000
