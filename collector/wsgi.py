"""The WSGI entry point for app servers: `gunicorn collector.wsgi:app` (docs/deploy.md)."""

from collector import create_app

app = create_app()
