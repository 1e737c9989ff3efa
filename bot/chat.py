"""Terminal chat on the engine: ask, see cited passages, open one with `:open N`."""

from __future__ import annotations

import sys

from retrieval.errors import JianchaError
from retrieval.index import Index
from retrieval.search import Searcher

HELP = "Ask a question in Chinese or English.  :open N shows passage N in full   :help   :quit"


def run_chat(index: Index, stdin=None, stdout=None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    searcher = Searcher(index)
    status = index.status()
    print(f"检察 practice assistant — {status['documents']} documents, {status['passages']} passages.", file=stdout)
    print(HELP, file=stdout)
    hits = []
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
            continue
        if line.startswith(":open"):
            number = line.removeprefix(":open").strip()
            chosen = [h for h in hits if str(h.rank) == number]
            if not chosen:
                print(f"no passage [{number}] in the last answer; use a number shown in brackets", file=stdout)
                continue
            hit = chosen[0]
            print(f"[{hit.rank}] {hit.title} ({hit.date or 'undated'}) — {hit.source}\n{hit.section}\n{hit.text}",
                  file=stdout)
            continue
        try:
            hits = searcher.search(line)
        except JianchaError as exc:
            print(f"! {exc}", file=stdout)
            continue
        if not hits:
            print("nothing found; try other words or `jiancha ingest` more documents", file=stdout)
        for hit in hits:
            print(f"[{hit.rank}] {hit.title} · {hit.section}\n    {hit.text[:160]}…", file=stdout)
