"""Settings, read from environment variables (see README: "Configuration")."""

import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DATA_DIR", Path.cwd() / "var"))


def envbool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name):
    """A secret from NAME, or from the file NAME_FILE points at (Docker/systemd secrets)."""
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    return os.environ.get(name, "")


DEBUG = envbool("DEBUG")
SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE), or DEBUG=1 for development.")
    SECRET_KEY = "development-only-key-never-use-in-production-" + "x" * 20

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "klimapartner.accounts",
    "klimapartner.mail",
    "klimapartner.records",
    "klimapartner.partners",
    "klimapartner.climate",
    "klimapartner.activities",
    "klimapartner.events",
    "klimapartner.stories",
    "klimapartner.expectations",
    "klimapartner.collaborations",
    "klimapartner.opendata",
    "klimapartner.tours",
    "django_tasks",
    "django_tasks_db",
    "klimapartner.jobs",
]

# Background jobs queue in the database itself (nothing else to install); `klimapartner db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "klimapartner.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "klimapartner.records.audit.AuditMiddleware",
    "klimapartner.security.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "klimapartner.urls"
WSGI_APPLICATION = "klimapartner.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klimapartner.context.site",
            ],
        },
    },
    {
        # Plain-text email: the same templates folders, nothing HTML-escaped (klimapartner.mail.delivery).
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

if not os.environ.get("DATABASE_URL"):
    # SQLite needs its folder; creating it here lets `klimapartner migrate` work on a fresh checkout.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'klimapartner.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for concurrent web use: readers never block the writer (WAL); a writer waits up to
    # `timeout` seconds for another's lock instead of failing with "database is locked"; and every
    # transaction takes the write lock when it begins (IMMEDIATE), because a transaction that reads
    # first and writes later cannot wait for the lock, it can only fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": envint("SQLITE_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Rendered fragments (the directory, the partner lists in forms) are cached per process, under keys that
# change with the data (partners/access.py: public_version), so no process ever shows a stale list.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["klimapartner.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:front"
SIGN_IN_LINK_HOURS = envint("SIGN_IN_LINK_HOURS", 72)
# A sign-in lasts a working day, not the two weeks Django would give it.
SESSION_COOKIE_AGE = envint("SESSION_HOURS", 10) * 3600
# A participant's personal link works until this many days after the partnership day.
PERSONAL_LINK_DAYS = envint("PERSONAL_LINK_DAYS", 90)
# Who signed up for an activity is forgotten this many years after it (`klimapartner forget_past`, run daily).
PERSONAL_DATA_YEARS = envint("PERSONAL_DATA_YEARS", 3)
# Links with a personal token in the path are never sent on to other sites.
SECURE_REFERRER_POLICY = "same-origin"
# Attempts allowed per period (seconds), counted in the database (klimapartner.accounts.throttle).
THROTTLES = {
    "sign-in-account": (envint("THROTTLE_SIGN_IN_ACCOUNT", 10), 15 * 60),  # wrong passwords for one account
    "sign-in-address": (envint("THROTTLE_SIGN_IN_ADDRESS", 30), 15 * 60),  # wrong passwords from one address
    "sign-in-link-account": (3, 60 * 60),  # sign-in emails to one address
    "sign-in-link-address": (10, 60 * 60),  # sign-in emails asked for from one client
    "colleague-registration": (10, 24 * 60 * 60),  # colleagues one participant invites
    "colleague-address": (30, 24 * 60 * 60),
}
# The reverse proxies in front of the app, whose X-Forwarded-For is believed (comma-separated IPs).
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES")
PASSWORD_RESET_TIMEOUT = SIGN_IN_LINK_HOURS * 3600

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["klimapartner.formats"]  # dates, times and numbers per language, set once

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
if DEBUG:
    # In development WhiteNoise serves from the app folders; a missing collectstatic folder is expected.
    warnings.filterwarnings("ignore", message="No directory at")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded import files and logos; larger files are refused with a message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 5 * 1024 * 1024)

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Klimapartner <klimapartner@localhost>")
# Without a mail server in development, mail (and its sign-in links) is printed to the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or not DEBUG
    else "django.core.mail.backends.console.EmailBackend"
)

# The programme's own name and the map's tile server, so another municipality can run it.
PROGRAMME_NAME = os.environ.get("PROGRAMME_NAME", "Klimapartnerskaber")
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Hjørring Kommune")
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# tours: an OSRM-compatible table service for road travel times (empty: from the coordinates; docs/routing.md)
ROUTING_TABLE_URL = os.environ.get("ROUTING_TABLE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)
MAP_CENTER = (57.46, 10.0)

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy: scripts and styles from our own static files only (a template that truly needs an
# inline <script> or <style> gives it nonce="{{ request.csp_nonce }}"); map tiles from the tile server.
# style attributes are still allowed (style-src-attr) while the templates' last few move into site.css.
_tiles = urlsplit(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *([f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"] if _tiles.netloc else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Browser features no page uses: off (the map needs no geolocation; nothing records or pays).
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking"))

# Forms render with DKFDS markup (templates/forms/ and templates/django/forms/).
FORM_RENDERER = "klimapartner.forms.DKFDSRenderer"
