"""English words for an offline English answer: places in English, practices by their general English term.

No translation model is available offline, so sentences are not translated; what can be named in
English is named from the shipped glossary (Chinese term -> its first English phrasing), CC-CEDICT, and
the gazetteer. Everything else stays as cited Chinese evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from retrieval.answer.english_figures import UNIT_WORDS, described_figures, english_names, english_time_limits, titled
from retrieval.answer.sanctions import MAX_SANCTIONS, sanctions
from retrieval.answer.units import ARTICLE_START
from retrieval.ingest.clean import index_form
from retrieval.search.numbers import parse_chinese_numeral
from retrieval.search.regions import Region

MAX_TERMS = 4
# A term's Chinese is shown beside its English (to find it in the quotes) when short: long glosses
# ('以审判为中心的刑事诉讼制度改革') would outweigh the English of the line they explain.
GLOSS_CHARS = 6
# Bodies and words in every report: naming them says nothing about the practice.
_GENERIC = re.compile(r"检察院$|检察机关$|检察官$|公安厅$|公安局$|法院$|^检察|^高质效|^工作|人大代表$|^同比"
                      # and in every case: its parties, the authorities and the kind of judgment
                      r"|^(?:当事人|被告人|行为人|被?申请人|被?上诉人|自然人|人民政府|行政机关|国务院)$"
                      # a party's kind of company ('国泰君安证券股份有限公司' says nothing of what was decided)
                      r"|^(?:股份有限|有限责任|有限)公司$"
                      r"|^(?:民事|刑事|行政|生效)(?:判决|裁判|裁定|案件)$"
                      # the court's document and reasoning, and its conclusion (which the lead states as such)
                      r"|(?:判决|裁定|决定)书$|^(?:本院|法院)认为$|^裁判理由$|^(?:应予|不予|予以|依法予以)支持$|^驳回上诉|维持原判$|^(?:民事|刑事|行政)诉讼$")
def place_name(region: Region, asked_in: str = "") -> str:
    """'Henan', 'Kunming', 'Kecheng District': the English form of a place — the one the question used when it
    used one ('Tibet', not the gazetteer's first form 'Xizang')."""
    used = [form for form in region.en if re.search(rf"\b{re.escape(form)}\b", asked_in, re.I)]
    if used:
        return titled(max(used, key=len))
    if region.en:
        return titled(region.en[0])
    return titled(region.pinyin or region.name)


_NEGATED_BEFORE = re.compile(r"(?:不构成|不属于|并非|不是|不应认定为?|不认定为?|不成立)$")


def _only_negated(simplified: str, term: str) -> bool:
    """Every time the text says the term, it says it negated ('于欢的行为不构成故意杀人罪')."""
    starts = [found.start() for found in re.finditer(re.escape(term), simplified)]
    return all(_NEGATED_BEFORE.search(simplified[max(0, at - 6):at]) for at in starts)


def practice_terms(text: str, skip: set[str] = frozenset(), limit: int = MAX_TERMS) -> list[tuple[str, str]]:
    """(English, Chinese) names of the glossary terms a Chinese sentence uses, longest first, no overlaps."""
    simplified = index_form(text)
    names = english_names()
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for term in sorted((t for t in names if len(t) >= 3 and t in simplified), key=len, reverse=True):
        start = simplified.find(term)
        end = start + len(term)
        if any(start < b and a < end for a, b in taken) or names[term].lower() in skip or _GENERIC.search(term):
            continue
        if _only_negated(simplified, term):  # '不构成故意杀人罪' names the crime the court ruled out
            continue
        taken.append((start, end))
        found.append((start, names[term], term))
    found.sort()
    unique: dict[str, str] = {}
    for _, english, chinese in found:
        unique.setdefault(english, chinese)
    return list(unique.items())[:limit]


# How courts word a conclusion, most specific first, and what it says in English. The rule's condition
# stays in the quoted sentence; the lead says only which way it went.
QUOTED_CHARS = 12  # longest conclusion quoted whole in an English lead
_CONCLUSIONS = [
    (re.compile(r"驳回上诉[，,]\s*维持原判"), "the appeal was dismissed and the judgment upheld"),
    (re.compile(r"宣告[^，。；]{0,12}无罪|判决[^，。；]{0,12}无罪"), "acquitted"),
    (re.compile(r"不构成[^，。；]{0,10}罪"), "no crime"),
    # '驳回原告…的其他诉讼请求' closes a judgment that granted part: the rest dismissed, not the claims
    (re.compile(r"驳回[^。；]{0,30}其他(?:诉讼)?请求"), "the remaining claims were dismissed"),
    (re.compile(r"驳回[^。；]{0,30}(?:诉讼请求|起诉)"), "the claims were dismissed"),
    (re.compile(r"撤销(?!权)[^。；]{0,40}?(?:判决|裁定|决定)"), "the earlier decision was set aside"),
    # what is not upheld, when the sentence says: a party's argument or objection is not its claim
    (re.compile(r"(?:主张|抗辩|异议|辩称|理由)[^。；]{0,60}?不予支持"), "the argument was rejected"),
    (re.compile(r"(?:诉讼请求|请求|申请)[^。；]{0,60}?不予支持"), "the claim was rejected"),
    (re.compile(r"不予支持"), "not upheld"),
    (re.compile(r"(?:应当?|依法)?予以支持|应予支持"), "upheld"),
    (re.compile(r"不予受理"), "a court does not accept such a case"),
    (re.compile(r"应[当予]受理"), "a court accepts such a case"),
    (re.compile(r"不(?:应当?|需要?)?承担[^，。；]{0,12}责任"), "not liable"),
    (re.compile(r"应当?(?:依法)?承担[^，。；]{0,12}责任"), "liable"),
]


def conclusion(text: str) -> tuple[str, str] | None:
    """(English, the Chinese words) of the conclusion a court's sentence states, if it states one; long words
    are shortened to their ends ('驳回…诉讼请求'), the party's name being in the quoted sentence below."""
    simplified = index_form(text)
    for pattern, english in _CONCLUSIONS:
        found = pattern.search(simplified)
        if found:
            words = found.group()
            tail = words[words.rindex("其他"):] if "其他" in words else words[-4:]
            words = words[words.index("不予支持"):] if english.endswith("rejected") else words
            return english, words if len(words) <= QUOTED_CHARS else f"{words[:2]}…{tail}"
    return None


def english_lead(texts: list[str], skip: set[str], label: str, cases: str = "",
                 concluded: tuple[str, str] | None = None, best_first: list[str] | None = None,
                 counted: str | None = None, marks: dict[str, str] | None = None, time_limits: bool = False,
                 statutes: bool = False, sources: dict[str, str] | None = None, listed: str = "",
                 holding: bool = False, judged: list[str] = (), dated: str = "") -> str:
    """The first line of an English answer from its evidence sentences: 'Henan, as the sources report:
    practices named: reverse review (反向审视) …; key figures: 19.7%.' or, for court cases,
    'Guiding Case No. 94 — conclusion: not liable (不应承担赔偿责任); key terms: work injury insurance (工伤保险) ….'

    `best_first` (a 'how many' question's sentences, best answer first): its figures lead, before the terms,
    those of the `counted` unit (件 for 'how many cases') first. `marks` (sentence -> its citation): when the
    sentences come from more than one source, the figures say which ('figures: 195,000 yuan [1], 120,000 yuan
    [2]', or 'figures [2]: …' when one source gives them all). `time_limits`: the question asks one ('within
    what time…?'), so the limits the sentences state lead ('time limits: within 24 hours [1], …'); the
    consequences a law's or a case's sentences state follow ('consequences: a fine of 5,000 to 50,000 yuan').
    `statutes`: the sentences are a law's, whose words are terms, not a region's practices, and the lead names
    the articles they open ('Articles 39, 43 of the law quoted'; `sources`: sentence -> its document).
    `listed`: asked which laws a case applied or its keywords, the list it gives, in English ('provisions applied:
    Criminal Law (刑法), Article 20', see `case_list_in_english`). `holding`: asked a case's holding, its
    裁判要点 is among the sentences, and the lead says it is quoted first, since it cannot translate it.
    `judged`: the texts of the passages quoted, where an appeal setting a judgment aside may stand unquoted.
    `dated`: asked when, the date the answering sentence states ('date: September 2023')."""
    terms: list[tuple[str, str]] = []
    for text in texts:
        for english, chinese in practice_terms(text, skip):
            named = titled(english) in cases  # the statute the lead already names ('The Securities Law (证券法)')
            if english not in [e for e, _ in terms] and not named:
                terms.append((english, chinese))
    # not what a judgment set aside on appeal had imposed (张那木拉's 12½ years before his acquittal, the 2,000,000
    # yuan 王山 was first ordered to pay)
    in_force = standing(best_first or texts, [*texts, *judged]) if cases else best_first or texts
    heading, numbers = _cited_figures(in_force, counted if best_first else None, marks or {})
    statutes = statutes or any(ARTICLE_START.match(text.strip()) for text in texts)  # '第六十条 单位违反本法规定…'
    head = f"{label}, as the sources report" if label else cases or "What the sources report"
    articles, laws = _cited_articles(texts, marks or {}, sources or {}) if statutes and not label else ("", 0)
    if articles:  # which articles answer, as a prosecutor cites them
        head = f"{cases}, {articles}" if cases else f"{articles} of the {'laws' if laws > 1 else 'law'} quoted"
    if listed:  # the answer to 'which law did the court apply' or 'its keywords', and nothing else
        return f"{head}{' — ' if cases else ': '}{listed}."
    parts = [head, *([f"date: {dated}"] if dated else [])]
    if holding:
        parts.append("holding: the court's rule (裁判要点) is quoted first below")
    if concluded:
        parts.append(f"conclusion: {concluded[0]} ({concluded[1]})")
    limits = _cited(best_first or texts, marks or {}, english_time_limits) if time_limits else []
    if limits:
        parts.append("time limits: " + ", ".join(limits))
    # what a law or a court does to someone; a region's report telling its work has no such point to make
    # (a case's reasoning quoting a statute, '《刑法》第二十条第二款规定："…应当减轻或者免除处罚"', states the law's
    # range, not what the court did)
    imposing = [text for text in standing(best_first or texts, [*texts, *judged]) if not (cases and QUOTES_A_LAW.search(text))]
    consequences = _cited(imposing, marks or {}, sanctions, MAX_SANCTIONS) if cases or statutes else []
    if consequences:  # '处五千元以上五万元以下罚款' read as 'a fine of 5,000 to 50,000 yuan'; its figures said
        parts.append("consequences: " + "; ".join(consequences))
        numbers = [(bare, shown) for bare, shown in numbers if not any(bare in c for c in consequences)]
    if numbers and best_first:
        parts.append(f"{heading}: " + ", ".join(shown for _, shown in numbers))
    if terms and not dated:  # asked when, the date answers; practices named would bury it
        # a report names practices; a law or a case names terms
        parts.append(("key terms: " if (cases and not label) or statutes else "practices named: ")
                     + ", ".join(f"{e} ({c})" if len(c) <= GLOSS_CHARS else e for e, c in terms[:MAX_TERMS]))
    if numbers and not best_first:
        parts.append(f"key {heading}: " + ", ".join(shown for _, shown in numbers))
    if len(parts) == 1:
        parts.append(f"{len(texts)} passage(s) below answer this")
    return parts[0] + (" — " if (cases or articles) and not label else ": ") + "; ".join(parts[1:]) + "."


_FINAL = re.compile(r"维持原判|驳回上诉|未(?:提起)?上诉|没有上诉|(?:判决|裁定)已(?:经)?(?:发生法律效力|生效)")
# '（2016）津0111刑初576号', '（2014）一中行（知）初字第9163号' (a court's chamber in brackets inside)
_JUDGMENT_NUMBER = re.compile(r"[（(]\d{4}[）)](?:[^，。；、（()）]|[（(][^，。；（()）]{1,4}[）)]){1,24}?号")
_HALF_WIDTH = str.maketrans("（）", "()")


def _judgment_numbers(text: str) -> set[str]:
    """The judgments a text cites by number, brackets written one way ('(2014)一中行(知)初字第9163号')."""
    return {number.translate(_HALF_WIDTH) for number in _JUDGMENT_NUMBER.findall(text)}


QUOTES_A_LAW = re.compile(r"第[一二三四五六七八九十百零\d]+条(?:第[一二三四五六七八九十]+款)?(?:的)?规定[：:，,]?\s*[“\"「]")


def standing(texts: list[str], context: list[str]) -> list[str]:
    """The texts but the judgments the context sets aside ('撤销…（2016）津0111刑初576号刑事附带民事判决') and a
    first instance's it does not say was final: a guiding case quoting one has usually gone on to an appeal, and
    what the first court imposed is no outcome to lead with."""
    set_aside = {number for other in context if "撤销" in other
                 for number in _judgment_numbers(other[other.index("撤销"):])}
    final = bool(_FINAL.search(" ".join(context)))

    def stands(text: str) -> bool:
        own = _judgment_numbers(text)
        if not own or "撤销" in text:
            return True
        return not (own & set_aside or (all("初" in number for number in own) and not final))

    return [text for text in texts if stands(text)]


def _cited(texts: list[str], marks: dict[str, str], read: Callable[[str], Iterable[str]], limit: int = 4) -> list[str]:
    """The first `limit` things `read` finds in the texts (time limits, sanctions), each with the citation of
    the first sentence saying it when the texts cite several."""
    several = len(set(marks.values())) > 1
    found: dict[str, str] = {}
    for text in texts:
        for thing in read(text):
            found.setdefault(thing, marks.get(text, ""))
    return [f"{thing} {mark}".rstrip() if several else thing for thing, mark in list(found.items())[:limit]]


def _cited_figures(texts: list[str], counted: str | None, marks: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """('figures', (figure, as shown) for the first four figures of the texts, those of the `counted` unit
    first): each shown with what it measures ('repeated petitions down 35.6% year on year') and with its
    citation when they come from more than one source, or the one source in the heading ('figures [2]')
    when the lead cites several."""
    cited: dict[str, tuple[str, str]] = {}
    for text in texts:
        for figure, described in described_figures(text, _GENERIC):
            cited.setdefault(figure, (described, marks.get(text, "")))
    numbers = list(cited)
    if counted in UNIT_WORDS:
        numbers.sort(key=lambda figure: not figure.endswith(UNIT_WORDS[counted]))
    numbers = numbers[:4]
    sources, theirs = set(marks.values()), {cited[figure][1] for figure in numbers}
    several = len(sources) > 1 and "" not in theirs and len(theirs) > 1
    shown = [(figure, f"{cited[figure][0]} {cited[figure][1]}" if several else cited[figure][0]) for figure in numbers]
    if len(sources) > 1 and "" not in theirs and len(theirs) == 1:
        return f"figures {theirs.pop()}", shown
    return "figures", shown


CASE_NUMBER = re.compile(r"指导性?案例第?(\d{1,3})号|检例第?(\d{1,3})号")


_STATUTE = re.compile(r"^[^，。；“”]{2,80}(?:法|法典|条例|规定|办法|细则|解释|决定|规则|批复)(?:[（(][^）)]{1,6}[）)])?$")  # …规定（一）, …办法（试行）
NATIONAL = "中华人民共和国"


def statutes_in_english(titles: list[str]) -> str:
    """'The Patent Law (专利法) and the Trademark Law (商标法)': the statutes quoted, when every one of them has an
    English name in the glossary (a Chinese title alone would make the English lead Chinese); else ''."""
    names = []
    quoted = list(dict.fromkeys(t.strip() for t in titles if t and t.strip()))
    for title in quoted:
        short = title.removeprefix(NATIONAL)
        english = english_names().get(index_form(short), "") if _STATUTE.match(title) else ""
        if not re.search(r"\b(?:law|code)$", english):
            # one statute without an English name: what kind it is, and its Chinese title ('The regulation (征信业管理条例)')
            kind = next((k for ending, k in _KINDS if short.endswith(ending)), None) if len(quoted) == 1 else None
            return f"The {kind} ({short})" if kind and len(short) <= MAX_TITLE_CHARS else ""
        names.append(f"the {titled(english)} ({short})")
    return " and ".join(names[:2]).replace("the ", "The ", 1) if names else ""


MAX_TITLE_CHARS = 24  # a longer Chinese title would outweigh the English lead it sits in
_KINDS = [("实施细则", "implementing rules"), ("实施条例", "implementing regulation"), ("条例", "regulation"),
          ("办法", "measures"), ("规定", "provisions"), ("细则", "rules"), ("解释", "interpretation"), ("法", "law")]


MAX_ARTICLES = 3
_PROVISION = re.compile(r"《([^《》]{2,60})》([^《]*)")
_ARTICLE_NUMBER = re.compile(r"第([0-9]{1,4}|[一二三四五六七八九十百千零〇两]{1,8})条(之[一二三四五六七八九十])?")


def provisions_in_english(lines: list[str]) -> str:
    """'Criminal Law (刑法), Article 20' for '《中华人民共和国刑法》第二十条': the provisions a case lists as applied,
    each law by its glossary name when it has one (else its Chinese title), its articles by number."""
    said = []
    for line in lines:
        for title, rest in _PROVISION.findall(line):
            short = title.removeprefix(NATIONAL)
            english = english_names().get(index_form(short), "")
            name = f"{titled(english)} ({short})" if english else f"《{title}》"
            numbers = [f"{n if n.isdigit() else parse_chinese_numeral(n.replace('两', '二'))}"
                       f"{'-' + extra if extra else ''}" for n, extra in _ARTICLE_NUMBER.findall(rest)]
            articles = f", Article{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}" if numbers else ""
            said.append(name + articles)
    return "; ".join(dict.fromkeys(said))


def case_list_in_english(lines: list[str], provisions: bool) -> str:
    """'provisions applied: Criminal Law (刑法), Article 20' / 'keywords: criminal (刑事), self-defence (正当防卫)':
    the list of its own a case answers with (its `provisions` or its keywords, see Asked.asked_list), in English
    where the glossary names it."""
    if not lines:
        return ""
    if provisions:
        return f"provisions applied: {provisions_in_english(lines)}" if provisions_in_english(lines) else ""
    words = [word for line in lines for word in line.split("/") if word]
    named = [f"{english_names()[index_form(word)]} ({word})" if index_form(word) in english_names() else word
             for word in words]
    return "keywords: " + ", ".join(named)


def _cited_articles(texts: list[str], marks: dict[str, str], sources: dict[str, str]) -> tuple[str, int]:
    """('Articles 39, 43', 1) for the articles the texts open ('第四十三条 …'), in order, at most three, and how
    many laws they come from (`sources`: text -> its document); from several, each with its citation
    ('Article 68 [1], Article 14 [2]'); ('', 0) when they open none."""
    found: dict[int, str] = {}
    for text in texts:
        opened = ARTICLE_START.match(text.strip())
        number = opened and (int(opened.group(1)) if opened.group(1).isdigit() else parse_chinese_numeral(opened.group(1)))
        if number:
            found.setdefault(number, text)
    numbers = list(found)[:MAX_ARTICLES]
    laws = len({sources.get(found[n], "") for n in numbers})
    if laws > 1:
        return ", ".join(f"Article {n} {marks.get(found[n], '')}".rstrip() for n in numbers), laws
    return (f"Article{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}" if numbers else ""), laws


def is_statute(title: str) -> bool:
    """A law, regulation or judicial interpretation by its title ('中华人民共和国消防法', '…若干问题的解释')."""
    return bool(_STATUTE.match(title.strip()))


def names_a_case(title: str) -> bool:
    """A court's or a procuratorate's guiding case ('指导案例94号…', '检例第12号…'), not a region's report."""
    return bool(CASE_NUMBER.search(title))


def case_in_english(title: str) -> str | None:
    """'Guiding Case No. 94' (court) / 'Procuratorial Guiding Case No. 12' (检例) for a case's title; None for
    a title naming no case."""
    found = CASE_NUMBER.search(title)
    if not found:
        return None
    court, procuratorate = found.groups()
    return f"Guiding Case No. {court}" if court else f"Procuratorial Guiding Case No. {procuratorate}"


def cases_in_english(titles: list[str]) -> str:
    """'Guiding Case No. 94 and No. 93' / 'Procuratorial Guiding Case No. 12': the cases quoted."""
    names = [name for title in titles if (name := case_in_english(title))]
    return " and ".join(list(dict.fromkeys(names))[:2]).replace(" and Guiding Case No.", " and No.")
