"""What the OParl API keeps of deleted objects."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tombstone(models.Model):
    """A published object that was deleted: OParl forbids answering its URL with 404 or 410.

    The API serves it as `{"id", "type", "created", "modified": deleted_at, "deleted": true}`,
    in its lists too, so clients syncing with modified_since learn of the deletion.
    `body_pk` places it in a body's lists (None: persons and locations, which belong to no single
    body and so appear in every body's list). Plain integers, not foreign keys: the rows they
    named are gone.
    """

    oparl_type = models.CharField(_("OParl type"), max_length=40)
    original_pk = models.PositiveBigIntegerField(_("original ID"))
    body_pk = models.PositiveBigIntegerField(_("body ID"), null=True, blank=True)
    created = models.DateTimeField(_("created"))
    deleted_at = models.DateTimeField(_("deleted at"))

    class Meta:
        verbose_name = _("deleted OParl object")
        verbose_name_plural = _("deleted OParl objects")
        constraints = [
            models.UniqueConstraint(fields=["oparl_type", "original_pk"], name="one_tombstone_each")
        ]
        indexes = [models.Index(fields=["oparl_type", "deleted_at"])]

    def __str__(self):
        return f"{self.oparl_type} {self.original_pk}"
