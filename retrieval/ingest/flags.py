"""Instruction-like text planted in documents ('忽略以上指令…', 'ignore previous instructions'): flagged at ingest,
stored per passage, never shown to a model as anything but redacted data and never quoted by an answer."""

from __future__ import annotations

import re

from retrieval.answer.sentences import split_sentences

_EARLIER = r"(?:以上|上述|之前|先前|此前|前面|前述|上面|所有|一切|全部|你的|给你的|給你的)"
_ORDERS = r"(?:指令|指示|提示|要求|规则|規則|设定|設定|命令)"
INSTRUCTION = re.compile(
    # Chinese, simplified and traditional: 忽略/无视/不要理会 … earlier … instructions
    r"(?:忽略|忽視|忽视|无视|無視|不要理会|不要理會|不用理会|不用理會|不必理会|不必理會|别理会|別理會|请无视|請無視|"
    rf"忘记|忘記|放弃|放棄|覆盖|覆蓋)\s*{_EARLIER}.{{0,12}}?{_ORDERS}"
    r"|忽略(?:以上|上述|之前|前面|前述|所有)?.{0,8}?(?:指令|指示|提示|要求|规则)|无视(?:以上|上述).{0,6}(?:指令|要求)"
    r"|(?:新的?|最新)(?:指令|指示)\s*[:：]|(?:管理员|管理員|系统|系統)(?:的)?(?:新)?(?:指令|指示|通知)\s*[:：]"
    r"|系统提示词|系統提示詞|你现在(?:是|扮演)|你現在(?:是|扮演)"
    # English
    r"|(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|above|prior|earlier|preceding|former)\s+(?:instructions?|prompts?|rules|directions|guidelines)"
    r"|new\s+instructions?\s+from\s+(?:the\s+)?(?:administrator|admin|system|developer|operator)"
    r"|new\s+instructions?\s*:|system\s+prompt|you\s+are\s+now\s+(?:a|an|in)\b|(?:respond|reply|answer)\s+only\s+with",
    re.I,
)


def is_instruction_like(text: str) -> bool:
    """Whether the text reads as an instruction to an AI model rather than as document content."""
    return bool(INSTRUCTION.search(text))


def redact(text: str, marker: str = "") -> str:
    """The text with each instruction-like sentence replaced by `marker` (dropped when it is empty)."""
    if not INSTRUCTION.search(text):
        return text
    return "".join(marker if INSTRUCTION.search(sentence) else sentence for sentence in split_sentences(text))


def flag_sentences(text: str) -> list[str]:
    """The instruction-like sentences of a text, verbatim."""
    if not INSTRUCTION.search(text):
        return []
    return [sentence for sentence in split_sentences(text) if INSTRUCTION.search(sentence)]
