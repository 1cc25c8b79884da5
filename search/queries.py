"""Running a search: count, one page of hits with highlighted title and snippet.

Each page costs a constant number of queries: the count, the page of hits (with highlights),
the papers (with their published versions) and the initiatives on the page.

Users who may not read internal papers search an own paper's published row (what its
published version and the files published with it say, see migration 0002), never its live
row with a draft's text; imported papers they search as imported, as they read them.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from governance.models import Organization
from papers.models import Consultation, Paper
from papers.queries import paper_heading
from portfolio.models import Initiative

from .permissions import can_read_internal_papers, searchable_initiatives, searchable_papers

# Mark the matches; never part of the indexed text that matters (control characters).
START, STOP = "\x02", "\x03"
INITIATIVE_KIND = "INITIATIVE"
PAPER, PUBLISHED_PAPER, INITIATIVE = "paper", "published_paper", "initiative"
SNIPPET_WORDS = 24


def mark(text):
    """`text` HTML-escaped, its START/STOP-marked stretches in <mark>, always well-formed."""
    parts, is_open = [], False
    for char_run in _split_marks(text or ""):
        if char_run == START:
            if not is_open:
                parts.append("<mark>")
                is_open = True
        elif char_run == STOP:
            if is_open:
                parts.append("</mark>")
                is_open = False
        else:
            parts.append(escape(char_run))
    if is_open:
        parts.append("</mark>")
    return mark_safe("".join(parts))


def _split_marks(text):
    run = []
    for char in text:
        if char in (START, STOP):
            if run:
                yield "".join(run)
                run = []
            yield char
        else:
            run.append(char)
    if run:
        yield "".join(run)


@dataclass
class Hit:
    object: object
    title: str  # safe HTML
    snippet: str  # safe HTML
    # A paper's kind and date as the user reads them (papers.queries.paper_heading).
    heading: object = None

    @property
    def is_paper(self):
        return isinstance(self.object, Paper)

    @property
    def kind_label(self):
        return self.heading.kind if self.is_paper else _("Initiative")

    @property
    def url(self):
        return self.object.get_absolute_url()


@dataclass
class Filters:
    kind: str = ""
    committee: Organization | None = None
    date_from: object = None
    date_to: object = None


def _scopes(user, filters):
    """(object_type, queryset of visible, filtered objects) for each type the filters allow."""
    scopes = []
    if filters.kind in ("", *Paper.Kind.values):
        papers = searchable_papers(user)
        if filters.kind:
            papers = papers.filter(kind=filters.kind)
        if filters.committee is not None:
            consultations = Consultation.objects.filter(organization=filters.committee)
            if not can_read_internal_papers(user):
                consultations = consultations.filter(is_public=True)
            papers = papers.filter(pk__in=consultations.values("paper_id"))
        if filters.date_from:
            papers = papers.filter(date__gte=filters.date_from)
        if filters.date_to:
            papers = papers.filter(date__lte=filters.date_to)
        if can_read_internal_papers(user):
            scopes.append((PAPER, papers))
        else:
            scopes.append((PAPER, papers.exclude(external_id="")))
            scopes.append((PUBLISHED_PAPER, papers.filter(external_id="")))
    if filters.kind in ("", INITIATIVE_KIND) and filters.committee is None:
        initiatives = searchable_initiatives(user)
        if filters.date_from:
            initiatives = initiatives.filter(start_date__gte=filters.date_from)
        if filters.date_to:
            initiatives = initiatives.filter(start_date__lte=filters.date_to)
        scopes.append((INITIATIVE, initiatives))
    return scopes


def _scope_condition(scopes, alias):
    """SQL restricting index rows to the visible, filtered objects, and its parameters."""
    clauses, params = [], []
    for object_type, queryset in scopes:
        if not queryset.query.where:
            # Every object of the type (the staff unit's initiatives): the index has no
            # others, and listing all their ids (the Land's 50,000) would only cost time.
            clauses.append(f"({alias}.object_type = %s)")
            params.append(object_type)
            continue
        sql, scope_params = queryset.values("pk").query.sql_with_params()
        clauses.append(f"({alias}.object_type = %s AND {alias}.object_id IN ({sql}))")
        params.extend([object_type, *scope_params])
    return "(" + (" OR ".join(clauses) or "1 = 0") + ")", params


class _SQLite:
    # FTS5's MATCH and auxiliary functions name the table itself, so no alias here.
    alias = "search_document"

    def condition(self, scopes):
        """The scopes' condition; for internal readers also a rowid range, so FTS5 skips the
        published rows (negative rowids, see migration 0002) in its lookup instead of reading
        and then dropping them."""
        condition, params = _scope_condition(scopes, self.alias)
        if PUBLISHED_PAPER not in {object_type for object_type, _queryset in scopes}:
            condition += " AND search_document.rowid > 0"
        return condition, params

    def count(self, parsed, condition, params):
        return (
            f"SELECT count(*) FROM search_document WHERE search_document MATCH %s AND {condition}",
            [parsed.fts5(), *params],
        )

    def page(self, parsed, condition, params, offset, limit):
        # The highlights are computed for the page's rows only: the inner query picks them.
        rank = "bm25(search_document, 0, 0, 4.0, 1.0)"
        sql = (
            "SELECT object_type, object_id, highlight(search_document, 2, %s, %s), "
            f"snippet(search_document, 3, %s, %s, '…', {SNIPPET_WORDS}) "
            "FROM search_document WHERE search_document MATCH %s AND rowid IN ("
            "  SELECT rowid FROM search_document "
            f"  WHERE search_document MATCH %s AND {condition} "
            f"  ORDER BY {rank}, rowid LIMIT %s OFFSET %s"
            f") ORDER BY {rank}, rowid"
        )
        query = parsed.fts5()
        return sql, [START, STOP, START, STOP, query, query, *params, limit, offset]


class _PostgreSQL:
    alias = "d"

    def condition(self, scopes):
        return _scope_condition(scopes, self.alias)

    TITLE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'
    BODY_OPTIONS = (
        f'StartSel="{START}", StopSel="{STOP}", MaxWords={SNIPPET_WORDS}, MinWords=8, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )

    def count(self, parsed, condition, params):
        return (
            "SELECT count(*) FROM search_document d "
            f"WHERE d.vector @@ websearch_to_tsquery('german', %s) AND {condition}",
            [parsed.websearch(), *params],
        )

    def page(self, parsed, condition, params, offset, limit):
        sql = (
            "SELECT d.object_type, d.object_id, "
            "  ts_headline('german', d.title, q.query, %s), "
            "  ts_headline('german', d.body, q.query, %s) "
            "FROM ("
            "  SELECT d.object_type, d.object_id, ts_rank(d.vector, q.query) AS score "
            "  FROM search_document d, websearch_to_tsquery('german', %s) AS q(query) "
            f"  WHERE d.vector @@ q.query AND {condition} "
            "  ORDER BY score DESC, d.object_type, d.object_id LIMIT %s OFFSET %s"
            ") AS hit "
            "JOIN search_document d USING (object_type, object_id) "
            "CROSS JOIN websearch_to_tsquery('german', %s) AS q(query) "
            "ORDER BY hit.score DESC, d.object_type, d.object_id"
        )
        query = parsed.websearch()
        return sql, [
            self.TITLE_OPTIONS,
            self.BODY_OPTIONS,
            query,
            *params,
            limit,
            offset,
            query,
        ]


def _engine():
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()


class SearchResults:
    """The hits of a search as a lazy sequence for django.core.paginator.Paginator."""

    def __init__(self, user, parsed, filters):
        self.user = user
        self.parsed = parsed
        self.scopes = _scopes(user, filters) if parsed.is_searchable else []
        self._count = None

    def _run(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self):
        if self._count is None:
            if not self.scopes:
                self._count = 0
            else:
                engine = _engine()
                condition, params = engine.condition(self.scopes)
                self._count = self._run(*engine.count(self.parsed, condition, params))[0][0]
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice) or page.step not in (None, 1):
            raise TypeError("SearchResults supports only slices.")
        offset, stop = page.start or 0, page.stop
        if not self.scopes or stop is None or stop <= offset:
            return []
        engine = _engine()
        condition, params = engine.condition(self.scopes)
        rows = self._run(*engine.page(self.parsed, condition, params, offset, stop - offset))
        return self._hits(rows)

    def _hits(self, rows):
        paper_ids = [object_id for object_type, object_id, *_ in rows if object_type != INITIATIVE]
        initiative_ids = [
            object_id for object_type, object_id, *_ in rows if object_type == INITIATIVE
        ]
        related = ["body", "originator_unit", "originator_organization"]
        if not can_read_internal_papers(self.user):
            # The public reads an own paper's kind and date from its published version.
            related.append("published_version")
        papers = Paper.objects.select_related(*related).in_bulk(paper_ids) if paper_ids else {}
        initiatives = (
            Initiative.objects.select_related("owner_body").in_bulk(initiative_ids)
            if initiative_ids
            else {}
        )
        hits = []
        for object_type, object_id, title, snippet in rows:
            if object_type == INITIATIVE:
                if object_id in initiatives:
                    hits.append(Hit(initiatives[object_id], mark(title), mark(snippet)))
            elif object_id in papers:
                paper = papers[object_id]
                heading = paper_heading(self.user, paper)
                hits.append(Hit(paper, mark(title), mark(snippet), heading))
        return hits
