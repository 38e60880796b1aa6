"""French: the words and endings of resolutions written in French, as UN bodies print them
("L'Assemblée générale,", "Rappelant …,", "Profondément préoccupée par …,", "Prie …;" with a
space before ";" and ":", "75e séance plénière", "le 1er mars 2024")."""

from __future__ import annotations

from reader.core.lang.language import Language


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _seq(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖŒÙÛÜŸ"
_LOWER = "a-zàâäçéèêëîïôöœùûüÿ"

FRENCH = Language(
    code="fr",
    # "L'Assemblée générale,", "Le Conseil de sécurité,", "La Commission …,", "Les États parties,"
    body_articles=("L’", "L'", "Le", "La", "Les"),
    name_small_words=_words("à au aux d’ d' de des du en et l’ l' la le les pour sur"),
    body_nouns=_words(
        "Assemblée Bureau Comité Commission Conférence Conseil Convention Cour Forum Groupe Organisation "
        "Parties Réunion Session Tribunal États"
    ),
    preamble_openers=_words(
        "affligée alarmée alarmé attachée attaché certaine confiante consciente conscient conscients "
        "convaincue convaincu convaincus décidée déterminée déterminé désireuse désireux encouragée "
        "encouragé fermement gardant gravement guidée guidé inquiète inquiet persuadée persuadé "
        "profondément préoccupée préoccupé reconnaissante reconnaissant rappelant résolue résolu "
        "satisfaite satisfait sachant sérieusement soucieuse soucieux vivement"
    ),
    participle_ending="ant",  # "Rappelant", "Réaffirmant", "Notant", "Prenant note"
    past_participle_endings=("é", "ée", "és", "ées"),  # "Profondément préoccupée"
    not_participles=_words(
        "avant cependant durant enfant maintenant néanmoins pendant quant représentant suivant tant"
    ),
    adverb_ending="ment",  # "Profondément", "Vivement", "Gravement"
    feeling_endings=("ée", "é"),  # "Alarmée par", "Guidée par"
    feeling_prepositions=_words("par devant que"),
    operative_adverbs=frozenset(),  # French sets the adverb after the verb: "Prie également"
    # "Décide", "Prie", "Invite", "Exhorte", "Souligne"; "Prend note", "Attend", "Reconnaît",
    # "Convient"
    verb_endings=("e", "end", "aît", "ait", "ient"),  # … "Fait siennes", "Sait gré"
    not_verb_endings=("ée",),  # "Assemblée", "Année": nouns
    abbreviations=_words(
        "add annexe art cf chap corr etc ibid m mm mme no nos p par paragr rés rev sect suppl vol"
    ),
    months=_seq("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    ordinal_units=_seq(
        "zéroième premier deuxième troisième quatrième cinquième sixième septième huitième neuvième "
        "dixième onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième "
        "dix-neuvième"
    ),
    tens=_seq("_ _ vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix"),
    tens_ordinals=_seq(
        "_ _ vingtième trentième quarantième cinquantième soixantième soixante-dixième quatre-vingtième "
        "quatre-vingt-dixième"
    ),
    title_small_words=_words("à au aux d’ de des du en et l’ la le les pour sur"),
    frame_words=_words(
        "1er adoptée adoptées à au décision distr. générale générale française original par plénière "
        "résolution résolutions séance session le la les de du des sa"
    ),
    part_words=_words(
        "alinéa alinéas annexe article articles chapitre chapitres encadré figure objectif objectifs "
        "page paragraphe paragraphes partie parties point points principe principes recommandation "
        "recommandations règle règles section sections tableau volume"
    ),
    hyphen_prefixes=_words("anti auto contre demi extra inter non post pré semi sous sur"),
    hyphen_suffixes=_words("clé cadre"),
    pdf_hyphen_prefixes=_words("anti auto contre demi extra inter non post pré semi sous"),
    function_words=_words(
        "à au aux avec ce ces d’ dans de des du en est et il la le les leur leurs l’ ou par pour qu’ "
        "que qui sa se ses son sont sur un une"
    ),
    lead_adverbs=_words("également encore en outre de nouveau aussi"),
    upper=_UPPER,
    lower=_LOWER,
    body_noun_first=True,
    reflexives=_words("se s’ s'"),
    not_verbs=_words("autre cette chaque comme contre entre notre outre quelque toute votre"),
    body_names=(
        ("assemblée générale", "General Assembly"),
        ("conseil de sécurité", "Security Council"),
        ("conseil économique et social", "Economic and Social Council"),
        ("conseil des droits de l’homme", "Human Rights Council"),
        ("conseil des droits de l'homme", "Human Rights Council"),
        ("assemblée des nations unies pour l’environnement", "United Nations Environment Assembly"),
        ("assemblée des nations unies pour l'environnement", "United Nations Environment Assembly"),
        ("assemblée d’onu-habitat", "United Nations Habitat Assembly"),
        ("assemblée d'onu-habitat", "United Nations Habitat Assembly"),
        ("conseil de tutelle", "Trusteeship Council"),
    ),
    first_day_suffix="er",
    meeting_phrase=(
        r"(?:\d{1,5}(?:e|re|er|ème)|(?:[a-zàâçéèêëîïôûù]+[\s-]+)*[a-zàâçéèêëîïôûù]*(?:ième|première))"
        r"\s+(?:\(?reprise\)?\s+)?séance(?:\s+plénière)?(?:\s+\(?reprise\)?)?"
    ),
    adopted_word=r"adopté(?:e|es|s)?",
    date_article="le",
    resolution_word="Résolution",
    dated_word="du",
)
