"""Shared by the composer tests: answer lines, hits made of passages, a fake index holding a fishery case."""

from fakes import engine_over
from retrieval.engine import Engine


def answer_lines(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.strip()]


CASE_TEXT = """# 指导案例901号：某渔业合作社诉东港船舶修造有限公司海上污染损害责任纠纷案

## 裁判要点

污染者向海水水域排放含有铁物质的污水，造成养殖物损害的，应当承担赔偿责任，养殖损失由鉴定确定。

## 基本案情

2019年8月，东港海域海水变红，扇贝大量死亡。某渔业合作社诉至法院，请求判令东港船舶修造有限公司赔偿养殖损失。

## 裁判结果

二审法院判决东港船舶修造有限公司赔偿养殖损失共计1377696元，驳回其他诉讼请求。
"""


OTHER_CASE = """# 指导案例902号：某公司诉某区人民政府行政协议纠纷案

## 裁判要点

行政机关在行政协议中约定的赔偿条款，对双方具有约束力，污水处理费用应按约定承担。

## 基本案情

某公司与某区人民政府签订污水处理特许经营协议，后因费用发生争议，诉至法院。
"""


def passage_hits(source: str, title: str, passages: list[tuple[str, list[str], str]], prefix: str) -> list:
    """Hits ranked in order from (section, regions, text) passages of one document."""
    from retrieval.types import Hit

    return [Hit(rank=n, score=1.0 / n, source=source, title=title, section=section, text=text, regions=regions,
                passage_id=f"{prefix}-{n}") for n, (section, regions, text) in enumerate(passages, 1)]


def beside_the_fishery_case(fake_index, tmp_path, name: str, text: str) -> Engine:
    """An engine over one case and, as the other document search must rank below it, the fishery case."""
    return engine_over(fake_index, tmp_path, {name: text * 3, "指导案例901号_渔业合作社诉东港船舶案.md": CASE_TEXT * 3})
