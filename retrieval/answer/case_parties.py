"""Cases a question names by their parties, as prosecutors name them ('马乐案', '王新明合同诈骗案', '于欢案',
'the Zhang Namula case'): the case whose title's name begins so, when only one does, is where to look, like a
case named by number; the party's name is then no topic word ('马乐案的争议焦点是什么？' asks 争议焦点 of 指导案例61号,
not every sentence naming 马乐, its judgments first).
"""

from __future__ import annotations

import re

from retrieval.answer.english import CASE_NUMBER, names_a_case
from retrieval.answer.names import _spells, is_pinyin, spelled_names
from retrieval.answer.question import Asked
from retrieval.answer.references import named_cases
from retrieval.ingest.clean import index_form

MIN_PARTY, MAX_PARTY = 2, 12  # characters of the name before 案 ('马乐', '王新明合同诈骗')
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# the case's name after its number: '指导案例93号：于欢故意伤害案', or with no colon '指导性案例225号江某某正当防卫案'
_NAME = re.compile(r"(?:[：:]|(?:案例|检例)第?\d{1,3}号)\s*([^：:]+?)\s*$")


def case_name(title: str) -> str:
    """'于欢故意伤害案' for '指导案例93号：于欢故意伤害案' (or '指导性案例225号江某某正当防卫案'); the title when it names none."""
    found = _NAME.search(title or "")
    return found.group(1) if found else title


def case_names(titles) -> dict[str, str]:
    """Each guiding case's name (its title after the colon, '马乐利用未公开信息交易案') -> its full title."""
    names = {}
    for title in titles:
        found = _NAME.search(title or "")
        if found and names_a_case(title) and CASE_NUMBER.search(title):
            names[index_form(found.group(1))] = title
    return names


def _by_characters(question: str, names: dict[str, str]) -> dict[str, str]:
    """{'马乐': title} for '马乐案…': the longest run of characters before a 案 that begins one case's name only."""
    found = {}
    text = index_form(question)
    for at in (m.start() for m in re.finditer("案", text)):
        for length in range(min(MAX_PARTY, at), MIN_PARTY - 1, -1):
            party = text[at - length:at]
            if not _CJK.fullmatch(party):
                continue
            titles = {title for name, title in names.items() if name.startswith(party)}
            if len(titles) == 1:
                found[party] = titles.pop()
                break
            if titles:  # several cases' names begin so ('张某'): none is named
                break
    return found


_OF_A_CASE = re.compile(r"\b(?:case|judg(?:e)?ment|sentenced?|appeal|court|trial|convicted|acquitted|defendant|vs?)\b", re.I)


def by_pinyin(question: str, names: dict[str, str]) -> dict[str, str]:
    """{'zhangnamula': title} for 'the Zhang Namula case': a name spelled in pinyin that begins one case's name, or
    else stands in one case's name only ('Wang Laoji v …', 广州王老吉大健康产业有限公司诉…)."""
    if not _OF_A_CASE.search(question):  # 'Wu Qiang' in a question about a law is a person, not a case's name
        return {}
    found = {}
    for spelled in spelled_names(question):
        titles = {title for name, title in names.items() if any(_spells(name[:n], spelled) for n in (2, 3, 4))}
        titles = titles or {title for name, title in names.items() if _spelled_inside(name, spelled)}
        if len(titles) == 1:
            found[spelled] = titles.pop()
    return found


def _spelled_inside(name: str, spelled: str) -> bool:
    """Some run of two to four of the name's characters spells it in pinyin."""
    return any(_spells(name[at:at + n], spelled) for at in range(len(name) - 1) for n in (2, 3, 4)
               if at + n <= len(name))


def unnamed_parties(question: str, names: dict[str, str]) -> list[str]:
    """'What was the sentence in the Bo Xilai case?': the names spelled in pinyin, as a case's party, that no case of
    the collection has (its other cases had been answered as this one: another man's 13 years)."""
    if not _OF_A_CASE.search(question) or not names:
        return []
    missing = [spelled for spelled in spelled_names(question) if is_pinyin(spelled)
               and not any(_spelled_inside(name, spelled) for name in names)]
    written = {re.sub(r"[\s-]", "", m.group()).lower(): m.group() for m in re.finditer(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+", question)}
    return [next((shown for bare, shown in written.items() if bare.endswith(spelled)), spelled) for spelled in missing]


def with_case_parties(asked: Asked, names: dict[str, str]) -> Asked:
    """The question with the cases it names by their parties among its named cases, and the parties' names
    out of its topic unless it says them elsewhere."""
    if not names:
        return asked
    by_party = _by_characters(asked.question, names) if asked.language == "zh" else by_pinyin(asked.question, names)
    refs = [ref for title in by_party.values() for ref in named_cases(CASE_NUMBER.search(title).group())]
    refs = [ref for ref in refs if ref not in asked.named_cases]
    if not refs:
        return asked
    update: dict = {"named_cases": [*asked.named_cases, *refs]}
    if asked.language == "zh":
        rest = index_form(asked.question)
        for party in by_party:
            rest = rest.replace(f"{party}案", "，")
        kept = [i for i, (group, _) in enumerate(asked.topic) if any(term in rest for term in group)]
        renumbered = {old: new for new, old in enumerate(kept)}
        update |= {"topic": [asked.topic[i] for i in kept],
                   "focus": frozenset(renumbered[i] for i in asked.focus if i in renumbered)}
    return asked.model_copy(update=update)
