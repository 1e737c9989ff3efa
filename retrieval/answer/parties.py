"""Who the parties to a case are ('当事人是谁？', 'Who were the parties?'): no sentence of a case says so as an
answer would, but its title does ('荣宝英诉王阳、…江阴支公司机动车交通事故责任纠纷案': plaintiff before 诉,
defendants after it) and a criminal case's text names its defendants ('被告人马乐…'). Each name is checked
against the case's own text, so the dispute's name ('机动车交通事故责任纠纷') is not taken for a party's."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from retrieval.answer.case_parties import case_name
from retrieval.answer.english import CASE_NUMBER, case_in_english, names_a_case
from retrieval.answer.extract import Extract, HitNumbering
from retrieval.answer.phrases import OFFLINE_NOTE, PARTIES
from retrieval.answer.question import Asked
from retrieval.types import Hit

# where an organisation's name ends ('…股份有限公司江阴支公司', '上海市金山区环境保护局')
_ORGANISATION_END = re.compile(r"(?:公司|局|委员会|政府|法院|检察院|中心|银行|厂|所|社|协会|大学|学院|医院|集团|办公室|部|站|队|会)")
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
    first, others, stand = parties_of(title, text)
    if not first and not others:
        return None
    language, numbering = asked.language, HitNumbering(case)
    said = PARTIES[language]
    name = case_in_english(title) if language == "en" else CASE_NUMBER.search(title).group()
    if stand == "sued":
        parts = [said["plaintiffs"].format(names=_listed(first, language))] + \
            ([said["defendants"].format(names=_listed(others, language))] if others else [])
    elif stand == "accused":
        parts = [said["accused"].format(names=_listed(others, language))]
    else:  # '甲与乙…纠纷案', '徐加富强制医疗案': who stood where the title does not say
        parts = [_listed(side, language) for side in (first, others) if side]
    lead = said["lead"].format(case=name, parties=said["joiner"].join(parts), title=title) + numbering.mark(case[0].rank)
    named_first = (first or others)[0].rstrip("等")
    # the case's first sentence naming them, as evidence ('原告荣宝英诉称…')
    evidence = next((f"- {sentence.strip()}{numbering.mark(hit.rank)}" for hit in case
                     for sentence in re.findall(r"[^。！？\n]+[。！？]", hit.text) if named_first in sentence), None)
    return Extract(text="\n".join([lead, *([evidence] if evidence else []), OFFLINE_NOTE[language]]),
                   cited=numbering.cited())


def parties_of(title: str, text: str) -> tuple[list[str], list[str], str]:
    """(first side, other side, how they stand) from a case's title, each name checked against its text:
    '甲诉乙、丙…纠纷案' -> ([甲], [乙, 丙], 'sued'); '甲与乙…纠纷案' -> 'with' (who stood where is not said); a
    criminal case ('马乐利用未公开信息交易案', '罗某、瞿某侵犯…刑事附带民事公益诉讼案') -> ([], defendants, 'accused')
    when its text says 被告人马乐, else 'party' ('徐加富强制医疗案'). 诉讼 is no 诉, 参与 or 赠与 no 与; names after
    the dispute's own '、' ('拒绝颁发毕业证、学位证案') are none."""
    name = case_name(title).strip()
    body = text.replace(name, "")  # the title's own words confirm nothing
    joint = _JOINT.search(name)
    before, after = (name[:joint.start()].strip(), name[joint.end():]) if joint else ("", name)
    named = []
    for words in re.split(r"[、_]", after):
        party = _party_at_start(words, body)
        if party is None:
            break
        named.append(party)
        if party != words:  # the dispute's name begins here
            break
    if joint:
        return [before], named, "sued" if joint.group() == "诉" else "with"
    accused = any(f"被告人{party.rstrip('等')}" in body for party in named)
    return [], named, "accused" if accused else "party"


_JOINT = re.compile(r"诉(?!讼)|(?<![参赠给授])与")


def _party_at_start(words: str, body: str) -> str | None:
    """The party a title's words begin with: the longest organisation's name there that the case's text uses as a
    name (before '，', '、', '（' …), or else a person's ('马乐' of '马乐利用…', not '马乐利': a short name may also follow
    a role or '、' in the text, '被告人马乐'; before an organisation's ending, '戴小明' of '戴小明公司解散纠纷', only a
    role vouches for it), else the longest organisation's name there is ('…江阴支公司' before '机动车交通事故责任纠纷
    案'); None when the text names no one so."""
    ends = [m.end() for m in _ORGANISATION_END.finditer(words)]
    for end in sorted(ends, reverse=True):
        if re.search(re.escape(words[:end]) + _AFTER_A_NAME, body):
            return _with_others(words, words[:end])
    for n in (4, 3, 2):
        if _PERSON.fullmatch(words[:n]) and re.search(_said_as_a_person(words[:n], before_organisation=bool(ends)), body):
            return _with_others(words, words[:n])
    return words[:ends[-1]] if ends else None


def _said_as_a_person(name: str, before_organisation: bool) -> str:
    """How a text names a person: after a role ('被告王阳'); a short name also after '、' or before '，', '（' …
    (a four-character one only before those: '被告人毛建文拒不…' is no '毛建文拒')."""
    person = re.escape(name)
    if before_organisation:
        return rf"{_ROLE}{person}"
    if len(name) > 3:
        return rf"{person}{_AFTER_A_NAME}"
    return rf"(?:{_ROLE}|、){person}|{person}{_AFTER_A_NAME}"


def _with_others(words: str, name: str) -> str:
    """'熊某恒等', '…有限公司等': the name, and the '等' after it in the title."""
    return name + ("等" if words[len(name):len(name) + 1] == "等" else "")


_ROLE = r"(?:原告|被告人?|上诉人|申请人|第三人|申诉人)"  # also 被上诉人, 原审被告人, 再审申请人
_AFTER_A_NAME = r"(?=[，,、。；;：:（(）)\s的等和与及在于为向系因将已]|诉称)"


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
