"""
Settings shared by every environment. Anything that differs between a laptop and production
is read from the environment here, with a default that is safe for development.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def origin(url):
    """The scheme, host and port of `url`: what a CSP or CORS origin names."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def loopback_names(url_origin):
    """`url_origin` and, when it is on a loopback host, the same port under its other names."""
    parts = urlsplit(url_origin)
    names = ("localhost", "127.0.0.1", "0.0.0.0")  # noqa: S104 - origins a browser shows, not a bind
    if parts.hostname not in names:
        return [url_origin]
    port = f":{parts.port}" if parts.port else ""
    return [url_origin, *(f"{parts.scheme}://{name}{port}" for name in names if name != parts.hostname)]


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env():
    """DATABASE_URL, or a SQLite file in the repository tuned for concurrent writers."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            # WAL lets readers carry on while one writer commits; IMMEDIATE transactions and a
            # busy timeout make concurrent writers queue instead of failing with "locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    postgresql = database["ENGINE"] == "django.db.backends.postgresql"
    if postgresql and env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Parameters bound by the server, and a query run 5 times on a connection prepared: each
        # request's queries are then planned once per connection, not every time (half of
        # PostgreSQL's CPU for the moderation queue). Set DATABASE_PREPARED_STATEMENTS=0 behind a
        # pooler in transaction mode that cannot keep prepared statements.
        prepared = {"server_side_binding": True, "prepare_threshold": 5}
        database["OPTIONS"] = {**database.get("OPTIONS", {}), **prepared}
    return database


def cache_from_env():
    """
    Redis when REDIS_URL is set, else files in CACHE_DIR: either way one store shared by every
    process (each gunicorn worker, management commands), so throttles count across all of them
    and Wagtail's own cached lookups are invalidated everywhere. `default` answers a miss and
    writes nothing while Redis is unreachable (django-redis' IGNORE_EXCEPTIONS), so reads and
    submissions go on from the database; `throttle`, the same store, raises, so the throttles
    apply COMMENT_THROTTLE_FAIL_OPEN. A Redis that fails or hangs costs one REDIS_TIMEOUT, then
    is not tried for a few seconds (api/caching/circuit.py): no request waits on it twice.
    """
    prefix = os.environ.get("CACHE_KEY_PREFIX", "cms")
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        timeout = float(os.environ.get("REDIS_TIMEOUT") or 0.5)
        options = {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "CONNECTION_POOL_CLASS": "api.caching.circuit.CircuitBreakerPool",
        }
        redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": prefix}
        return {
            "default": {**redis, "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True}},
            "throttle": {**redis, "OPTIONS": options},
        }
    directory = Path(os.environ.get("CACHE_DIR") or BASE_DIR / ".cache")
    files = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "KEY_PREFIX": prefix}
    # Apart, so that a throttle's write (every request) lists only the few counters when it culls.
    return {
        "default": {**files, "LOCATION": directory / "default", "OPTIONS": {"MAX_ENTRIES": 1000}},
        "throttle": {**files, "LOCATION": directory / "throttle"},
    }


def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


INSTALLED_APPS = [
    "articles",
    "moderation",
    "api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    # Not "wagtail.contrib.frontend_cache": its app purges a published page from inside the
    # publishing transaction; api/caching/purge.py does it after commit, batched, with its backends.
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # One CDN purge per request, once what it changed has committed (api/caching/purge.py).
    "api.caching.purge.PurgeBatchMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Under /api/: bodies over API_MAX_REQUEST_SIZE get 413, every error is JSON.
    "api.middleware.JsonErrorsMiddleware",
    # The database unreachable: 503 with Retry-After (JSON under /api/), one warning in the log.
    "api.database_outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into its answer (429).
    "axes.middleware.AxesMiddleware",
]

# Password guessing, at the admin login and the API's token endpoint alike (django-axes): after
# AXES_FAILURE_LIMIT wrong passwords for one account from one address, that pair is locked out
# for AXES_COOLOFF_MINUTES, answered 429. Attempts are rows in the database, so every worker
# counts them together. `manage.py axes_reset` lifts lockouts (docs/moderation.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cms.auth.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
# The client's address as the throttles see it (NUM_PROXIES): never a header the client forged.
AXES_CLIENT_IP_CALLABLE = "api.throttling.client_ip"
AXES_VERBOSE = False

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.branding",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = cache_from_env()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-ca"
TIME_ZONE = "America/Edmonton"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Complex StreamField pages post many fields from the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

# Security headers on every response in every environment (SecurityMiddleware and
# XFrameOptionsMiddleware); production adds HSTS and the HTTPS redirect.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The shop frontend lives on another origin: it may read the API, nothing else.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# The frontend's scripts may revalidate (If-None-Match) and read the validators (ETag is not a
# header browsers expose by default).
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Where readers see the articles; API urls and previews point there.
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "http://localhost:3000").rstrip("/")

# The clinic's name on the admin's login page, dashboard and page titles (cms/templates/wagtailadmin/).
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "ABD Naturals")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# A CDN in front of the site and the API, purged when content changes (docs/caching.md):
# FRONTEND_CACHE=cloudflare (CLOUDFLARE_ZONEID, CLOUDFLARE_BEARER_TOKEN) or cloudfront
# (CLOUDFRONT_DISTRIBUTION_ID; boto3 and AWS credentials). API_PUBLIC_BASE_URL: the API's host.
WAGTAILFRONTENDCACHE = {
    "cloudflare": {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        }
    },
    "cloudfront": {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
        }
    },
}.get(os.environ.get("FRONTEND_CACHE", "").lower(), {})
API_PUBLIC_BASE_URL = os.environ.get("API_PUBLIC_BASE_URL", "")
# Shared with the shop's server, which then names its reader's address (docs/hydrogen.md).
API_FORWARDING_SECRET = os.environ.get("API_FORWARDING_SECRET", "")
# The Shopify app's client secret: it signs the app proxy's requests (docs/shopify.md).
SHOPIFY_APP_PROXY_SECRET = os.environ.get("SHOPIFY_APP_PROXY_SECRET", "")
# YouTube and Vimeo players are built from the address (articles/frontend/embeds.py): no call to
# the provider when a body is validated or rendered. Other addresses ask the provider's oEmbed.
WAGTAILEMBEDS_FINDERS = [{"class": "articles.frontend.embeds"}, {"class": "wagtail.embeds.finders.oembed"}]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# An article under the medical sign-off goes live only by its approval (docs/governance.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.governance.finish.publish_approved"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Anonymous GETs are throttled per client IP (API_READ_THROTTLE_RATE); comment views add theirs.
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PublicReadThrottle"],
    # How many proxies of ours stand in front of gunicorn (each appends to X-Forwarded-For);
    # unset or 0: the client is REMOTE_ADDR and X-Forwarded-For is ignored.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES") or 0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Health articles and comment moderation API",
    "DESCRIPTION": "Structured health articles for the shop frontend, and the comment moderation API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_this_api"],
    # Swagger UI from this server's static files (drf-spectacular-sidecar), never a public CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content-Security-Policy on every page (django-csp): the admin and the API docs load nothing
# from another origin, and no other site may frame them. Inline scripts stay allowed: Wagtail's
# admin still writes a few (inline panels, date pickers).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview frames the page being edited, on this origin.
        "frame-ancestors": [SELF],
        # ...and an article's preview panel frames the frontend's preview route
        # (articles/frontend/preview.py).
        "frame-src": [SELF, origin(FRONTEND_BASE_URL)],
    }
}
# The admin's avatars would come from Gravatar, another origin (and tell it who edits).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "articles@localhost")

# Background work (emails, comment webhooks, Akismet reports, Wagtail's index updates) through
# django-tasks. The database backend writes each task as a row in the transaction of the change that
# queues it, and `manage.py db_worker`, a process beside the web server, runs it: no request waits
# for another server, and nothing committed is lost if a process dies (docs/caching.md, "What runs
# where"). The immediate backend runs a task inside the request; a deploy check warns of it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Seconds an SMTP server may take to answer before the worker gives up on it and retries later.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 30))

# Comment events POSTed as JSON, signed with HMAC-SHA256 (docs/moderation.md); empty URL: none.
COMMENT_WEBHOOK_URL = os.environ.get("COMMENT_WEBHOOK_URL", "")
COMMENT_WEBHOOK_SECRET = os.environ.get("COMMENT_WEBHOOK_SECRET", "")

# Abuse protection (docs/moderation.md); every other setting keeps moderation/conf.py's default.
COMMENT_THROTTLE_RATE = os.environ.get("COMMENT_THROTTLE_RATE", "5/min")
COMMENT_THROTTLE_CACHE = "throttle"
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
COMMENT_TRUSTED_SKIP_QUEUE = env_bool("COMMENT_TRUSTED_SKIP_QUEUE")
# The triage languages each worker loads as it starts (moderation/conf.py), comma-separated.
COMMENT_TRIAGE_WARM_UP = env_list("COMMENT_TRIAGE_WARM_UP", "en,fr,es")
# Days a comment keeps its IP address and user agent (`manage.py anonymise_comment_ips`).
COMMENT_IP_RETENTION_DAYS = int(os.environ.get("COMMENT_IP_RETENTION_DAYS") or 90)

# A cache failure that `default` answers as a miss is logged (cache_from_env), but not again
# while the circuit stays open after it (api/caching/circuit.py).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redis_circuit": {"()": "api.caching.circuit.AfterTheFirst"},
        "database_outage": {"()": "api.database_outage.NotAnOutageAnswer"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print each of its records a second
        # time beside the root's: every 4xx warning, every 429, twice.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # A database outage is logged once (api/database_outage.py), not at each request's 503.
        "django.request": {"filters": ["database_outage"]},
        # One INFO line per enqueued task drowns the development server's output.
        "django_tasks": {"level": "WARNING"},
        "django_redis.cache": {"filters": ["redis_circuit"]},
    },
}
