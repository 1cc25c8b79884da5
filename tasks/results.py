"""A job's result file, written so that it is either there whole or not at all.

On the file system (MEDIA_ROOT) the bytes go to a temporary name in the target's folder first
and are renamed into place in one step, so a worker killed mid-write leaves no half-written
file under the name a job points to. Object stores (S3) write an object in one request anyway;
any other storage gets Django's own `save`.
"""

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class ResultFile:
    """What a job hands the user: the file's bytes, its download name and content type."""

    name: str
    content_type: str
    content: bytes


def save_whole(storage, name, content):
    """Store `content` (bytes) under a free name like `name`; return the stored name."""
    if not isinstance(storage, FileSystemStorage):
        return storage.save(name, ContentFile(content))
    stored_name = storage.get_available_name(name)
    target = Path(storage.path(stored_name))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}{PARTIAL_SUFFIX}")
    with open(partial, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, target)
    return stored_name


def remove_partials(storage, folder):
    """Remove what killed writers left under temporary names in `folder` (on the file system)."""
    if not isinstance(storage, FileSystemStorage):
        return
    directory = Path(storage.path(folder))
    if directory.is_dir():
        for partial in directory.glob(f".*{PARTIAL_SUFFIX}"):
            partial.unlink(missing_ok=True)
