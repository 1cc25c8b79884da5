"""Writing the benchmark's hundreds of thousands of rows fast: COPY on PostgreSQL.

Only for the generated benchmark databases: rows go in without save(), signals or audit
entries, and inserted rows' ids are not read back (use bulk_create for rows others point to).
"""

import operator

from django.db import DEFAULT_DB_ALIAS, connections, models

BATCH = 2000


def _copy_rows(connection, table, fields, objects):
    """COPY the `fields` of `objects` into `table`; returns the number of rows."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    # Django's preparation only where psycopg cannot take the attribute as it is: JSON, and
    # fields that fill themselves on save (auto_now). Calling it for every value would take
    # longer than the COPY.
    prepared = [
        index
        for index, field in enumerate(fields)
        if isinstance(field, models.JSONField)
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    ]
    values = operator.attrgetter(*(field.attname for field in fields))
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objects:
            row = values(obj)
            row = list(row) if len(fields) > 1 else [row]
            for index in prepared:
                field = fields[index]
                row[index] = field.get_db_prep_save(field.pre_save(obj, True), connection)
            copy.write_row(row)
            count += 1
    return count


def insert_rows(model, objects, *, with_ids=False):
    """Insert the unsaved `objects` (any iterable, read once) of `model`; returns their number.

    PostgreSQL takes them in one COPY, several times faster than bulk_create's INSERTs at the
    Land bench's size; other databases get bulk_create in batches. With `with_ids` (objects a
    list), each object gets its id, as from bulk_create: on PostgreSQL drawn from the table's
    sequence beforehand, since COPY returns nothing.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        objects = list(objects)
        model.objects.bulk_create(objects, batch_size=BATCH)
        return len(objects)
    fields = [field for field in model._meta.concrete_fields if field is not model._meta.auto_field]
    if with_ids:
        pk = model._meta.pk
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(objects)],
            )
            for obj, (new_id,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = new_id
                obj._state.adding = False
        fields = [pk, *fields]
    return _copy_rows(connection, model._meta.db_table, fields, objects)


def update_rows(model, objects, field_names):
    """Write `field_names` of the saved `objects` of `model`, as bulk_update does.

    On PostgreSQL through a temporary table filled by COPY and one UPDATE … FROM: bulk_update's
    CASE per row grows with the batch and takes minutes for the Land's 50,000 initiatives.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, field_names, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = [model._meta.pk, *(model._meta.get_field(name) for name in field_names)]
    staging = f"{table}_bench_update"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(staging)} AS "
            f"SELECT {', '.join(quote(field.column) for field in fields)} "
            f"FROM {quote(table)} WITH NO DATA"
        )
        _copy_rows(connection, staging, fields, objects)
        assignments = ", ".join(
            f"{quote(field.column)} = staged.{quote(field.column)}" for field in fields[1:]
        )
        pk = quote(model._meta.pk.column)
        cursor.execute(
            f"UPDATE {quote(table)} SET {assignments} FROM {quote(staging)} AS staged "
            f"WHERE {quote(table)}.{pk} = staged.{pk}"
        )
        cursor.execute(f"DROP TABLE {quote(staging)}")
