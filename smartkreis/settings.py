"""Settings for smartkreis, read from environment variables.

The defaults are safe for production (DEBUG off, secure cookies, security headers, CSP);
`make run` switches DEBUG on for local use. See the README for every variable.
"""

import os
import urllib.parse
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from smartkreis import deployment

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# pytest (8.2+) sets PYTEST_VERSION for the whole session.
TESTING = "PYTEST_VERSION" in os.environ

# Management commands run without a key of their own; serving without DEBUG refuses to start
# unless SECRET_KEY is set (see smartkreis/wsgi.py and asgi.py).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_IS_DEFAULT = not SECRET_KEY
if SECRET_KEY_IS_DEFAULT:
    SECRET_KEY = "insecure-key-for-local-development-and-tests-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address, for links in mails sent by cron jobs (which have no request), and for the
# OParl API's ids behind a proxy. Only what is configured: a guessed default (say, port 8000)
# would be wrong for every server started elsewhere; the API then builds ids from the request.
SITE_URL = os.environ.get("SITE_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "smartkreis",
    "accounts",
    "audit",
    "organisations",
    "identity",
    "user_management",
    "strategy",
    "portfolio",
    "topics",
    "governance",
    "notifications",
    "papers",
    "council",
    "reports",
    "oparl",
    "oparl_import",
    "search",
    "online_services",
    "processes",
    "portal",
    "opendata",
    "legal",
    "dashboard",
    "tasks",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smartkreis.middleware.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Ends sessions idle for SESSION_IDLE_MINUTES; keeps users who must set up a second
    # factor on its page until they have.
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.SecondFactorEnrolmentMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartkreis.urls"
WSGI_APPLICATION = "smartkreis.wsgi.application"
ASGI_APPLICATION = "smartkreis.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smartkreis.context_processors.navigation",
            ],
        },
    }
]
FORM_RENDERER = "smartkreis.forms.KernFormRenderer"

# An embedded SQLite file by default, so a fresh machine needs no database server;
# production uses PostgreSQL: DATABASE_URL=postgres://user:password@host:5432/smartkreis
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'smartkreis.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        # Tests close every connection, so the test databases can be dropped afterwards.
        conn_max_age=0 if TESTING else int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers and the single writer of the dev server work side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# By user name AND address: an attacker's failures from one address lock that user name from
# that address only, so the real user still logs in from elsewhere. Wrong second-factor codes
# count as failures too (accounts.views).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Local accounts (accounts): second factor, password reset, idle sessions.
# Roles (User.Role values, e.g. ADMINISTRATOR,STAFF_UNIT) that must log in with a second
# factor (TOTP); empty by default, so the demo logins of `make run` need none. Logins through
# single sign-on leave the second factor to the identity provider.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "smartkreis")
# A session without a request for this long ends; the next request goes to the login.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
# How long the link of a password reset mail is valid.
PASSWORD_RESET_TIMEOUT = 60 * 60 * int(os.environ.get("PASSWORD_RESET_HOURS", "24"))
# Behind a reverse proxy the client's address is the one the proxy adds to X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# In production `collectstatic` gathers the files for WhiteNoise; while developing and testing
# WhiteNoise finds them in the apps directly.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (
    None if DEBUG or TESTING else BASE_DIR / "staticfiles"
)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Several web servers behind a load balancer (smartkreis.deployment): CACHE_URL=redis://… gives
# them one cache, STORAGE_BACKEND=s3 (with the AWS_* variables) one S3-compatible bucket for
# uploaded files and job results. Sessions are in the database, which they share anyway (with
# Redis also in the cache). Without these, the cache is in the process and files in MEDIA_ROOT.
# Tests keep their cache in the process whatever the shell sets: every test empties it, which
# must never reach a Redis that a running site uses.
CACHES = deployment.cache_settings({} if TESTING else os.environ)
SESSION_ENGINE = deployment.session_engine(CACHES)
STORAGES["default"] = deployment.default_storage_settings(os.environ)

# Security headers. TLS is usually terminated by a reverse proxy in front of the app server.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 10)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # KERN's icons are inline SVG data URIs in its stylesheet.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# E-mail: SMTP in production; printed to the console while developing.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "smartkreis <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# User management (user_management): how many days an invitation link stays valid.
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))

# Open data (opendata): the licence of every dataset (an IRI of the dcat-ap.de licence list;
# Datenlizenz Deutschland – Namensnennung 2.0 unless configured), the attribution its users
# must give, and who publishes and answers questions, for the DCAT-AP.de catalogue. The
# defaults are the demo county's.
OPEN_DATA_LICENCE = os.environ.get(
    "OPEN_DATA_LICENCE", "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
)
OPEN_DATA_ATTRIBUTION = os.environ.get("OPEN_DATA_ATTRIBUTION", "Rhein-Sieg-Kreis")
OPEN_DATA_PUBLISHER_NAME = os.environ.get("OPEN_DATA_PUBLISHER_NAME", "Rhein-Sieg-Kreis")
OPEN_DATA_PUBLISHER_URI = os.environ.get(
    "OPEN_DATA_PUBLISHER_URI", "https://www.rhein-sieg-kreis.de/"
)
OPEN_DATA_CONTACT_NAME = os.environ.get(
    "OPEN_DATA_CONTACT_NAME", "Rhein-Sieg-Kreis, Stabsstelle Digitalisierung"
)
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "")
OPEN_DATA_CONTACT_URL = os.environ.get("OPEN_DATA_CONTACT_URL", "https://www.rhein-sieg-kreis.de/")
# GovData's id of the system that delivers the metadata (http://dcat-ap.de/def/contributors/):
# a county of North Rhine-Westphalia delivers through Open.NRW.
OPEN_DATA_CONTRIBUTOR_ID = os.environ.get(
    "OPEN_DATA_CONTRIBUTOR_ID", "http://dcat-ap.de/def/contributors/openNRW"
)
# The area the data cover (dct:spatial): the county's district key (Kreisschlüssel).
OPEN_DATA_SPATIAL_URI = os.environ.get(
    "OPEN_DATA_SPATIAL_URI", "http://dcat-ap.de/def/politicalGeocoding/districtKey/05382"
)

# OParl import (oparl_import): what one run may take from a council information system.
OPARL_IMPORT_MAX_PAGES = int(os.environ.get("OPARL_IMPORT_MAX_PAGES", "20000"))
OPARL_IMPORT_MAX_OBJECTS = int(os.environ.get("OPARL_IMPORT_MAX_OBJECTS", "2000000"))
OPARL_IMPORT_MAX_RESPONSE_BYTES = int(
    os.environ.get("OPARL_IMPORT_MAX_RESPONSE_BYTES", str(50 * 1024 * 1024))
)
OPARL_IMPORT_TIMEOUT = float(os.environ.get("OPARL_IMPORT_TIMEOUT", "30"))
OPARL_IMPORT_REQUEST_SECONDS = float(os.environ.get("OPARL_IMPORT_REQUEST_SECONDS", "120"))
OPARL_IMPORT_RETRIES = int(os.environ.get("OPARL_IMPORT_RETRIES", "3"))
OPARL_IMPORT_RETRY_DELAY = float(os.environ.get("OPARL_IMPORT_RETRY_DELAY", "2"))

# Single sign-on through the county's OpenID provider (identity.oidc, on mozilla-django-oidc).
# Off unless OIDC_ISSUER is set; the provider's endpoints and keys come from its discovery
# document (<issuer>/.well-known/openid-configuration), whose issuer must be this one.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid profile email")
OIDC_SUBJECT_CLAIM = os.environ.get("OIDC_SUBJECT_CLAIM", "sub")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_BUTTON_LABEL = os.environ.get("OIDC_BUTTON_LABEL", "")
# A CA bundle for a provider whose certificate comes from the county's own CA.
OIDC_VERIFY_SSL = os.environ.get("OIDC_CA_BUNDLE") or True
OIDC_TIMEOUT = 10
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:sso_callback"
if OIDC_ISSUER:
    if not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
        raise ImproperlyConfigured("OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too")
    AUTHENTICATION_BACKENDS.append("identity.oidc.OIDCBackend")
    # Logging out posts a form whose answer redirects to the provider's end-session endpoint.
    SECURE_CSP["form-action"].append(
        "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(OIDC_ISSUER))
    )

# Login against the county's directory (identity.ldap_backend, on django-auth-ldap). Off unless
# LDAP_SERVER_URI is set; identity.ldap_config reads the other LDAP_* variables (README).
if os.environ.get("LDAP_SERVER_URI", "").strip():
    from identity.ldap_config import BACKEND_PATH as LDAP_BACKEND_PATH
    from identity.ldap_config import settings_from_environment as ldap_settings_from_environment

    globals().update(ldap_settings_from_environment(os.environ))
    AUTHENTICATION_BACKENDS.append(LDAP_BACKEND_PATH)

# Background work (tasks): documents, imports and mails run as tasks of Django's tasks API
# (django.tasks). The queue is the database by default (django-tasks-db: SQLite with `make run`,
# PostgreSQL in production; `manage.py run_worker` works it off); TASKS_BACKEND=redis puts it on
# Redis instead (django-tasks-rq, RQ workers). Tests run tasks in the process unless a test
# starts a worker of its own.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "database")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS_QUEUE = os.environ.get("TASKS_QUEUE", "smartkreis")
TASKS_BACKENDS = {
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend"},
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}")
TASKS = {"default": {**TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": [TASKS_QUEUE]}}
INSTALLED_APPS += ["django_tasks_db", "django_rq"]
# The longest a task may run on Redis before RQ stops it (an OParl import may take hours).
TASKS_TIMEOUT_SECONDS = int(os.environ.get("TASKS_TIMEOUT_SECONDS", str(6 * 60 * 60)))
RQ_QUEUES = {TASKS_QUEUE: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": TASKS_TIMEOUT_SECONDS}}
# A running job whose worker has not signed of life for this long counts as lost (killed,
# machine gone) and runs again; a failed job is tried TASKS_MAX_ATTEMPTS times in all, waiting
# TASKS_RETRY_DELAY seconds before the second attempt and twice as long before each next one.
TASKS_LEASE_SECONDS = int(os.environ.get("TASKS_LEASE_SECONDS", "60"))
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "3"))
TASKS_RETRY_DELAY = float(os.environ.get("TASKS_RETRY_DELAY", "10"))
# The register's exports up to this many initiatives are written in the request (2,000 rows:
# about 0.3 s as XLSX); larger ones by a background job (50,000 rows: about 6 s).
EXPORT_ROWS_IN_REQUEST = int(os.environ.get("EXPORT_ROWS_IN_REQUEST", "5000"))
# A job's file (a document, an export) is deleted this many days after the job finished.
TASKS_RESULT_DAYS = int(os.environ.get("TASKS_RESULT_DAYS", "30"))
if TASKS_RESULT_DAYS < 1:
    raise ImproperlyConfigured("TASKS_RESULT_DAYS must be at least 1 (days a job's file is kept)")
# Who started a job that ran at least this many seconds (they may have left its page) gets a
# mail with the link to it once it is done or failed.
TASKS_MAIL_AFTER_SECONDS = float(os.environ.get("TASKS_MAIL_AFTER_SECONDS", "60"))
# How often a worker looks for lost jobs, expired files, due retries and scheduled imports.
TASKS_HOUSEKEEPING_SECONDS = float(os.environ.get("TASKS_HOUSEKEEPING_SECONDS", "5"))
# The workers' housekeeping queues the day's reminders (notifications) once this full hour has
# come, local time, once a day; empty: never (where cron runs `manage.py send_reminders`).
_reminders_hour = os.environ.get("REMINDERS_HOUR", "7").strip()
REMINDERS_HOUR = int(_reminders_hour) if _reminders_hour else None
if REMINDERS_HOUR is not None and not 0 <= REMINDERS_HOUR <= 23:
    raise ImproperlyConfigured("REMINDERS_HOUR must be an hour from 0 to 23, or empty")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
