"""'于欢案和江某某案有什么区别？': two cases compared are first told apart by how each ended — the final
judgment's deciding clause of each ('防卫过当，改判有期徒刑五年' against '构成正当防卫，宣告无罪') — before their
blocks quote the rule and the facts, which the offline composer cannot weigh against each other."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.english import CASE_NUMBER, cases_in_english, conclusion
from retrieval.answer.instances import Role, roles
from retrieval.answer.sanctions import sanctions
from retrieval.answer.traits import OUTCOME, real_figures
from retrieval.answer.units import units_of
from retrieval.types import Hit

OUTCOMES = {"zh": "结果：", "en": "How each ended: "}
CLAUSE_CHARS = 40
_CLAUSE = re.compile(r"[^，,；;。]+")
_DECIDES = re.compile(r"判处|改判|宣告|无罪|驳回|撤销|维持|赔偿|支付|确认|不予|准许")
_UPHOLDS = re.compile(r"维持原判|驳回上诉")
_SUBSTANCE = re.compile(r"判处|无罪|赔偿|支付|返还|确认|驳回[^，。；]{0,12}诉讼请求")
# what ends a proceeding without deciding the case ('准许撤回抗诉'): the decision before it stands
_PROCEDURAL = re.compile(r"撤回(?:抗诉|上诉|起诉|再审申请)|撤诉|发回重审")


def final_clause(case: list[Hit]) -> tuple[str, Hit | None]:
    """The deciding clauses of a case's last judgment ('以故意伤害罪改判于欢有期徒刑五年') and the hit stating them,
    from its 裁判结果 hits read in order; ('', None) when none is quoted."""
    said = {u.text: hit for hit in case if OUTCOME.search(hit.section or "") for u in units_of(hit)}
    texts = list(said)
    role_of = dict(zip(texts, roles(texts)))
    final = [text for text in texts if role_of[text] in (Role.FINAL, Role.ONLY)]
    deciding = [text for text in final if _DECIDES.search(text) or real_figures(text)]
    deciding = [text for text in deciding if not _PROCEDURAL.search(text)] or deciding
    if not deciding:
        return "", None
    # '驳回上诉，维持原判': what the judgment it upheld ordered is the outcome
    upheld = [text for text in texts if role_of[text] is Role.UPHELD and (_SUBSTANCE.search(text) or real_figures(text))]
    if _UPHOLDS.search(deciding[-1]) and upheld:
        deciding = [upheld[0]]
    clauses = [c.strip() for c in _CLAUSE.findall(deciding[-1]) if _DECIDES.search(c) or real_figures(c)]
    # '撤销…判决，宣告张那木拉无罪': what it decided instead is the outcome, the judgment it set aside is history
    clauses = [c for c in clauses if not c.startswith("撤销")] or clauses
    return ("，".join(clauses)[:CLAUSE_CHARS], said[deciding[-1]]) if clauses else ("", None)


def outcomes_line(sides: list[tuple[str, list[Hit]]], language: str, mark: Callable[[Hit], str]) -> str:
    """'结果：指导案例93号——以故意伤害罪改判于欢有期徒刑五年[1]；指导性案例225号——宣告江某某无罪[3]', or in English
    what each judgment decided ('acquitted', '5 years' imprisonment'), each cited by `mark`; '' unless every
    side's is found."""
    found = []
    for label, case in sides:
        clause, hit = final_clause(case)
        if hit is None:
            return ""
        title = case[0].title or case[0].source
        label = label or (cases_in_english([title]) if language == "en" else getattr(CASE_NUMBER.search(title), "group", str)())
        if language == "en":
            decided = conclusion(clause)
            said = decided[0] if decided else "; ".join(sanctions(clause))
            found.append(f"{label} — {said} ({clause}){mark(hit)}" if said else f"{label} — {clause}{mark(hit)}")
        else:
            found.append(f"{label}——{clause}{mark(hit)}")
    return OUTCOMES[language] + ("; " if language == "en" else "；").join(found) if found else ""
