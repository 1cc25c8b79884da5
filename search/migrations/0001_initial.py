"""The search index: one row per paper and per initiative, kept current by triggers.

See search/__init__.py for the design. The SQL lives here (not imported from the app) so that
this migration stays as it was applied when the app's code changes later.
"""

from django.db import migrations

# Longer texts are cut: PostgreSQL refuses tsvectors over 1 MB, and both vendors treat the
# index alike.
MAX_BODY = 500_000

# --- SQLite: an FTS5 table; rowid 2*id for a paper, 2*id+1 for an initiative --------------

SQLITE_PAPER_ROWS = f"""
SELECT 2 * p.id, 'paper', p.id, trim(p.reference || ' ' || p.subject),
       substr(p.paper_type || ' ' || p.resolution_proposal || ' ' || p.preliminary_remark
              || ' ' || p.explanation || ' ' || ifnull(
                  (SELECT group_concat(f.name || ' ' || f.text, ' ')
                   FROM papers_paperfile f WHERE f.paper_id = p.id), ''), 1, {MAX_BODY})
FROM papers_paper p
"""
SQLITE_INITIATIVE_ROWS = f"""
SELECT 2 * i.id + 1, 'initiative', i.id, printf('V-%04d', i.id) || ' ' || i.title,
       substr(i.description, 1, {MAX_BODY})
FROM portfolio_initiative i
"""
SQLITE_COLUMNS = "INSERT INTO search_document (rowid, object_type, object_id, title, body)"


def _sqlite_refresh_paper(paper_id):
    return (
        f"DELETE FROM search_document WHERE rowid = 2 * {paper_id}; "
        f"{SQLITE_COLUMNS} {SQLITE_PAPER_ROWS} WHERE p.id = {paper_id};"
    )


def _sqlite_refresh_initiative(initiative_id):
    return (
        f"DELETE FROM search_document WHERE rowid = 2 * {initiative_id} + 1; "
        f"{SQLITE_COLUMNS} {SQLITE_INITIATIVE_ROWS} WHERE i.id = {initiative_id};"
    )


PAPER_COLUMNS = "reference, subject, paper_type, resolution_proposal, preliminary_remark, explanation"

SQLITE_FORWARD = [
    # unicode61 folds case and, with remove_diacritics 2, umlauts (ä = a), so "Maßnahme" and
    # "Massnahme" differ but "Gebäude" and "Gebaude" match; the German stemming is done on the
    # query side (search.querytext): stems become prefix queries.
    """CREATE VIRTUAL TABLE search_document USING fts5(
        object_type UNINDEXED, object_id UNINDEXED, title, body,
        tokenize = 'unicode61 remove_diacritics 2')""",
    f"{SQLITE_COLUMNS} {SQLITE_PAPER_ROWS}",
    f"{SQLITE_COLUMNS} {SQLITE_INITIATIVE_ROWS}",
    f"""CREATE TRIGGER search_paper_insert AFTER INSERT ON papers_paper
        BEGIN {_sqlite_refresh_paper("NEW.id")} END""",
    f"""CREATE TRIGGER search_paper_update AFTER UPDATE OF {PAPER_COLUMNS} ON papers_paper
        BEGIN {_sqlite_refresh_paper("NEW.id")} END""",
    """CREATE TRIGGER search_paper_delete AFTER DELETE ON papers_paper
        BEGIN DELETE FROM search_document WHERE rowid = 2 * OLD.id; END""",
    f"""CREATE TRIGGER search_paperfile_insert AFTER INSERT ON papers_paperfile
        BEGIN {_sqlite_refresh_paper("NEW.paper_id")} END""",
    f"""CREATE TRIGGER search_paperfile_update AFTER UPDATE OF name, text, paper_id
        ON papers_paperfile
        BEGIN {_sqlite_refresh_paper("OLD.paper_id")} {_sqlite_refresh_paper("NEW.paper_id")} END""",
    f"""CREATE TRIGGER search_paperfile_delete AFTER DELETE ON papers_paperfile
        BEGIN {_sqlite_refresh_paper("OLD.paper_id")} END""",
    f"""CREATE TRIGGER search_initiative_insert AFTER INSERT ON portfolio_initiative
        BEGIN {_sqlite_refresh_initiative("NEW.id")} END""",
    f"""CREATE TRIGGER search_initiative_update AFTER UPDATE OF title, description
        ON portfolio_initiative
        BEGIN {_sqlite_refresh_initiative("NEW.id")} END""",
    """CREATE TRIGGER search_initiative_delete AFTER DELETE ON portfolio_initiative
        BEGIN DELETE FROM search_document WHERE rowid = 2 * OLD.id + 1; END""",
]
SQLITE_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS search_{table}_{event}"
        for table in ("paper", "paperfile", "initiative")
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE IF EXISTS search_document",
]

# --- PostgreSQL: a table with a generated, weighted tsvector and a GIN index ---------------

POSTGRES_FORWARD = [
    """CREATE TABLE search_document (
        object_type varchar(16) NOT NULL,
        object_id bigint NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('german'::regconfig, title), 'A')
            || setweight(to_tsvector('german'::regconfig, body), 'B')
        ) STORED,
        PRIMARY KEY (object_type, object_id)
    )""",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    f"""CREATE FUNCTION search_refresh_paper(paper bigint) RETURNS void LANGUAGE sql AS $$
        DELETE FROM search_document WHERE object_type = 'paper' AND object_id = paper;
        INSERT INTO search_document (object_type, object_id, title, body)
        SELECT 'paper', p.id, trim(p.reference || ' ' || p.subject),
               left(concat_ws(' ', p.paper_type, p.resolution_proposal, p.preliminary_remark,
                              p.explanation,
                              (SELECT string_agg(f.name || ' ' || f.text, ' ' ORDER BY f.id)
                               FROM papers_paperfile f WHERE f.paper_id = p.id)), {MAX_BODY})
        FROM papers_paper p WHERE p.id = paper;
    $$""",
    f"""CREATE FUNCTION search_refresh_initiative(initiative bigint) RETURNS void
        LANGUAGE sql AS $$
        DELETE FROM search_document
        WHERE object_type = 'initiative' AND object_id = initiative;
        INSERT INTO search_document (object_type, object_id, title, body)
        SELECT 'initiative', i.id,
               'V-' || lpad(i.id::text, greatest(4, length(i.id::text)), '0') || ' ' || i.title,
               left(i.description, {MAX_BODY})
        FROM portfolio_initiative i WHERE i.id = initiative;
    $$""",
    """CREATE FUNCTION search_paper_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_document WHERE object_type = 'paper' AND object_id = OLD.id;
        ELSE
            PERFORM search_refresh_paper(NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_paperfile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.paper_id IS NOT NULL THEN
            PERFORM search_refresh_paper(OLD.paper_id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.paper_id IS DISTINCT FROM OLD.paper_id)
        THEN
            PERFORM search_refresh_paper(NEW.paper_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_initiative_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_document
            WHERE object_type = 'initiative' AND object_id = OLD.id;
        ELSE
            PERFORM search_refresh_initiative(NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER search_paper_changed
        AFTER INSERT OR DELETE OR UPDATE OF {PAPER_COLUMNS} ON papers_paper
        FOR EACH ROW EXECUTE FUNCTION search_paper_changed()""",
    """CREATE TRIGGER search_paperfile_changed
        AFTER INSERT OR DELETE OR UPDATE OF name, text, paper_id ON papers_paperfile
        FOR EACH ROW EXECUTE FUNCTION search_paperfile_changed()""",
    """CREATE TRIGGER search_initiative_changed
        AFTER INSERT OR DELETE OR UPDATE OF title, description ON portfolio_initiative
        FOR EACH ROW EXECUTE FUNCTION search_initiative_changed()""",
    "SELECT search_refresh_paper(id) FROM papers_paper",
    "SELECT search_refresh_initiative(id) FROM portfolio_initiative",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_paper_changed ON papers_paper",
    "DROP TRIGGER IF EXISTS search_paperfile_changed ON papers_paperfile",
    "DROP TRIGGER IF EXISTS search_initiative_changed ON portfolio_initiative",
    "DROP FUNCTION IF EXISTS search_paper_changed()",
    "DROP FUNCTION IF EXISTS search_paperfile_changed()",
    "DROP FUNCTION IF EXISTS search_initiative_changed()",
    "DROP FUNCTION IF EXISTS search_refresh_paper(bigint)",
    "DROP FUNCTION IF EXISTS search_refresh_initiative(bigint)",
    "DROP TABLE IF EXISTS search_document",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
}


def _run(schema_editor, direction):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"The search index supports SQLite and PostgreSQL, not {vendor}.")
    for statement in STATEMENTS[vendor][direction]:
        schema_editor.execute(statement, params=None)


def create_index(apps, schema_editor):
    _run(schema_editor, 0)


def drop_index(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0001_initial"),
        ("portfolio", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
