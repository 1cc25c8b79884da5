"""Settings for running on several web servers, read from the environment (smartkreis.settings).

Behind a load balancer every web server must see the same cache and the same uploaded files:
CACHE_URL=redis://… puts the cache on Redis (Django's own RedisCache) and STORAGE_BACKEND=s3
puts uploaded files and job results in an S3-compatible object store (django-storages). Without
them a single machine needs no service: a cache in the process and files under MEDIA_ROOT.
"""

import urllib.parse

from django.core.exceptions import ImproperlyConfigured

LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
ADDRESSING_STYLES = ("auto", "path", "virtual")


def _value(environ, name, default=""):
    return environ.get(name, default).strip()


def cache_settings(environ):
    """CACHES: in the process unless CACHE_URL names a Redis server (redis:// or rediss://)."""
    url = _value(environ, "CACHE_URL")
    scheme = urllib.parse.urlsplit(url).scheme
    if not url or scheme == "locmem":
        return {"default": {"BACKEND": LOCAL_CACHE, "LOCATION": "smartkreis"}}
    if scheme not in ("redis", "rediss"):
        raise ImproperlyConfigured("CACHE_URL must start with redis://, rediss:// or locmem://")
    return {
        "default": {
            "BACKEND": REDIS_CACHE,
            "LOCATION": url,
            # Keeps the keys apart from the task queue's and from other sites on the same Redis.
            "KEY_PREFIX": _value(environ, "CACHE_KEY_PREFIX", "smartkreis"),
            "TIMEOUT": int(_value(environ, "CACHE_TIMEOUT", "300")),
        }
    }


def session_engine(caches):
    """Sessions live in the database, which every web server shares. With a shared cache they
    are read from it as well (written to both), saving a query per request."""
    if caches["default"]["BACKEND"] == REDIS_CACHE:
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def default_storage_settings(environ):
    """STORAGES["default"]: files under MEDIA_ROOT, or an S3-compatible bucket when
    STORAGE_BACKEND=s3 or (without STORAGE_BACKEND) AWS_STORAGE_BUCKET_NAME is set."""
    backend = _value(environ, "STORAGE_BACKEND").lower()
    bucket = _value(environ, "AWS_STORAGE_BUCKET_NAME")
    if backend not in ("", "filesystem", "s3"):
        raise ImproperlyConfigured("STORAGE_BACKEND must be filesystem or s3")
    if backend == "filesystem" or (not backend and not bucket):
        return {"BACKEND": FILE_SYSTEM_STORAGE}
    if not bucket:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
    addressing_style = _value(environ, "AWS_S3_ADDRESSING_STYLE", "auto").lower()
    if addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}"
        )
    options = {
        "bucket_name": bucket,
        # Files are served through the application (permission checks), never by bucket URLs.
        "default_acl": "private",
        "querystring_auth": True,
        # A second upload of the same name gets a name of its own, as on the file system.
        "file_overwrite": False,
        "signature_version": "s3v4",
        "addressing_style": addressing_style,
        "location": _value(environ, "AWS_LOCATION"),
    }
    # Unset values are left to boto3: its own environment variables, profile or instance role.
    for option, name in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_S3_ACCESS_KEY_ID"),
        ("secret_key", "AWS_S3_SECRET_ACCESS_KEY"),
    ):
        if value := _value(environ, name):
            options[option] = value
    # A CA bundle for a store whose certificate comes from the county's own CA.
    if ca_bundle := _value(environ, "AWS_S3_CA_BUNDLE"):
        options["verify"] = ca_bundle
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}
