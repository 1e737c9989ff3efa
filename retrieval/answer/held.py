"""What the collection holds of the laws and cases a question names: '法律援助法是哪一年开始施行的？' over the 2003
legal-aid regulation, 'What does the Civil Code say…?' over other laws, 'Guiding Case No. 300' over 246 cases are
answered first by saying that law or case is not held, not by the closest other rule as if it answered."""

from __future__ import annotations

import re

from retrieval.answer.english import CASE_NUMBER, NATIONAL
from retrieval.answer.english_figures import english_names
from retrieval.answer.question import Asked
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.crosslingual import glossary

MIN_LAW_NAME = 3  # '专利法'; '刑法' is said of too much ('算不算刑法上的…') to name where to look


_LAW_TITLE_ZH = re.compile(r"(?:法|法典|条例)$")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_LAW_NAME_EN = re.compile(r"\b(?:law|code|regulations?)$")


def unheld_laws(asked: Asked, held: str) -> list[str]:
    """The statutes the question names by title that no title of the collection (`held`, all its titles in index
    form, one per line) is: '刑事诉讼法', 'Civil Code (民法典)'. Its amendments hold a law (刑法修正案(九)); an
    interpretation of it ('关于适用《公司法》若干问题的规定') does not. Asked which articles of a law a case
    named applied ('Guiding Case No. 93: Which article of the Criminal Law applied?'), the case says: none."""
    if asked.named_cases and asked.asks_provisions:
        return []
    if asked.language == "zh":
        text = index_form(asked.question)
        named = [term for term, english in english_names().items() if len(term) >= MIN_LAW_NAME and term in text
                 and _LAW_TITLE_ZH.search(term) and _LAW_NAME_EN.search(english.lower())]
        named += [token for token in tokenize(text) if _titled(token, text)]
        # a title search's tokens split ('法律援助法' -> 法律援助, 法是): read from where a title may begin
        named += [title for run in _TITLE_RUN.findall(text) if len(title := _LEAD_IN.sub("", run)) >= MIN_LAW_NAME
                  and not _NOT_A_LAW.search(title) and not _ASKS_IN_TITLE.search(title)]
        named = [term for term in set(named) if not any(term != other and term in other for other in named)]
        return [term for term in named if not _holds(held, term) and not _names_a_held_derivative(held, text, term)]
    found = []
    for match in ENGLISH_TITLE.finditer(asked.question):
        title, chinese = glossary_title(match.group())
        if chinese and _LAW_TITLE_ZH.search(chinese) and not _holds(held, chinese):
            found.append(f"{title} ({chinese})")
    return found


def glossary_title(phrase: str) -> tuple[str, str]:
    """The longest tail of a capitalised title the glossary knows, with its Chinese: "China's Data Security Law"
    -> ('Data Security Law', '数据安全法'); ('', '') when it knows none."""
    words = phrase.split()
    for start in range(len(words)):
        tail = " ".join(words[start:])
        chinese = next(iter(glossary().of_phrase(tail)), "")
        if chinese:
            return tail, chinese
    return "", ""


# words ending in 法 that name no law (方法, 违法, 执法 …), and what may stand before a law's title ('根据消防法')
_NOT_A_LAW = re.compile(r"[方办做违合非执司立依守犯手说想看用写算语书疗兵章作技打玩加减乘除文]法$")
_BEFORE_A_TITLE = "据照依按在和与及、《对于是的"
_LEAD_IN = re.compile(r"^(?:请问|根据|按照|依照|依据|按|我国|那么?)+")  # before a title, not of it
# where a title begins: the question's start, 《, or 根据/按照/依照/依据 (not after a story's words: '…算不算刑法')
_ASKS_IN_TITLE = re.compile(r"([\u4e00-\u9fff])[不没]\1|算|属于")  # '算不算刑法上的…' asks, and names no title
_TITLE_RUN = re.compile(r"(?:^|《|根据|按照|依照|依据|按)([\u4e00-\u9fff]{2,8}?法)"
                        r"(?=》|[是的第规对中有怎如为里上在，,。？?、和及与]|$)")


def chinese_title(unheld: str) -> str:
    """The Chinese title of an unheld law as unheld_laws gives it: '大气污染防治法' of 'Air Pollution Prevention Law
    (大气污染防治法)' (an English question's), or the title itself (a Chinese one's)."""
    return re.sub(r"^.*\((.+)\)$", r"\1", unheld)


def unheld_cases(asked: Asked, held: str) -> list[str]:
    """The cases the question names by number that no title of the collection (`held`, as for unheld_laws) is:
    'What sentence did the defendant receive in Guiding Case No. 300?' was answered from cases 70 and 226."""
    missing: dict[str, None] = {}  # '指导案例300号' and '指导性案例300号' are one case
    for found in filter(None, map(CASE_NUMBER.search, asked.named_cases)):
        court, procuratorate = found.groups()
        name, pattern = (f"检例第{procuratorate}号", rf"检例第?{procuratorate}号") if procuratorate else \
            (f"指导案例{court}号", rf"指导性?案例第?{court}号")
        if not re.search(pattern, held):
            missing[name] = None
    return list(missing)


# what a question may name after a law's title that is a document of its own ('文物保护法实施条例', '人民陪审员法的解释')
# ('消防法规定…' says what the law provides: a bare 规定 names no document)
_DERIVED = re.compile(r"^(?:的)?(?:司法)?(?:实施条例|实施细则|实施办法|解释|若干规定|若干问题的规定)")


def _names_a_held_derivative(held: str, text: str, law: str) -> bool:
    """The question names a regulation or interpretation of the law that the collection holds ('文物保护法实施条例第十三条'
    over 中华人民共和国文物保护法实施条例; '人民陪审员法的解释' over 最高人民法院关于适用《…人民陪审员法》若干问题的解释),
    not the law itself."""
    for at in (m.end() for m in re.finditer(re.escape(law), text)):
        derived = _DERIVED.match(text[at:])
        if derived is None:
            continue
        kind = re.sub(r"^的|^司法", "", derived.group())
        if re.search(rf"^[^\n]*{re.escape(law)}[^\n]*{re.escape(kind[:2])}[^\n]*$", held, re.M):
            return True
    return False


def _holds(held: str, law: str) -> bool:
    """A title of the collection is the law or one of its amendments (`held`: titles, one per line)."""
    return bool(re.search(rf"^(?:{NATIONAL})?{re.escape(law)}(?:修正案|[（(]|$)", held, re.M))


def _titled(token: str, text: str) -> bool:
    """A word of the question that is a law's whole title ('消防法'; not '处罚法' inside '治安管理处罚法'); a
    two-character one only when an article follows ('刑法第一百三十四条': 刑法 alone is said of too much)."""
    start = text.find(token)
    short = len(token) == 2 and text[start + 2:start + 3] == "第"
    if (len(token) < MIN_LAW_NAME and not short) or not _LAW_TITLE_ZH.search(token) or _NOT_A_LAW.search(token):
        return False
    return start == 0 or text[start - 1] in _BEFORE_A_TITLE or not CJK_CHAR.match(text[start - 1])


ENGLISH_TITLE = re.compile(r"\b((?:[A-Z][\w'-]*\s+(?:(?:on|of|for|and)\s+)?){1,5}?)"
                            r"(Law|Code|Regulations?|Ordinance|Measures|Provisions|Rules)\b")
