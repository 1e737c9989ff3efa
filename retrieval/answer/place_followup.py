"""Follow-ups about places: another place asked the same ('那浙江呢？'), two places compared or ranked ('它们有什么
不同？', '哪个更低？'), a place sent alone before its question ('昆明' + '信访总量下降了多少'), and how a question is
written again with other places."""

from __future__ import annotations

import re

from retrieval.answer.across import practice_asked
from retrieval.answer.ground import language_of
from retrieval.answer.english_figures import titled
from retrieval.answer.question import asks_comparison
from retrieval.search.regions import Region, gazetteer, without_places

MAX_ASPECT_CHARS = 24  # a follow-up asking an aspect ('具体数字是多少？') is short

COMPARING_ZH = re.compile(r"比较|对比|相比|比起来|比|不同|区别|差别|差异")
COMPARE_FILLER_ZH = re.compile(r"那么?|和|跟|与|同|又|有什么|有何|怎么样|如何|一下|呢|吗|的|了|起来")
COMPARING_EN = {"compare", "compares", "compared", "comparison", "versus", "vs", "differ", "differs", "different",
                 "difference", "contrast"}



COMPARE_FILLER_EN = {"how", "does", "do", "did", "that", "this", "it", "with", "to", "and", "what", "about", "against",
                      "is", "the", "from", "in", "of", "s", "province", "city"}



def place_surface(region: Region, language: str) -> str:
    if language == "zh":
        return region.short or region.name
    return titled(region.en[0] if region.en else region.pinyin)


def only_places(message: str) -> list[Region]:
    """The places a message names when it names nothing else ('昆明', 'Kunming?'): what the next message is about,
    sent in two parts ('昆明' then '信访总量下降了多少')."""
    places = gazetteer().find_in_question(message)
    rest = message
    for form in sorted({form for region in places for form in region.forms}, key=len, reverse=True):
        rest = re.sub(re.escape(form), "", rest, flags=re.I)
    return places if places and not re.sub(r"[\W_]|的|呢|吧|啊|市|省|区|县|和|与|及|and", "", rest) else []


def last_two(places_seen: list[Region]) -> list[Region]:
    """The last two places discussed, a pinyin's namesakes one place ('Yulin': 榆林 and 玉林 both, named once)."""
    names: list[str] = []
    for region in reversed(places_seen):
        if place_surface(region, "en") not in names:
            names.append(place_surface(region, "en"))
        if len(names) == 2:
            break
    return [region for region in places_seen if place_surface(region, "en") in names]



def substitute_place(previous: str, message: str) -> str:
    """The previous question about the place(s) the follow-up names instead of the ones it named."""
    return renamed(previous, gazetteer().find_in_question(message), {"zh": "、", "en": " and "})


def both_places(subject: str, message: str) -> str:
    """The subject's question asked of its place(s) and the message's together: '河南是怎么减少信访的？' +
    '和昆明比呢？' -> '河南和昆明是怎么减少信访的？'."""
    before = gazetteer().find_in_question(subject)
    added = [r for r in gazetteer().find_in_question(message) if r.name not in {b.name for b in before}]
    return renamed(subject, before + added, {"zh": "和", "en": " and "})


WITH = re.compile(r"^\s*(?:那么?)?(?:和|跟|与|同)|\b(?:with|to|against)\b", re.I)


def as_comparison(question: str) -> str:
    """'河南和昆明是怎么减少信访的？' -> '…，有什么不同？': one block per place (a comparison already stays)."""
    if asks_comparison(question):
        return question
    if language_of(question) == "zh":
        return f"{question.rstrip('？?。！! ')}，有什么不同？"
    return f"{question.rstrip('?.! ')}; how do they compare?"



def renamed(previous: str, places: list[Region], joiners: dict[str, str]) -> str:
    """The previous question with its place(s) written as `places` (in its language, joined), or with them
    added when it named none."""
    language = language_of(previous)
    surface = joiners[language].join(dict.fromkeys(place_surface(r, language) for r in places))
    forms = sorted({f for r in gazetteer().find_in_question(previous) for f in r.forms}, key=lambda f: (-len(f), f))
    if not forms:
        return f"{surface}{previous}" if language == "zh" else f"{previous} ({surface})"
    one = "|".join(rf"\b{re.escape(f)}\b" if f.isascii() else re.escape(f) for f in forms)
    pattern = re.compile(rf"(?:{one})(?:\s*(?:和|与|及|、|,|，|\band\b)\s*(?:{one}))*", re.I)  # '河南和昆明' is one
    done = []

    def replace(match: re.Match) -> str:
        done.append(match)
        return surface if len(done) == 1 else ""

    return re.sub(r"\s{2,}", " ", pattern.sub(replace, previous)).strip()


_THEM_ZH = re.compile(r"它们|他们|她们|两地|两个地方|两者|二者|这两|那两")
_THEM_EN = {"they", "them", "both", "two", "between"}


def compares_back(message: str) -> bool:
    """'它们有什么不同？', 'How do they compare?', '有什么区别？': the places just discussed, side by side."""
    if gazetteer().find_in_question(message) or len(message) > MAX_ASPECT_CHARS * (3 if message.isascii() else 1):
        return False
    if language_of(message) == "zh":
        rest = _THEM_ZH.sub("", message)
        return bool(COMPARING_ZH.search(rest)) and not re.sub(
            r"[\W_]", "", COMPARE_FILLER_ZH.sub("", COMPARING_ZH.sub("", rest)))
    words = re.findall(r"[a-z]+", message.lower())
    return any(w in COMPARING_EN for w in words) and all(w in COMPARING_EN | COMPARE_FILLER_EN | _THEM_EN
                                                          for w in words)


# '哪个更低？', 'Which is lower?' after two places' figures: which of them ranks first on what was asked
_RANKS_BACK_ZH = re.compile(r"^\s*(?:那么?)?(?:哪个|哪一个|谁|哪里)(?:的)?[\u4e00-\u9fff]{0,3}?(?:更|最)(?:高|低|多|少|大|小|好|优)"
                            r"(?:一些|些|呢)?\s*[？?]?\s*$")  # '哪个更低？', '哪个降得更多？'
_RANKS_BACK_EN = re.compile(r"^\s*(?:so |and )?which(?: one| place)?(?: [a-z]+)? (?:the )?(?:higher|lower|"
                            r"more|fewer|less|larger|smaller|highest|lowest|most|fewest)\b[^.?!]{0,30}[?.]?\s*$", re.I)


def ranks_back(message: str) -> bool:
    """'哪个更低？', 'Which is lower?', 'Which held more?': the two places just discussed, ranked."""
    return bool(_RANKS_BACK_ZH.match(message) or _RANKS_BACK_EN.match(message))


# 'X呢？', '那X方面呢？', 'What about X?': the cues around a topic asked of the same place(s)
_ABOUT_ZH = re.compile(r"^\s*(?:那么?|还有|另外)?\s*[，,]?\s*(?P<topic>[^，。？?]{2,12}?)\s*(?:方面|这块|这一块|那块|工作|的情况|"
                       r"情况|的做法|做法)?\s*(?:呢|怎么样|如何)\s*[？?]?\s*$")
_ABOUT_EN = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<topic>[^?.]{3,40}?)\s*[?.]?\s*$", re.I)
_ABOUT_FILLER_EN = re.compile(r"^(?:the|their|its|his|her)\s+|\s+(?:there|then|too)$", re.I)


def switched_topic(subject: str, message: str, answered: str, new_words: list[str]) -> str | None:
    """'那公开听证方面呢？' / '检察建议呢？' / 'What about public hearings?' after '昆明信访总量下降了多少？': the same
    place(s) asked about another topic ('昆明公开听证方面有哪些做法？'); before, it was answered with the last answer
    again, or without its place. `new_words` are the message's words that neither the subject nor the last
    answer (`answered`) says (a Chinese topic they said, '那协办的呢？', is more of what was answered)."""
    places = gazetteer().find_in_question(subject)
    if not places or gazetteer().find_in_question(message):
        return None
    language = language_of(message)
    found = (_ABOUT_ZH if language == "zh" else _ABOUT_EN).match(message)
    # '那协办的呢？' (the co-handled ones) is a kind of what was asked, not another topic
    if found is None or (language == "zh" and (not new_words or found.group("topic").endswith("的"))):
        return None
    topic = _ABOUT_FILLER_EN.sub("", found.group("topic").strip()) if language == "en" else found.group("topic")
    surface = ("、" if language == "zh" else " and ").join(dict.fromkeys(place_surface(r, language) for r in places))
    return f"{surface}{topic}方面有哪些做法？" if language == "zh" else f"What did {surface} do about {topic}?"


# 'Do other provinces do the same?' / '其他省份有类似做法吗？': the subject's practice asked across the regions
_ELSEWHERE_ZH = re.compile(r"^(?:那么?)?(?:其他|其它|别的|另外的?)(?:省份?|地方|地区|城市|市|省市)(?:也)?(?:有|有没有|是)?(?:类似|同样|相同|一样|这样)?")
_ELSEWHERE_EN = re.compile(r"\bother (?:provinces|regions|places|cities|areas)\b|\belsewhere\b", re.I)
_DID_ABOUT_EN = re.compile(r"^\s*(?:what|how) (?:did|does|do|has|have) .+? (?:do (?:about|to|with)|handle|deal with|"
                           r"approach|tackle)\s+(?P<topic>.+?)[?.!]*$", re.I)


def elsewhere(subject: str, message: str) -> str | None:
    """'其他省份有类似做法吗？' after '福建员额退出是怎么做的？' -> '员额退出各地是怎么做的？' (the per-region summary);
    'Do other provinces do the same?' after 'What did Fujian do about quota exits?' -> 'How do provinces handle
    quota exits?'. None when the message asks something else or the subject names no place."""
    places = gazetteer().find_in_question(subject)
    if not places or gazetteer().find_in_question(message):
        return None
    if language_of(message) == "zh":
        if not _ELSEWHERE_ZH.match(message.strip()):
            return None
        topic = without_places(practice_asked(subject), places).strip("，, 的在")
        return f"{topic}各地是怎么做的？" if topic else None
    found = _DID_ABOUT_EN.match(subject)
    if not _ELSEWHERE_EN.search(message) or not found:
        return None
    return f"How do provinces handle {found.group('topic').strip()}?"
