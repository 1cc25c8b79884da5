"""Files written so that they are either there whole or not at all (job results, kept documents),
and removed with the rows they belong to.

On the file system (MEDIA_ROOT) the bytes go to a temporary name in the target's folder first
and are renamed into place in one step, so a process killed mid-write leaves no half-written
file under the name a job or a kept document points to. Object stores (S3) write an object in
one request anyway; any other storage gets Django's own `save`.
"""

import os
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete

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


def remove_folder(storage, folder):
    """Delete every file under `folder`, its subfolders' too (file system or object store)."""
    try:
        directories, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{folder}/{name}")
    for directory in directories:
        remove_folder(storage, f"{folder}/{directory}")


def remove_stored_files_with(model_class, *, kept_documents=False):
    """Delete the stored files of a row of `model_class` with it, however it is deleted (an
    action, the admin, a cascade, an import), once the deletion is committed (a rollback keeps
    them): its file fields' files and, with `kept_documents`, the documents smartkreis.frozen
    keeps for it (under the row's `kept_documents_owner`). Only for the models named, as a
    delete receiver on every model would keep Django from deleting any rows in bulk."""
    from .frozen import folder_of  # frozen writes its files through this module

    def remove_with(sender, instance, using, **kwargs):
        stored = [
            (field.storage, getattr(instance, field.attname).name)
            for field in instance._meta.concrete_fields
            if isinstance(field, models.FileField) and getattr(instance, field.attname)
        ]
        kept = folder_of(instance.kept_documents_owner) if kept_documents else None

        def remove():
            for storage, name in stored:
                storage.delete(name)
            if kept:
                remove_folder(default_storage, kept)

        transaction.on_commit(remove, using=using)

    post_delete.connect(
        remove_with, sender=model_class, weak=False, dispatch_uid=f"files:{model_class._meta.label}"
    )
