"""The search index on PostgreSQL: inserted and deleted papers and files, set by set; truncated
tables.

0001_initial rebuilt a paper's index row once for every paper and every file row written, so an
OParl import writing a page of 100 papers and their files in a few bulk statements rebuilt the
rows of the same papers many times over (about 8,000 rebuilds for 2,100 papers, most of the
import's time on PostgreSQL). Statement-level triggers with transition tables rebuild each
affected paper once per statement, in one DELETE and one INSERT. PostgreSQL allows transition
tables only for triggers without a column list, so updates keep their row-level triggers (they
are few: an edit, an import's changed rows). A TRUNCATE of papers or initiatives (as the test
suite's flush between live-server tests does) empties their index rows too, which no row
trigger sees. SQLite has no statement-level triggers and keeps its own (its flush deletes row
by row).

The SQL lives here (not imported from the app) so that this migration stays as it was applied.
"""

from django.db import migrations

# As in 0001_initial: PostgreSQL refuses tsvectors over 1 MB.
MAX_BODY = 500_000

POSTGRES_FORWARD = [
    f"""CREATE FUNCTION search_refresh_papers(papers bigint[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM search_document WHERE object_type = 'paper' AND object_id = ANY(papers);
        INSERT INTO search_document (object_type, object_id, title, body)
        SELECT 'paper', p.id, trim(p.reference || ' ' || p.subject),
               left(concat_ws(' ', p.paper_type, p.resolution_proposal, p.preliminary_remark,
                              p.explanation,
                              (SELECT string_agg(f.name || ' ' || f.text, ' ' ORDER BY f.id)
                               FROM papers_paperfile f WHERE f.paper_id = p.id)), {MAX_BODY})
        FROM papers_paper p WHERE p.id = ANY(papers);
    $$""",
    """CREATE FUNCTION search_papers_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_refresh_papers(ARRAY(SELECT id FROM new_rows));
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_papers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_document
        WHERE object_type = 'paper' AND object_id IN (SELECT id FROM old_rows);
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_paperfiles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_refresh_papers(
            ARRAY(SELECT DISTINCT paper_id FROM new_rows WHERE paper_id IS NOT NULL));
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_paperfiles_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_refresh_papers(
            ARRAY(SELECT DISTINCT paper_id FROM old_rows WHERE paper_id IS NOT NULL));
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_papers_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_document WHERE object_type IN ('paper', 'published_paper');
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_initiatives_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_document WHERE object_type = 'initiative';
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_papers_truncated AFTER TRUNCATE ON papers_paper
        FOR EACH STATEMENT EXECUTE FUNCTION search_papers_truncated()""",
    """CREATE TRIGGER search_initiatives_truncated AFTER TRUNCATE ON portfolio_initiative
        FOR EACH STATEMENT EXECUTE FUNCTION search_initiatives_truncated()""",
    "DROP TRIGGER search_paper_changed ON papers_paper",
    "DROP TRIGGER search_paperfile_changed ON papers_paperfile",
    # Row by row only for updates; search_paper_changed and search_paperfile_changed (0001)
    # handle them as before.
    """CREATE TRIGGER search_paper_changed
        AFTER UPDATE OF reference, subject, paper_type, resolution_proposal, preliminary_remark,
        explanation ON papers_paper FOR EACH ROW EXECUTE FUNCTION search_paper_changed()""",
    """CREATE TRIGGER search_paperfile_changed
        AFTER UPDATE OF name, text, paper_id ON papers_paperfile
        FOR EACH ROW EXECUTE FUNCTION search_paperfile_changed()""",
    """CREATE TRIGGER search_papers_inserted AFTER INSERT ON papers_paper
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_papers_inserted()""",
    """CREATE TRIGGER search_papers_deleted AFTER DELETE ON papers_paper
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_papers_deleted()""",
    """CREATE TRIGGER search_paperfiles_inserted AFTER INSERT ON papers_paperfile
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_paperfiles_inserted()""",
    """CREATE TRIGGER search_paperfiles_deleted AFTER DELETE ON papers_paperfile
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION search_paperfiles_deleted()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_papers_truncated ON papers_paper",
    "DROP TRIGGER IF EXISTS search_initiatives_truncated ON portfolio_initiative",
    "DROP FUNCTION IF EXISTS search_papers_truncated()",
    "DROP FUNCTION IF EXISTS search_initiatives_truncated()",
    "DROP TRIGGER IF EXISTS search_papers_inserted ON papers_paper",
    "DROP TRIGGER IF EXISTS search_papers_deleted ON papers_paper",
    "DROP TRIGGER IF EXISTS search_paperfiles_inserted ON papers_paperfile",
    "DROP TRIGGER IF EXISTS search_paperfiles_deleted ON papers_paperfile",
    "DROP TRIGGER IF EXISTS search_paper_changed ON papers_paper",
    "DROP TRIGGER IF EXISTS search_paperfile_changed ON papers_paperfile",
    """CREATE TRIGGER search_paper_changed
        AFTER INSERT OR DELETE OR UPDATE OF reference, subject, paper_type, resolution_proposal,
        preliminary_remark, explanation ON papers_paper
        FOR EACH ROW EXECUTE FUNCTION search_paper_changed()""",
    """CREATE TRIGGER search_paperfile_changed
        AFTER INSERT OR DELETE OR UPDATE OF name, text, paper_id ON papers_paperfile
        FOR EACH ROW EXECUTE FUNCTION search_paperfile_changed()""",
    "DROP FUNCTION IF EXISTS search_papers_inserted()",
    "DROP FUNCTION IF EXISTS search_papers_deleted()",
    "DROP FUNCTION IF EXISTS search_paperfiles_inserted()",
    "DROP FUNCTION IF EXISTS search_paperfiles_deleted()",
    "DROP FUNCTION IF EXISTS search_refresh_papers(bigint[])",
]


def _execute(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def bulk_triggers(apps, schema_editor):
    _execute(schema_editor, POSTGRES_FORWARD)


def row_triggers(apps, schema_editor):
    _execute(schema_editor, POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_published_papers")]

    operations = [migrations.RunPython(bulk_triggers, row_triggers, elidable=False)]
