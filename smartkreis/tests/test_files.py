"""Removing a folder of the storage: its files and its subfolders', nothing beside it."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from smartkreis.files import remove_folder


def test_remove_folder_deletes_what_is_under_it_and_nothing_beside_it():
    for name in (
        "frozen/papers/1/a.pdf",
        "frozen/papers/1/version-2/b.docx",
        "frozen/papers/10/c.pdf",
    ):
        default_storage.save(name, ContentFile(b"x"))

    remove_folder(default_storage, "frozen/papers/1")

    assert not default_storage.exists("frozen/papers/1/a.pdf")
    assert not default_storage.exists("frozen/papers/1/version-2/b.docx")
    assert default_storage.exists("frozen/papers/10/c.pdf")
    remove_folder(default_storage, "frozen/papers/99")  # no such folder: nothing to do
