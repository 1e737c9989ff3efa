"""What the offline answer says when it says something of its own: sentinel phrases, shared by the
composer, the chain, the answer eval and the tests (which compare answers with them verbatim)."""

OFFLINE_NOTE = {
    "zh": "（离线摘录：未使用语言模型，句子均摘自原文。）",
    "en": "(Offline answer: no language model or translation is available, so the evidence is quoted in the "
          "original Chinese.)",
}
EVIDENCE = {"en": "Evidence from the sources:"}
NOT_FOUND = {
    "zh": "检索到的资料中没有找到能回答这个问题的内容。",
    "en": "The indexed documents do not contain an answer to this question.",
}
CLOSEST = {
    "zh": "最接近的原文如下（出自《{title}》，未必回答这个问题，请核对）：",
    "en": "The closest passage found ({title}) is quoted below; it may not answer the question, so check it:",
}
NOT_IN_CASE = {
    "zh": "{case}的原文中没有出现“{term}”；以下是该案最接近的内容：",
}
NOT_IN_CASE_ONLY = {
    "zh": "{case}的原文中没有出现“{term}”。",
}
NOT_IN_COLLECTION = {
    "zh": "收录的资料中没有出现“{term}”；以下内容只涉及问题的其他部分：",
}
NOT_HELD_LAW = {
    "zh": "收录的资料中没有《{law}》；以下是其他文件中最接近的内容，未必适用：",
    "en": "The collection does not hold the {law}; the closest passages of other documents follow, which may not apply:",
}
NOT_HELD_LAW_ONLY = {"zh": "收录的资料中没有《{law}》。", "en": "The collection does not hold the {law}."}
# what an article lacks of the paragraph or item asked, before it is quoted whole
ARTICLE_LACKS = {"zh": {"款": "只有{0}款，没有第{1}款；全文如下。", "项": "只列了{0}项，没有第{1}项；全文如下。",
                        "不分项": "不分项；全文如下。"},
                 "en": {"款": " has {0} paragraph(s), not {1}; the whole article is quoted below.",
                        "项": " lists {0} item(s), not {1}; the whole article is quoted below.",
                        "不分项": " has no numbered items; the whole article is quoted below."}}
NOT_HELD_ARTICLE = {"zh": "《{law}》没有{article}（最后一条是{last}）。",
                    "en": "The {law} has no Article {article} (its last is Article {last})."}
NOT_HELD_PARTY = {"zh": "收录的案例中没有涉及{name}的案件。", "en": "No case in the collection names {name}."}
PARTIES = {  # a case's parties, as its title and text name them (see answer/parties.py)
    "zh": {"lead": "{case}的当事人：{parties}（据案名《{title}》）", "joiner": "；", "plaintiffs": "原告（申请人）{names}",
           "defendants": "被告（被申请人）{names}", "accused": "被告人{names}"},
    "en": {"lead": "{case} — parties, as its title names them: {parties}", "joiner": "; ",
           "plaintiffs": "plaintiff (applicant) {names}", "defendants": "defendant(s) {names}",
           "accused": "defendant(s) {names}"},
}
CASE_FACTS = {"zh": "{case}的基本案情（按原文顺序，从头摘录）：",
              "en": "{case} — its facts as the case states them (基本案情), from the start:"}
ALSO_ABOUT = {"zh": "另见（也写到这里，用 report 加文件名查看）：{titles}",
              "en": "Also about this place (see them with report and the file name): {titles}"}
NOT_HELD_CASE = {"zh": "收录的资料中没有{case}。", "en": "The collection does not hold {case}."}
PASTED_TEXT = {
    "zh": "粘贴的文字不在收录的资料中，本助手只根据收录的资料回答，离线时也不能改写文字。想了解其中的做法在资料里有没有，"
          "请直接提问（如“公开听证有哪些做法？”）；要把它加入资料库，请作为文件上传（Telegram）或用 jiancha ingest。",
    "en": "Pasted text is not in the indexed documents: this assistant answers from them only, and offline it cannot "
          "rewrite text. Ask about the practice instead (e.g. “What do the reports say about public hearings?”), or "
          "upload the text as a file (Telegram) or ingest it with jiancha ingest to add it.",
}
WORD_FILE = {
    "zh": "回答本身不单独导出 Word。需要 Word 文件时：Telegram 里用 /report（一份文件）或 /summary（一个主题），结果下方有"
          "“📄 Word”按钮；命令行用 jiancha report … --docx 或 jiancha summarize … --docx。",
    "en": "Answers are not exported on their own. For a Word file, use /report (one document) or /summary (a topic) in "
          "Telegram and press its “📄 Word” button, or jiancha report … --docx / jiancha summarize … --docx.",
}
PLACE_READ_AS = {
    "zh": "“{typed}”按“{place}”理解。",
    "en": "“{typed}” was read as {place}.",
}
OTHER_YEARS = {
    "zh": "注意：以下引文未提到{year}年，出自{dates}年的资料，未必是{year}年的情况。",
    "en": "Note: the passages below do not mention {year}; they come from documents of {dates}, so they may not "
          "describe {year}.",
}
CASES_FOUND = {
    "zh": "相关案例：{cases}",
    "en": "Cases on this: {cases}",
}
THANKS = {"zh": "不客气。", "en": "You're welcome. "}
SOURCES_OF_LAST = {"zh": "上一个回答引自以下资料：", "en": "The last answer quotes these documents:"}
ARTICLES_OF_LAST = {"zh": "上一个回答依据以下条文：", "en": "The last answer rests on these articles:"}
SOURCES_OF_NOTHING = {"zh": "上一个回答没有引用任何资料。", "en": "The last answer quoted no document."}
NOT_A_QUESTION = {
    "zh": "请提出一个关于已收录资料的问题，例如：“河南是怎么减少信访的？”",
    "en": "Please ask a question about the indexed documents, for example: “How did Henan reduce petitions?”",
}
NO_LINKS = {
    "zh": "我无法打开链接，只能回答关于已收录资料的问题，例如：“河南是怎么减少信访的？”",
    "en": "I cannot open links; please ask a question about the indexed documents, for example: “How did Henan reduce "
          "petitions?”",
}
NOT_FOUND_PLACE = {
    "zh": "检索到的资料中没有{place}在这个问题上的相关内容。",
    "en": "The indexed documents say nothing about {place} on this question.",
}
NO_DOCUMENTS = {
    "zh": "还没有收录任何文件：管理员可运行 `jiancha ingest <文件夹>`，或在 Telegram 中向机器人发送文件。",
    "en": "No documents are indexed yet: an administrator can run `jiancha ingest <folder>` or send files to the bot "
          "in Telegram.",
}
NO_SIDE = {"zh": "检索到的资料中没有{place}的相关内容。", "en": "Nothing in the indexed documents about {place}."}
ONLY_ABOVE = {"zh": "{place}：检索到的相关内容即上文所引。", "en": "{place}: what the sources say is quoted above."}
NOT_FOREIGN_LAW = {
    "zh": "收录的资料中没有{country}的法律：这里只有中国的法律、司法解释、案例和报告。",
    "en": "The indexed documents do not contain an answer to this question: they hold Chinese law, cases and "
          "reports, nothing of {country} law.",
}
