import django.db.models.deletion
from django.db import migrations, models


def publish_finalised_public_papers(apps, schema_editor):
    """A paper whose last version was finalised while public is published with it, and so are
    the files it had then (all of them if nothing has changed since)."""
    Paper = apps.get_model("papers", "Paper")
    PaperVersion = apps.get_model("papers", "PaperVersion")
    for paper in Paper.objects.filter(external_id=""):
        last = PaperVersion.objects.filter(paper=paper).order_by("-number").first()
        if last is None or not last.content.get("is_public"):
            continue
        Paper.objects.filter(pk=paper.pk).update(published_version=last)
        files = paper.files.all()
        if not paper.is_finalised:
            files = files.filter(created__lte=last.finalised_at)
        files.update(published_at=last.finalised_at)


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0004_paper_date_optional"),
    ]

    operations = [
        migrations.AlterField(
            model_name="paper",
            name="is_public",
            field=models.BooleanField(
                default=True,
                help_text="Public papers appear to visitors and in the OParl interface for "
                "council information systems once finalised, as the finalised version (never "
                "a draft). A paper made non-public later is reported there as deleted.",
                verbose_name="public",
            ),
        ),
        migrations.AddField(
            model_name="paper",
            name="published_version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="papers.paperversion",
                verbose_name="published version",
            ),
        ),
        migrations.AddField(
            model_name="paperfile",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published at"),
        ),
        migrations.RunPython(publish_finalised_public_papers, migrations.RunPython.noop),
    ]
