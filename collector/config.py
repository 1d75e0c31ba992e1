"""Configuration: defaults here, overridden by `instance/config.py` and the environment."""

import os


class Config:
    """Defaults for every deployment; `instance/config.py` may override any of them."""

    # SECRET_KEY is deliberately absent: create_app reads it from instance/ or makes one there.
    SQLALCHEMY_DATABASE_URI: str | None = None  # None: SQLite file in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # A batch of 100 long interviews is well under 2 MB; anything bigger is a mistake or abuse.
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    MAX_BATCH_SIZE = 100
    LANGUAGES = ["lv", "en", "ru"]
    BABEL_DEFAULT_LOCALE = "lv"
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations"
    )
    FORMS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "forms")
    # Werkzeug's scrypt (n=2**15): about 0.1 s a login, costly for anyone guessing offline.
    # Tests use a cheap method so thousands of logins stay fast; never lower it in production.
    PASSWORD_HASH_METHOD = "scrypt:32768:8:1"  # noqa: S105 -- a method name, not a password
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Browsers keep Secure cookies on https and on http://localhost / 127.0.0.1 (make run).
    # Only a test install on plain http over a network needs False, and should not exist.
    SESSION_COOKIE_SECURE = True
    # No inline script or style anywhere: an answer that smuggles markup cannot run.
    # worker-src/manifest-src: the service worker and the home-screen manifest are ours.
    CONTENT_SECURITY_POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    WTF_CSRF_TIME_LIMIT = None  # interviewers keep a form open for hours on a home visit
    # Logins last through a three-day field trip without coverage.
    PERMANENT_SESSION_LIFETIME = 14 * 24 * 3600
    # Names a deployment (e.g. a git tag); with the static files' hashes it names the offline
    # cache, so phones pick up a release even when only pages changed.
    RELEASE_NAME = os.environ.get("COLLECTOR_RELEASE", "")
    # Where the fieldwork happens: days in Progress and times in exports are local ones.
    TIMEZONE = "Europe/Riga"
    # Exports of up to this many submissions are built within the request (about a second);
    # larger ones in the background, with a progress page.
    EXPORT_INLINE_LIMIT = 2_000
    # None: exports/ in the instance folder. Several app servers must share this folder:
    # the download may reach another server than the one that built the file.
    EXPORT_FOLDER: str | None = None
    EXPORT_KEEP_HOURS = 24
    EXPORT_WORKERS = 1  # builds at once per app server; each holds one database connection
    # Excel's own limit; tests lower it to see a sheet continue on the next one.
    EXPORT_MAX_ROWS_PER_SHEET = 1_048_576
    # Public respondent links: per link and address. A leaflet at a day centre may bring a
    # dozen people on the centre's one Wi-Fi address within minutes; a script brings more.
    RESPONDENT_LINK_RATE_LIMIT = "30 per minute;300 per hour"
    # Failed logins per user name: a person who mistypes a few times is not stopped, while
    # someone guessing one person's password gets at most 20 tries an hour. While locked
    # even the right password is refused, so a lucky guess gains nothing.
    LOGIN_RATE_LIMIT = "5 per minute;20 per hour"
    # Failed logins per address, any user name: the first evening's twenty students on one
    # Wi-Fi may mistype a few times each; trying one password on many names is stopped.
    LOGIN_ADDRESS_RATE_LIMIT = "60 per minute;300 per hour"
    # API calls per credential (bearer token, or the session's user), all routes together.
    # A phone syncs a few batches of up to MAX_BATCH_SIZE a minute; a loop stops here.
    API_RATE_LIMIT = "120 per minute"
    # The address respondents reach this server at, for links, QR codes and leaflets, e.g.
    # "https://collector.example.lv". None: the address a page was asked at, and for the
    # command line http://127.0.0.1:5000 (what `make run` serves).
    PUBLIC_BASE_URL: str | None = None
    # memory:// counts per app process; with several app servers use a shared store, e.g.
    # "redis://127.0.0.1:6379", so a limit is one limit.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # How many reverse proxies (nginx, a load balancer) stand in front of the app and set
    # X-Forwarded-For / X-Forwarded-Proto. 0 trusts none: a client could otherwise name any
    # address and slip past per-address rate limits. Behind one nginx set both to 1
    # (docs/deploy.md), so limits count respondents, not the proxy, and links say https.
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0


def database_url_from_environment() -> str | None:
    """`DATABASE_URL` as SQLAlchemy wants it (plain postgresql:// means psycopg 3)."""
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url or None
