"""Normalisation must fold print variants together yet map back to printed characters."""

from reader.core.textnorm import fold, matching_form, tokens, verb_stem


def test_fold_unifies_quotes_dashes_spaces_and_emphasis() -> None:
    printed = "*Recalling* the \u201cSouth\u2011South\u201d\u00a0Fund \u2013 P\u00e9rez"
    assert fold(printed) == 'recalling the "south-south" fund - pérez'


def test_tokens_keep_original_offsets() -> None:
    text = "the *Assembly\u2019s* resolution 57/263 of 20 December 2002, 3.5 million"
    toks = tokens(text)
    assert [t.norm for t in toks] == [
        "the", "assembly's", "resolution", "57/263", "of", "20", "december", "2002", "3.5", "million",
    ]  # fmt: skip
    for t in toks:
        assert fold(text[t.start : t.end]) == t.norm


def test_participle_and_operative_verb_share_a_stem() -> None:
    pairs = [
        ("Recognizing", "Recognizes"),
        ("Stressing", "Stresses"),
        ("Noting", "Notes"),
        ("Recalling", "Recalls"),
        ("Reaffirming", "Reaffirms"),
        ("Welcoming", "Welcomes"),
        ("Encouraging", "Encourages"),
        ("Taking", "Takes"),
    ]
    for participle, verb in pairs:
        assert verb_stem(participle) == verb_stem(verb), (participle, verb)
    assert verb_stem("Recognizes") != verb_stem("Requests")


def test_matching_form_equates_preamble_and_operative_openings() -> None:
    pp = "Recognizing that developing countries have the primary responsibility"
    op = "*Recognizes* that developing countries have the primary responsibility"
    assert matching_form(pp) == matching_form(op)
    assert matching_form("Also stresses that") == matching_form("Also stressing that")


def test_ascii_fast_path_folds_like_the_full_path() -> None:
    import unicodedata

    from reader.core.textnorm import _TRANSLATE, fold_word

    for word in ("South-South", "Assembly's", "E.78.II.A.11", "snake_case", "HIGH-LEVEL", "57/263"):
        assert fold_word(word) == unicodedata.normalize("NFKC", word).translate(_TRANSLATE).casefold()


def test_words_are_the_tokens_matching_forms_on_real_text() -> None:
    """``words`` skips building tokens; it must give exactly their forms (and ``matching_form``
    from cached words exactly what it gives from the text)."""
    from pathlib import Path

    from benchmarks.real_pairs import DOCS
    from reader.core.textnorm import words
    from reader.core.wordcache import cached_matching_form

    files = sorted(DOCS.glob("*.txt"))[::40]
    assert len(files) > 50
    for f in files:
        text = Path(f).read_text(encoding="utf-8", errors="replace")
        assert words(text) == [t.norm for t in tokens(text)], f.name
        for para in text.split("\n\n")[:30]:
            assert cached_matching_form(para) == matching_form(para)
