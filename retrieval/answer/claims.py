"""What a party claimed, not what the court held: '请求人民法院判令：…二、赔偿原告损失2万元' is no award, and a sentence
of a plaintiff's 诉称 paragraph ('…仍然追赶，超过了必要限度') is no finding."""

from __future__ import annotations

import re

from retrieval.answer.english import names_a_case
from retrieval.answer.question import Asked, Kind
from retrieval.answer.traits import PLEADS, simple_form
from retrieval.answer.units import Unit
from retrieval.types import Hit

_CLAIM = re.compile(r"请求(?:人民)?法院(?:依法)?(?:判令|判决|确认|撤销)|(?:诉讼|上诉|再审)请求[：:]|诉称|辩称|上诉称")
_CLAIM_ASKED = re.compile(r"请求|诉请|要求|主张|诉称|辩称|claim|ask(?:ed)? for|demand|argue", re.I)
_PLEADING = re.compile(rf"{PLEADS.pattern}|认为|主张|请求")  # a sentence saying whose claim it is


def party_claim(unit: Unit, simplified: str, hit: Hit, asked: Asked) -> bool:
    """A case's sentence stating what a party claimed ('…请求人民法院判令：…'), or said in its pleading paragraph
    ('…超过了必要限度'), the question asking no claim."""
    return bool(_CLAIM.search(simplified) or unit.pleaded) and not _CLAIM_ASKED.search(asked.question) \
        and names_a_case(hit.title or "")


def claimed(unit: Unit, hit: Hit, asked: Asked) -> bool:
    """A party's claim asked how much was awarded ('赔了多少？'): its amounts ('请求人民法院判令：…二、赔偿原告损失
    2万元') are what the party asked for, and no answer at all; nor, asked anything, a sentence of a pleading
    paragraph that does not say whose it is ('…超过了必要限度' read as the court's finding)."""
    simplified = simple_form(unit.text)
    unattributed = unit.pleaded and not _PLEADING.search(simplified)
    return (asked.kind == Kind.FIGURE or unattributed) and party_claim(unit, simplified, hit, asked)
