"""What several apps' models share."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OParlObject(models.Model):
    """Fields every object needs that the OParl API serves or the OParl import writes.

    `created`/`modified` feed OParl's created_since/modified_since filters; `external_id` is
    the OParl id of an imported object in its source system (empty for smartkreis's own), so
    a second import finds and updates it instead of duplicating it.
    """

    external_id = models.CharField(
        _("OParl ID in the source system"), max_length=500, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["modified"], name="%(class)s_modified")]

    @property
    def is_imported(self):
        return bool(self.external_id)
