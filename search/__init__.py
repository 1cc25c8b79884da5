"""Full-text search over papers (subject, sections, their files' names and extracted text)
and initiatives (title, description).

Design: one index table `search_document` (object_type, object_id, title, body), created by
this app's migration per database vendor and kept current by database triggers on
papers_paper, papers_paperfile and portfolio_initiative. Triggers, not signals or explicit
rebuild calls, because papers are written by several apps (forms, the OParl import, the admin,
bulk updates) and a trigger sees every write, in the same transaction. The index holds only
text; who may see a hit and the filters (kind, committee, date) are applied at query time by
joining the index with the ordinary querysets (search.permissions), so the index never has to
follow permission or visibility changes.

An own paper has two rows: its live text ('paper'), which internal readers search, and what
it published ('published_paper': the published version's text and the files published with
it), which everyone else searches, as they read the paper (papers.permissions); so a new
draft's words and an unpublished attachment are never found, nor shown in a snippet, by the
public. Imported papers the public searches as imported, in their 'paper' row.

- PostgreSQL: a table with a generated tsvector (`to_tsvector('german', ...)`: German stemming
  and stop words; title weighted above body) and a GIN index; queries use
  `websearch_to_tsquery('german', ...)`, `ts_rank` and `ts_headline`.
- SQLite: an FTS5 virtual table with the `unicode61 remove_diacritics 2` tokenizer. FTS5's only
  stemmer, `porter`, is English and would mangle German words; the trigram tokenizer finds
  substrings but ranks and highlights poorly and needs three letters. So words are indexed as
  written (case and accents folded) and the query side stems: each word's German inflection
  ending is removed and the stem searched as a prefix (search.querytext). Ranking by `bm25`,
  marks by `highlight()` and `snippet()`.

Highlighted text is built safely: the engines mark matches with control characters, the text
is HTML-escaped, then the control characters become <mark> elements (search.queries.mark).
"""
