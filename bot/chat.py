"""Terminal chat on the engine: ask, follow up, see cited passages, open one with `:open N`."""

from __future__ import annotations

import sys

from bot.redact import redact
from retrieval.errors import JianchaError
from retrieval.types import Citation, Result, Turn, cited_titles

HELP = "Ask a question in Chinese or English; follow-ups like '那浙江呢？' use the conversation.  " \
       ":open N shows source N in full   :new forgets the conversation   :help   :quit"
FORGOTTEN = "（新对话：之前的问答已清除）/ New conversation: the earlier questions are forgotten."
MODE_LABEL = {"llm": "model answer, checked against the sources", "extractive": "extractive, no language model"}


def format_citation(citation: Citation, full: bool = False) -> str:
    """One numbered source line (and the whole passage when full)."""
    where = " · ".join(p for p in (citation.title, citation.date or "", citation.section) if p)
    head = f"[{citation.n}] {citation.source} — {where}"
    if full:
        return f"{head}\n{citation.issuer or ''}\n{citation.quote}".replace("\n\n", "\n")
    quote = " ".join((citation.passage or citation.quote).split())
    return f"{head}\n    {quote[:160]}{'…' if len(quote) > 160 else ''}"


def format_result(result: Result) -> str:
    """The answer, then its warnings, then the numbered sources: what a person reads."""
    lines = [result.answer, ""]
    lines += [f"! {warning}" for warning in result.warnings]
    if result.citations:
        lines.append("来源 Sources:" if result.language == "zh" else "Sources:")
        lines += [format_citation(c) for c in result.citations]
    lines.append(f"({MODE_LABEL.get(result.mode, result.mode)})")
    return "\n".join(lines).strip()


def run_chat(engine, stdin=None, stdout=None) -> int:
    """Read questions until EOF or :quit; keep the conversation so follow-ups resolve."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    status = engine.index.status()
    print(f"检察 practice assistant — {status['documents']} documents, {status['passages']} passages.", file=stdout)
    print(HELP, file=stdout)
    history: list[Turn] = []
    last: Result | None = None
    while True:
        print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        line = line.strip()
        if not line:
            continue
        if line in (":q", ":quit", ":exit"):
            return 0
        if line in (":h", ":help"):
            print(HELP, file=stdout)
        elif line == ":new":
            history, last = [], None
            print(FORGOTTEN, file=stdout)
        elif line.startswith(":open"):
            print(_open(last, line.removeprefix(":open").strip()), file=stdout)
        else:
            try:
                last = engine.answer(history, line)
            except JianchaError as exc:
                print(f"! {redact(str(exc))}", file=stdout)
                continue
            history += [Turn(role="user", text=line),
                        Turn(role="assistant", text=last.answer, sources=cited_titles(last.citations))]
            print(format_result(last), file=stdout)


def _open(last: Result | None, number: str) -> str:
    chosen = [c for c in (last.citations if last else []) if str(c.n) == number]
    if not chosen:
        return f"no source [{number}] in the last answer; use a number shown in brackets"
    return format_citation(chosen[0], full=True)
