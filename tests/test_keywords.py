"""Keyword highlighting on real paragraph text."""

from __future__ import annotations

import itertools

from reader.core.compare.keywords import Keyword, find_keyword

# 62/209 OP10 as printed (curly apostrophe and the hard-wrap joins of the seed).
OP10 = (
    "Also recognizes the need to mobilize additional resources for enhancing South-South cooperation, "
    "and in this context invites the donor community, including Member States, to contribute generously "
    "to the United Nations Fund for South-South Cooperation and the Pérez-Guerrero Trust Fund for "
    "Economic and Technical Cooperation among Developing Countries, in accordance with its resolution "
    "57/263 of 20 December 2002;"
)
# 62/209 OP13 excerpt with "Assembly’s" (curly apostrophe)
OP13 = "with a view to the Assembly\u2019s taking a decision, during its sixty-second session"


def found(text: str, kw: Keyword) -> list[str]:
    return [text[a:b] for a, b in find_keyword(text, kw)]


def test_exact_case_insensitive_whole_words() -> None:
    assert found(OP10, Keyword("south-south cooperation")) == [
        "South-South cooperation",
        "South-South Cooperation",
    ]
    assert found(OP10, Keyword("fund")) == ["Fund", "Fund"]
    # whole words: "Fund" does not match inside "Funding"
    assert found("Funding for the Fund", Keyword("fund")) == ["Fund"]


def test_part_words_when_whole_word_is_off() -> None:
    assert found("Funding for the Fund", Keyword("fund", whole_word=False)) == ["Fund", "Fund"]
    assert len(find_keyword(OP10, Keyword("operation", whole_word=False))) == 3


def test_case_sensitive() -> None:
    assert found(OP10, Keyword("South-South Cooperation", case_sensitive=True)) == ["South-South Cooperation"]
    assert found(OP10, Keyword("member states", case_sensitive=True)) == []


def test_typography_and_line_breaks_do_not_block_a_match() -> None:
    assert found(OP13, Keyword("Assembly's")) == ["Assembly\u2019s"]
    assert found("the South\u2011South\ncooperation", Keyword("South-South cooperation")) == [
        "South\u2011South\ncooperation"
    ]
    assert found("Pérez-Guerrero Trust Fund", Keyword("pérez–guerrero")) == ["Pérez-Guerrero"]


def test_fuzzy_catches_spelling_variants_only() -> None:
    text = "the programme of work, the program budget, programming and co-operation in development"
    assert found(text, Keyword("programme", fuzzy=True)) == ["programme", "program"]
    assert found(text, Keyword("cooperation", fuzzy=True)) == ["co-operation"]
    assert found(text, Keyword("developing", fuzzy=True)) == []
    assert found(OP10, Keyword("Perez Guerrero Trust Fund", fuzzy=True)) == ["Pérez-Guerrero Trust Fund"]


def test_spans_are_sorted_and_do_not_overlap() -> None:
    spans = find_keyword(OP10, Keyword("cooperation", fuzzy=True))
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_empty_keyword_finds_nothing() -> None:
    assert find_keyword(OP10, Keyword("")) == []
    assert find_keyword(OP10, Keyword("   ", fuzzy=True)) == []
    assert find_keyword("", Keyword("fund")) == []
