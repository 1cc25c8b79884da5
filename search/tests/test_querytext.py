from django.utils import translation

from search import querytext
from search.queries import START, STOP, mark


def test_words_become_stemmed_prefixes_for_fts5_and_stay_for_postgres():
    parsed = querytext.parse("Schulen Digitalisierung")
    assert parsed.hints == []
    assert parsed.fts5() == '("schul"* AND "digitalisier"*)'
    assert parsed.websearch() == "Schulen Digitalisierung"


def test_phrases_alternatives_and_exclusions():
    parsed = querytext.parse('"Smarter Kreis" Breitband or Glasfaser -Mobilfunk')
    assert parsed.fts5() == (
        '(("Smarter Kreis" AND "breitband"*) OR ("glasfas"*)) NOT "mobilfunk"*'
    )
    assert parsed.websearch() == '"Smarter Kreis" Breitband or Glasfaser -Mobilfunk'


def test_the_german_oder_joins_alternatives_too():
    parsed = querytext.parse("Breitband ODER Glasfaser")
    assert parsed.fts5() == '("breitband"*) OR ("glasfas"*)'
    assert parsed.websearch() == "Breitband or Glasfaser"


def test_hyphenated_words_are_a_phrase_and_short_words_no_prefix():
    parsed = querytext.parse("Rhein-Sieg-Kreis IT")
    assert parsed.fts5() == '("Rhein Sieg Kreis" AND "it")'
    assert parsed.websearch() == "Rhein-Sieg-Kreis IT"


def test_fts5_operators_are_dropped_and_special_characters_separate_words():
    parsed = querytext.parse('NEAR(foo* AND :bar) ^baz "')
    assert parsed.fts5() == '("foo"* AND "bar"* AND "baz"*)'
    assert parsed.websearch() == "foo bar baz"


def test_bad_input_gives_german_hints():
    with translation.override("de"):
        unbalanced = querytext.parse('"Breitband Schule')
        only_operators = querytext.parse("or - -Schule ***")
        too_long = querytext.parse("Wort " * 100)
    assert unbalanced.is_searchable
    assert unbalanced.hints == [
        "Ein Anführungszeichen wurde nicht geschlossen. Die Wörter wurden einzeln gesucht."
    ]
    assert not only_operators.is_searchable
    assert "keine Suchwörter" in only_operators.hints[0]
    assert too_long.is_searchable
    assert len(too_long.hints) == 2
    assert "zu lang" in too_long.hints[0]
    assert "ersten 20 Wörter" in too_long.hints[1]


def test_empty_input_is_no_search_and_no_hint():
    parsed = querytext.parse("   ")
    assert not parsed.is_searchable
    assert parsed.hints == []


def test_light_stem():
    assert querytext.light_stem("Schulen") == "schul"
    assert querytext.light_stem("Kreises") == "kreis"
    assert querytext.light_stem("Kreis") == "kreis"
    assert querytext.light_stem("Maßnahmen") == "maßnahm"
    assert querytext.light_stem("Daten") == "daten"


def test_mark_escapes_and_stays_well_formed():
    text = f"<b>{START}a&b{STOP}</b> {STOP}x{START}y"
    assert mark(text) == "&lt;b&gt;<mark>a&amp;b</mark>&lt;/b&gt; x<mark>y</mark>"
