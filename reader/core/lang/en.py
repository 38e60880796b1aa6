"""English: the words and endings of resolutions written in English (UN style, British spelling
with the "-ize" forms the UN uses, and the "-ise" forms copies bring)."""

from __future__ import annotations

from reader.core.lang.language import Language


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _seq(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ENGLISH = Language(
    code="en",
    body_articles=("The",),
    name_small_words=_words("and at de for in of on the to"),
    body_nouns=_words(
        "Assembly Board Bureau Commission Committee Conference Convention Council Court Forum Group "
        "Meeting Organization Panel Parties Session Tribunal"
    ),
    preamble_openers=_words(
        "acknowledging acting affirming alarmed also appreciative aware bearing believing cognizant "
        "committed concerned confident conscious considering convinced deeply desirous determined "
        "disturbed emphasising emphasizing encouraged expressing fully further grateful gravely guided "
        "having highlighting in keeping mindful noting observing persuaded pleased pursuant reaffirming "
        "recalling recognising recognizing regretting reiterating reminding resolved satisfied seriously "
        "stressing taking underlining underscoring welcoming"
    ),
    participle_ending="ing",
    past_participle_endings=("ed",),
    not_participles=_words(
        "anything beijing chongqing during everything kunming nanjing nothing notwithstanding pending "
        "something spring string wellbeing"
    ),
    adverb_ending="ly",
    feeling_endings=("ed", "ful"),
    feeling_prepositions=_words("about at by for from in of on over that to upon with"),
    operative_adverbs=_words("again also firmly further hereby once strongly urgently"),
    verb_endings=("s",),
    not_verb_endings=("ss",),
    abbreviations=_words(
        "add annex art arts cf chap chaps corr dr e.g i.e ibid mr mrs ms no nos op p para paras pp res "
        "rev sect sess st suppl vol vols"
    ),
    months=_seq("january february march april may june july august september october november december"),
    ordinal_units=_seq(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
    ),
    tens=_seq("_ _ twenty thirty forty fifty sixty seventy eighty ninety"),  # by tens: 2 is "twenty"
    tens_ordinals=_seq("_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"),
    title_small_words=_words("and at for in of on the to"),
    frame_words=_words(
        "adopted and at by decision distr english general held in its meeting of on original plenary "
        "resolution resolutions session the"
    ),
    part_words=_words(
        "annex appendix article articles box category chapter chapters clause clauses figure goal goals "
        "item items level line lines option page para paragraph paragraphs paras part parts phase point "
        "points principle principles recommendation recommendations regulation regulations rule rules "
        "schedule section sections step subparagraph subparagraphs table target targets volume"
    ),
    hyphen_prefixes=_words(
        "all anti cross ex follow full high ill large long low medium mid middle non part post self semi "
        "short small so well"
    ),
    hyphen_suffixes=_words(
        "based bound building centered centred driven free friendly income led level making oriented "
        "owned ranging related scale sensitive sharing sized specific style term up wide"
    ),
    pdf_hyphen_prefixes=_words(
        "all co cross ex follow full half high land large least long low lower medium mid middle multi "
        "non self short small upper well"
    ),
    function_words=_words(
        "a an and as at be by for from in is it its of on or that the their these this those to which with"
    ),
    lead_adverbs=_words("again also firmly further furthermore moreover once strongly"),
)
