"""Follow-ups in a conversation about one law: '那在国外应当向哪个机关提出申请？' after a question answered from the
Nationality Law, '第二款呢？' after '监狱法第三十三条怎么规定的？', 'And if the person is a minor?'.

The law under discussion is the one the last answer cited first. A short message that names no place, case or
law of its own and goes on from the last question ('那…', '如果…', '…呢？', 'And …', 'What if …'), or uses the
law's words, is asked of it; before, it was searched alone and answered from whatever law shared its words (the Postal Law's licences).
"""

from __future__ import annotations

import re

from retrieval.answer.articles import cited_parts
from retrieval.answer.case_followup import MAX_CASE_CHARS, MAX_CASE_WORDS, CaseTexts
from retrieval.answer.english import NATIONAL, is_statute
from retrieval.answer.english_figures import english_names, titled
from retrieval.answer.cues import AGENCY_ASKED, EXCEPTION_ASKED, SANCTION_ASKED, TIME_LIMIT_ASKED
from retrieval.answer.ground import language_of
from retrieval.answer.held import ENGLISH_TITLE
from retrieval.answer.references import ARTICLE_REF, named_cases
from retrieval.ingest.clean import index_form
from retrieval.search.numbers import chinese_numeral
from retrieval.search.regions import gazetteer

_GOES_ON_ZH = re.compile(r"^\s*(?:那么?|还有|如果|要是|假如|若是?|另外)|呢\s*[？?]?\s*$")
_GOES_ON_EN = re.compile(r"^\s*(?:and|what if|if|what about|how about|and what about)\b", re.I)
_NAMES_A_LAW = re.compile(r"《|[\u4e00-\u9fff]{2,}(?:法|法典|条例|规定|办法|解释)(?![院官庭律])")
# the article an earlier question cited, with the paragraph and item it named ('第十条第二款')
_ARTICLE = re.compile(r"(第[一二三四五六七八九十百千零〇\d]+条)(第[一二三四五六七八九十\d]+款)?(第[一二三四五六七八九十\d]+项)?")
_ASKS_IT = r"\s*(?:呢|的内容|怎么规定的?|是什么|规定了什么|说了什么)?\s*[？?]?\s*$"
_THIS = r"\s*(?:那么?)?\s*(?:(?:这一?|本|该)条的?)?\s*"  # '这条第二项是什么'
_TITLED_ARTICLE = re.compile(r"[\u4e00-\u9fff](?:法|法典|条例|规定|办法|解释|规则)\s*第")  # '刑法第一百六十八条'
_THIS_ARTICLE = re.compile(r"(?:这一?|该|此)条(?!件|例|路|款|项)")
_PART = re.compile(r"^" + _THIS + r"(第[一二三四五六七八九十\d]+)([款项])" + _ASKS_IT)
_NEXT = re.compile(r"^\s*(?:那么?)?\s*(?:再往?|接着)?\s*(下一条|后一条|上一条|前一条)" + _ASKS_IT)
_NEXT_EN = re.compile(r"^\s*(?:and\s+|what about\s+|how about\s+)*the\s+(next|following|previous|preceding)\s+"
                      r"(?:article|one|provision)\s*(?:say)?\s*\??\s*$", re.I)
_ARTICLE_EN = re.compile(r"\bArticle\s+\d{1,4}(?:,?\s*paragraph\s+\d{1,2})?(?:,?\s*item\s+\d{1,2})?", re.I)
_BEFORE = ("上一条", "前一条", "previous", "preceding")


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
        short_enough = len(re.findall(r"[A-Za-z]+", message)) <= MAX_CASE_WORDS
        if short_enough and _of_the_rule_en(message) and not ENGLISH_TITLE.search(message):
            # 'What is the penalty for failing to report?', 'What happens if they pay late?': that law's rule
            return under_law(law, message.strip())
        goes_on = _GOES_ON_EN.match(message) and short_enough
        # 'And if the amount is huge?' goes on from what was asked ('How much … before snatching is a crime?')
        asked = subject.rstrip("?.! ") + "; " if subject and language_of(subject) != "zh" else ""
        said = message.strip()
        return under_law(law, f"{asked}{said[:1].lower() if asked else said[:1]}{said[1:]}") if goes_on else None
    if len(message.strip()) > MAX_CASE_CHARS or _NAMES_A_LAW.search(message):
        return None
    if not _GOES_ON_ZH.search(message) and not _OF_THE_RULE_ZH.fullmatch(message.strip()) \
            and (texts is None or not texts.says(law, message)):
        return None
    kind = _WHAT_ABOUT_TERM.match(message)  # '那情节严重的呢？' after '逃汇怎么处罚？': that breach's heavier tier
    if (_OF_THE_RULE_ZH.fullmatch(message.strip()) or (kind and kind.group("term").endswith("的"))) \
            and subject and language_of(subject) == "zh":
        # '罚多少？' after '污染源普查对象拒绝提供普查资料，怎么处理？': that breach's fine, not any of the law's
        asked = subject if short in subject else f"{short}，{subject}"
        return f"{asked.rstrip('？?。 ')}，{_without_opener(message)}"
    return f"{short}，{_without_opener(message)}"


# What a rule's breach costs, who enforces it, by when, asked alone: of the rule the last question was about
_OF_THE_RULE_ZH = re.compile(r"(?:那|那么)?(?:要|会|该|应该|应当)?(?:罚多少钱?|罚款多少|怎么罚|怎么处罚|如何处罚|怎么处理|"
                             r"(?:由|归)?(?:哪个|哪些|什么)(?:部门|机关)(?:来)?(?:负责|管|查处|处理|处罚)?|谁来?(?:管|查处|负责|处罚)|"
                             r"有没有(?:时间|期限)(?:上的)?(?:限制|要求)?|期限(?:是)?多(?:久|长)|有什么后果|"
                             r"有没有例外(?:情况)?|有例外吗|例外(?:情况)?(?:呢|有哪些)?)[？?。！!]?")

# … in English: what a breach costs, when something is due, who acts (the cues of an asked rule), asked of the
# law discussed; and who is liable, what comes of paying late
_MORE_OF_THE_RULE_EN = re.compile(r"\b(?:liab(?:le|ility)|late|overdue|supervises|imposes|fines|time ?frame)\b", re.I)


def _of_the_rule_en(message: str) -> bool:
    return any(cue.search(message) for cue in (SANCTION_ASKED, TIME_LIMIT_ASKED, AGENCY_ASKED, EXCEPTION_ASKED,
                                               _MORE_OF_THE_RULE_EN))


def under_law(law: str, question: str) -> str:
    """An English question asked of the law discussed: 'Under the Nationality Law: …'."""
    short = law.removeprefix(NATIONAL)
    english = titled(english_names().get(index_form(short), "")) or short  # '国籍法' when the glossary has none
    return question if question.startswith("Under the ") else f"Under the {english}: {question}"


def _without_opener(message: str) -> str:
    """'那第七条呢？' -> '第七条呢？'."""
    return re.sub(r"^\s*(?:那么?|另外)\s*[，,]?", "", message.strip())


def other_article(law: str, subject: str | None, answered: str, message: str) -> str | None:
    """After an answer from `law`: a message citing an article and naming no law of its own ('第48条第二款规定了
    什么', '第七条呢？') asked of that law; another part of the article just discussed ('第二款呢？', '第三项是什么？')
    or the article after or before it ('下一条呢？', 'And the next article?'), asked as that article was. The article
    is the one the last question cited, else the first the last answer quotes."""
    short = law.removeprefix(NATIONAL)
    if language_of(message) == "zh" and ARTICLE_REF.search(message) and not _PART.match(message) \
            and _refers_to_law(message):
        return short + _without_opener(message)
    this = _THIS_ARTICLE.search(message) if language_of(message) == "zh" and _refers_to_law(message) else None
    if not (_PART.match(message) or _NEXT.match(message) or _NEXT_EN.match(message) or this):
        return None
    article = _ARTICLE.search(subject or "") or _ARTICLE_EN.search(subject or "")
    if article is None:
        quoted = _ARTICLE.search(answered.strip().split("\n", 1)[0]) or _ARTICLE.search(answered)
        if quoted is None:
            return None
        article = _ARTICLE.search(f"{short}{quoted.group(1)}怎么规定的？")
    if this and not (_PART.match(message) or _NEXT.match(message)) and article.re is _ARTICLE:
        # '这条的罚款是多少？', '违反这条罚多少': the article discussed, named
        return message[:this.start()] + short + article.group() + message[this.end():]
    return _moved(message, article)


def _refers_to_law(message: str) -> bool:
    """A short message naming no law, case or place of its own."""
    unnumbered = re.sub(r"第[一二三四五六七八九十\d]+[款项]", "，", ARTICLE_REF.sub("，", message))
    return len(message.strip()) <= MAX_CASE_CHARS and not _NAMES_A_LAW.search(unnumbered) \
        and not _TITLED_ARTICLE.search(message) \
        and not named_cases(message) and not gazetteer().find_in_question(message)


def _moved(message: str, article: re.Match) -> str | None:
    subject = article.string
    part, step = _PART.match(message), _NEXT.match(message) or _NEXT_EN.match(message)
    if part and article.re is _ARTICLE_EN:
        return None
    if part:  # an item stays in the paragraph named; a paragraph replaces the one named
        number, kind = part.groups()
        cited = article.group(1) + (article.group(2) or "" if kind == "项" else "") + number + kind
    elif step:
        parsed = cited_parts(article.group())
        number = parsed[0].article + (-1 if step.group(1).lower() in _BEFORE else 1) if parsed else 0
        if not parsed:
            return None
        number = max(number, 1)  # before the first article there is none: the first again
        english = article.re is _ARTICLE_EN
        cited = f"Article {number}" if english else f"第{chinese_numeral(number)}条"
    else:
        return None
    return subject[:article.start()] + cited + subject[article.end():]


# '那抢夺呢？', '那数额巨大呢？': one term, asked in place of one of the last question's
MAX_OPENING = 12
_WHAT_ABOUT_TERM = re.compile(r"^\s*那么?\s*(?P<term>[\u4e00-\u9fff]{2,8}?)\s*呢\s*[？?]?\s*$")


_DOES = re.compile(r"^(?:去|到|回|想|要|在)")


def swapped_term(law: str, subject: str, message: str, words: list[str], answered: str) -> str | None:
    """'那抢夺呢？' after '敲诈勒索多少钱算数额较大？' (answered from the extortion interpretation) asks the same of
    snatching: '抢夺多少钱算数额较大？'; '那数额巨大呢？' the next tier: '敲诈勒索多少钱算数额巨大？'. The term replaced
    is the subject's word it varies (the same length, half its characters in place), else, for a term the last
    answer never says, the words the question opens with when the law's title has them (敲诈勒索). `words` are the
    subject's own words. None for a kind of what was asked ('那情节严重的呢？'), or no word to replace."""
    found = _WHAT_ABOUT_TERM.match(message)
    if found is None or found.group("term").endswith("的") or language_of(subject) != "zh":
        return None
    term = found.group("term")
    if _DOES.match(term):  # '那去外地出差呢？' is another thing done, not another crime or tier in its place
        return None
    varied = [w for w in words if len(w) == len(term) and w != term
              and sum(a == b for a, b in zip(w, term)) * 2 >= len(term)]
    if varied:
        return subject.replace(varied[0], term, 1)
    asked = subject.strip()
    opening = next((asked[:n] for n in range(min(len(asked), MAX_OPENING), 1, -1) if asked[:n] in law), "")
    if opening and term not in index_form(answered):
        return term + asked[len(opening):]
    return None
