"""Follow-ups in a conversation about one court case: the case under discussion, and which messages ask
about it without naming it ('这个案子最后怎么判的？', '法院为什么没有采纳辩护意见？', 'Which law did the court
apply?', 'And if the defendant had not confessed?').

The case under discussion is the one the last answer cited, else the one the last question of its own named.
A short message naming no case, place or kind of case of its own is asked of it, when it points at it, asks
one of the aspects a case has, or (in Chinese) says words the case's text uses: '洗钱罪怎么认定？' after a case
that never mentions 洗钱 is a new question. '第二个案例…' / 'the first one' after a list of cases is that case;
'和244号比呢？' / '这两个案子有什么不同？' compare it with another, or the last two side by side.
"""

from __future__ import annotations

import re
from typing import Protocol

from retrieval.answer.english import CASE_NUMBER, case_in_english
from retrieval.answer.ground import language_of
from retrieval.answer.place_followup import COMPARING_EN, COMPARING_ZH, MAX_ASPECT_CHARS
from retrieval.answer.names import is_pinyin, spelled_names
from retrieval.answer.references import named_cases
from retrieval.search.regions import gazetteer

# A message pointing at the case just discussed ('这个案子最后怎么判的？', '是哪个案子？', 'What did the court decide in
# that case?').
THE_CASE = re.compile(r"这个案[子件例]?|那个案[子件例]?|这起案件?|该案|此案|本案|这案子|哪个案[子件例]?|哪一?起案|"
                      r"\b(?:this|that|the|which) case\b", re.I)
# Asking for cases, not about the one discussed ('有没有类似的案例？', 'Are there other cases on this?').
ASKS_FOR_CASES = re.compile(r"案例|哪些案|几个案|类似|其他案|别的案|另一个?案|另外的?案|\bcases\b|\bsimilar\b|"
                             r"\b(?:other|another|any) (?:guiding )?case\b", re.I)
MAX_CASE_CHARS, MAX_CASE_WORDS = 24, 14


def cited_case(sources: list[str]) -> str | None:
    """The one case an answer cited ('指导案例172号：秦家学滥伐林木…'), when it cited cases of one number only."""
    numbers = {found.group() for title in sources if (found := CASE_NUMBER.search(title))}
    return next(title for title in sources if CASE_NUMBER.search(title)) if len(numbers) == 1 else None


def first_case(sources: list[str]) -> str | None:
    """The case an answer citing several cites first: the one its first line is from."""
    return next((title for title in sources[:1] if CASE_NUMBER.search(title)), None)


def named_case(question: str) -> str | None:
    """The one case a question names by number ('指导性案例193号', 'Guiding Case No. 93'), if it names one."""
    refs = {ref: found for ref in named_cases(question) if (found := CASE_NUMBER.search(ref))}
    numbers = {found.group(1) or found.group(2) for found in refs.values()}  # 指导案例N号 and 指导性案例N号 are one
    return next(iter(refs)) if len(numbers) == 1 else None


# 案由 is a cause of action, but '…案由哪个法院管辖' names a case
_CASE_NAME = r"[\u4e00-\u9fff]{2,20}?案(?![子件例情卷]|由(?![哪谁]))"
# '回到刚才王力军那个案子，…': an earlier case, named by its party, to go back to
_BACK_TO_NAMED = re.compile(r"(?:回到|刚才|之前|前面|上面|说回)[\u4e00-\u9fff]{0,2}?([\u4e00-\u9fff]{2,6}?)的?那个案")
_BY_NUMBER = r"(?:指导性?案例)?第?(\d{1,3})号"  # '那144号呢？' in a conversation about cases
_WHAT_ABOUT_CASE = re.compile(rf"^\s*(?:那么?|还有)?\s*({_CASE_NAME}|{_BY_NUMBER})\s*(?:呢|怎么样|如何|又如何)?\s*[？?]?\s*$")


def other_case(subject: str, message: str) -> str | None:
    """'那胡克金案呢？' after '马乐利用未公开信息交易案怎么判的？' (or '指导案例4号最后怎么判的？'), '那144号呢？' after
    '指导案例93号的裁判结果是什么？': the same question of the case it names."""
    asked = _WHAT_ABOUT_CASE.match(message)
    named = CASE_NUMBER.search(subject) or re.search(_CASE_NAME, subject)
    if not asked or not named:
        return None
    other = f"指导案例{asked.group(2)}号" if asked.group(2) else asked.group(1)
    return subject.replace(named.group(), other, 1)


# '第二个案例的裁判理由是什么？', 'What did the court decide in the first one?': a case of the list just given, by
# its place in it ('第二个争议焦点' is the case's own second issue, not a case)
# '第二个案子最后怎么判的？' (the noun said, anything may follow), '第二个呢？' (alone, only a particle)
_ORDINAL_ZH = re.compile(r"(?:第([一二三四五六七八九十\d]{1,2})|(最后|末))一?个(?:案例|案子|案件|判例|"
                         r"(?=的|呢|中|里|是|和|与|跟|[，,？?、]|$))")
_ORD_EN = r"first|second|third|fourth|fifth|sixth|last"
_ORDINAL_EN = re.compile(rf"\b(?:the )?(?:({_ORD_EN}) (?:one|case|guiding case)s?\b|({_ORD_EN})(?= and (?:the )?(?:{_ORD_EN}) "
                         rf"(?:ones|cases|guiding cases)\b))", re.I)
_ORDINALS = {word: n for n, word in enumerate(["first", "second", "third", "fourth", "fifth", "sixth"], start=1)}


def listed_case(listed: list[str], message: str) -> str | None:
    """The message with each case of `listed` (an answer's cases, in the order it gave them) it points at by its
    place in the list put in its stead ('指导案例225号的裁判理由是什么？', '比较一下指导案例144号和指导性案例225号');
    None when it points at none."""
    if len(listed) < 2:
        return None
    out, last, pointed = [], 0, False
    for found in [*_ORDINAL_ZH.finditer(message), *_ORDINAL_EN.finditer(message)]:
        word = found.group(1) or found.group(2)
        if found.re is _ORDINAL_ZH:
            place = len(listed) if found.group(2) else int(word) if word.isdigit() else "一二三四五六七八九十".index(word) + 1
        else:
            place = len(listed) if word.lower() == "last" else _ORDINALS[word.lower()]
        if place > len(listed) or found.start() < last:
            continue
        case = listed[place - 1]
        named = CASE_NUMBER.search(case).group() if found.re is _ORDINAL_ZH else case_in_english(case)
        out += [message[last:found.start()], named]
        last, pointed = found.end(), True
    return "".join([*out, message[last:]]) if pointed else None


def of_case(title: str, message: str) -> str:
    """The message asked of the case titled so: '指导案例172号，这个案子最后怎么判的？'."""
    if language_of(message) == "zh":
        return f"{CASE_NUMBER.search(title).group()}，{message.strip()}"
    return f"{case_in_english(title)}: {message.strip()}"


PARTIES_EN = re.compile(r"\b[A-Z][\w'-]*(?: [\w'-]+){0,3} v(?:s|\.)? [A-Z]")  # 'Qihoo 360 v Tencent'


def names_a_case_by_party(message: str) -> bool:
    """'王新明合同诈骗案，检察院为什么抗诉？', 'the Zhang Namula case': a case named by its parties, not pointed at."""
    if language_of(message) == "zh":
        return any(not THE_CASE.search(found.group()) for found in re.finditer(_CASE_NAME, message)) \
            or bool(_BACK_TO_NAMED.search(message))
    names = spelled_names(message)
    # 'Qihoo 360 v Tencent', 'What sentence did Zhang Namula receive?': whose case, named
    return bool(PARTIES_EN.search(message) or any(is_pinyin(name) for name in names)
                or (re.search(r"\bcase\b", message, re.I) and names))


def may_ask_of_case(message: str) -> bool:
    """A short message that names no case, place or kind of case of its own, and could be about the one
    discussed."""
    asks_for_cases = ASKS_FOR_CASES.search(message) and not THE_CASE.search(message)  # '这是哪个案例？' points at it
    if named_cases(message) or gazetteer().find_in_question(message) or asks_for_cases \
            or _WHAT_ABOUT_CASE.match(message) or names_a_case_by_party(message):
        return False
    if language_of(message) == "zh":
        return len(message.strip()) <= MAX_CASE_CHARS
    return len(re.findall(r"[A-Za-z]+", message)) <= MAX_CASE_WORDS


class CaseTexts(Protocol):
    """What a conversation may read of the collection's cases, by a case's title or number (and of its laws, by
    title)."""

    def says(self, case: str, message: str) -> bool:
        """Whether the case's text uses the (Chinese) message's words, half of them at least: '网络主播违反排他性
        合作条款的违约金如何确定？' shares 确定 with a self-defence case and is still a question of its own."""

    def keywords(self, case: str) -> list[str]:
        """The case's keywords (its 关键词 line), the area of law first (刑事), then the others, those most other
        cases share first (正当防卫, which two cases share, before 故意伤害罪, which one shares)."""


_SIMILAR = re.compile(r"类似|相似|同类|相同类型|\bsimilar\b|\blike (?:this|it|that)\b|\bsame kind\b", re.I)


def similar_cases(case: str, message: str, cases: CaseTexts | None) -> str | None:
    """'有没有类似的案例？' / 'Are there similar cases?' after a case: the cases on the keyword it shares with most
    others (`cases.keywords` orders them so), that case itself left out ('除指导案例144号外，有哪些关于正当防卫的
    指导案例？'; answered in the message's language)."""
    if cases is None or not _SIMILAR.search(message) or not ASKS_FOR_CASES.search(message):
        return None
    specific = cases.keywords(case)[1:]  # after the area of law (刑事, 民事, 行政)
    number = CASE_NUMBER.search(case)
    return f"除{number.group()}外，有哪些关于{specific[0]}的指导案例？" if specific and number else None


_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.%])")
_PARTY_CASE_ZH = re.compile(r"(?:和|跟|与|同)([\u4e00-\u9fff]{2,12}?案)(?![子件例情由卷])")
_PARTY_CASE_EN = re.compile(r"\b(?:the )?((?:[A-Z][a-z]+ ){1,3})case\b")


def compared_case(case: str, message: str) -> str | None:
    """'how's that different from 244', '和于欢案比有什么不同？': the case a message compares the one discussed with
    ('指导案例244号', '于欢案', 'Guiding Case No. 244', 'the Yu Huan case'), when `case` (the case discussed, or the
    question that named it) names a guiding case and the message a comparison and one other case."""
    if not named_cases(case) or len(message) > MAX_ASPECT_CHARS * 3:
        return None
    chinese = language_of(message) == "zh"
    if not (COMPARING_ZH.search(message) if chinese else _compares_en(message)):
        return None
    numbers = _NUMBER.findall(message)
    if len((_PARTY_CASE_ZH if chinese else _PARTY_CASE_EN).findall(message)) + len(numbers) >= 2:
        return None  # 'How is the Zhang Namula case different from the Yu Huan case?' names both sides itself
    if len(numbers) == 1:
        return f"指导案例{numbers[0]}号" if chinese else f"Guiding Case No. {numbers[0]}"
    party = (_PARTY_CASE_ZH if chinese else _PARTY_CASE_EN).search(message)
    return None if numbers or party is None else (party.group(1) if chinese else f"the {party.group(1)}case")


def with_case(subject: str, other: str) -> str:
    """The subject's case question asked of another case too, as a comparison."""
    if language_of(subject) == "zh":
        return f"{subject.rstrip('？?。！! ')}，和{other}有什么不同？"
    return f"{subject.rstrip('?.! ')}; how does it compare with {other}?"


_TWO_CASES = re.compile(r"这两个案[子件例]?|两个案[子件例]|两案|这两起|二者|两者|\b(?:two|both|the) cases\b", re.I)


def compares_two_cases(message: str) -> bool:
    """'这两个案子有什么不同？', 'How do the two cases differ?': the last two cases discussed, side by side."""
    if not _TWO_CASES.search(message) or len(message) > MAX_ASPECT_CHARS * (3 if message.isascii() else 1):
        return False
    return bool(COMPARING_ZH.search(message)) if language_of(message) == "zh" else _compares_en(message)


def _compares_en(message: str) -> bool:
    """An English message with a word of comparison ('different', 'compare', 'versus')."""
    return any(w in COMPARING_EN for w in re.findall(r"[a-z]+", message.lower()))


def two_cases(numbers: list[str], message: str) -> str:
    """'指导案例4号和指导案例12号有什么不同？' / 'How do Guiding Case No. 4 and Guiding Case No. 12 differ?'."""
    if language_of(message) == "zh":
        return f"{numbers[0]}和{numbers[1]}有什么不同？"
    return f"How do {case_in_english(numbers[0])} and {case_in_english(numbers[1])} compare?"
