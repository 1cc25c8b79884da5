"""The search index: what the public reads of an own paper, beside its live text.

One more row per paper with a published version (object_type 'published_paper', object_id the
paper's id): that version's reference and subject as title, its paper type and sections and the
names and texts of the files published with it (papers_paperfile.published_at set) as body, as
papers.queries.shown_content and visible_files show them to the public. Users who may not read
internal papers search these rows instead of a paper's live 'paper' row, so a draft's words and
unpublished attachments stay internal. Kept by triggers on papers_paper (its published version
changes) and papers_paperfile (a published file is added, changed, published or removed);
versions are immutable, so their rows need no trigger of their own.

The SQL lives here (not imported from the app) so that this migration stays as it was applied.
"""

from django.db import migrations

# As in 0001_initial: PostgreSQL refuses tsvectors over 1 MB.
MAX_BODY = 500_000

SECTIONS = ("resolution_proposal", "preliminary_remark", "explanation")

# --- SQLite: rowid -id for a paper's published row (2*id and 2*id+1 are taken) --------------

SQLITE_SECTIONS = " || ' ' || ".join(
    f"ifnull(json_extract(v.content, '$.sections.{name}'), '')" for name in SECTIONS
)
SQLITE_PUBLISHED_ROWS = f"""
SELECT -p.id, 'published_paper', p.id,
       trim(ifnull(json_extract(v.content, '$.reference'), '') || ' '
            || ifnull(json_extract(v.content, '$.subject'), '')),
       substr(ifnull(json_extract(v.content, '$.paper_type'), '') || ' ' || {SQLITE_SECTIONS}
              || ' ' || ifnull(
                  (SELECT group_concat(f.name || ' ' || f.text, ' ')
                   FROM papers_paperfile f
                   WHERE f.paper_id = p.id AND f.published_at IS NOT NULL), ''), 1, {MAX_BODY})
FROM papers_paper p JOIN papers_paperversion v ON v.id = p.published_version_id
"""
SQLITE_COLUMNS = "INSERT INTO search_document (rowid, object_type, object_id, title, body)"


def _sqlite_refresh_published(paper_id):
    return (
        f"DELETE FROM search_document WHERE rowid = -{paper_id}; "
        f"{SQLITE_COLUMNS} {SQLITE_PUBLISHED_ROWS} WHERE p.id = {paper_id};"
    )


SQLITE_FORWARD = [
    f"{SQLITE_COLUMNS} {SQLITE_PUBLISHED_ROWS}",
    f"""CREATE TRIGGER search_published_paper_insert AFTER INSERT ON papers_paper
        WHEN NEW.published_version_id IS NOT NULL
        BEGIN {_sqlite_refresh_published("NEW.id")} END""",
    f"""CREATE TRIGGER search_published_paper_update AFTER UPDATE OF published_version_id
        ON papers_paper WHEN NEW.published_version_id IS NOT OLD.published_version_id
        BEGIN {_sqlite_refresh_published("NEW.id")} END""",
    """CREATE TRIGGER search_published_paper_delete AFTER DELETE ON papers_paper
        BEGIN DELETE FROM search_document WHERE rowid = -OLD.id; END""",
    f"""CREATE TRIGGER search_published_file_insert AFTER INSERT ON papers_paperfile
        WHEN NEW.published_at IS NOT NULL
        BEGIN {_sqlite_refresh_published("NEW.paper_id")} END""",
    f"""CREATE TRIGGER search_published_file_update
        AFTER UPDATE OF name, text, paper_id, published_at ON papers_paperfile
        WHEN OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL
        BEGIN {_sqlite_refresh_published("OLD.paper_id")}
              {_sqlite_refresh_published("NEW.paper_id")} END""",
    f"""CREATE TRIGGER search_published_file_delete AFTER DELETE ON papers_paperfile
        WHEN OLD.published_at IS NOT NULL
        BEGIN {_sqlite_refresh_published("OLD.paper_id")} END""",
]
SQLITE_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS search_published_{table}_{event}"
        for table in ("paper", "file")
        for event in ("insert", "update", "delete")
    ),
    "DELETE FROM search_document WHERE object_type = 'published_paper'",
]

# --- PostgreSQL ----------------------------------------------------------------------------

POSTGRES_SECTIONS = ", ".join(f"v.content #>> '{{sections,{name}}}'" for name in SECTIONS)

POSTGRES_FORWARD = [
    f"""CREATE FUNCTION search_refresh_published_paper(paper bigint) RETURNS void
        LANGUAGE sql AS $$
        DELETE FROM search_document WHERE object_type = 'published_paper' AND object_id = paper;
        INSERT INTO search_document (object_type, object_id, title, body)
        SELECT 'published_paper', p.id,
               trim(concat_ws(' ', v.content ->> 'reference', v.content ->> 'subject')),
               left(concat_ws(' ', v.content ->> 'paper_type', {POSTGRES_SECTIONS},
                              (SELECT string_agg(f.name || ' ' || f.text, ' ' ORDER BY f.id)
                               FROM papers_paperfile f
                               WHERE f.paper_id = p.id AND f.published_at IS NOT NULL)),
                    {MAX_BODY})
        FROM papers_paper p JOIN papers_paperversion v ON v.id = p.published_version_id
        WHERE p.id = paper;
    $$""",
    """CREATE FUNCTION search_published_paper_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_document
            WHERE object_type = 'published_paper' AND object_id = OLD.id;
        ELSIF (TG_OP = 'INSERT' AND NEW.published_version_id IS NOT NULL)
            OR (TG_OP = 'UPDATE'
                AND NEW.published_version_id IS DISTINCT FROM OLD.published_version_id) THEN
            PERFORM search_refresh_published_paper(NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_published_file_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.published_at IS NOT NULL AND OLD.paper_id IS NOT NULL THEN
            PERFORM search_refresh_published_paper(OLD.paper_id);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL AND NEW.paper_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR OLD.published_at IS NULL
                 OR NEW.paper_id IS DISTINCT FROM OLD.paper_id) THEN
            PERFORM search_refresh_published_paper(NEW.paper_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_published_paper_changed
        AFTER INSERT OR DELETE OR UPDATE OF published_version_id ON papers_paper
        FOR EACH ROW EXECUTE FUNCTION search_published_paper_changed()""",
    """CREATE TRIGGER search_published_file_changed
        AFTER INSERT OR DELETE OR UPDATE OF name, text, paper_id, published_at
        ON papers_paperfile
        FOR EACH ROW EXECUTE FUNCTION search_published_file_changed()""",
    "SELECT search_refresh_published_paper(id) FROM papers_paper "
    "WHERE published_version_id IS NOT NULL",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_published_paper_changed ON papers_paper",
    "DROP TRIGGER IF EXISTS search_published_file_changed ON papers_paperfile",
    "DROP FUNCTION IF EXISTS search_published_paper_changed()",
    "DROP FUNCTION IF EXISTS search_published_file_changed()",
    "DROP FUNCTION IF EXISTS search_refresh_published_paper(bigint)",
    "DELETE FROM search_document WHERE object_type = 'published_paper'",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}


def _execute(schema_editor, statements):
    # Other vendors were refused by 0001_initial, on which this migration depends.
    for statement in statements[schema_editor.connection.vendor]:
        schema_editor.execute(statement, params=None)


def index_published_papers(apps, schema_editor):
    _execute(schema_editor, FORWARD)


def drop_published_papers(apps, schema_editor):
    _execute(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("papers", "0005_published_version"),
    ]

    operations = [
        migrations.RunPython(index_published_papers, drop_published_papers, elidable=False)
    ]
