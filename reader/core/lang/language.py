"""What a language's resolutions are written with: the fields one module per language fills.

The shapes of a resolution are the same in every official language (an opening line naming
the body, preambular paragraphs opened by a participle, operative paragraphs opened by a
verb, a closing meeting line); only the words and word endings differ. ``en.py`` fills
these fields for English; ``fr.py`` fills the same ones for French ("L'Assemblée générale,",
"Rappelant", "Prie", "janvier"). The fields after ``lead_adverbs`` have English's values as
defaults: they name where another language's shape differs (accented capitals, the body's noun
first, "Se" before a verb, "1er mars", the adoption and meeting phrases).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, "en"

    # -- the opening line: "The General Assembly," -------------------------------------------
    body_articles: tuple[str, ...]  # the capitalised article that opens it
    name_small_words: frozenset[str]  # lower-case words allowed inside a body's name
    body_nouns: frozenset[str]  # the last word of a body's name, when the line lacks its comma

    # -- preambular paragraphs: "Recalling", "Deeply concerned", "Appalled at" -----------------
    preamble_openers: frozenset[str]  # words that open one besides participles
    participle_ending: str  # "-ing": a capitalised word ending so opens one
    past_participle_endings: tuple[str, ...]  # "-ed": "Keenly interested"
    not_participles: frozenset[str]  # capitalised words with that ending that open none
    adverb_ending: str  # "Keenly aware": an adverb opens one before a participle or opener
    feeling_endings: tuple[str, ...]  # "Appalled", "Hopeful" ...
    feeling_prepositions: frozenset[str]  # ... followed by one of these

    # -- operative paragraphs: "Requests", "Also decides", "Takes note" ------------------------
    operative_adverbs: frozenset[str]  # may stand before the verb
    verb_endings: tuple[str, ...]  # the verb's third-person ending
    not_verb_endings: tuple[str, ...]  # endings that look like it and are not ("-ss")

    # -- sentences, dates and numbers ---------------------------------------------------------
    abbreviations: frozenset[str]  # a full stop after these ends no paragraph ("para.", "No.")
    months: tuple[str, ...]  # lower case, January first
    ordinal_units: tuple[str, ...]  # "zeroth" … "nineteenth": sessions printed in words
    tens: tuple[str, ...]  # index 2..9: "twenty" … "ninety"
    tens_ordinals: tuple[str, ...]  # index 2..9: "twentieth" … "ninetieth"
    title_small_words: frozenset[str]  # kept lower case when a title in capitals is set in sentence case
    frame_words: frozenset[str]  # words of header and closing lines that only frame a metadata field
    part_words: frozenset[str]  # after these "(1)" names a part of a text, not a footnote

    # -- words split at a line end -------------------------------------------------------------
    hyphen_prefixes: frozenset[str]  # compounds written with a hyphen: "non-governmental"
    hyphen_suffixes: frozenset[str]  # "capacity-building", "long-term"
    pdf_hyphen_prefixes: frozenset[str]  # a PDF line ending in "multi-" keeps its hyphen

    # -- matching ------------------------------------------------------------------------------
    function_words: frozenset[str]  # carry no matter of their own: ignored when scoring likeness
    lead_adverbs: frozenset[str]  # "Also recalls", "Further decides": passed over to reach the verb

    # -- where a language's shape differs from English's (the defaults are English's) -----------
    upper: str = "A-Z"  # the capitals and small letters of a word, as regex classes: French
    lower: str = "a-z"  # "Réaffirmant" opens with "R" and goes on with "é"
    body_noun_first: bool = False  # "L'Assemblée générale": the name opens with its noun, then
    # small words and adjectives in lower case; English's is capitalised and ends with the noun
    reflexives: frozenset[str] = frozenset()  # "Se félicitant", "Se félicite": passed over
    not_verbs: frozenset[str] = frozenset()  # capitalised words with a verb's ending that are none
    body_names: tuple[tuple[str, str], ...] = ()  # (name as printed, lower case; the English
    # name the reader files the body under): "assemblée générale" -> "General Assembly"
    first_day_suffix: str = ""  # "1er mars 2024": the first of the month takes a suffix
    # Regex sources for a language other than English (English's are written out in
    # ``ingest.meta`` and ``ingest.blocks``): the closing meeting ("75e séance plénière",
    # "Cent-quatre-vingt-troisième séance plénière"), and the word "adopted" ("Adoptée à …").
    meeting_phrase: str = ""
    resolution_word: str = "Resolution"  # "Resolution 425 (1978)", "Résolution 425 (1978)"
    dated_word: str = "of"  # "Resolution of 5 August 1947", "du 19 mars 1978"
    date_article: str = ""  # "le 8 décembre 1948": the word a date line may open with
    adopted_word: str = ""

    def ordinal(self, n: int) -> str:
        """21 -> "twenty-first" (sessions are printed in words); from 100 on, "100th"."""
        if n < 20:
            return self.ordinal_units[n]
        tens, units = divmod(n, 10)
        if tens >= 10:
            return f"{n}th"
        return self.tens_ordinals[tens] if units == 0 else f"{self.tens[tens]}-{self.ordinal_units[units]}"

    @property
    def number_words(self) -> frozenset[str]:
        """Ordinal words a meeting or session number ends with: "first" … "ninetieth"."""
        return frozenset(self.ordinal_units[1:]) | frozenset(self.tens_ordinals[2:])
