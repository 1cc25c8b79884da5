"""A deleted report's kept public edition goes with it."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.tests.factories import StaffUnitUserFactory
from governance.tests.factories import OrganizationFactory
from reports.models import ProgressReport
from smartkreis import frozen

pytestmark = pytest.mark.django_db


def _report():
    return ProgressReport.objects.create(
        committee=OrganizationFactory(),
        title="Fortschrittsbericht 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        created_by=StaffUnitUserFactory(),
    )


def test_a_deleted_reports_public_edition_goes_once_the_deletion_is_committed(
    django_capture_on_commit_callbacks,
):
    report, other = _report(), _report()
    folder = frozen.folder_of(report.kept_documents_owner)
    kept = default_storage.save(f"{folder}/public-pdf-de-1.pdf", ContentFile(b"%PDF-1.7"))
    other_folder = frozen.folder_of(other.kept_documents_owner)
    other_kept = default_storage.save(f"{other_folder}/public-pdf-de-1.pdf", ContentFile(b"%PDF"))

    with django_capture_on_commit_callbacks(execute=True):
        report.delete()

    assert not default_storage.exists(kept)
    assert default_storage.exists(other_kept)
