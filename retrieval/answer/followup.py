"""What a chat message asks before it is searched, without a model.

A follow-up leans on the previous question and becomes a standalone one: another place ('那浙江呢？', 'and
Zhejiang?') takes the place(s) asked before; another aspect ('具体数字是多少？', 'What were the results?') or a
short message pointing back ('when did it go live') is asked of the last question's subject; a comparison
('和昆明比呢？') asks it of both places; a message about the case discussed is asked of it (see case_followup.py).
Messages asking nothing of the documents ('ok', '谢谢', '🙂') are small_talk.py's.
"""

from __future__ import annotations

import re

from retrieval.answer.case_followup import (ASKS_FOR_CASES, MAX_CASE_WORDS, PARTIES_EN, THE_CASE, CaseTexts, cited_case,
                                            compared_case, compares_two_cases, first_case, listed_case, may_ask_of_case,
                                            named_case, names_a_case_by_party, of_case, other_case, similar_cases,
                                            two_cases, with_case)
from retrieval.answer.cues import CASES_ASKED, FACTS_ASKED, KEYWORDS_ASKED, OUTCOME, PARTIES_ASKED, PROVISIONS_ASKED
from retrieval.answer.english import CASE_NUMBER
from retrieval.answer.ground import language_of
from retrieval.answer.article_of_last import about_last_answer
from retrieval.answer.law_followup import cited_law, of_law, other_article, swapped_term, under_law
from retrieval.answer.place_followup import (COMPARE_FILLER_EN, COMPARE_FILLER_ZH, COMPARING_EN, COMPARING_ZH,
                                             MAX_ASPECT_CHARS, WITH, as_comparison, both_places, compares_back, elsewhere,
                                             last_two, only_places, place_surface, ranks_back, renamed,
                                             substitute_place, switched_topic)
from retrieval.answer.references import named_cases
from retrieval.answer.terms import names_whole
from retrieval.answer.where import PLACE_ASKED
from retrieval.index.lexical import tokenize
from retrieval.ingest.clean import index_form
from retrieval.search.regions import Region, gazetteer, without_places
from retrieval.types import Turn

# What a place follow-up may say besides the place it names.
_CUE_ZH = re.compile(r"那么?|还有|换成|再看看|又如何|怎么样|如何|呢|的情况|情况|的做法|做法|省|市|区|县|吗|呀|啊|了")
_CUE_EN = {"and", "what", "about", "how", "same", "for", "in", "the", "then", "there", "province", "city",
           "county", "district", "region", "autonomous", "do", "does", "did", "it", "that", "case", "of", "s"}
# An aspect follow-up names what it wants of the subject already asked about, and nothing else.
ASPECT_ZH = re.compile(r"具体|详细|细节|数字|数据|效果|成效|成绩|亮点|结果|原因|为什么|为何|依据|做法|措施|经验|问题|"
                        r"困难|不足|短板|下一步|打算|计划|多少|哪些|怎么做的?|(?:怎么|如何)(?:解决|改进|落实)|怎么样|如何|"
                        r"怎么判|判决|判了|判处|判赔|判罚|裁判|理由|一审|二审|再审|终审|支持|驳回|赔偿?|罚|几年|多久|刑期|起诉|诉请|请求|要求|"  # of a case
                        r"钱|金额|数额|费用")  # '赔了多少钱？'
# … and of a rule asked about: its fine, its time limit ('罚款多少？', '可以延长吗？', '这个期限从什么时候算？'); after a
# report's practice '那罚款多少？' asks something new
_RULE_ASPECT_ZH = re.compile(r"罚款|罚金|处罚|期限|时限|延长|从什么时候(?:开始|起)?(?:算|计算)|怎么(?:算|计算)|"
                             r"违反了?|违约了?|不遵守|(?:要|会|该)?怎么办")  # '违反了要怎么办？': what a breach costs
_ABOUT_A_RULE = re.compile(r"条例|规定|细则|解释|[^做方办想看说]法|处罚|罚款|期限|时限|多久|多长时间|最长|最短|几年|"
                           r"数额|多少钱")
# … and what a court case has besides ('为什么改判？', '检察院抗诉了吗？', '辩护意见是什么，法院采纳了吗？'): asked alone they
# name a subject ('哪些案例涉及抗诉？'), after a case its aspects.
_CASE_ASPECT_ZH = re.compile(r"改判|改了|改为|发回|撤销|维持|上诉|抗诉|辩护意见|辩护|争议焦点|焦点|采纳|依据|处理|处置|"
                             r"一样|相同|不一样|有变化|变了")  # "一审二审结果一样吗？"
_FILLER_ZH = re.compile(r"那么?|还有|有没有|没有|还|又|再|能|可以|请|说说|讲讲|介绍|一下|展开|更多|别的|其他|其它|都|有|是|的|了|些|点|"
                        r"一共|总共|共|"
                        r"什么|怎么|怎样|存在|面临|主要|取得|工作|方面|今后|最后|最终|法院|检察院|检察机关|原告|被告|这个|那个|这起|那起|"
                        r"该|此|本|案子|案件|案|"
                        r"呢|吗|呀|啊|吧|"
                        r"人|件|次|名|个|份|元")  # what '起诉多少人' counts in
_ASPECT_EN = {"figures", "figure", "numbers", "number", "data", "statistics", "results", "result", "outcome",
              "outcomes", "effect", "effects", "impact", "details", "why", "problems", "measures", "steps", "how",
              "decide", "decided", "decision", "ruling", "rule", "ruled", "reasoning", "reasons", "reason", "held",
              "judgment", "judgement", "verdict", "sentence", "sentenced", "awarded", "award", "end",
              # of a rule: what a breach costs, by when, who enforces it ('What is the fine?', 'Which authority?')
              "fine", "fines", "fined", "penalty", "penalties", "punishment", "punished", "sanction", "sanctions",
              "deadline", "deadlines", "authority", "authorities", "enforces", "enforce", "enforced", "article",
              "articles", "provision", "liable", "liability", "agency", "agencies", "department", "departments",
              "regulator", "regulators", "time", "frame", "timeframe", "period", "limit", "when", "long", "days",
              "within"}
_FILLER_EN = {"what", "were", "was", "are", "is", "the", "any", "more", "and", "so", "did", "do", "does", "it",
              "they", "there", "tell", "me", "give", "specific", "exact", "exactly", "about", "else", "other",
              "next", "much", "many", "work", "have", "has", "a", "of", "their", "its", "some", "please",
              "court", "courts", "judge", "that", "this", "case", "in", "on", "up", "finally", "eventually", "final",
              "last", "s", "can", "could", "would", "you", "show", "list", "share", "provide", "remain", "remaining",
              "which", "who", "for", "be", "will", "then", "apply", "applies", "say", "says", "charge", "responsible",
              "handles", "oversees",
              # what a breach is called, of the rule just asked about ('What is the fine for violations?')
              "violation", "violations", "violating", "breach", "breaches", "breaking", "offence", "offences",
              "offense", "offenses", "noncompliance", "them", "such", "those"}


_WORDED_OWN_WAY = re.compile(r"一审|二审|再审|终审|结果|理由|原因|判决|裁判|判|效果|成效|做法|措施|问题|数字|数据")


def names_an_aspect(term: str) -> bool:
    """'二审', '结果', '理由': a word asking an aspect of whatever is discussed, which a case tells in its own words
    ('（2018）津01刑终326号…判决' is its 二审)."""
    return bool(_WORDED_OWN_WAY.search(term))
# A word pointing back at what was just discussed ('when did it go live', '领导监督那块具体干了啥').
_BACK_ZH = re.compile(r"这个|那个|这样|那样|这么|这种|那种|这块|那块|这方面|那方面|这份|那份|这篇|那篇|这项|那项|这起|那起|它|上述|其中|"
                      r"他们|她们|他|她|当地|该地")
_SOMEONE = re.compile(r"[\u4e00-\u9fff]某[\u4e00-\u9fff]{0,2}(?:那个|这个|的)?(?:案|案子|案件)")
_BACK_EN = {"it", "its", "they", "them", "their", "this", "that", "these", "those", "he", "him", "his", "she", "her"}
MAX_BACK_WORDS, MAX_BACK_CHARS = 10, 20
# 'What about …?' of something else in the same frame ('那协办的呢？' after '主办了几件建议？', 'And the minors?').
_WHAT_ABOUT = re.compile(r"^\s*(?:那么?|还有)[^，。？?]{1,10}呢\s*[？?]?\s*$|"
                         r"^\s*(?:and|what about|how about)\b[^?.]{1,40}[?.]?\s*$", re.I)
_DUMMY_IT = re.compile(r"\b(?:is|was|would|will|can|could|does) it (?:be |still )?(?:legal|lawful|illegal|unlawful|"
                       r"possible|true|ok|okay|allowed|permitted|necessary|required|a crime|an offen[cs]e)\b|"
                       r"\bit (?:is|was) (?:legal|illegal|possible|true)\b", re.I)
# A comparison with another place ('和昆明比呢？', 'How does that compare with Kunming?') says nothing else.
def is_followup(message: str) -> bool:
    """'那浙江呢？', 'and Zhejiang?', '浙江': a place plus at most a cue, leaning on the previous question.

    A message that asks something of its own ('河南是怎么减少信访的？') is a new question, however short.
    """
    places = gazetteer().find_in_question(message)
    if not places:
        return False
    rest = without_places(message, places)
    if language_of(message) == "zh":
        return len(re.sub(r"[\W_]", "", _CUE_ZH.sub("", rest))) <= 1
    return not [w for w in re.findall(r"[a-z']+", rest.lower()) if w not in _CUE_EN]


def is_compare_followup(message: str) -> bool:
    """'和昆明比呢？', '跟浙江相比有什么不同？', 'How does that compare with Kunming?': the previous question's
    subject, asked of its place(s) and these side by side."""
    places = gazetteer().find_in_question(message)
    if not places:
        return False
    rest = without_places(message, places)
    if language_of(message) == "zh":
        return bool(COMPARING_ZH.search(rest)) and \
            not re.sub(r"[\W_]", "", COMPARE_FILLER_ZH.sub("", COMPARING_ZH.sub("", rest)))
    words = re.findall(r"[a-z]+", rest.lower())
    return any(w in COMPARING_EN for w in words) and all(w in COMPARING_EN | COMPARE_FILLER_EN for w in words)


def is_aspect_followup(message: str, subject: str = "") -> bool:
    """'具体数字是多少？', '效果怎么样？', 'What were the results?': another aspect of the subject just asked about,
    naming no place and no subject of its own ('公开听证有哪些做法？' names one: a new question); of a rule's
    `subject`, its fine or time limit too."""
    if len(message) > MAX_ASPECT_CHARS * (3 if message.isascii() else 1) or gazetteer().find_in_question(message):
        return False
    if language_of(message) == "zh":
        rule = _RULE_ASPECT_ZH if _ABOUT_A_RULE.search(subject) else None
        if not (ASPECT_ZH.search(message) or _CASE_ASPECT_ZH.search(message) or (rule and rule.search(message))):
            return False
        own = rule.sub("", message) if rule else message
        return not re.sub(r"[\W_]", "", _FILLER_ZH.sub("", ASPECT_ZH.sub("", _CASE_ASPECT_ZH.sub("", own))))
    words = re.findall(r"[a-z]+", message.lower())  # "court's" -> court, s
    if _HOW_MANY_EN.match(message) and len(words) <= MAX_HOW_MANY_WORDS:
        return True  # 'How many people were prosecuted?' after what Kunming did for minors: Kunming's figure
    return bool(words) and any(w in _ASPECT_EN for w in words) and all(w in _ASPECT_EN | _FILLER_EN for w in words)


def aspect_of_a_place(message: str, subject: str) -> str | None:
    """'安徽具体怎么做的？': a place and an aspect, nothing else, in Chinese; the aspect asked ('How many hearing rooms
    has Anhui built?' names a subject of its own in words an aspect list cannot tell from filler)."""
    places = gazetteer().find_in_question(message) if language_of(message) == "zh" else []
    rest = without_places(message, places).strip(" ，,的") if places else ""
    return rest if rest and is_aspect_followup(rest, subject) else None


_HOW_MANY_EN = re.compile(r"^\s*(?:and |so )?how (?:many|much)\b", re.I)
MAX_HOW_MANY_WORDS = 7


def refers_back(message: str) -> bool:
    """'when did it go live', '领导监督那块具体干了啥', '那协办的呢？': a short message pointing back at what was
    just discussed, naming no place or case of its own."""
    if gazetteer().find_in_question(message) or re.search(r"案例\s*\d|[Cc]ase (?:No\. ?)?\d", message):
        return False
    if _SOMEONE.search(message) or PARTIES_EN.search(message) or names_a_case_by_party(message):
        # '王某贞那个案子…', '回到刚才王力军那个案子', 'Qihoo 360 v Tencent': named
        return False
    if _WHAT_ABOUT.match(message):
        return True
    if language_of(message) == "zh":
        return len(re.findall(r"[\u4e00-\u9fff]", message)) <= MAX_BACK_CHARS and bool(_BACK_ZH.search(message))
    if _DUMMY_IT.search(message):
        return False  # 'is it legal to …' points at nothing
    words = re.findall(r"[a-z]+", message.lower())
    return len(words) <= MAX_BACK_WORDS and any(w in _BACK_EN for w in words)


def repeats_answer(message: str, answer: str) -> bool:
    """'违约金是怎么确定的？' just after an answer about a streamer's liquidated damages: a short Chinese message
    naming no place or case, whose main word (its longest) the last answer used, asks more about what it answered."""
    if not answer or language_of(message) != "zh" or len(message) > MAX_ASPECT_CHARS \
            or gazetteer().find_in_question(message) or named_cases(message) or ASKS_FOR_CASES.search(message) \
            or names_a_case_by_party(message) or PLACE_ASKED.search(message):
        return False  # '有哪些关于正当防卫的指导案例？' asks for cases, '哪个省的…最高？' for places, of their own
    words = own_words(message)
    said = index_form(answer)
    main = max(words, key=len) if words else ""
    # '人民检察院行使哪些职权？' after an answer quoting a 人民检察院 says two words of its own: a new question
    return bool(main) and main in said and sum(w not in said for w in words if w not in main) <= 1


# The last answer asked for again in the other language ('Summarise that in English', '请用中文回答').
_IN_ENGLISH = re.compile(r"\b(?:in|into) english\b|英文|英语", re.I)
_IN_CHINESE = re.compile(r"\b(?:in|into) chinese\b|中文|汉语|普通话", re.I)
_SWITCH_FILLER = re.compile(r"\b(?:please|can|could|would|you|say|give|repeat|answer|explain|translate|put|write|"
                            r"summari[sz]e|summary|that|this|it|again|the|me|same|in|into|english|chinese|now)\b|"
                            r"请|用|换成|翻译成?|译成|改成|说|回答|再|一遍|一下|这个|上面|的|英文|英语|中文|汉语|普通话|吧|呢|吗",
                            re.I)


def switches_language(message: str) -> str | None:
    """'Summarise that in English' / '请用中文回答': the language the last answer is asked for again in, when
    the message asks nothing else."""
    wanted = "en" if _IN_ENGLISH.search(message) else "zh" if _IN_CHINESE.search(message) else None
    if wanted is None or re.sub(r"[\W_]", "", _SWITCH_FILLER.sub("", message)):
        return None
    return wanted


def with_aspect(subject: str, message: str) -> str:
    """The subject's question asking the follow-up's aspect too: '昆明是怎么减少信访的？' + '具体数字是多少？' ->
    '昆明是怎么减少信访的，具体数字是多少？'."""
    if language_of(subject) == "zh":
        stemmed = is_aspect_followup(message, subject) or _OWN_ASPECT_ZH.search(message)
        return f"{_stem(subject) if stemmed else subject.rstrip('？?。！! ')}，{message.strip()}"
    aspect = message.strip()
    places = list(dict.fromkeys(place_surface(r, "en") for r in gazetteer().find_in_question(subject)))
    if places and _OWN_ASPECT_EN.search(aspect):  # 'What does it plan to do next?' after the problems: the plans
        return f"{aspect.rstrip('?.! ')} ({' and '.join(places)})?"
    return f"{subject.rstrip('?.! ')}; {aspect[:1].lower()}{aspect[1:]}"


# An English follow-up asking a report's part of its own (its plans, its problems): it replaces the last
# question's, as '下一步打算怎么做？' does in Chinese (results and figures are asked of the last question's topic)
_OWN_ASPECT_ZH = re.compile(r"下一步|打算|今后|计划|哪些问题|什么问题|困难|不足|短板")
_OWN_ASPECT_EN = re.compile(r"\bplans?\b|\bnext steps?\b|\bdo next\b|\bproblems?\b|\bshortcomings?\b", re.I)


# The words with which a question asks its own aspect ('是怎么…的', '存在哪些问题', '效果怎么样'): another aspect
# asked next ('下一步打算怎么做？') replaces them, or the answer would be the last one again.
_ASKING_ZH = re.compile(r"是?(?:怎么|怎样|如何)(?=.)|(?:提到了?)?(?:都)?(?:有|采取了?|存在|面临)(?:了)?(?:哪些|什么|啥)"
                        r"(?:问题|困难|不足|短板|做法|措施|经验|成效|效果|成绩|亮点)?|取得了?(?:哪些|什么)(?:成效|效果|成绩)|"
                        r"(?:说|讲|谈|写|指出)了?(?:哪些|什么|啥)(?:问题|困难|不足|做法|措施|经验)?|"
                        r"(?:效果|成效)(?:怎么样|如何)|下一步(?:打算|计划)?(?:怎么做|做什么)?|(?:具体)?(?:数字|数据)?是?多少|"
                        r"(?:讲|说|写)?(?:的)?(?:裁判要点|要点|裁判理由|理由|基本案情|案情|裁判结果|结果)?是(?:什么|啥)")


def _stem(subject: str) -> str:
    """'重庆是怎么清理挂案的？' -> '重庆清理挂案': what the question is about, without how it asked."""
    stem = re.sub(r"的$", "", _ASKING_ZH.sub("", subject).rstrip("？?。！! ，,"))
    return stem if len(re.findall(r"[\u4e00-\u9fff]", stem)) >= 2 else subject.rstrip("？?。！! ")


def heuristic_rewrite(history: list[Turn], message: str, cases: CaseTexts | None = None) -> str:
    """Resolve follow-ups: places substituted into the previous (resolved) question; an aspect asked of the
    last subject (the last question of its own, with places substituted), not of the aspects asked before; a
    message about the case under discussion asked of it, and cases like it asked for by its keywords (`cases`,
    when given, reads the collection's cases)."""
    subject = resolved = None
    places_seen: list[Region] = []  # in the order the conversation reached them
    answered, cited = "", []  # the reply to the last message read, and the documents it cited
    focus = None  # the case under discussion: the one the last answer cited, else the one its question named
    cases_seen: list[str] = []  # their numbers, in the order the conversation reached them
    listed: list[str] = []  # the cases of the last answer listing cases, in its order
    asked_for_cases = False  # the last message asked for cases ('有哪些关于…的指导案例？')
    law = None  # the law the last answer cited first
    leading = None  # the case the last answer cited first
    answered_list = False  # the last answer listed cases asked for
    history_end = Turn(role="user", text=message)
    for turn in [*history, history_end]:
        if turn.role != "user":
            answered, cited = turn.text, turn.sources
            focus = cited_case(cited) or focus
            leading = first_case(cited)  # of an answer citing several cases, the one its first line is from
            law = cited_law(cited)
            cases_cited = list({found.group(): title for title in cited if (found := CASE_NUMBER.search(title))}.values())
            # the answer to '有哪些…案例？' is the list; a drill into one case or a comparison of two keeps it
            answered_list = len(cases_cited) >= 2 and asked_for_cases
            listed = cases_cited if answered_list else listed
            for title in cited:  # every case an answer cited, side by side ones too
                if (number := CASE_NUMBER.search(title)) and number.group() not in cases_seen:
                    cases_seen.append(number.group())
            continue
        text = turn.text
        if turn is not history_end and about_last_answer(text) and law:
            continue  # '依据哪条？' answered from the law: what follows is asked of the question before it
        asked_for_cases = bool(CASES_ASKED.search(text))
        if resolved and switches_language(text):
            pass  # the same question, answered in the language asked for (see chain.respond)
        elif len(cases_seen) >= 2 and compares_two_cases(text):
            resolved = two_cases(cases_seen[-2:], text)
        elif (focus or leading) and (similar := similar_cases(focus or leading, text, cases)):
            resolved = similar  # the case stays the subject of what follows
        elif picked := listed_case(listed, text):
            subject = resolved = picked
            focus = named_case(picked)
        elif (case := focus or _led_with(leading, answered_list, text)) and subject and _asks_of_case(text, case, cases):
            # '这个案子最后怎么判的？', '法院为什么没有采纳辩护意见？' of the case discussed, which stays the subject
            focus = case
            subject = subject if named_case(subject) else of_case(focus, subject)
            resolved = _asked_of_case(subject, focus, text)
        elif subject and (across := elsewhere(subject, text)):
            subject = resolved = across  # '其他省份有类似做法吗？': the practice, region by region
        elif subject and len(places_seen) >= 2 and ranks_back(text):
            # '广西和吉林的案件比是多少？哪个更低？': a ranking of the two (see ranking.py)
            joined = renamed(subject, last_two(places_seen), {"zh": "和", "en": " and "})
            resolved = f"{joined}{text.strip()}" if language_of(text) == "zh" else f"{joined} {text.strip()}"
        elif subject and len(places_seen) >= 2 and compares_back(text):
            subject = renamed(subject, last_two(places_seen), {"zh": "和", "en": " and "})
            resolved = as_comparison(subject)
        elif resolved and is_followup(text):
            resolved, subject = substitute_place(resolved, text), substitute_place(subject, text)
        elif subject and (aspect := aspect_of_a_place(text, subject)):
            subject = substitute_place(subject, text)  # '安徽具体怎么做的？' after hearings: Anhui's hearings, how
            resolved = with_aspect(subject, aspect)
        elif subject and is_compare_followup(text):
            # 'Compare Anhui and Zhejiang.' names both sides itself: they replace the pair compared before
            # ('和安徽比呢？', 'compared with Anhui?' add a side)
            own = len(gazetteer().find_in_question(text)) >= 2 and not WITH.search(text)
            subject = substitute_place(subject, text) if own else both_places(subject, text)
            resolved = as_comparison(subject)
        elif subject and (other := other_case(resolved or subject, text)):
            subject = resolved = other  # '那144号呢？' after '它适用了哪些法条？' asks 144's provisions
            focus = None
        elif subject and (other := compared_case(focus or subject, text)):
            resolved = with_case(subject, other)
        elif law and (moved := other_article(law, subject, answered, text)):
            subject = resolved = moved  # '第二款呢？', '下一条呢？': that part or article is what follows are about
        elif law and subject and (swapped := swapped_term(law, subject, text, own_words(subject), answered)):
            subject = resolved = swapped  # '那抢夺呢？' after extortion's thresholds: snatching's
        elif law and subject and not (language_of(text) == "en" and is_aspect_followup(text, subject)) \
                and (of_the_law := of_law(law, subject, text, cases)):  # 'What is the fine?' is the question's own
            resolved = of_the_law
        elif subject and not is_aspect_followup(text, subject) and \
                (switched := switched_topic(subject, text, answered, _unsaid(text, subject, answered))):
            subject = resolved = switched  # '那公开听证方面呢？' after Kunming's petitions: Kunming's hearings
        elif subject and (is_aspect_followup(text, subject) or refers_back(text) or repeats_answer(text, answered)):
            resolved = with_aspect(subject, text)
            if law and language_of(text) == "en":  # 'What is the fine?' after an answer from a law: that law's
                resolved = under_law(law, resolved)
            if len(gazetteer().find_in_question(subject)) >= 2:  # places compared: each answers the aspect too
                resolved = as_comparison(resolved)
        elif subject and (placed := only_places(subject)) and not gazetteer().find_in_question(text):
            subject = resolved = renamed(text, placed, {"zh": "、", "en": " and "})  # '昆明' + '信访总量下降了多少'
        else:
            subject = resolved = text
            focus = named_case(text)
        for region in gazetteer().find_in_question(resolved or ""):  # the latest places last, asked again or anew
            places_seen = [r for r in places_seen if r.adcode != region.adcode] + [region]
        answered = ""
    return resolved or message


def _led_with(leading: str | None, answered_list: bool, message: str) -> str | None:
    """A part every case has ('依据哪条？') asked after an answer citing several cases, not a list asked for: the
    case its first line is from (which of them '这个案子' means is not known: asked with the last question)."""
    return leading if not answered_list and PROVISIONS_ASKED.search(message) else None


def _asks_of_case(message: str, case: str, cases: CaseTexts | None) -> bool:
    """A message about the case under discussion: it points at it or asks an aspect of it, or, short and
    naming nothing of its own, says a word the case uses (anything, when the case's words cannot be read)."""
    if compared_case(case, message) or not may_ask_of_case(message):
        return False
    if THE_CASE.search(message) or is_aspect_followup(message) or refers_back(message):
        return True
    if any(cue.search(message) for cue in (PROVISIONS_ASKED, KEYWORDS_ASKED, FACTS_ASKED, PARTIES_ASKED)):
        return True  # '依据的是哪条法律？', '基本案情呢？', '当事人是谁？': a part every case has, in words no case uses
    if language_of(message) != "zh":  # its words cannot be looked up in a Chinese case: it has to point at it,
        # or ask what a case applied ('Which article?', 'Which article of the Criminal Law applied?')
        return bool(_POINTS_AT_CASE_EN.search(message) or PROVISIONS_ASKED.search(message)
                    or (OUTCOME.search(message) and len(message.split()) <= MAX_CASE_WORDS))  # 'Who won?'
    return cases is None or cases.says(case, message)


# An English follow-up about the case discussed speaks of its court, its parties or its judgment as known
# ('Which law did the court apply?', 'And if the defendant had not confessed?'); 'Is face information protected
# under criminal law?' is a question of its own.
_POINTS_AT_CASE_EN = re.compile(r"^\s*and\b|\bthe (?:courts?|defendants?|accused|judg(?:e|ment)|ruling|prosecut\w*|"
                                r"victims?|plaintiffs?|appeal|sentence|trial|first instance|second instance|parties)\b|"
                                r"\b(?:he|she|his|her|him|they|them|their)\b", re.I)


# A question, not a description of what to talk about ('左勇、徐鹤倾倒废铝灰那个指导案例').
_ASKS = re.compile(r"[？?]|为什么|为何|怎么|怎样|如何|多少|什么|哪|吗|是否|\b(?:what|why|how|who|when|which|did|was)\b", re.I)


def _asked_of_case(subject: str, case: str, message: str) -> str:
    """The message asked of the case discussed: after the description that named it ('左勇、徐鹤倾倒废铝灰那个指导
    案例' + '，法院最后支持了多少'), or of its number alone, when the subject asked something else of it."""
    if language_of(message) == "zh" and not _ASKS.search(subject):
        return f"{subject.rstrip('？?。！! ，,')}，{message.strip()}"
    return of_case(case, message)


def _unsaid(message: str, subject: str, answered: str) -> list[str]:
    """A Chinese message's own words that neither the subject nor the last answer says."""
    said = index_form(f"{subject} {answered}")
    return [word for word in own_words(message) if word not in said and not ASPECT_ZH.fullmatch(word)]


def own_words(message: str) -> list[str]:
    """A Chinese message's words of two characters or more that are not asking words or filler."""
    return [w for w in names_whole(tokenize(index_form(message)))
            if len(w) >= 2 and not _FILLER_ZH.fullmatch(w) and not ASPECT_ZH.fullmatch(w)]
