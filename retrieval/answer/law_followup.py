"""Follow-ups in a conversation about one law: '那在国外应当向哪个机关提出申请？' after a question answered from the
Nationality Law, '第二款呢？' after '监狱法第三十三条怎么规定的？', 'And if the person is a minor?'.

The law under discussion is the one the last answer cited first. A short message that names no place, case or
law of its own and goes on from the last question ('那…', '如果…', '…呢？', 'And …', 'What if …'), or uses the
law's words, is asked of it; before, it was searched alone and answered from whatever law shared its words (the Postal Law's licences).
"""

from __future__ import annotations

import re

from retrieval.answer.case_followup import MAX_CASE_CHARS, MAX_CASE_WORDS, CaseTexts
from retrieval.answer.english import NATIONAL, is_statute
from retrieval.answer.english_figures import english_names
from retrieval.answer.ground import language_of
from retrieval.answer.references import named_cases
from retrieval.ingest.clean import index_form
from retrieval.search.regions import gazetteer

_GOES_ON_ZH = re.compile(r"^\s*(?:那么?|还有|如果|要是|假如|若是?|另外)|呢\s*[？?]?\s*$")
_GOES_ON_EN = re.compile(r"^\s*(?:and|what if|if|what about|how about|and what about)\b", re.I)
_NAMES_A_LAW = re.compile(r"《|[\u4e00-\u9fff]{2,}(?:法|法典|条例|规定|办法|解释)(?![院官庭律])")
_ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条")
_PART = re.compile(r"^\s*(?:那么?)?\s*(第[一二三四五六七八九十\d]+[款项])\s*(?:呢|的内容|怎么规定|是什么)?\s*[？?]?\s*$")


def cited_law(sources: list[str]) -> str | None:
    """The law an answer cited first, when its first citation is a law's ('中华人民共和国国籍法')."""
    return sources[0] if sources and is_statute(sources[0]) else None


def of_law(law: str, subject: str, message: str, texts: CaseTexts | None = None) -> str | None:
    """The message asked of the law discussed ('国籍法，在国外应当向哪个机关提出申请？'; '监狱法第三十三条第二款
    怎么规定的？' for '第二款呢？' after that article; 'Under the Nationality Law: and if …?'), or None when it
    names a place, case or law of its own, or neither goes on from the last question nor (in Chinese, `texts`
    reading the law) uses the law's words ('复议机关多长时间内作出决定？' after a question on 行政复议法)."""
    if named_cases(message) or gazetteer().find_in_question(message):
        return None
    short = law.removeprefix(NATIONAL)
    if language_of(message) != "zh":
        english = english_names().get(index_form(short), "").title() or short  # '国籍法' when the glossary has none
        goes_on = _GOES_ON_EN.match(message) and len(re.findall(r"[A-Za-z]+", message)) <= MAX_CASE_WORDS
        return f"Under the {english}: {message.strip()}" if goes_on else None
    if len(message.strip()) > MAX_CASE_CHARS or _NAMES_A_LAW.search(message):
        return None
    if not _GOES_ON_ZH.search(message) and (texts is None or not texts.says(law, message)):
        return None
    part, article = _PART.match(message), _ARTICLE.search(subject)
    if part and article:  # the same article's other paragraph, asked as the article was
        return subject.replace(article.group(), article.group() + part.group(1), 1)
    rest = re.sub(r"^\s*(?:那么?|另外)\s*[，,]?", "", message.strip())
    return f"{short}，{rest}"
