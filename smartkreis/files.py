"""Files written so that they are either there whole or not at all (job results, kept documents).

On the file system (MEDIA_ROOT) the bytes go to a temporary name in the target's folder first
and are renamed into place in one step, so a process killed mid-write leaves no half-written
file under the name a job or a kept document points to. Object stores (S3) write an object in
one request anyway; any other storage gets Django's own `save`.
"""

import os
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

PARTIAL_SUFFIX = ".partial"


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
