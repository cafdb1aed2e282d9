"""gunicorn's configuration for twinplan (`make serve-prod`, docs/deployment.md):
`gunicorn -c config/gunicorn.py`. Every value can be overridden on the command line or
with GUNICORN_CMD_ARGS; the number of workers with WEB_CONCURRENCY."""

import gc
import os

from django.db import connections

wsgi_app = "config.wsgi:application"
bind = os.environ.get("TWINPLAN_BIND", "127.0.0.1:8000")
# Sync workers: each serves one request at a time, the proxy buffers slow clients.
# Default: 2 per core plus one.
_concurrency = os.environ.get("WEB_CONCURRENCY", "").strip()
if _concurrency and not (_concurrency.isdigit() and int(_concurrency) > 0):
    raise SystemExit(f"WEB_CONCURRENCY={_concurrency!r} must be a whole number above 0.")
workers = int(_concurrency) if _concurrency else 2 * (os.cpu_count() or 1) + 1
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests, so a slow leak never grows for long.
max_requests = 1000
max_requests_jitter = 100
# The application is imported once in the master and shared by the forked workers.
preload_app = True
# The proxy on this machine may say which scheme the client used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Access and error log to standard output / error, where the journal keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("TWINPLAN_LOG_LEVEL", "info").lower()
proc_name = "twinplan"
# No control socket in $HOME: two instances on one machine would fight over it.
control_socket_disable = True

# No collection while the application is imported in the master: collections there would
# leave freed holes in pages the workers share (the advice of the `gc.freeze` docs).
gc.disable()


def when_ready(server: object) -> None:
    """The application is loaded in the master and the workers are about to be forked.
    No database connection is handed down to them (each worker opens its own). Then
    everything allocated so far is moved out of the garbage collector's reach, so the
    workers share those memory pages instead of each copying them when the collector
    touches their reference counts."""
    connections.close_all()
    gc.freeze()


def post_fork(server: object, worker: object) -> None:
    """In each worker: collections again, for the objects requests make only (what the
    master loaded is frozen), and less often than by default, since a request allocates
    many short-lived objects and a full collection of a large heap took up to 269 ms."""
    gc.enable()
    gc.set_threshold(50_000, 20, 100)
