"""Finding a series among real documents (tests/fixtures/real): its own title and body, its own citations,
distinctive shared text; never a document that shares only common paragraphs (issue 20)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.corpus.collection import Corpus
from reader.core.history.evidence import citations, paragraph_weights, shared_with, title_score
from reader.core.history.series import find_series

REAL = Path(__file__).parent / "fixtures" / "real"

# Paragraphs of 68/158 that the fixtures' documents of other items hold too (measured: PP3 also in 66/125
# and 67/217; OP1 in 66/125, 68/134, 71/216 and 72/204; OP27 in 67/217 and 70/182).
COMMON = ("PP3", "OP1", "OP27")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.load([REAL])


def _symbols(found: object) -> list[str]:
    return [f.document.metadata.symbol for f in found]  # type: ignore[attr-defined]


def test_the_general_assemblys_series_and_not_the_councils(corpus: Corpus) -> None:
    found = find_series(corpus, corpus.document("68/158"))
    assert _symbols(found.members) == ["64/172", "66/155"]
    for f in found.members:
        assert f.reasons[0] == "same title as 68/158" and f.share > 0.8
    # Human Rights Council 36/9 has the same title and shares paragraphs: another body's series.
    assert "36/9" not in _symbols(found.left_out)


def test_a_predecessor_cited_as_its_own_joins(corpus: Corpus) -> None:
    found = find_series(corpus, corpus.document("72/204"))
    # 77/153 and 78/137 ("External debt sustainability and development", the alignment fixtures) are
    # its later sessions: the same title.
    assert _symbols(found.members) == ["71/216", "77/153", "78/137"]
    assert found.members[0].reasons[:2] == ("same title as 72/204", "cited by 72/204 (PP1)")


def test_boilerplate_only_overlap_never_makes_a_document_part_of_the_series(
    corpus: Corpus, tmp_path: Path
) -> None:
    """A General Assembly text under the very title "The right to development" whose paragraphs are only
    68/158's paragraphs that documents of other items hold too is left out, and said why."""
    for f in REAL.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    target = corpus.document("68/158")
    common = [target.paragraphs[target.index_of(label)].text for label in COMMON]
    decoy = ["69/999. The right to development", "", "The General Assembly,", "", common[0], ""]
    decoy += [f"{n}.\t{text}\n" for n, text in enumerate(common[1:], start=1)]
    (tmp_path / "A_RES_69_999.txt").write_text("\n".join(decoy), encoding="utf-8")
    mine = Corpus.load([tmp_path])
    doc = mine.document("69/999")
    assert doc.metadata.body == "General Assembly" and doc.metadata.title == "The right to development"
    assert len(doc.paragraphs) == 3
    found = find_series(mine, mine.document("68/158"))
    assert _symbols(found.members) == ["64/172", "66/155"]
    left = {f.document.metadata.symbol: f for f in found.left_out}
    assert left["69/999"].reasons == (
        "same title as 68/158",
        "but shares only common paragraphs with 68/158",
    )
    assert left["69/999"].share < 0.05


def test_a_paragraph_weighs_one_over_the_series_holding_it() -> None:
    a, b, c = ("ga", "x"), ("ga", "y"), ("hrc", "x")
    weights = paragraph_weights([{a}, {a, c}, {a, b, c}, set()])
    assert weights == [1.0, 0.5, pytest.approx(1 / 3), 0.0]
    only_common = shared_with({2: 100.0}, weights)
    assert only_common.distinctive == 0 and only_common.share == pytest.approx((1 / 3) / (1 + 0.5 + 1 / 3))
    assert shared_with({0: 100.0, 1: 80.0}, weights).distinctive == 2


def test_another_bodys_resolution_is_not_cited_as_its_own(corpus: Corpus) -> None:
    """68/158 PP4: "Recalling also all its previous resolutions, Human Rights Council resolution 21/32 ...
    in particular Commission resolution 1998/72"."""
    cited = citations(corpus.document("68/158"))
    assert "21/32" not in cited and "1998/72" not in cited
    assert citations(corpus.document("72/204"))["71/216"] == "PP1"


def test_titles_alike_and_not() -> None:
    assert title_score("South-South cooperation", "South-South cooperation for development") >= 85
    assert title_score("The right to development", "The right to food") < 85
    assert title_score("Oceans and the law of the sea", "Sustainable fisheries") == 0.0


def test_keys_from_file_names_and_lines_that_are_not_titles() -> None:
    """Security Council files carry no symbol in the text: "S_RES_2768(2025)" is cited as "2768 (2025)";
    their parsed "titles" are adoption lines, alike for every resolution, and no evidence."""
    from reader.core.history.evidence import document_key, is_title

    assert document_key("", "S_RES_2768(2025)") == "2768(2025)"
    assert document_key("", "A_HRC_RES_36_9") == "36/9"
    assert document_key("A/RES/60/212", "whatever") == "60/212"
    assert document_key("", "budget-notes") == ""
    adopted = "Adopted by the Security Council at its 9783rd meeting, on 14 November 2024"
    assert not is_title(adopted) and not is_title("on 16 September 1998")
    assert not is_title("47 (1948). Resolution of 21 April 1948")
    assert not is_title("\u201cThe Human Rights Council,")
    assert is_title("The right to development")
    assert (
        title_score(adopted, "Adopted by the Security Council at its 9476th meeting, on 15 November 2023")
        == 0
    )
