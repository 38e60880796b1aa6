"""Deterministic synthetic resolutions, so speed and recall can be measured at scale.

The five seeds are too few to time a corpus index or to measure recall. This
module makes N plausible resolutions from the seeds' paragraphs: each document
gets a topic, a body, a symbol and a year between 1990 and 2025; paragraphs are
picked, reordered, reworded (synonym swaps, dropped and inserted words),
merged and split. A fixed list of novel "agreed language" phrases is planted,
often as a fuzzy variant, and every place a phrase was planted is recorded as
(document id, paragraph label) ground truth.

Everything follows from ``seed``: document ``i`` uses its own random stream, so
the first 1,000 documents of a 10,000-document corpus are the 1,000-document
corpus. Output: one plain-text file per document, ``catalogue.json`` (the
corpus catalogue) and ``planted.json`` (the ground truth).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
OUT_DIR = Path(__file__).resolve().parent / "out"

# --------------------------------------------------------------------------- material

# Each topic replaces "South-South cooperation" (noun) and a bare "South-South" (adjective).
TOPICS: tuple[tuple[str, str], ...] = (
    ("South-South cooperation", "South-South"),
    ("disaster risk reduction", "risk-informed"),
    ("sustainable tourism", "tourism"),
    ("agricultural technology for development", "agricultural"),
    ("international migration and development", "migration"),
    ("science and technology for development", "scientific"),
    ("the eradication of rural poverty", "anti-poverty"),
    ("oceans and the law of the sea", "maritime"),
    ("combating desertification", "dryland"),
    ("renewable energy cooperation", "energy"),
    ("financial inclusion", "inclusive finance"),
    ("statistical capacity-building", "statistical"),
    ("public health cooperation", "health"),
    ("information and communications technologies for development", "digital"),
    ("water cooperation", "water"),
    ("cooperation among landlocked developing countries", "transit"),
    ("education for sustainable development", "educational"),
    ("the empowerment of women in development", "gender-responsive"),
    ("industrial development cooperation", "industrial"),
    ("the protection of biological diversity", "biodiversity"),
    ("road safety cooperation", "road safety"),
    ("cultural heritage and development", "cultural"),
    ("food security and nutrition", "food security"),
    ("trade facilitation among developing countries", "trade"),
)

GROUPS: tuple[str, ...] = (
    "developing countries",
    "least developed countries",
    "small island developing States",
    "landlocked developing countries",
    "middle-income countries",
    "African countries",
    "countries with economies in transition",
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "stresses": ("emphasizes", "underlines", "underscores"),
    "emphasizes": ("stresses", "underlines"),
    "underlines": ("stresses", "emphasizes"),
    "underscores": ("stresses", "emphasizes"),
    "encourages": ("invites", "calls upon"),
    "invites": ("encourages",),
    "welcomes": ("notes with appreciation", "takes note with appreciation of"),
    "importance": ("significance", "relevance"),
    "enhance": ("strengthen", "improve"),
    "strengthen": ("enhance", "reinforce"),
    "expand": ("broaden", "scale up"),
    "efforts": ("endeavours", "initiatives"),
    "support": ("assist", "back"),
    "promote": ("foster", "advance"),
    "promoting": ("fostering", "advancing"),
    "resources": ("funds", "means"),
    "mechanisms": ("arrangements", "instruments"),
    "activities": ("actions", "programmes"),
    "report": ("study", "note"),
    "relevant": ("appropriate", "competent"),
    "important": ("significant", "key"),
    "need": ("necessity", "urgency"),
    "areas": ("fields", "sectors"),
    "among": ("between",),
    "further": ("additional",),
    "initiatives": ("measures", "efforts"),
    "organizations": ("entities", "agencies"),
}

DROPPABLE = {"also", "further", "important", "relevant", "all", "effectively", "particularly", "fully"}
INSERTABLE_BEFORE = {
    "efforts": ("continued", "collective"),
    "cooperation": ("effective", "enhanced"),
    "support": ("continued", "adequate"),
    "resources": ("additional", "predictable"),
    "implementation": ("full", "effective"),
    "countries": ("all",),
    "partners": ("development",),
}

# Novel agreed language (absent from the seeds) planted with fuzzy variants.
# Each starts with the operative verb so it can stand as a paragraph of its own.
PLANTED_PHRASES: tuple[str, ...] = (
    "Encourages the sharing of early warning data across maritime borders in real time",
    "Underlines the value of community radio for reaching remote rural populations",
    "Calls for open access to climate-resilient seed varieties for smallholder farmers",
    "Stresses that fiscal transparency must accompany every concessional loan programme",
    "Welcomes the pooled procurement of vaccines by neighbouring health ministries",
    "Notes the growing role of municipal governments in cross-border water management",
    "Invites donors to align multi-year funding cycles with national planning calendars",
    "Recognizes the contribution of diaspora networks to knowledge transfer and investment",
    "Urges the harmonization of customs procedures along landlocked transit corridors",
    "Emphasizes the protection of indigenous knowledge in agreements on genetic resources",
    "Supports regional centres of excellence for geospatial information and mapping",
    "Requests a biennial review of the gender impact of trade facilitation measures",
    "Affirms the right of coastal communities to take part in fisheries management decisions",
    "Encourages the use of mobile payments to lower the cost of sending remittances",
    "Highlights the need for interoperable civil registration and vital statistics systems",
    "Calls upon development banks to expand local currency lending for infrastructure",
    "Stresses the importance of mangrove restoration as a buffer against storm surges",
    "Welcomes peer learning among the supreme audit institutions of the region",
    "Invites the secretariat to publish machine-readable data on every technical assistance project",
    "Underscores the link between secure land tenure and agricultural productivity",
    "Recognizes volunteer search and rescue teams as first responders in urban disasters",
    "Encourages twinning arrangements between national statistical offices of neighbouring countries",
    "Notes with concern the digital divide between urban and rural schools",
    "Calls for a predictable replenishment of the trust fund before the end of the biennium",
    "Urges member countries to ratify the regional agreement on access to environmental information",
    "Emphasizes the role of youth councils in the design of employment programmes",
    "Requests the Executive Secretary to convene an expert group on debt swaps for nature",
    "Welcomes the creation of a regional platform for exchanging renewable energy regulation",
    "Stresses that technical assistance should remain demand-driven and nationally owned",
    "Invites academic institutions to join research networks on neglected tropical diseases",
    "Recognizes the heavy burden of recurrent drought on pastoralist livelihoods in arid zones",
    "Encourages the mutual recognition of professional qualifications among neighbouring countries",
    "Underlines the need to safeguard undersea cables as critical shared infrastructure",
    "Calls for the inclusion of persons with disabilities in disaster preparedness planning",
    "Notes the potential of blended finance to mobilize private capital for water utilities",
    "Affirms that no country should be left behind in access to affordable broadband connectivity",
    "Urges the timely submission of national reports on progress in the programme of work",
    "Welcomes bilateral agreements on the portability of social security benefits for migrant workers",
    "Stresses the value of seasonal climate forecasts for deciding planting calendars",
    "Requests that lessons from triangular projects be documented in an open repository",
)

# Word swaps used to make fuzzy variants of planted phrases (spelling, synonyms).
VARIANT_SWAPS: dict[str, tuple[str, ...]] = {
    "programme": ("program",),
    "programmes": ("programs",),
    "neighbouring": ("neighboring",),
    "harmonization": ("harmonisation",),
    "mobilize": ("mobilise",),
    "centres": ("centers",),
    "among": ("between",),
    "between": ("among",),
    "value": ("usefulness",),
    "role": ("function",),
    "regional": ("subregional",),
    "growing": ("increasing",),
    "heavy": ("severe",),
    "timely": ("prompt",),
    "creation": ("establishment",),
    "lower": ("reduce",),
    "expand": ("increase",),
    "every": ("each",),
    "open": ("public",),
    "predictable": ("timely",),
}
VARIANT_INSERTS: tuple[str, ...] = ("further", "all", "relevant", "effective", "national", "also")
VARIANT_DROPS = {"the", "of", "a", "all", "and", "for"}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class SynthParagraph:
    label: str  # PP<n>, OP<n> or OP<n>(<x>)
    text: str


@dataclass(frozen=True)
class SynthDoc:
    id: str
    symbol: str
    body: str
    title: str
    date: str
    paragraphs: tuple[SynthParagraph, ...]
    file: str  # file name inside the output folder


@dataclass
class Planting:
    """One planted phrase: the query to trace and where it was put."""

    phrase: str  # canonical text, the query (without its leading verb)
    where: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, label, variant as planted)


@dataclass(frozen=True)
class SynthCorpus:
    folder: Path
    docs: tuple[SynthDoc, ...]
    planted: tuple[Planting, ...]

    def copy_texts(self, folder: Path) -> Path:
        """The documents' text files alone, copied into ``folder``: an analyst's folder, no catalogue."""
        folder.mkdir(parents=True, exist_ok=True)
        for doc in self.docs:
            shutil.copy2(self.folder / doc.file, folder / doc.file)
        return folder


@dataclass(frozen=True)
class _Source:
    preamble: tuple[str, ...]
    operative: tuple[tuple[str, tuple[str, ...]], ...]  # operative text, its sub-paragraphs


# --------------------------------------------------------------------------- source pool


def _clean(text: str) -> str:
    text = text.replace("*", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _source() -> _Source:
    """Preambular and operative paragraphs of the bundled corpus, in document order."""
    from reader.core.corpus.collection import Corpus

    preamble: list[str] = []
    operative: list[tuple[str, list[str]]] = []
    for doc in Corpus.bundled().documents():
        for p in doc.paragraphs:
            text = _clean(p.text)
            if p.label.startswith("PP"):
                preamble.append(text)
            elif "(" in p.label and operative:
                operative[-1][1].append(text)
            else:
                operative.append((text, []))
    ops = tuple((t, tuple(subs)) for t, subs in operative)
    return _Source(tuple(preamble), ops)


# --------------------------------------------------------------------------- rewording


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _reword(text: str, rng: random.Random, rate: float) -> str:
    """Swap synonyms, drop optional words and insert qualifiers at ``rate``."""
    out: list[str] = []
    pos = 0
    for m in _WORD_RE.finditer(text):
        word = m.group()
        low = word.lower()
        out.append(text[pos : m.start()])
        pos = m.end()
        r = rng.random()
        if low in SYNONYMS and r < rate:
            out.append(_match_case(rng.choice(SYNONYMS[low]), word))
        elif low in DROPPABLE and r < rate and m.start() > 0:
            # drop the word and the space before it
            if out and out[-1].endswith(" "):
                out[-1] = out[-1][:-1]
        elif low in INSERTABLE_BEFORE and r < rate / 2 and m.start() > 0:
            out.append(rng.choice(INSERTABLE_BEFORE[low]) + " " + word)
        else:
            out.append(word)
    out.append(text[pos:])
    return "".join(out)


_RES_RE = re.compile(r"\b(\d{2})/(\d{1,3})\b")
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def _localise(text: str, rng: random.Random, topic: tuple[str, str], group: str, year: int) -> str:
    """Move a seed paragraph to this document's topic, group and years."""
    noun, adj = topic
    text = re.sub(r"South-South cooperation", noun, text)
    text = re.sub(r"technical cooperation among developing countries", noun, text, flags=re.IGNORECASE)
    text = text.replace("South-South", adj)
    if group != "developing countries":
        text = text.replace("developing countries", group)
    text = _RES_RE.sub(lambda m: f"{max(1, year - 1945 - rng.randint(1, 12))}/{rng.randint(1, 320)}", text)
    return _YEAR_RE.sub(lambda m: str(year - rng.randint(1, 15)), text)


# --------------------------------------------------------------------------- fuzzy variants


def variant(phrase: str, rng: random.Random, edits: int) -> str:
    """A fuzzy variant of ``phrase``: ``edits`` word swaps, drops or inserts (never the first word)."""
    ws = phrase.split(" ")
    for _ in range(edits):
        op = rng.random()
        swappable = [i for i in range(1, len(ws)) if ws[i].lower() in VARIANT_SWAPS]
        droppable = [i for i in range(1, len(ws) - 1) if ws[i].lower() in VARIANT_DROPS]
        if op < 0.45 and swappable:
            i = rng.choice(swappable)
            ws[i] = rng.choice(VARIANT_SWAPS[ws[i].lower()])
        elif op < 0.75 and droppable:
            del ws[rng.choice(droppable)]
        else:
            ws.insert(rng.randint(2, len(ws) - 1), rng.choice(VARIANT_INSERTS))
    return " ".join(ws)


def query_of(phrase: str) -> str:
    """The text to trace for a planted phrase: all but its leading verb."""
    return phrase.split(" ", 1)[1]


# --------------------------------------------------------------------------- documents


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _identity(i: int) -> tuple[str, str, int, int]:
    """Body, symbol, year and meeting of document ``i``: unique symbols from the index alone."""
    year = 1990 + (i * 17) % 36
    if i % 10 == 7:
        session = 23 + (year - 1990) // 2
        return "ECLAC", f"{400 + i // 10}({_roman(session)})", year, 0
    return "General Assembly", f"{year - 1945}/{i // 36 + 1}", year, 60 + i % 25


def _split(text: str, rng: random.Random) -> list[str]:
    """Cut a long paragraph at a clause boundary into two."""
    cuts = [m.start() for m in re.finditer(r"; |, and ", text)]
    cuts = [c for c in cuts if 0.3 * len(text) < c < 0.8 * len(text)]
    if not cuts:
        return [text]
    c = rng.choice(cuts)
    head = text[:c].rstrip(",;") + ";"
    tail = re.sub(r"^(; |, and )", "", text[c:])
    verb = rng.choice(("Also stresses that", "Further notes that", "Emphasizes that"))
    return [head, f"{verb} {tail[:1].lower()}{tail[1:]}"]


def _merge(a: str, b: str) -> str:
    return f"{a.rstrip(',;.:')}, and {b[:1].lower()}{b[1:]}"


def _end(text: str, mark: str) -> str:
    return text.rstrip(",;.: ") + mark


def make_doc(seed: int, i: int) -> tuple[SynthDoc, list[tuple[int, str, str]]]:
    """Document ``i`` of the corpus for ``seed`` and its plantings (phrase index, label, variant)."""
    rng = random.Random(seed * 1_000_003 + i)
    src = _source()
    body, symbol, year, _ = _identity(i)
    topic = TOPICS[rng.randrange(len(TOPICS))]
    group = GROUPS[0] if rng.random() < 0.5 else rng.choice(GROUPS)
    rate = rng.uniform(0.05, 0.3)

    def local(t: str) -> str:
        return _reword(_localise(t, rng, topic, group, year), rng, rate)

    # Preamble: a sample kept mostly in source order, with a few swaps.
    pp_idx = sorted(rng.sample(range(len(src.preamble)), min(len(src.preamble), rng.randint(3, 10))))
    for _ in range(rng.randint(0, 2)):
        a, b = rng.randrange(len(pp_idx)), rng.randrange(len(pp_idx))
        pp_idx[a], pp_idx[b] = pp_idx[b], pp_idx[a]
    preamble = [local(src.preamble[k]) for k in pp_idx]

    op_idx = sorted(rng.sample(range(len(src.operative)), min(len(src.operative), rng.randint(5, 18))))
    for _ in range(rng.randint(0, 3)):
        a, b = rng.randrange(len(op_idx)), rng.randrange(len(op_idx))
        op_idx[a], op_idx[b] = op_idx[b], op_idx[a]
    operative: list[tuple[str, list[str]]] = []
    for k in op_idx:
        text, src_subs = src.operative[k]
        if src_subs:
            keep = sorted(rng.sample(range(len(src_subs)), min(len(src_subs), rng.randint(2, 5))))
            operative.append((local(text), [local(src_subs[j]) for j in keep]))
        else:
            operative.append((local(text), []))

    # Merge and split operative paragraphs (never those with sub-paragraphs).
    j = 0
    while j < len(operative) - 1:
        (first, first_subs), (second, second_subs) = operative[j], operative[j + 1]
        if not first_subs and not second_subs and rng.random() < 0.06:
            operative[j : j + 2] = [(_merge(first, second), [])]
        elif not first_subs and len(first) > 400 and rng.random() < 0.25:
            operative[j : j + 1] = [(t, []) for t in _split(first, rng)]
        j += 1

    # Plant phrases: as an operative paragraph of their own, or appended to one.
    plants: list[tuple[int, str, int, str]] = []  # phrase index, part, position, variant
    n_plants = 0 if rng.random() < 0.35 else (1 if rng.random() < 0.75 else 2)
    for k in rng.sample(range(len(PLANTED_PHRASES)), n_plants):
        r = rng.random()
        text = PLANTED_PHRASES[k] if r < 0.3 else variant(PLANTED_PHRASES[k], rng, 1 if r < 0.85 else 2)
        if rng.random() < 0.5:
            pos = rng.randint(0, len(operative))
            operative.insert(pos, (text, []))
            plants = [(pk, part, p + (1 if part == "OP" and p >= pos else 0), v) for pk, part, p, v in plants]
            plants.append((k, "OP", pos, text))
        elif rng.random() < 0.7 or not preamble:
            choices = [n for n, (_, subs) in enumerate(operative) if not subs]
            pos = rng.choice(choices) if choices else 0
            if not choices:
                operative.insert(0, ("", []))
                plants = [(pk, part, p + (1 if part == "OP" else 0), v) for pk, part, p, v in plants]
            host = operative[pos][0]
            joined = f"{host.rstrip(',;.: ')}, and {text[:1].lower()}{text[1:]}" if host else text
            operative[pos] = (joined, [])
            plants.append((k, "OP", pos, text))
        else:
            pos = rng.randrange(len(preamble))
            preamble[pos] = f"{preamble[pos].rstrip(',;.: ')}, and {text[:1].lower()}{text[1:]}"
            plants.append((k, "PP", pos, text))

    paragraphs: list[SynthParagraph] = [
        SynthParagraph(f"PP{n + 1}", _end(t, ",")) for n, t in enumerate(preamble)
    ]
    for n, (text, subs) in enumerate(operative):
        paragraphs.append(SynthParagraph(f"OP{n + 1}", _end(text, ":" if subs else ";")))
        letters = "abcdefghijkl"
        for s, sub in enumerate(subs):
            paragraphs.append(SynthParagraph(f"OP{n + 1}({letters[s]})", _end(sub, ";")))
    last = paragraphs[-1]
    paragraphs[-1] = SynthParagraph(last.label, _end(last.text, "."))

    noun = topic[0]
    title = noun[:1].upper() + noun[1:]
    if body == "General Assembly":
        date = f"{year}-12-{rng.randint(1, 23):02d}"
    else:
        date = f"{year}-{rng.choice((3, 5, 6)):02d}"
    doc_id = f"synth-{i:05d}"
    slug = re.sub(r"[^0-9A-Za-z]+", "-", symbol).strip("-")
    doc = SynthDoc(doc_id, symbol, body, title, date, tuple(paragraphs), f"{i:05d}_{slug}.txt")
    planted = [(k, f"{part}{pos + 1}", v) for k, part, pos, v in plants]
    return doc, planted


# --------------------------------------------------------------------------- rendering

_RISKY_LINE = re.compile(r"^(\d+\.?\s|\([a-z]+\)|\d+$)")


def _wrap(text: str, width: int) -> str:
    """Hard-wrap like a printed resolution, unless a line would look like a number or a label."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    if any(_RISKY_LINE.match(line) for line in lines[1:]):
        return text
    return "\n".join(lines)


def render(doc: SynthDoc, meeting: int, wrap: int | None) -> str:
    """The document as a plain-text file in the shape of the seeds."""

    def fmt(text: str) -> str:
        return _wrap(text, wrap) if wrap else text

    if doc.body == "General Assembly":
        head = [f"{doc.symbol}. {doc.title}", "", "The General Assembly,", ""]
    else:
        head = [
            f"{doc.symbol} {doc.title.upper()}",
            "",
            "The Economic Commission for Latin America and the Caribbean,",
            "",
        ]
    lines = head
    for p in doc.paragraphs:
        if p.label.startswith("PP"):
            lines += [fmt(p.text), ""]
        elif "(" in p.label:
            lines += [fmt(f"({p.label.split('(')[1]} {p.text}"), ""]
        else:
            lines += [fmt(f"{p.label[2:]}. {p.text}"), ""]
    if doc.body == "General Assembly":
        y, m, d = doc.date.split("-")
        lines += [f"{meeting}th plenary meeting", f"{int(d)} {MONTHS[int(m) - 1]} {y}", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- corpus


def _fingerprint(seed: int, n: int) -> str:
    return f"v{GENERATOR_VERSION}-seed{seed}-n{n}"


def generate(n: int, seed: int = 1, out_dir: Path | None = None, *, force: bool = False) -> SynthCorpus:
    """Make (or reuse from the cache) the corpus of ``n`` documents for ``seed``.

    The folder is written under a temporary name and renamed into place, so a
    cached corpus is always complete.
    """
    base = out_dir if out_dir is not None else OUT_DIR
    folder = base / f"synth-{_fingerprint(seed, n)}"
    if folder.is_dir() and (folder / "planted.json").is_file() and not force:
        return load(folder)
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".synth-", dir=base))
    try:
        docs: list[SynthDoc] = []
        plantings = [Planting(query_of(p)) for p in PLANTED_PHRASES]
        for i in range(n):
            doc, plants = make_doc(seed, i)
            _, _, _, meeting = _identity(i)
            wrap = None if i % 2 else 78 + i % 11
            (tmp / doc.file).write_text(render(doc, meeting, wrap), encoding="utf-8")
            docs.append(doc)
            for k, label, text in plants:
                plantings[k].where.append((doc.id, label, text))
        entries = [
            {"id": d.id, "path": d.file, "symbol": d.symbol, "body": d.body, "title": d.title, "date": d.date}
            for d in docs
        ]
        catalogue = {"about": "Synthetic resolutions made by benchmarks/synth.py.", "documents": entries}
        (tmp / "catalogue.json").write_text(json.dumps(catalogue, indent=1, ensure_ascii=False), "utf-8")
        planted = [{"phrase": p.phrase, "where": [list(w) for w in p.where]} for p in plantings]
        labels = {d.id: [[p.label, p.text] for p in d.paragraphs] for d in docs}
        (tmp / "paragraphs.json").write_text(json.dumps(labels, ensure_ascii=False), "utf-8")
        (tmp / "planted.json").write_text(json.dumps(planted, indent=1, ensure_ascii=False), "utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return load(folder)


def load(folder: Path) -> SynthCorpus:
    """Read a generated corpus back (catalogue, expected paragraphs, ground truth)."""
    catalogue = json.loads((folder / "catalogue.json").read_text("utf-8"))["documents"]
    paragraphs = json.loads((folder / "paragraphs.json").read_text("utf-8"))
    docs = tuple(
        SynthDoc(
            e["id"],
            e["symbol"],
            e["body"],
            e["title"],
            e["date"],
            tuple(SynthParagraph(lab, text) for lab, text in paragraphs[e["id"]]),
            e["path"],
        )
        for e in catalogue
    )
    planted = tuple(
        Planting(p["phrase"], [(w[0], w[1], w[2]) for w in p["where"]])
        for p in json.loads((folder / "planted.json").read_text("utf-8"))
    )
    return SynthCorpus(folder, docs, planted)


# --------------------------------------------------------------------------- long documents


def long_pair(n_paragraphs: int, seed: int = 1) -> tuple[str, str]:
    """Two versions of one long resolution (``n_paragraphs`` each, roughly) as plain text.

    The right text is the left one edited the way drafts are: paragraphs
    reworded, moved, dropped, added, merged and split.
    """
    rng = random.Random(seed * 7_919 + n_paragraphs)
    src = _source()
    n_pp = max(1, n_paragraphs // 5)
    left_pp = [
        _localise(
            rng.choice(src.preamble), rng, rng.choice(TOPICS), rng.choice(GROUPS), 2000 + rng.randint(0, 25)
        )
        for _ in range(n_pp)
    ]
    left_op = [
        _localise(
            rng.choice(src.operative)[0],
            rng,
            rng.choice(TOPICS),
            rng.choice(GROUPS),
            2000 + rng.randint(0, 25),
        )
        for _ in range(n_paragraphs - n_pp)
    ]
    right_pp = list(left_pp)
    right_op: list[str] = []
    for text in left_op:
        r = rng.random()
        if r < 0.05:
            continue  # removed
        if r < 0.20:
            text = _reword(text, rng, 0.3)
        elif r < 0.23 and len(text) > 400:
            right_op.extend(_split(text, rng))
            continue
        elif r < 0.26 and right_op:
            right_op[-1] = _merge(right_op[-1], text)
            continue
        right_op.append(text)
        if rng.random() < 0.05:
            right_op.append(_reword(rng.choice(src.operative)[0], rng, 0.2))  # added
    for _ in range(max(1, len(right_op) // 20)):  # moved
        if len(right_op) > 2:
            right_op.insert(rng.randrange(len(right_op)), right_op.pop(rng.randrange(len(right_op))))

    def text_of(pp: Sequence[str], op: Sequence[str]) -> str:
        lines = ["1/1. A long resolution", "", "The General Assembly,", ""]
        for t in pp:
            lines += [_end(t, ","), ""]
        for n, t in enumerate(op):
            lines += [f"{n + 1}. {_end(t, ';')}", ""]
        return "\n".join(lines)

    return text_of(left_pp, left_op), text_of(right_pp, right_op)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Generate a synthetic corpus of resolutions.")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    corpus = generate(args.n, args.seed, args.out, force=args.force)
    total = sum(len(p.where) for p in corpus.planted)
    print(f"{len(corpus.docs)} documents, {total} planted phrases in {corpus.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# --------------------------------------------------------------------------- series across years


@dataclass(frozen=True)
class SynthSeries:
    """Documents of one series, oldest first, and the true lineage of every paragraph.

    ``truth[k][i]`` is the lineage number of paragraph ``i`` of document ``k``.
    ``exact`` is False when the pool of mutually unrelated paragraphs ran out and
    texts were reused on another topic (fine for timing, not for checking lineages).
    """

    docs: tuple[Any, ...]  # reader.core.model.Document
    truth: tuple[tuple[int, ...], ...]
    exact: bool


@lru_cache(maxsize=1)
def _distinct_pool() -> tuple[tuple[str, str], ...]:
    """(part, text) seed paragraphs on one topic, no two alike (pair score below 25)."""
    from reader.core.compare.align import scoring_words, similarity_matrix

    src = _source()
    items = [("preamble", t) for t in src.preamble] + [("operative", t) for t, _ in src.operative]
    texts = [_localise(t, random.Random(n), TOPICS[0], GROUPS[0], 2005) for n, (_, t) in enumerate(items)]
    ws = [scoring_words(t) for t in texts]
    sim = similarity_matrix(ws, ws)
    kept: list[int] = []
    for n in range(len(texts)):
        if len(ws[n]) >= 6 and all(sim[n, m] < 25 for m in kept):
            kept.append(n)
    return tuple((items[n][0], texts[n]) for n in kept)


def series(n_docs: int, n_paragraphs: int, seed: int = 1) -> SynthSeries:
    """A resolution re-adopted ``n_docs`` times, each text the previous one edited as years do:
    paragraphs kept, reworded, dropped (and some restored later), moved from the preamble into
    the operative part, reordered, and new ones added."""
    from reader.core.model import Document, Metadata, Paragraph

    rng = random.Random(seed * 65_537 + n_docs * 101 + n_paragraphs)
    pool = list(_distinct_pool())
    rng.shuffle(pool)
    exact = True
    counter = 0

    def fresh() -> tuple[str, str]:
        nonlocal exact, counter
        part, text = pool[counter % len(pool)]
        if counter >= len(pool):
            exact = False
            topic = TOPICS[1 + (counter // len(pool)) % (len(TOPICS) - 1)]
            text = _localise(
                text.replace(TOPICS[0][0], "South-South cooperation"), rng, topic, GROUPS[0], 2005
            )
        counter += 1
        return part, text

    pre: list[tuple[int, str]] = []  # (lineage, text)
    ops: list[tuple[int, str]] = []
    n_lin = 0
    for _ in range(n_paragraphs):
        part, text = fresh()
        (pre if part == "preamble" and len(pre) < n_paragraphs // 3 else ops).append((n_lin, text))
        n_lin += 1
    dropped: list[tuple[int, str, str, int]] = []  # lineage, text, part, document it left
    docs: list[Any] = []
    truth: list[tuple[int, ...]] = []
    for k in range(n_docs):
        if k:
            for part_name, seq in (("preamble", pre), ("operative", ops)):
                kept: list[tuple[int, str]] = []
                for lin, text in seq:
                    r = rng.random()
                    if r < 0.07:
                        dropped.append((lin, text, part_name, k))
                        continue
                    kept.append((lin, _reword(text, rng, 0.15) if r < 0.3 else text))
                seq[:] = kept
            if pre and rng.random() < 0.3:  # preamble -> operative
                ops.insert(rng.randint(0, len(ops)), pre.pop(rng.randrange(len(pre))))
            if len(ops) > 2 and rng.random() < 0.3:  # reordered
                ops.insert(rng.randrange(len(ops)), ops.pop(rng.randrange(len(ops))))
            back = [d for d in dropped if d[3] < k]
            if back and rng.random() < 0.4:  # restored
                d = rng.choice(back)
                dropped.remove(d)
                seq = pre if d[2] == "preamble" else ops
                seq.insert(rng.randint(0, len(seq)), (d[0], d[1]))
            while len(pre) + len(ops) < n_paragraphs + rng.randint(0, 1):
                part, text = fresh()
                seq = pre if part == "preamble" else ops
                seq.insert(rng.randint(0, len(seq)), (n_lin, text))
                n_lin += 1
        paras = [Paragraph(f"PP{i + 1}", _end(t, ",")) for i, (_, t) in enumerate(pre)]
        paras += [Paragraph(f"OP{i + 1}", _end(t, ";")) for i, (_, t) in enumerate(ops)]
        year = 2000 + 2 * k
        meta = Metadata(
            symbol=f"{year - 1945}/{100 + k}",
            body="General Assembly",
            title=TOPICS[0][0][:1].upper() + TOPICS[0][0][1:],
            date=f"{year}-12-{10 + k % 18:02d}",
        )
        docs.append(Document(f"series-{k}", f"series-{k}.txt", meta, tuple(paras)))
        truth.append(tuple(lin for lin, _ in pre) + tuple(lin for lin, _ in ops))
    return SynthSeries(tuple(docs), tuple(truth), exact)
