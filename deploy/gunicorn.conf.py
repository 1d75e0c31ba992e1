"""gunicorn settings for Collector: `gunicorn -c deploy/gunicorn.conf.py collector.wsgi:app`.

See docs/deploy.md. Each setting can be changed per server through the environment
(e.g. GUNICORN_WORKERS=4 in /etc/collector/collector.env) without editing this file.
"""

import os

# nginx on the same machine talks to this address; nothing else should reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes x threads = requests served at once. Threads suit this app: most of a request
# is waiting for the database. Each thread may hold one database connection, so
# workers x threads x app servers must stay below PostgreSQL's max_connections (100).
# The numbers are a starting point for a 2-core server; see docs/deploy.md.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Load the app in each worker after the fork: database connections and the background
# export threads must belong to the process that uses them.
preload_app = False

# A request that takes longer than this is stuck. Large exports are built in background
# threads (EXPORT_INLINE_LIMIT), which this timeout does not cover; the biggest inline
# export and a phone's 100-interview batch take seconds.
timeout = 120
# On restart, a worker finishes what it is doing (a batch from a phone) before it stops.
graceful_timeout = 60
keepalive = 5
# No max_requests: recycling a worker would stop the export it is building in the background.

# nginx on this machine sets X-Forwarded-Proto; the app itself trusts proxy headers only as
# PROXY_FIX_X_FOR / PROXY_FIX_X_PROTO say (instance/config.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout/stderr, where systemd's journal keeps them (journalctl -u collector).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The address nginx forwarded, the path without its query string, the time in ms, the browser.
access_log_format = '%({x-forwarded-for}i)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = "collector"
