"""What a user typed into the search box, made safe for both full-text engines.

The input follows the web-search syntax people know: words (all must occur), "a phrase",
-excluded, `or` (or the German `oder`) between alternatives. It is parsed here into terms and
rendered twice: as a normalised string for PostgreSQL's `websearch_to_tsquery('german', ...)`
and as an FTS5 query for SQLite in which every term is a quoted string, so that no input can be
an FTS5 syntax error. Characters that are no part of a word (`*`, `:`, brackets, ...)
separate words.

SQLite has no German stemmer: words are reduced to a light stem (the inflection endings of
the Snowball German stemmer, and "-ung") and searched as prefixes, so "Schulen" finds "Schule"
and "Digitalisierung" finds "digitalisiert" and "Digitalisierungsstrategie".
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_LENGTH = 200
MAX_TERMS = 20

_WORD = re.compile(r"\w+")
# Within a bare token, hyphens, slashes and dots join the parts of one name ("Rhein-Sieg-Kreis",
# "AN/0057/2020"), searched as a phrase; any other character separates words.
_CHUNK_SEPARATOR = re.compile(r"[^\w\-/.]+")
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
# Suffixes removed from a word's end, longest first, as long as a stem of 4 letters is left.
_SUFFIXES = ("ungen", "ern", "ung", "em", "en", "er", "es", "e")
_S_ENDING = set("bdfghklmnrt")
_MIN_STEM = 4
# FTS5's operators (written in capitals) are dropped, not searched for as words.
_OPERATORS = {("AND",), ("NOT",), ("NEAR",)}
# The word between alternatives, in English and in German: the hint names the UI language's.
_ALTERNATIVE_WORDS = {"or", "oder"}


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase
    phrase: bool = False
    # As typed (without quotes): PostgreSQL's parser splits it as it splits the documents.
    text: str = ""


@dataclass
class ParsedQuery:
    """`groups`: alternatives (joined by or) of terms that must all occur; `excluded`: terms."""

    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    hints: list = field(default_factory=list)

    @property
    def is_searchable(self):
        return any(self.groups)

    def websearch(self):
        """The query for PostgreSQL's websearch_to_tsquery."""
        parts = []
        for group in self.groups:
            if parts:
                parts.append("or")
            parts.extend(_websearch_term(term) for term in group)
        parts.extend("-" + _websearch_term(term) for term in self.excluded)
        return " ".join(parts)

    def fts5(self):
        """The query for an FTS5 MATCH."""
        alternatives = [" AND ".join(_fts5_term(term) for term in group) for group in self.groups]
        expression = " OR ".join(f"({alternative})" for alternative in alternatives)
        for term in self.excluded:
            expression = f"({expression}) NOT {_fts5_term(term)}"
        return expression


def _websearch_term(term):
    return f'"{term.text}"' if term.phrase else term.text


def _fts5_term(term):
    if term.phrase or len(term.words) > 1:
        return '"' + " ".join(term.words) + '"'
    stem = light_stem(term.words[0])
    return f'"{stem}"*' if len(stem) >= _MIN_STEM - 1 else f'"{stem}"'


def light_stem(word):
    """`word` in lower case without its German inflection ending (see the module docstring)."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) > _MIN_STEM and word[-2] in _S_ENDING:
        return word[:-1]
    return word


def _is_operator(words):
    return words in _OPERATORS or (len(words) == 1 and words[0].lower() in _ALTERNATIVE_WORDS)


def parse(text):
    """The user's input as a ParsedQuery; problems with it become hints, never errors."""
    parsed = ParsedQuery()
    text = (text or "").strip()
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH]
        parsed.hints.append(
            _("Your search was too long. It was cut to its first %(count)d characters.")
            % {"count": MAX_LENGTH}
        )
    if text.count('"') % 2:
        text = text.replace('"', " ")
        parsed.hints.append(
            _("A quotation mark was not closed. The words were searched for one by one.")
        )
    if not text:
        return parsed
    group, pending_or, count, cut = [], False, 0, False
    for match in _TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() in _ALTERNATIVE_WORDS:
                pending_or = True
                continue
            negated, quoted = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        if bare is None:
            terms = [Term(tuple(_WORD.findall(quoted)), phrase=True, text=quoted)]
        else:
            terms = [
                Term(tuple(_WORD.findall(chunk)), text=chunk.strip("-/."))
                for chunk in _CHUNK_SEPARATOR.split(quoted)
            ]
        for term in terms:
            if not term.words or (not term.phrase and _is_operator(term.words)):
                continue
            if count >= MAX_TERMS:
                cut = True
                continue
            count += 1
            if negated:
                parsed.excluded.append(term)
                continue
            if pending_or and group:
                parsed.groups.append(group)
                group = []
            pending_or = False
            group.append(term)
    if group:
        parsed.groups.append(group)
    if cut:
        parsed.hints.append(
            _("Only the first %(count)d words of your search were used.") % {"count": MAX_TERMS}
        )
    if not parsed.is_searchable:
        parsed.hints.append(
            _(
                "Your search contains no words to look for. Please enter at least one word "
                "(a minus sign excludes a word, it cannot stand alone)."
            )
        )
    return parsed
