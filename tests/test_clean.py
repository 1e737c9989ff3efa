"""Cleaning the scraped seeds: what users see keeps its wording and script; the noise goes."""

from conftest import SEEDS
from retrieval.ingest.clean import clean, index_form


def _seed(prefix: str) -> str:
    return clean(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")).text


def test_pinyin_glosses_are_stripped_and_traditional_script_kept():
    text = _seed("004")
    assert "(zhí)" not in text and "(jiān)" not in text
    assert "執法司法制約監督體系改革" in text  # original script, glosses gone
    assert "請示報告重大事項380次" in text


def test_entities_are_decoded_including_the_broken_one():
    assert clean("甲&#xff0c;乙&amp;丙").text == "甲，乙&丙"
    assert "#xff0c;" not in _seed("004")


def test_injected_spam_and_trailing_junk_are_removed():
    text = _seed("002")
    assert "im体育投注官网下载" not in text and "体育投注" not in text
    assert "北京市检察机关健全数字检察制度" in text  # the sentence the spam was injected into survives
    assert "闽宁协作" not in text and "掌握防骗技能" not in text and "本报记者" not in text


def test_site_chrome_is_dropped():
    text = _seed("001")
    for chrome in ("ICP备案", "Copyright", "扫一扫", "技术支持", "欢迎您访问"):
        assert chrome not in text
    kunming = _seed("000")
    assert "0871-63131412" not in kunming and "官方微博" not in kunming and "人大要闻" not in kunming


def test_body_text_is_otherwise_unchanged():
    raw = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    sentence = "今年1月至7月,全区检察机关刑事“案-件比”从去年的1:2.08优化至1:1.20,排名全国第一。"
    assert sentence in raw and sentence in _seed("001")


def test_index_form_is_simplified_and_normalises_the_case_ratio_term():
    assert index_form("榆林市檢察院") == "榆林市检察院"
    assert "案件比" in index_form("优化案—件比") == index_form("优化案-件比") == index_form("优化案件比")


def test_control_and_bidi_characters_are_removed():
    assert clean("检察\u202e建议\x07工作\u200f").text == "检察建议工作"


def test_text_about_gambling_and_old_brands_is_content_not_chrome():
    case = ("关键词 刑事/开设赌场罪/网络赌博\n"
            "被告人利用百家乐、老虎机等赌博游戏组织他人在网络平台投注，其行为构成开设赌场罪。\n"
            "1.与“老字号”无历史渊源的个人将其注册为商标后进行宣传的，构成虚假宣传。\n规范案件备案，推进双赢。\n")
    text = clean(case).text
    assert text == case.strip()
    assert "官网下载" not in clean("正文。\n百家乐官网下载注册送彩金\n字号：大 中 小\n京ICP备05070123号\n").text


def test_statute_lines_using_chrome_words_are_kept():
    """'(二)有符合…认定的主办单位及其主管机关；' was dropped as a site footer ('主办单位：…'): 54 laws and
    interpretations of the statutes corpus lost items of their lists, silently, at ingest."""
    statute = "\n".join([
        "第十一条 设立出版单位，应当具备下列条件：",
        "(一)有出版单位的名称、章程；",
        "(二)有符合国务院出版行政主管部门认定的主办单位及其主管机关；",
        "（五）申请执行人地址、联系电话；",
        "县级以上地方人民政府水行政主管部门应当为社会力量参与建设农田水利工程提供指导和技术支持。",
        "关闭的煤矿企业擅自恢复生产的，依照前款规定予以处罚。",
        "侵权嫌疑货物涉嫌侵犯备案知识产权的，申请书还应当包括海关备案号。",
    ])
    footer = "主办单位:攀枝花市仁和区人民检察院   技术支持:四川志林信息技术有限公司\n市人大备案号:滇ICP备05001234号\n关闭窗口"
    text = clean(f"{statute}\n{footer}").text
    assert text == statute, text
