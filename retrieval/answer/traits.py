"""What a sentence does, whatever the question: acts, gives a figure or a share, concludes; and the case
sections (holding, judgment, facts) a heading names. Patterns are simplified Chinese: callers pass the
simplified form, so a traditional-script report matches too."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from retrieval.answer.sentences import figures
from retrieval.ingest.clean import index_form

ACTION = re.compile(r"建立|健全|推行|推动|开展|出台|制定|实行|实施|创新|完善|探索|坚持|构建|设立|组建|采取|通过|落实|"
                    r"加强|强化|打造|形成|引入|组织|邀请|印发|研发|搭建|聚焦|深化|规范|明确|实现|开通|设置|成立")
HOLDING = re.compile(r"裁判要点|要旨|基本要点")  # a case's own statement of its point of law
PROVISIONS = re.compile(r"相关法条|相关法律规定|法律依据")  # a case's provisions applied
KEYWORDS = re.compile(r"关键词|关键字")  # a case's keywords
CASE_PART = re.compile(r"关键词|裁判要点|裁判要旨|要旨|基本案情|裁判结果|裁判理由|指导意义|检察机关履职过程|案件结果|相关法条")
REASONING = re.compile(r"裁判理由|判决理由|理由")  # a case's section on why the court held as it did
CONCLUDES = re.compile(r"^(?:综上所述|综上|因此|所以|据此|故此|故)(?!意)")  # a reasoning's conclusion, not 故意
OUTCOME = re.compile(r"裁判结果|处理结果|判决结果")  # a case's section on how it ended
RESULT = re.compile(r"下降|上升|降至|增至|提高至|提升至|优化至|优化到|同比|增长|减少|从[^，。；]{0,20}(?:到|至)")  # a change achieved
PLEADS = re.compile(r"诉称|辩称|再审称")  # a party pleads: 原告诉称, 被告辩称, 上诉称, 申诉称, 答辩称, 抗辩称, 再审称
# what a party claimed, not what the court held ('…为由提出上诉', '辩护人认为', '原告诉称')
PARTY_CLAIM = re.compile(r"为由提出上诉|为由(?:申请|提出)再审|辩护人(?:认为|提出)|辩称|诉称|上诉称|申诉称|抗辩称")
# a party's grounds for appealing or applying ('…提起上诉，认为一审判决…属认定事实不清'), which a court's reason is not
PARTY_GROUNDS = re.compile(r"(?:上诉|申诉|申请再审|再审申请)[，,]?(?:认为|称|理由是?)|提起上诉[，,]认为|以[^，。；]{2,40}为由(?:提起|提出)?(?:上诉|申诉|申请再审)")
# a rule's exception: '但是…', '…除外', '可以不…', '免予刑事处罚', '可以缓征', '不需申请'
EXCEPTS = re.compile(r"但是|但[^，。；]{0,30}除外|除外|不适用|可以不|免予|免于|免征|缓征|不需|无需|不受[^，。；]{0,12}限制|例外")
# a why's answer; in a judgment, the grounds it names for changing one ('适用法律错误，量刑过重，遂依法改判')
REASON = re.compile(r"为了|以便|旨在|目的是|防止|避免|因为|由于|鉴于|理由是|原因是|之所以|(?:抗诉|上诉)[，,]?认为|"
                    r"适用法律错误|量刑(?:过重|畸轻|明显不当|不当)|事实不清|证据不足|认定事实不全面|于法无据")
PLANS = re.compile(r"下一步|工作打算|今后|工作计划|工作安排|努力方向")  # a report's section on what comes next
PROBLEMS = re.compile(r"问题|困难|不足|短板|差距")  # a report's section on what is still wrong
FACTS = re.compile(r"基本案情|案件事实|审理查明")  # a case's facts: what the asker, telling them, already knows
CONCLUSION = re.compile(r"应当|应予|不予|可以|不得|属于|构成|视为|视同|认定为|不应|无权|有权|不能|能够|不适用|终结|驳回|撤销|维持")  # what a yes/no asks
DATE_ONLY = re.compile(r"^\d{4}年(\d{1,2}月)?(\d{1,2}日)?$|^\d{1,2}[月日]$")  # a date is not a result
_SHARE = re.compile(r"\d%|\d％|百分之|成以上")
# A time limit stated: '三日内', '不得超过三十日', '延长至六十日', '至少十五日前' — a span with a word before it that
# bounds it, or 内 / 前 after it; a bare span ('三十日') or a year ('2020年', a date) is no limit.
TIME_LIMIT = re.compile(r"(?P<pre>(?:不得|不应|不)(?:超过|少于|短于)|延长(?:至|到)?|期限(?:为|是)?|至少|最多|最长|最短)?"
                        r"(?<![\d〇零一二三四五六七八九十百两])(?P<n>\d{1,3}|[一二三四五六七八九十百两]+)个?"
                        r"(?P<unit>工作日|日|天|小时|周|星期|月|年)(?P<post>以内|之内|内|以前|前)?")


# A rule's consequence for who breaks it ('没收其非法采猎的野生药材…并处以罚款', '吊销…许可证', '依法追究刑事责任')
SANCTION = re.compile(r"罚款|罚金|没收|吊销|拘留|追究刑事责任|给予.{0,8}处分|(?:给予|处以?|予以)警告|警告[、或并]|"
                      r"责令其?(?:改正|停止|停产|限期)")
# a sentence saying when: '于2022年3月17日作出', or at what hour ('每日凌晨2时至上午8时，娱乐场所不得营业')
DATED = re.compile(r"(?:19|20)\d{2}年\d{1,2}月|(?:凌晨|上午|下午|晚上|夜间|每日)[\d一二三四五六七八九十]{1,3}[时点]|"
                   r"[\d一二三四五六七八九十]{1,3}[时点](?:\d{1,2}分)?(?:至|到)")
# A limit on how often ('补充调查以二次为限'), asked with the time ('有没有时间和次数上的限制？').
_COUNT_LIMIT = re.compile(r"以[一二三四五两\d]次为限|不得超过[一二三四五两\d]次|最多[一二三四五两\d]次")


def time_limits(text: str) -> list[re.Match]:
    """The time limits a (simplified) text states, as matches of TIME_LIMIT with their bound ('pre'/'post')."""
    return [m for m in TIME_LIMIT.finditer(text) if m.group("pre") or m.group("post")]

# The same passages come back for many questions: each text is simplified and examined once.
simple_form = lru_cache(maxsize=16384)(index_form)


# Numbers that name, not measure: a judgment's number '（2015）朝民初字第04854号', a document's '法释〔2015〕24号',
# an article '第四十七条', a flat '39-1203', and identifiers with letters before the digits (a plate 鲁F41703, a
# model HR-Z2, a version V1.0); a unit after the number is a measure (13.1mg／L).
_REFERENCE = re.compile(r"[（(〔\[]\d{4}[）)〕\]][^，。；;、\s]{0,30}?号|第[\d一二三四五六七八九十百千零]+[条款项号章节]|"
                        r"\d+(?:-\d+)+|[A-Za-z]+[-－]?\d+(?:\.\d+)*")


# An authority that acts ('由安全生产监督管理部门责令…'), or one a sentence names as the one that acts
# ('…的登记机关是…司法行政部门', '…部门负责'): who enforces, registers, approves.
_AUTHORITY = r"(?:部门|机关|机构|委员会|人民政府|法院|检察院|办公室|公安局|监察委员会|中国人民银行|海关)"
AGENCY = re.compile(rf"由[^，。；]{{0,24}}{_AUTHORITY}")
NAMES_AGENCY = re.compile(rf"{AGENCY.pattern}|(?:机关|部门|机构)(?:是|为)[^，。；]{{0,24}}{_AUTHORITY}|"
                          rf"向[^，。；]{{0,24}}{_AUTHORITY}(?:报告|报送|备案|申请|提出|提交|申报)|"  # '向…监测技术机构报告'
                          rf"{_AUTHORITY}(?:负责|主管|审批|批准|查处)")


# A sentence is a figure too, however it is written: '有期徒刑十个月', '拘役四个月，缓刑四个月', '无期徒刑'.
_PENALTY = re.compile(r"(?:有期徒刑|拘役|管制|缓刑)[一二三四五六七八九十两\d]+(?:年|个月)(?:[一二三四五六七八九十\d]+个月)?|"
                      r"无期徒刑|死刑(?:[，,]?缓期(?:二|两|2)年执行)?")  # '判处无期徒刑' answers '判了几年？' too


@lru_cache(maxsize=16384)
def real_figures(text: str) -> tuple[str, ...]:
    """The text's figures that say something: not bare dates, not one- or two-digit numbers, not the numbers
    of judgments and articles; sentences of imprisonment however written."""
    found = [f for f in figures(_REFERENCE.sub(" ", text))
             if not DATE_ONLY.match(f) and not re.fullmatch(r"\d{1,2}", f)]
    return tuple(found + _PENALTY.findall(text))


class Traits(NamedTuple):
    action: bool
    figure: bool
    share: bool
    conclusion: bool
    penalty: bool
    time_limit: bool
    sanction: bool
    dated: bool


@lru_cache(maxsize=16384)
def traits_of(simplified: str) -> Traits:
    """What a (simplified) sentence does."""
    return Traits(bool(ACTION.search(simplified)), bool(real_figures(simplified)), bool(_SHARE.search(simplified)),
                  bool(CONCLUSION.search(simplified)), bool(_PENALTY.search(simplified)),
                  bool(time_limits(simplified)) or bool(_COUNT_LIMIT.search(simplified)),
                  bool(SANCTION.search(simplified)), bool(DATED.search(simplified)))
