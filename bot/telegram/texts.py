"""What the bot says: help, refusals and short replies in Chinese and English, and the command menu."""

from __future__ import annotations

from telegram import BotCommand

STRANGER = "抱歉，您没有使用本助手的权限，请联系管理员。 Sorry, you are not authorised to use this assistant."
STRANGER_GROUP = ("抱歉，本群未获授权使用本助手，请管理员将群号 {chat_id} 加入 JIANCHA_ALLOWED_CHATS。 "
                  "Sorry, this group is not authorised; an admin can add {chat_id} to JIANCHA_ALLOWED_CHATS.")
HELP = """<b>检察业务助手</b> · Procuratorate practice assistant

我根据已收录的检察工作报告回答问题，并标注出处；点击答案下方的 [1] [2] … 查看原文段落。
I answer from the ingested procuratorate reports and cite them; tap [1] [2] … to read the passage.

直接发送问题即可（中文或英文）。 Just send a question, in Chinese or English.
可以接着追问：“那浙江呢？”“具体数字是多少？”“和昆明比呢？”“这个案子最后怎么判的？”
Follow up in the same chat: "And Zhejiang?", "What were the results?", "How does that compare with Kunming?"
/ask 问题 — 提问 · ask a question
/summary 主题 — 专题摘要（可下载 Word） · summary of a topic, with a .docx
/report 文件名、标题片段或地名 — 单份文件概要 · overview of one document (file name, part of its title, or a place: /report 重庆)
/docs — 已收录文件 · documents I know
/new — 开始新对话 · forget this conversation
/lang zh|en — 界面语言 · interface language
/help — 本说明 · this help"""
HELP_ADMIN = ("\n\n<b>管理员 Admins</b>: 发送 .txt/.md/.html/.docx/.pdf 文件即可收录（≤ {mb:g} MB）；"
              "/remove 文件名 删除。 Send a file to ingest it; /remove NAME deletes one.")

COMMANDS = [
    BotCommand("ask", "提问 Ask a question"),
    BotCommand("summary", "专题摘要 Summary of a topic"),
    BotCommand("report", "文件概要 Overview of a document"),
    BotCommand("docs", "已收录文件 Documents"),
    BotCommand("new", "新对话 New conversation"),
    BotCommand("lang", "界面语言 zh|en"),
    BotCommand("help", "帮助 Help"),
]

TEXT = {
    "zh": {
        "too_long": "问题过长（{n} 字），上限为 {limit} 字，请精简后再发。",
        "rate": "提问太频繁，请 {s} 秒后再试（每分钟最多 {n} 个问题）。",
        "non_text": "请用文字提问；贴纸、图片、语音等无法处理。",
        "unknown_command": "没有这个命令；发送 /help 查看可用的命令，或直接提问。",
        "empty": "请在命令后写上内容，例如：{example}",
        "new": "好的，已开始新对话。",
        "lang": "界面语言已设为中文。",
        "lang_usage": "用法：/lang zh 或 /lang en",
        "no_docs": "还没有收录任何文件。",
        "expired": "该答案的出处已不可用，请重新提问。",
        "thanks": "感谢反馈！",
        "not_admin": "只有管理员可以上传或删除文件。",
        "bad_type": "无法收录 {name}：仅支持 {types}。",
        "too_big": "无法收录 {name}：文件 {mb:.1f} MB，上限 {limit:g} MB。",
        "removed": "已删除 {name}（{n} 个段落）。",
        "error": "抱歉，处理时出错了，请稍后再试。",
        "no_match": "没有找到与“{query}”相符的文件；发送 /docs 查看已收录的文件。",
        "ambiguous": "有 {n} 份文件与“{query}”相符：\n{matches}\n请在 /report 后写上更完整的标题或文件名。",
        "busy": "正在处理…",
    },
    "en": {
        "too_long": "Your message is {n} characters; the limit is {limit}. Please shorten it.",
        "rate": "Too many questions; try again in {s} s (at most {n} a minute).",
        "non_text": "Please ask in text; stickers, photos and voice messages are not understood.",
        "unknown_command": "There is no such command; send /help to see the commands, or just ask a question.",
        "empty": "Please add the text after the command, e.g. {example}",
        "new": "OK, a new conversation.",
        "lang": "Interface language set to English.",
        "lang_usage": "Usage: /lang zh or /lang en",
        "no_docs": "No documents ingested yet.",
        "expired": "The sources of that answer are no longer available; please ask again.",
        "thanks": "Thanks for the feedback!",
        "not_admin": "Only administrators may upload or remove documents.",
        "bad_type": "Cannot ingest {name}: only {types} are accepted.",
        "too_big": "Cannot ingest {name}: it is {mb:.1f} MB; the limit is {limit:g} MB.",
        "removed": "Removed {name} ({n} passages).",
        "error": "Sorry, something went wrong; please try again later.",
        "no_match": "No document matches “{query}”; send /docs to see the documents.",
        "ambiguous": "{n} documents match “{query}”:\n{matches}\nSend /report with more of the title or the file name.",
        "busy": "Working…",
    },
}
