"""Settings for several web servers: the environment turned into CACHES, SESSION_ENGINE and
STORAGES, then a real Redis cache and a real S3-compatible store (moto's server) in use."""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from storages.backends.s3 import S3Storage

from accounts.tests.factories import StaffUnitUserFactory
from papers import actions as paper_actions
from papers.tests.factories import PaperFactory
from portal.tests.factories import PublishedPublicationFactory
from smartkreis import deployment, frozen
from tasks import actions as task_actions
from tasks.results import ResultFile
from tasks.tests.factories import JobFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_without_settings_the_cache_is_in_the_process_and_sessions_in_the_database():
    caches = deployment.cache_settings({})
    assert caches["default"]["BACKEND"] == deployment.LOCAL_CACHE
    assert deployment.session_engine(caches) == "django.contrib.sessions.backends.db"
    assert deployment.cache_settings({"CACHE_URL": "locmem://"}) == caches


def test_a_redis_cache_url_selects_djangos_redis_cache_and_cached_sessions():
    caches = deployment.cache_settings(
        {"CACHE_URL": "rediss://:secret@cache.kreis.internal:6380/2", "CACHE_KEY_PREFIX": "rsk"}
    )
    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "rediss://:secret@cache.kreis.internal:6380/2",
        "KEY_PREFIX": "rsk",
        "TIMEOUT": 300,
    }
    assert deployment.session_engine(caches) == "django.contrib.sessions.backends.cached_db"


def test_an_unknown_cache_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        deployment.cache_settings({"CACHE_URL": "memcached://127.0.0.1:11211"})


def test_files_stay_on_the_file_system_unless_a_bucket_is_configured():
    filesystem = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert deployment.default_storage_settings({}) == filesystem
    assert (
        deployment.default_storage_settings(
            {"STORAGE_BACKEND": "filesystem", "AWS_STORAGE_BUCKET_NAME": "rsk"}
        )
        == filesystem
    )


def test_an_s3_compatible_store_gets_endpoint_bucket_keys_region_and_addressing_style():
    storage = deployment.default_storage_settings(
        {
            "STORAGE_BACKEND": "S3",
            "AWS_STORAGE_BUCKET_NAME": "smartkreis-dateien",
            "AWS_S3_ENDPOINT_URL": "https://s3.de-fra.ionoscloud.com",
            "AWS_S3_REGION_NAME": "de",
            "AWS_S3_ACCESS_KEY_ID": "key",
            "AWS_S3_SECRET_ACCESS_KEY": "secret",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_LOCATION": "produktion",
            "AWS_S3_CA_BUNDLE": "/etc/ssl/kreis-ca.pem",
        }
    )
    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "smartkreis-dateien",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": "path",
            "location": "produktion",
            "endpoint_url": "https://s3.de-fra.ionoscloud.com",
            "region_name": "de",
            "access_key": "key",
            "secret_key": "secret",
            "verify": "/etc/ssl/kreis-ca.pem",
        },
    }


def test_a_bucket_name_alone_selects_s3_and_leaves_credentials_to_boto3():
    storage = deployment.default_storage_settings({"AWS_STORAGE_BUCKET_NAME": "rsk"})
    assert storage["BACKEND"] == deployment.S3_STORAGE
    assert not {"access_key", "secret_key", "endpoint_url"} & storage["OPTIONS"].keys()


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND"),
        ({"STORAGE_BACKEND": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"AWS_STORAGE_BUCKET_NAME": "rsk", "AWS_S3_ADDRESSING_STYLE": "dns"}, "ADDRESSING"),
    ],
)
def test_incomplete_or_unknown_storage_settings_are_refused(environ, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        deployment.default_storage_settings(environ)


# A real Redis ------------------------------------------------------------------------------

REDIS_CACHE_URL = os.environ.get("TEST_CACHE_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def redis_cache(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_CACHE_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is needed at {REDIS_CACHE_URL} under CI")
        pytest.skip(f"no Redis at {REDIS_CACHE_URL}")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = deployment.cache_settings(
        {"CACHE_URL": REDIS_CACHE_URL, "CACHE_KEY_PREFIX": prefix}
    )
    settings.SESSION_ENGINE = deployment.session_engine(settings.CACHES)
    yield prefix
    client = redis.Redis.from_url(REDIS_CACHE_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.mark.django_db
def test_the_redis_cache_keeps_the_portals_pages_and_the_sessions(redis_cache, client):
    import redis

    cache.set("probe", {"wert": 1})
    assert cache.get("probe") == {"wert": 1}
    publication = PublishedPublicationFactory()
    url = reverse("portal:goal", args=[publication.goal.pk])
    assert client.get(url).status_code == 200
    assert redis.Redis.from_url(REDIS_CACHE_URL).keys(f"{redis_cache}:*portal:goal-*")
    # The second visit renders the page from the data read back (unpickled) from Redis.
    again = client.get(url)
    assert again.status_code == 200
    assert publication.summary in again.content.decode()

    client.force_login(StaffUnitUserFactory())
    assert client.get(reverse("dashboard")).status_code == 200
    assert redis.Redis.from_url(REDIS_CACHE_URL).keys(f"{redis_cache}:*cached_db*")


# A real S3-compatible store ----------------------------------------------------------------

BUCKET = "smartkreis-test"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's standalone S3-compatible HTTP server on a free port, with an empty bucket."""
    import boto3

    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    port = _free_port()
    server = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("moto_server did not start")
                time.sleep(0.1)
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_storage(settings, s3_endpoint, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": deployment.default_storage_settings(
            {
                "STORAGE_BACKEND": "s3",
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": s3_endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_S3_ACCESS_KEY_ID": "test",
                "AWS_S3_SECRET_ACCESS_KEY": "test",
                "AWS_S3_ADDRESSING_STYLE": "path",
                "AWS_LOCATION": uuid.uuid4().hex,
            }
        ),
    }
    # Nothing may land on the local disk instead.
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    yield default_storage
    assert not settings.MEDIA_ROOT.exists()


@pytest.mark.django_db
def test_an_uploaded_attachment_is_stored_in_the_bucket_and_downloaded_from_it(s3_storage, client):
    staff = StaffUnitUserFactory()
    paper = PaperFactory()
    paper_file = paper_actions.add_file(
        acting_user=staff, paper=paper, upload=SimpleUploadedFile("plan.png", PNG)
    )
    assert isinstance(s3_storage, S3Storage)
    assert s3_storage.exists(paper_file.content.name)

    client.force_login(staff)
    response = client.get(reverse("papers:file_download", args=[paper.pk, paper_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    # The same name again gets a name of its own instead of replacing the first file.
    second = paper_actions.add_file(
        acting_user=staff, paper=paper, upload=SimpleUploadedFile("plan.png", PNG + b"2")
    )
    assert second.content.name != paper_file.content.name
    assert s3_storage.open(paper_file.content.name).read() == PNG


@pytest.mark.django_db
def test_a_jobs_result_is_stored_in_the_bucket(s3_storage):
    job = JobFactory()
    token = task_actions.claim_job(job_id=job.pk)
    done = task_actions.complete_job(
        job_id=job.pk, token=token, result=ResultFile("bericht.pdf", "application/pdf", b"%PDF-1")
    )
    assert done.result_file.name.startswith(f"jobs/{job.pk}/")
    with done.result_file.open("rb") as stored:
        assert stored.read() == b"%PDF-1"
    assert s3_storage.listdir(f"jobs/{job.pk}") == ([], ["bericht.pdf"])


@pytest.mark.django_db
def test_a_kept_document_is_stored_in_the_bucket_and_replaced_when_its_fingerprint_changes(
    s3_storage, rf
):
    rendered = []

    def document(fingerprint):
        return frozen.FrozenDocument(
            owner="reports/1",
            kind="public-pdf",
            fingerprint=fingerprint,
            filename="bericht.pdf",
            content_type="application/pdf",
            render=lambda: rendered.append(fingerprint) or f"%PDF-{fingerprint}".encode(),
        )

    for fingerprint in ("alt", "alt", "neu"):
        response = frozen.serve(rf.get("/"), document(fingerprint))
        assert b"".join(response.streaming_content) == f"%PDF-{fingerprint}".encode()

    assert rendered == ["alt", "neu"]
    assert s3_storage.listdir("frozen/reports/1") == ([], ["public-pdf-de-neu.pdf"])
