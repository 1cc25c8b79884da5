"""Documents that no longer change, rendered once and kept in the default storage.

An issued progress report's public edition and a finalised paper version are the same file for
everyone who reads them, so each is rendered once and served from the storage afterwards (the
file system or S3): a job renders it right after the report is issued or the version finalised,
and the first visitor who asks before that job ran, or after a new template came, gets it
rendered in the request. That serves the visitor at once, where a "try again later" page would
send everyone away at least once after every release; and it still renders once: a lock in the
shared cache lets one request render a document, and whoever asks for it meanwhile gets a German
"being created" page with 503 and Retry-After instead of a second rendering.

A document's key names its object, its kind and language, and a fingerprint of what renders it:
the template files, the code that fills them, the fonts, the engines' versions and, where the
object's data can still change what the document shows (which initiatives are published), those
data. A new template makes a new key, so the document is rendered anew on its next request, and
the object's older file of that kind and language is removed then.
"""

import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import render
from django.utils import translation

from .files import remove_partials, save_whole

FOLDER = "frozen"
RETRY_AFTER_SECONDS = 60
# Longer than any rendering takes: the lock of a process that died while rendering frees itself.
LOCK_SECONDS = 300


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


def folder_of(owner):
    """The storage folder of the documents kept for `owner` (e.g. "reports/12")."""
    return f"{FOLDER}/{owner}"


@dataclass(frozen=True)
class FrozenDocument:
    """One file of an object that no longer changes: where it is kept and how it is made."""

    owner: str  # the object, a folder under FOLDER, e.g. "reports/12"
    kind: str  # e.g. "public-pdf": a new file of the owner's kind replaces the older one
    fingerprint: str
    filename: str
    content_type: str
    render: Callable[[], bytes]
    as_attachment: bool = True
    language: str = field(default_factory=_language)

    @property
    def folder(self):
        return folder_of(self.owner)

    @property
    def prefix(self):
        return f"{self.kind}-{self.language}-"

    @property
    def key(self):
        return f"{self.folder}/{self.prefix}{self.fingerprint}{Path(self.filename).suffix}"

    @property
    def lock(self):
        """The cache key held while one process renders the document."""
        return f"frozen-document:{self.key}"


def _package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@functools.cache
def _sources_digest(sources, packages):
    """The digest of the files `sources` (files or folders, relative to the project) and the
    versions of `packages`: once per process, as a release brings new files with a restart."""
    digest = hashlib.sha256()
    for source in sources:
        path = settings.BASE_DIR / source
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(str(file.relative_to(path.parent)).encode())
                digest.update(file.read_bytes())
            elif not file.exists():
                raise FileNotFoundError(file)
    for package in packages:
        digest.update(f"{package}=={_package_version(package)}".encode())
    return digest.hexdigest()


def fingerprint(*, sources, packages, data=None):
    """A short digest of what renders a document: the files or folders `sources`, the installed
    versions of `packages` and `data` (plain JSON values, dates as text)."""
    digest = hashlib.sha256(_sources_digest(tuple(sources), tuple(packages)).encode())
    digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:24]


def _store(document, content):
    stored = save_whole(default_storage, document.key, content)
    if stored != document.key:
        # Another process, which did not see the lock (a cache of its own), kept it meanwhile:
        # the same document.
        default_storage.delete(stored)
    _directories, names = default_storage.listdir(document.folder)
    for name in names:
        if name.startswith(document.prefix) and f"{document.folder}/{name}" != document.key:
            default_storage.delete(f"{document.folder}/{name}")


def _render_once(document):
    """Render and keep `document` unless it is kept by now; False if another process is
    rendering it at this moment."""
    if not cache.add(document.lock, True, LOCK_SECONDS):
        return False
    try:
        if not default_storage.exists(document.key):
            remove_partials(default_storage, document.folder)
            with translation.override(document.language):
                content = document.render()
            _store(document, content)
    finally:
        cache.delete(document.lock)
    return True


def freeze(document):
    """Render and keep `document` unless it is kept already (the job ahead of the visitors)."""
    if not default_storage.exists(document.key):
        _render_once(document)


def serve(request, document):
    """The kept file of `document`, rendered in this request if it is missing; while another
    request renders it, a page that asks to come back shortly (503, Retry-After)."""
    if not default_storage.exists(document.key) and not _render_once(document):
        response = render(request, "frozen_document_pending.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return FileResponse(
        default_storage.open(document.key, "rb"),
        as_attachment=document.as_attachment,
        filename=document.filename,
        content_type=document.content_type,
    )
