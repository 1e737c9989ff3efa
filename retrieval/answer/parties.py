"""Who the parties to a case are ('当事人是谁？', 'Who were the parties?'): no sentence of a case says so as an
answer would, but its title does ('荣宝英诉王阳、…江阴支公司机动车交通事故责任纠纷案': plaintiff before 诉,
defendants after it) and a criminal case's text names its defendants ('被告人马乐…'). Each name is checked
against the case's own text, so the dispute's name ('机动车交通事故责任纠纷') is not taken for a party's."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from retrieval.answer.case_parties import case_name
from retrieval.answer.english import case_in_english, names_a_case
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.phrases import OFFLINE_NOTE, PARTIES
from retrieval.answer.question import Asked
from retrieval.types import Hit

# where an organisation's name ends ('…股份有限公司江阴支公司', '上海市金山区环境保护局')
_ORGANISATION_END = re.compile(r"(?:公司|局|委员会|政府|法院|检察院|中心|银行|厂|所|社|协会|大学|学院|医院|集团|办公室|部|站|队|会)")
_ROLE = r"(?:原告|被告人?|上诉人|被上诉人|申请人|被申请人|第三人|原审被告人?|再审申请人|申诉人)"
_NUMBERED = re.compile(r".*?(?:案例|检例)第?\d+号")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}(?:某某?\d?)?|[\u4e00-\u9fff]某某?\d?")


def parties_answer(asked: Asked, hits: list[Hit]) -> Extract | None:
    """The parties of the case the question names (or search is sure of), from its title and text."""
    if not asked.asks_parties or not hits:
        return None
    named = [hit for hit in hits if asked.names_document(hit.source, hit.title)]
    source = named[0].source if named else hits[0].source
    case = [hit for hit in hits if hit.source == source]
    title = case[0].title or ""
    if not names_a_case(title):
        return None
    text = "\n".join(hit.text for hit in case)
    first, others, sued = parties_of(title, text)
    if not first and not others:
        return None
    language, numbering = asked.language, HitNumbering(case)
    said = PARTIES[language]
    name = case_in_english(title) if language == "en" else _NUMBERED.match(title).group()
    if sued:
        parts = [said["plaintiffs"].format(names=_listed(first, language)),
                 said["defendants"].format(names=_listed(others, language))]
    elif first:  # '甲与乙…纠纷案': who stood where the title does not say
        parts = [_listed(first, language), _listed(others, language)]
    else:
        parts = [said["accused"].format(names=_listed(others, language))]
    lead = said["lead"].format(case=name, parties=said["joiner"].join(parts), title=title) + numbering.mark(case[0].rank)
    named_first = (first or others)[0].rstrip("等")
    # the case's first sentence naming them, as evidence ('原告荣宝英诉称…')
    evidence = next((f"- {sentence.strip()}{numbering.mark(hit.rank)}" for hit in case
                     for sentence in re.findall(r"[^。！？\n]+[。！？]", hit.text) if named_first in sentence), None)
    return Extract(text="\n".join([lead, *([evidence] if evidence else []), OFFLINE_NOTE[language]]),
                   cited=numbering.cited())


def parties_of(title: str, text: str) -> tuple[list[str], list[str], bool]:
    """(plaintiffs, defendants, True) of a civil or administrative case ('甲诉乙、丙…纠纷案'); (one side, the other,
    False) of '甲与乙…纠纷案'; ([], defendants, False) of a criminal one ('马乐利用未公开信息交易案', its text saying
    被告人马乐)."""
    name = case_name(title).strip()
    for joint in ("诉", "与"):
        if joint in name:
            before, after = name.split(joint, 1)
            *whole, last = re.split(r"[、_]", after)
            return [before.strip()], [*whole, _party_at_start(last, text)], joint == "诉"
    defendant = _party_at_start(name, text, roles="被告人")
    return [], [defendant] if defendant != name else [], False


def _party_at_start(words: str, text: str, roles: str = _ROLE) -> str:
    """The party a title's words begin with: the longest organisation's name there the case's text uses (else the
    longest there is: '…江阴支公司' before '机动车交通事故责任纠纷案'), or a person's name the text gives a role
    ('被告人马乐'); the words themselves when none is found."""
    ends = [m.end() for m in _ORGANISATION_END.finditer(words)]
    if ends:
        return next((words[:end] for end in sorted(ends, reverse=True) if words[:end] in text), words[:ends[-1]])
    for length in (4, 3, 2):
        person = words[:length]
        if _PERSON.fullmatch(person) and re.search(rf"{roles}{re.escape(person)}", text):
            return person + ("等" if words[length:length + 1] == "等" else "")
    return words


def _listed(names: list[str], language: str) -> str:
    """'王阳、永诚…支公司'; in English each person's name with its pinyin ('王阳 (Wang Yang)')."""
    if language == "zh":
        return "、".join(names)
    return ", ".join(f"{n} ({_spelled(n)})" if _PERSON.fullmatch(n) and "某" not in n and len(n) <= 3 else n
                     for n in names)


def _spelled(name: str) -> str:
    """'Wang Yang' for 王阳: surname, then the given name as one word."""
    syllables = lazy_pinyin(name)
    return f"{syllables[0].title()} {''.join(syllables[1:]).title()}"
