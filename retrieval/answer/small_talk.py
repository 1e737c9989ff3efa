"""Messages that ask nothing of the documents: greetings and thanks, a bare link, an aspect with no subject
('效果怎么样？' as a first message); each is told, in one line, how to ask."""

from __future__ import annotations

import re

from retrieval.answer.followup import ASPECT_ZH, MAX_ASPECT_CHARS
from retrieval.answer.ground import language_of
from retrieval.answer.phrases import NO_LINKS, NOT_A_QUESTION, PASTED_TEXT, THANKS, WORD_FILE
from retrieval.answer.question import Asked, Kind

SHORT_WORDS, SHORT_CHARS = 3, 4
# Greetings, thanks, acknowledgements and calls for help: a message of these alone is conversation.
_SMALL_TALK = re.compile(r"(?:(?:你好|您好|大家好|谢谢|多谢|感谢|好的|好吧|好|行|嗯+|哦+|噢|收到|明白了?|知道了|再见|拜拜|在吗|"
                         r"帮助|帮帮我|help|hi|hello|hey|thanks?|thank you|thx|ok|okay|bye|goodbye|yes|no|good|great|"
                         r"cool|fine|got it|test|there)[\s\W_]*)+", re.I)


def is_small_talk(message: str) -> bool:
    """'ok', 'help', '谢谢': greetings, thanks and acknowledgements alone, known before any rewriting."""
    return bool(_SMALL_TALK.fullmatch(message.strip())) if message.strip() else False


def asks_nothing(asked: Asked, message: str) -> bool:
    """'怎么样？', '🙂', '？？？': a short message naming no subject, place or case asks nothing of the documents
    (a long one whose words the collection lacks is a question, refused as out of scope)."""
    if not message.strip():
        return False  # an empty question is an error the search names
    # '效果怎么样？' with nothing before it names only an aspect: of what, the documents cannot tell
    own_topic = [group for group, _ in asked.topic if not ASPECT_ZH.fullmatch(group[0])]
    if own_topic or asked.places or asked.named_cases or asked.named_laws or asked.kind in (Kind.DOCUMENT, Kind.COMPARE):
        return False
    if len(message) <= MAX_ASPECT_CHARS and (asked.topic or ASPECT_ZH.search(message)):
        return True
    words, chinese = re.findall(r"[A-Za-z]+", message), re.findall(r"[\u4e00-\u9fff]", message)
    return len(words) <= SHORT_WORDS and len(chinese) <= SHORT_CHARS


_THANKS = re.compile(r"谢|感谢|\bthanks?\b|\bthank you\b|\bthx\b", re.I)


_ONLY_LINKS = re.compile(r"(?:\s*(?:https?://|www\.)\S+)+\s*", re.I)


def is_only_links(message: str) -> bool:
    """'https://www.spp.gov.cn/xwfb/': a link (or several) and nothing else; the documents cannot be searched by it."""
    return bool(_ONLY_LINKS.fullmatch(message))


# Asking for the answer as a Word file ('能给我导出Word吗', '生成docx', 'export this to Word')
_WORD_FILE = re.compile(r"(?:导出|生成|转成|转为|给我|要|下载|有没有).{0,8}(?:word|docx|文档)|(?:word|docx)\s*版|"
                        r"\b(?:export|download|save|convert)\b.{0,20}\b(?:word|docx)\b", re.I)
MAX_WORD_REQUEST_CHARS = 30


def asks_for_word_file(message: str) -> bool:
    """A short message asking for a Word file of an answer, not a question about the documents."""
    return len(message.strip()) <= MAX_WORD_REQUEST_CHARS and bool(_WORD_FILE.search(message))


# '总结一下这段：今年以来，某区检察院…' / 'Summarise this: …': text pasted to be rewritten, not a question
_PASTED = re.compile(r"^\s*(?:请|帮我|帮忙)?(?:总结|概括|归纳|提炼|摘要|缩写|改写|润色)(?:一下)?(?:这段|这一段|以下|下面|如下)"
                     r"(?:文字|内容|话|材料)?\s*[:：，,]?|^\s*(?:please\s+)?(?:summari[sz]e|condense|rewrite|shorten)\s+"
                     r"(?:this|the following)(?:\s+(?:text|paragraph|passage))?\s*[:,]?", re.I)
MIN_PASTED_CHARS = 40


def pasted_text(message: str) -> str:
    """The text pasted after a request to summarise or rewrite it ('总结一下这段：…'); '' when there is none."""
    found = _PASTED.search(message)
    text = message[found.end():].strip() if found else ""
    return text if len(text) >= MIN_PASTED_CHARS else ""


def asks_to_rewrite_pasted(message: str) -> bool:
    """A message asking to summarise or rewrite the text pasted after it."""
    return bool(pasted_text(message))


def not_a_question(message: str) -> str:
    """How to ask, in the message's language (or how to get a Word file, asked for one); in both when it has no
    words at all ('🙂', '？？？') or is a link."""
    if is_only_links(message):
        return f"{NO_LINKS['zh']}\n{NO_LINKS['en']}"
    if not re.search(r"[A-Za-z\u4e00-\u9fff]", message):
        return f"{NOT_A_QUESTION['zh']}\n{NOT_A_QUESTION['en']}"
    language = language_of(message)
    if asks_for_word_file(message):
        return WORD_FILE[language]
    if asks_to_rewrite_pasted(message):
        return PASTED_TEXT[language]
    return f"{THANKS[language]}{NOT_A_QUESTION[language]}" if _THANKS.search(message) else NOT_A_QUESTION[language]
