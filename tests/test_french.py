"""Resolutions written in French, read through ``reader.core.lang`` (``FRENCH``).

``fixtures/real/UNEP_EA.6_RES.1.txt`` is the Environment Assembly's resolution 6/1 as the
corpus holds it, in French (copied unchanged); ``fixtures/real_volumes/S_RES_426(1978).txt`` the
French page of the Security Council's 1978 volume, beside the English page ``S_RES_425(1978)``.
The General Assembly text below is written by hand in the shape the Assembly's French
resolutions are printed in (header, numbered paragraphs, sub-paragraphs "a)", footnotes,
closing "50e séance plénière").
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.compare.comparison import compare
from reader.core.corpus.collection import Corpus
from reader.core.corpus.doccodec import decode, encode
from reader.core.ingest.parse import load_document, load_parts, parse_text
from reader.core.ingest.patterns import is_operative_verb_start, is_preamble_start, opening_body
from reader.core.jsonout import document_json
from reader.core.lang import ENGLISH, FRENCH, reading_in, text_language
from tests.wordcheck import lost_words

REAL = Path(__file__).parent / "fixtures" / "real"
VOLUMES = Path(__file__).parent / "fixtures" / "real_volumes"

GA_FR = """Nations Unies\tA/RES/78/999

Assemblée générale\tDistr. générale
20 décembre 2023

Soixante-dix-huitième session
Point 14 de l’ordre du jour

Résolution adoptée par l’Assemblée générale le 19 décembre 2023

78/999. Coopération internationale en matière de protection des océans

L’Assemblée générale,

Rappelant sa résolution 77/161 du 14 décembre 2022 et toutes ses résolutions antérieures sur la question,

Réaffirmant la Déclaration de Rio sur l’environnement et le développement1,

Profondément préoccupée par la dégradation persistante des écosystèmes marins,

Consciente que les océans jouent un rôle essentiel dans la régulation du climat,

Se félicitant des travaux de la Conférence des Nations Unies sur les océans,

1. Prend note du rapport du Secrétaire général2 ;

2. Souligne qu’il importe de renforcer la coopération internationale, notamment :

a) En échangeant des données scientifiques sur l’état des océans ;

b) En appuyant le renforcement des capacités des pays en développement ;

3. Engage les États Membres à ratifier les instruments pertinents ;

4. Exhorte de nouveau toutes les parties à s’abstenir de tout acte qui aggraverait la situation ;

5. Décide également d’inscrire à l’ordre du jour provisoire de sa soixante-dix-neuvième session la \
question intitulée « Coopération internationale en matière de protection des océans ».

50e séance plénière
19 décembre 2023

__________________
1 Rapport de la Conférence des Nations Unies sur l’environnement et le développement, Rio de Janeiro, \
3-14 juin 1992, vol. I.
2 A/78/123.
"""


def test_the_environment_assemblys_french_resolution_is_read() -> None:
    path = REAL / "UNEP_EA.6_RES.1.txt"
    doc = load_document(path)
    assert [p.label for p in doc.paragraphs] == [
        *(f"PP{i}" for i in range(1, 13)),
        *(f"OP{i}" for i in range(1, 6)),
    ]
    m = doc.metadata
    # the symbol and body its English copies get; the title and the date as the French header prints them
    assert (m.symbol, m.body, m.date, m.language) == (
        "UNEP/EA.6/Res.1",
        "United Nations Environment Assembly",
        "2024-03-01",
        "fr",
    )
    assert (
        m.title
        == "Circularité d’une agro-industrie de la canne à sucre résiliente et à faible émission de carbone"
    )
    texts = {p.label: p.text for p in doc.paragraphs}
    assert texts["PP11"].startswith("Se félicitant du lancement de l’Alliance internationale")
    assert texts["PP6"].startswith("Consciente en outre que l’agro-industrie")
    assert texts["OP1"].startswith("Invite les États Membres dotés d’une agro-industrie")
    assert texts["OP3"].startswith("Invite en outre les États Membres")
    assert texts["OP3"].endswith("développement\xa0;")  # French spacing before ";"
    assert texts["OP5"].startswith("Prie également la Directrice exécutive")
    assert doc.warnings == ()
    # the header and opening lines are read for the metadata; every word is somewhere
    assert {a.text: a.why.split(":")[0] for a in doc.set_aside} == {
        "Résolution adoptée par l’Assemblée des Nations Unies pour l’environnement le 1er mars 2024": (
            "read for metadata (date, body, meeting)"
        ),
        "6/1. Circularité d’une agro-industrie de la canne à sucre résiliente et\xa0à\xa0faible émission "
        "de carbone": "document header",
        "L’Assemblée des Nations Unies pour l’environnement,": "read for metadata (date, body, meeting)",
    }
    assert not lost_words(path.read_text(encoding="utf-8"), doc)


def test_a_french_general_assembly_text_gets_its_numbers_sub_paragraphs_and_footnotes() -> None:
    doc = parse_text(GA_FR, doc_id="ga_fr")
    assert [p.label for p in doc.paragraphs] == [
        "PP1",
        "PP2",
        "PP3",
        "PP4",
        "PP5",
        "OP1",
        "OP2",
        "OP2(a)",
        "OP2(b)",
        "OP3",
        "OP4",
        "OP5",
    ]
    texts = {p.label: p.text for p in doc.paragraphs}
    assert texts["PP3"] == "Profondément préoccupée par la dégradation persistante des écosystèmes marins,"
    assert texts["PP5"].startswith("Se félicitant des travaux")
    assert texts["OP1"] == "Prend note du rapport du Secrétaire général ;"  # the marker "2" taken out
    assert texts["OP2(b)"] == "En appuyant le renforcement des capacités des pays en développement ;"
    assert texts["OP4"].startswith("Exhorte de nouveau toutes les parties")
    assert [(f.number, f.label) for f in doc.footnotes] == [(1, "PP2"), (2, "OP1")]
    assert doc.footnotes[1].text == "A/78/123."
    m = doc.metadata
    assert (m.symbol, m.body, m.title, m.date, m.meeting, m.language) == (
        "78/999",
        "General Assembly",
        "Coopération internationale en matière de protection des océans",
        "2023-12-19",
        "50e séance plénière",
        "fr",
    )
    assert doc.warnings == ()
    assert not lost_words(GA_FR, doc)


def test_two_french_texts_compare() -> None:
    left = parse_text(GA_FR, doc_id="left")
    changed = GA_FR.replace("Engage les États Membres", "Engage vivement les États Membres")
    changed = changed.replace("4. Exhorte de nouveau", "4. Exhorte une fois encore")
    right = parse_text(changed, doc_id="right")
    pairs = {(p.left, p.right): p.kind for p in compare(left, right).alignment.pairs}
    assert pairs[((9,), (9,))] == "modified"  # OP3
    assert pairs[((10,), (10,))] == "modified"  # OP4
    assert sum(kind == "identical" for kind in pairs.values()) == 10


def test_the_shapes_follow_the_documents_language() -> None:
    with reading_in(FRENCH):
        assert opening_body("Le Conseil de sécurité,") == "Conseil de sécurité"
        assert opening_body("L’Assemblée générale,") == "Assemblée générale"
        assert opening_body("Le Secrétaire général,") is None  # a person, not a body
        for opener in (
            "Rappelant sa résolution",
            "Gravement préoccupé par la situation",
            "Se félicitant des efforts",
        ):
            assert is_preamble_start(opener), opener
        assert not is_preamble_start("Se félicite des efforts")
        for verb in (
            "Décide de",
            "Prie également la",
            "Prend note du rapport",
            "Se félicite de",
            "Reconnaît que la",
        ):
            assert is_operative_verb_start(verb), verb
        assert not is_operative_verb_start("Cette résolution est")
    # outside a French parse the shapes are English's
    assert not is_preamble_start("Rappelant sa résolution 4/1")
    assert opening_body("The General Assembly,") == "General Assembly"


def test_the_language_is_told_by_the_opening() -> None:
    assert text_language(GA_FR) is FRENCH
    assert text_language((REAL / "A_RES_76_129.txt").read_text(encoding="utf-8")) is ENGLISH
    assert text_language("") is ENGLISH


def test_the_language_is_in_json_and_the_store() -> None:
    doc = parse_text(GA_FR, doc_id="ga_fr")
    assert document_json(doc, full=True)["language"] == "fr"
    assert decode(encode(doc), "ga_fr", "").metadata == doc.metadata
    english = load_document(REAL / "A_RES_76_129.txt")
    assert "language" not in document_json(english, full=True)
    assert decode(encode(english), "x", "").metadata.language == ""


def test_a_french_page_beside_an_english_one_is_a_translation_not_a_copy(tmp_path: Path) -> None:
    """The English page S_RES_425(1978) prints 425, 426 and 427; the file named for 426 is the
    French page. The English page keeps its 426 (a translation is no copy of it), and the French
    page reads in French."""
    for name in ("S_RES_425(1978).txt", "S_RES_426(1978).txt"):
        shutil.copy(VOLUMES / name, tmp_path / name)
    english = load_parts(tmp_path / "S_RES_425(1978).txt")
    assert [d.metadata.symbol for d in english] == [
        "S/RES/425 (1978)",
        "S/RES/426 (1978)",
        "S/RES/427 (1978)",
    ]
    assert all(d.metadata.language == "" for d in english)
    french = load_parts(tmp_path / "S_RES_426(1978).txt")
    assert [d.metadata.symbol for d in french][:2] == ["S/RES/425 (1978)", "S/RES/426 (1978)"]
    assert all(d.metadata.language == "fr" for d in french)
    assert [p.label for p in french[0].paragraphs] == ["PP1", "PP2", "PP3", "PP4", "OP1", "OP2", "OP3", "OP4"]
    assert french[0].paragraphs[4].text.startswith("Demande que soient strictement respectées")
    assert (french[1].metadata.date, french[1].metadata.meeting) == ("1978-03-19", "2075e séance")
    ids = [e.id for e in Corpus.load([tmp_path]).entries]
    assert ids[:3] == ["S_RES_425(1978)#1", "S_RES_425(1978)#2", "S_RES_425(1978)#3"]


SC_FR = """Nations Unies\tS/RES/2674 (2023)
Conseil de sécurité\tDistr. générale
12 janvier 2023

Résolution 2674 (2023)

Adoptée par le Conseil de sécurité à sa 9252e séance, le 12 janvier 2023

Le Conseil de sécurité,

Rappelant ses résolutions antérieures sur la question de Chypre,

Se félicitant du rapport du Secrétaire général,

1. Prend note du rapport du Secrétaire général ;

2. Décide de proroger le mandat de la Force jusqu’au 31 janvier 2024 ;

3. Décide de rester activement saisi de la question.
"""

HRC_FR = """Nations Unies\tA/HRC/RES/52/16
Assemblée générale\tDistr. générale
13 avril 2023

Conseil des droits de l’homme
Cinquante-deuxième session
27 février-4 avril 2023
Point 3 de l’ordre du jour

Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2023

52/16. Droit à l’éducation

Le Conseil des droits de l’homme,

Guidé par les buts et principes de la Charte des Nations Unies,

Réaffirmant toutes les résolutions antérieures sur le droit à l’éducation,

Vivement préoccupé par les attaques contre les écoles,

1. Exhorte tous les États à garantir le droit à l’éducation ;

2. Fait siennes les recommandations du Rapporteur spécial ;

3. Décide de poursuivre l’examen de la question au titre du même point de l’ordre du jour.

47e séance
3 avril 2023

[Adoptée sans vote.]
"""


def test_the_councils_french_headers_give_their_metadata() -> None:
    """The Security Council's "Adoptée par le Conseil de sécurité à sa 9252e séance, le …" and the
    Human Rights Council's "Résolution adoptée par le Conseil des droits de l’homme le …" headers,
    as their French documents print them (written by hand in those shapes)."""
    sc = parse_text(SC_FR)
    assert [p.label for p in sc.paragraphs] == ["PP1", "PP2", "OP1", "OP2", "OP3"]
    m = sc.metadata
    assert (m.symbol, m.body, m.date, m.meeting) == (
        "S/RES/2674 (2023)",
        "Security Council",
        "2023-01-12",
        "9252e séance",
    )
    hrc = parse_text(HRC_FR)
    assert [p.label for p in hrc.paragraphs] == ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]
    assert hrc.paragraphs[4].text == "Fait siennes les recommandations du Rapporteur spécial ;"
    m = hrc.metadata
    assert (m.symbol, m.body, m.title, m.date, m.meeting) == (
        "A/HRC/RES/52/16",
        "Human Rights Council",
        "Droit à l’éducation",
        "2023-04-03",
        "47e séance",
    )
    assert not lost_words(SC_FR, sc) and not lost_words(HRC_FR, hrc)
