"""Extractive (offline) answers: the question taken apart, then composed from the hits' own sentences."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.answer.article_parts import quoted_part
from retrieval.answer.definitions import defining_answer
from retrieval.answer.effective import effective_answer
from retrieval.answer.composer import compose, judgment
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.phrases import NOT_FOUND, NOT_FOUND_PLACE, OFFLINE_NOTE
from retrieval.answer.ground import MARKER, language_of
from retrieval.answer.listing import list_cases
from retrieval.answer.parties import parties_answer
from retrieval.answer.ranking import rank_places
from retrieval.answer.parts import about_places_of, question_parts
from retrieval.answer.question import Asked, analyse
from retrieval.answer.retrieve import law_titles, with_named_laws
from retrieval.answer.units import without_ordinal
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import screen_chars
from retrieval.types import Hit

__all__ = ["EXTRACTIVE_LABEL", "NOT_FOUND", "NOT_FOUND_PLACE", "Extract", "asked_of", "compose_message",
           "extractive_answer", "term_rarity"]
EXTRACTIVE_LABEL = OFFLINE_NOTE  # the line that says no model was used (last line of an extractive answer)


def term_rarity(token_idf: Callable[[str], float]) -> Callable[[str], float]:
    """A term's weight: the rarest of its BM25 tokens (a term may be several tokens)."""
    def weight(term: str) -> float:
        values = [token_idf(t) for t in tokenize(term)]
        return max(values) if values else token_idf(term)

    return weight


def asked_of(question: str, language: str, idf: Callable[[str], float] | None = None) -> Asked:
    """The question taken apart, its topic terms weighted by their rarity in the collection."""
    return analyse(question, language, term_rarity(idf) if idf else None)


def extractive_answer(question: str, hits: list[Hit], language: str | None = None,
                      idf: Callable[[str], float] | None = None) -> Extract:
    """Answer from the hits' sentences: a lead line that answers, then cited evidence, in the asker's language."""
    return compose(asked_of(question, language or language_of(question), idf), hits)


def compose_message(asked: Asked, hits: list[Hit], idf: Callable[[str], float] | None = None) -> Extract:
    """The offline answer to a message; one in scope as a whole that asks two things gets both answered."""
    listed = quoted_part(asked, hits) or defining_answer(asked, hits) or effective_answer(asked, hits) \
        or parties_answer(asked, hits) or list_cases(asked, hits) or rank_places(asked, hits)
    if listed is not None:
        return listed
    answer = compose(asked, hits)
    if not answer.cited:
        return answer
    parts = question_parts(asked, lambda part: _in_named_laws(asked_of(part, asked.language, idf), asked))
    if len(parts) < 2:
        return answer
    # the parts ask about what the whole message asks about: the documents its answer cites, not others
    # ('…罚了多少钱？法院支不支持这个处罚？' is about this penalty, not any case's holding on penalties)
    cited = {hit.source for hit in answer.cited}
    by_parts = compose_parts(parts, [hit for hit in hits if hit.source in cited], asked)
    return by_parts if by_parts.cited else answer  # answered as a whole, though no part alone is


def _in_named_laws(part: Asked, message: Asked) -> Asked:
    """A part of a message naming a law ('…违反对外合作开采海洋石油资源条例的规定施工。由哪个部门处理？如果到期
    仍不整改怎么办？') asks about that law too, though only one part says its title."""
    if not message.named_laws:
        return part
    part = with_named_laws(part, law_titles(message.named_laws))
    return part if part.named_laws else part.model_copy(update={"named_laws": message.named_laws})


def compose_parts(parts: list[Asked], hits: list[Hit], message: Asked | None = None) -> Extract:
    """A question asking two things ('有没有“情节特别严重”这一档？马乐案最后改判了什么刑罚？'): each part
    answered in turn from the same hits, one numbering of sources; a part with nothing found is left out, and
    a sentence an earlier part quoted is not quoted again."""
    answers = [_answer_part(part, hits, message) for part in parts]
    # a part asking how it ended ('最后对这块屏作了哪些限制？') of the one case answering the message: its judgment
    answers = [answer if answer.cited else judgment(part, hits) for part, answer in zip(parts, answers)]
    found = [answer for answer in answers if answer.cited]
    if not found:
        return answers[0]
    language = parts[0].language
    blocks: list[list[tuple[str, list[Hit]]]] = []  # each part's new lines, with the hits it cites
    shown: set[str] = set()
    for answer in found:
        block = []
        for line in answer.text.replace(OFFLINE_NOTE[language], "").strip().splitlines():
            quoted = _quoted(line)
            if not _shown_before(quoted, shown):  # a lead or evidence an earlier part already gave is not repeated
                shown.add(quoted)
                block.append((line, answer.cited))  # the answer's [n] is its n-th cited hit
        blocks.append(block)
    _fit(blocks)
    numbering = HitNumbering(hits)
    lines = [MARKER.sub(lambda m, cited=cited: numbering.mark_hit(cited[int(m.group(1)) - 1]), line)
             for block in blocks for line, cited in block]
    return Extract(text="\n".join(lines + [OFFLINE_NOTE[language]]), cited=numbering.cited())


def _answer_part(part: Asked, hits: list[Hit], message: Asked | None) -> Extract:
    """A part naming no place is answered about the message's places when their sentences answer it (not
    Xuzhou's block of a compilation for a Liaoning question); otherwise as asked: a place can be a fact of
    the rule ('在长江宜宾以下干流偷采江砂…罚款幅度是多少？'), not whose practice it is."""
    placed = about_places_of(part, message) if message else None
    answer = compose(placed, hits) if placed else None
    return answer if answer is not None and answer.cited else compose(part, hits)


def _quoted(line: str) -> str:
    """A line's words: no markers, bullet or closing punctuation."""
    text = MARKER.sub("", line).strip()  # a lead drops a list's ordinal ('(一)…'): compared without it
    return without_ordinal(text[2:] if text.startswith("- ") else text).rstrip("。；;，, ")


def _shown_before(quoted: str, shown: set[str]) -> bool:
    """Already given, whole or as the end of a lead ('辽宁：' + a sentence an earlier part quoted)."""
    return quoted in shown or any(len(s) >= SAME_TAIL and (quoted.endswith(s) or s.endswith(quoted)) for s in shown)


SAME_TAIL = 10  # a shorter tail (a place's label, a figure) is not the same sentence
PARTS_CHARS = 1000  # two parts answered in full run longer than one screen (in Chinese characters; an English
# letter is half one): past this, their last bullets go


def _fit(blocks: list[list[tuple[str, list[Hit]]]]) -> None:
    """Trim the parts' answers to PARTS_CHARS: the last evidence bullet of the part quoting most goes first;
    each part keeps its lead and its first bullet."""
    def size() -> int:
        return sum(screen_chars(MARKER.sub("", line)) for block in blocks for line, _ in block)

    while size() > PARTS_CHARS:
        trimmable = [block for block in blocks if sum(line.startswith("- ") for line, _ in block) > 1]
        if not trimmable:
            return
        block = max(trimmable, key=lambda b: sum(len(line) for line, _ in b))
        last = max(i for i, (line, _) in enumerate(block) if line.startswith("- "))
        del block[last]
