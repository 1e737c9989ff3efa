"""Grounding: check a model's answer against the passages it was given, sentence by sentence.

Pure functions and one small stateful class (`Grounder`, so a streamed answer can be checked as it
arrives). A sentence survives only if its [n] markers name given passages, every number in it
appears in a passage it cites, and any web address in it appears in the data of a cited passage.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, Field

from retrieval.ingest.flags import flag_sentences, is_instruction_like, redact
from retrieval.search.numbers import chinese_figures

CITATION = "[{n}]"

MARKER = re.compile(r"\[(\d{1,3})\]")
_GROUPED = re.compile(r"[\[【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]】]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
URL = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef<>\"'）)\]]+"
    r"|\b[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{2,63})*"
    r"\.(?:com|cn|net|org|gov|edu|info|top|xyz|io|bet|cc|me|co|tv|vip|app|site)\b",
    re.I,
)
# Instruction-like text planted in a document; such sentences are never shown to the model as data.
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[-*•·]\s)")
_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\.(?=\s|$)|\n")
_TRAILING_MARKERS = re.compile(r"(?:[ \t]*\[\d{1,3}\])+")
_SCALE = {"千": Decimal(1_000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

WARNINGS = {
    "zh": {
        "unknown_marker": "已删除引用标记 [{n}]：没有第 {n} 条资料。",
        "no_given_source": "已删除一句：其引用的资料均未提供：“{sentence}”",
        "unsupported_figure": "已删除一句：数字 {figures} 未出现在其引用的资料中：“{sentence}”",
        "uncited_figure": "已删除一句：含数字但未注明出处：“{sentence}”",
        "foreign_url": "已删除一句：含有资料中没有的网址：“{sentence}”",
        "injection": "已删除一句：疑似执行了资料中夹带的指令：“{sentence}”",
        "flagged_support": "注意：这句话唯一的依据是资料 [{n}] 中被标记为疑似指令的句子，请核实：“{sentence}”",
    },
    "en": {
        "unknown_marker": "Removed citation marker [{n}]: no passage {n} was given.",
        "no_given_source": "Dropped a sentence: none of the passages it cites was given: \"{sentence}\"",
        "unsupported_figure": "Dropped a sentence: figure(s) {figures} not in the passages it cites: \"{sentence}\"",
        "uncited_figure": "Dropped a sentence: it states figures without citing a passage: \"{sentence}\"",
        "foreign_url": "Dropped a sentence: it contains a web address not found in the passages: \"{sentence}\"",
        "injection": "Dropped a sentence: it repeats an instruction planted in a passage: \"{sentence}\"",
        "flagged_support": "Warning: the only support for this sentence is an instruction-like sentence flagged in "
                           "passage [{n}]; check it: \"{sentence}\"",
    },
}


class FirstCited:
    """Things numbered [1], [2], … in the order an answer first cites them."""

    def __init__(self) -> None:
        self.order: list = []

    def mark(self, item) -> str:
        if item not in self.order:
            self.order.append(item)
        return CITATION.format(n=self.order.index(item) + 1)


class Grounded(BaseModel):
    """A checked answer: text with markers renumbered 1..n, the passage numbers used, what was removed."""

    text: str
    used: list[int] = Field(default_factory=list, description="Given passage numbers, in order of new number.")
    warnings: list[str] = Field(default_factory=list)
    kept: int = Field(0, description="Sentences kept.")
    dropped: int = Field(0, description="Sentences dropped.")


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among CJK characters plus Latin words (a word weighs like a character)."""
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(MARKER.sub("", text)))
    return cjk / (cjk + words) if cjk + words else 0.0


def language_of(text: str) -> str:
    """'zh' if the text has CJK characters, unless it is English quoting a Chinese term
    ('how did Guangxi improve its 案-件比?': more Latin letters than CJK characters, at least three words)."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return "en"
    words = re.findall(r"[A-Za-z]{2,}", text)
    return "en" if len(words) >= 3 and sum(map(len, words)) > 2 * cjk else "zh"


def in_language(answer: str, language: str) -> bool:
    """Whether an answer is written in the language: Chinese answers mostly CJK, English mostly Latin words."""
    ratio = cjk_ratio(answer)
    return ratio >= 0.5 if language == "zh" else ratio <= 0.6


def normalise_markers(text: str) -> str:
    """'[1, 2]', '【3】' and '[1、2]' become '[1][2]' and '[3]'."""
    def expand(match: re.Match) -> str:
        return "".join(CITATION.format(n=int(n)) for n in re.split(r"\s*[,，、]\s*", match.group(1)))

    return _GROUPED.sub(expand, text)


def split_answer(text: str) -> list[str]:
    """Sentences of an answer with their trailing markers and whitespace; joining them gives the text back."""
    pieces, start = [], 0
    for match in _END.finditer(text):
        if match.group() == "." and re.fullmatch(r"\s*\d{1,2}", _line_before(text, match.start())):
            continue  # '1. ' opening a list item ends no sentence
        end = match.end()
        trailing = _TRAILING_MARKERS.match(text, end)
        if trailing:
            end = trailing.end()
        while end < len(text) and text[end] in " \t":
            end += 1
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _line_before(text: str, position: int) -> str:
    return text[text.rfind("\n", 0, position) + 1:position]


_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:∶：]\s*(\d+(?:\.\d+)?)")


def canonical(number: str) -> str:
    """'1.20' -> '1.2', '4,070,000' -> '4070000': numbers compared by value."""
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return number
    text = format(value.normalize(), "f")
    return text


def _ratio_values(text: str) -> set[str]:
    """Both sides of every ratio ('1:9', '1∶1.20'): single digits count there, unlike in running text."""
    return {canonical(side) for pair in _RATIO.findall(text) for side in pair}


_ARABIC = re.compile(r"\d+(?:[.,]\d+)*")
_ARABIC_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s*(千|万|亿)")


def _every_number(text: str) -> set[str]:
    """Every Arabic number, single digits included ('7 new centres', '共3人'), as canonical values."""
    return {canonical(n) for n in _ARABIC.findall(text)}


def figure_values(text: str) -> set[str]:
    """Canonical numbers in a passage in every form (Arabic, 三十, 二百零五, 百分之三十), plus the same amounts
    rescaled (407万 also as 4070000 and 4.07 million)."""
    values = _every_number(text) | _ratio_values(text)
    amounts = [Decimal(amount) * _SCALE[unit] for amount, unit in _ARABIC_SCALED.findall(text)]
    amounts += [Decimal(value) for value in chinese_figures(text)]
    for full in amounts:
        values.update(canonical(str(v)) for v in (full, full / 1_000_000, full / 1_000_000_000))
    return values


def sentence_numbers(sentence: str) -> set[str]:
    """Numbers a sentence states in any form, without its markers and list enumerators; '3万' is 30000."""
    bare = MARKER.sub("", sentence)
    bare = "\n".join(_ENUMERATOR.sub("", line, count=1) for line in bare.split("\n"))
    scaled = {canonical(str(Decimal(amount) * _SCALE[unit])) for amount, unit in _ARABIC_SCALED.findall(bare)}
    plain = _ARABIC_SCALED.sub(" ", bare)
    return _every_number(plain) | scaled | _ratio_values(bare) | {canonical(str(v)) for v in chinese_figures(bare)}


def data_text(passage: str) -> str:
    """A passage without its instruction-like sentences: what it may support and what the model sees."""
    return redact(passage)


def urls(text: str) -> set[str]:
    """Web addresses and bare domains in a text, lower-cased, without scheme and 'www.'."""
    found = set()
    for match in URL.finditer(text):
        value = re.sub(r"^(?:https?://)?(?:www\.)?", "", match.group().lower()).rstrip(".,/")
        found.add(value.split("/")[0])
    return found


def _grams(text: str) -> set[str]:
    """Character bigrams of the CJK text and the lower-cased Latin words: what two sentences share."""
    han = "".join(_CJK.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)} | set(w.lower() for w in _LATIN_WORD.findall(text))


class Grounder:
    """Checks sentences one at a time against passages numbered as the model saw them."""

    def __init__(self, passages: dict[int, str], language: str) -> None:
        self.passages = {n: data_text(text) for n, text in passages.items()}
        self._flagged = {n: flag_sentences(text) for n, text in passages.items()}
        self._values = {n: figure_values(text) for n, text in self.passages.items()}
        self._urls = {n: urls(text) for n, text in self.passages.items()}
        self.messages = WARNINGS[language]
        self.mapping: dict[int, int] = {}
        self.warnings: list[str] = []
        self.kept = 0
        self.dropped = 0

    def _warn(self, key: str, **fields) -> None:
        if "sentence" in fields:
            sentence = " ".join(MARKER.sub("", fields["sentence"]).split())
            fields["sentence"] = sentence if len(sentence) <= 80 else sentence[:79] + "…"
        message = self.messages[key].format(**fields)
        if message not in self.warnings:
            self.warnings.append(message)

    def check(self, sentence: str) -> str | None:
        """The sentence with markers renumbered, or None when it must be dropped (the reason is warned)."""
        sentence = normalise_markers(sentence)
        claimed_a_source = bool(MARKER.search(sentence))
        sentence = self._drop_unknown_markers(sentence)
        cited = [int(n) for n in MARKER.findall(sentence)]
        # A sentence that claims sources, none of them given, rests on nothing: drop it, not just its markers.
        reason = ("no_given_source", {}) if claimed_a_source and not cited else self._problem(sentence, cited)
        if reason:
            self.dropped += 1
            self._warn(reason[0], sentence=sentence, **reason[1])
            return None
        checked = MARKER.sub(lambda m: CITATION.format(n=self._renumber(int(m.group(1)))), sentence)
        if sentence.strip():
            self.kept += 1
            self._warn_flagged_support(sentence, cited)
        return checked

    def _warn_flagged_support(self, sentence: str, cited: list[int]) -> None:
        """Warn when what a sentence says comes from a flagged (instruction-like) sentence, not from the data."""
        flagged = [(n, f) for n in cited for f in self._flagged.get(n, [])]
        own = _grams(MARKER.sub("", sentence))
        if not flagged or len(own) < 3:
            return
        data = set().union(*(_grams(self.passages[n]) for n in cited))
        for n, text in flagged:
            from_flag = len(own & _grams(text)) / len(own)
            if from_flag >= 0.5 and len(own & data) / len(own) < from_flag / 2:
                self._warn("flagged_support", n=self.mapping.get(n, n), sentence=sentence)
                return

    def _drop_unknown_markers(self, sentence: str) -> str:
        def keep(match: re.Match) -> str:
            if int(match.group(1)) in self.passages:
                return match.group()
            self._warn("unknown_marker", n=match.group(1))
            return ""

        return MARKER.sub(keep, sentence)

    def _problem(self, sentence: str, cited: list[int]) -> tuple[str, dict] | None:
        if is_instruction_like(sentence):
            return "injection", {}
        allowed_urls = set().union(*(self._urls[n] for n in cited)) if cited else set()
        if urls(sentence) - allowed_urls:
            return "foreign_url", {}
        stated = sentence_numbers(sentence)
        if not stated:
            return None
        if not cited:
            return "uncited_figure", {}
        supported = set().union(*(self._values[n] for n in cited))
        missing = sorted(stated - supported)
        if missing:
            return "unsupported_figure", {"figures": "、".join(missing)}
        return None

    def _renumber(self, n: int) -> int:
        if n not in self.mapping:
            self.mapping[n] = len(self.mapping) + 1
        return self.mapping[n]

    def result(self, text: str) -> Grounded:
        """Package the checked text with what this grounder saw."""
        used = sorted(self.mapping, key=self.mapping.get)
        return Grounded(text=text.strip(), used=used, warnings=list(self.warnings), kept=self.kept,
                        dropped=self.dropped)


def ground(answer: str, passages: dict[int, str], language: str = "zh") -> Grounded:
    """Check a whole answer: drop unsupported sentences, remove unknown markers, renumber citations."""
    grounder = Grounder(passages, language)
    return grounder.result(check_pieces(grounder, split_answer(answer)))


def check_pieces(grounder: Grounder, pieces: list[str]) -> str:
    """Run pieces through a grounder; a dropped piece leaves its line break behind."""
    out = []
    for piece in pieces:
        checked = grounder.check(piece)
        if checked is None:
            if piece.rstrip(" \t").endswith("\n"):
                out.append("\n")
            continue
        out.append(checked)
    return re.sub(r"\n{3,}", "\n\n", "".join(out))
