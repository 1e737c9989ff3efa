"""`jiancha`: ingest, docs, remove, search, ask, summarize, report, chat, bot; `eval` in cli_eval.
Thin: parse, call the engine, print."""

from __future__ import annotations

import os

# numpy's OpenBLAS threads and the embedder's OpenMP threads fight on 2 cores; set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from pydantic import ValidationError  # noqa: E402

from bot.cli_checks import export_to, file_problem, positive, setting_problem  # noqa: E402
from bot.cli_eval import add_eval_parser  # noqa: E402
from bot.redact import redact  # noqa: E402
from retrieval.errors import BadRequest, JianchaError  # noqa: E402


def _index():
    from retrieval.index.store import Index

    return Index()


def _some(paths: list[str], shown: int = 3) -> str:
    """'a.doc, b.jpg, c.xls and 4 more': file names, the first few."""
    names = [Path(p).name for p in paths[:shown]]
    return ", ".join(names) + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def cmd_ingest(args: argparse.Namespace) -> int:
    from retrieval.ingest.parse import SUPPORTED

    index = _index()
    if args.reembed:
        count = index.reembed()
        print(f"re-embedded {count} passages with {index.embedder.name}")
        if not args.paths:
            return 0
    report = index.ingest([Path(p) for p in (args.paths or ["seeds"])])
    for name in report.added:
        print(f"added      {name}")
    for name in report.replaced:
        print(f"replaced   {name}")
    if report.unchanged:
        print(f"unchanged  {len(report.unchanged)} document(s)")
    if report.outdated:
        print(f"outdated   {len(report.outdated)} document(s) read under older ingest rules (places, issuers): "
              "ingest their folder again to refresh them")
    for name in report.removed:
        print(f"removed    {name}: its file is no longer in the folder")
    for line in report.duplicates:
        print(f"duplicate  {line}")
    for reason in report.refused:
        print(f"refused    {reason}", file=sys.stderr)
    if report.skipped:
        print(f"skipped    {len(report.skipped)} file(s) of other types in the folder(s) ({_some(report.skipped)}); "
              f"save them as {', '.join(SUPPORTED)} to include them", file=sys.stderr)
    status = index.status()
    print(f"index: {status['documents']} documents, {status['passages']} passages")
    if report.refused:
        total = sum(len(x) for x in (report.refused, report.added, report.replaced, report.unchanged, report.duplicates))
        rest = "none was ingested" if len(report.refused) == total else "the others were ingested"
        print(f"some refused: {len(report.refused)} of {total} file(s); {rest}", file=sys.stderr)
    return 2 if report.refused else 0


def cmd_docs(args: argparse.Namespace) -> int:
    index = _index()
    if args.flags:
        return _print_flags(index, args.json)
    counts = index.catalog.passage_counts()
    documents = index.documents()
    if args.json:
        for doc in documents:
            print(json.dumps({"source": doc.name, "title": doc.title, "date": doc.date, "issuer": doc.issuer,
                              "regions": doc.regions, "passages": counts.get(doc.name, 0)}, ensure_ascii=False))
        return 0
    if not documents:
        print("no documents yet; run `jiancha ingest seeds`")
    for doc in documents:
        regions = "、".join(doc.regions[:6]) + ("…" if len(doc.regions) > 6 else "")
        print(f"{doc.name}  {doc.date or '----'}  {counts.get(doc.name, 0):>4} passages  {doc.title}")
        print(f"    {doc.issuer or ''}  {regions}")
    return 0


def _print_flags(index, as_json: bool) -> int:
    """Passages holding instruction-like sentences (flagged at ingest; never quoted, redacted for a model)."""
    flagged = index.catalog.flagged()
    for passage in flagged:
        if as_json:
            print(json.dumps({"source": passage.doc, "passage_id": passage.id, "section": passage.section,
                              "flags": passage.flags}, ensure_ascii=False))
            continue
        for sentence in passage.flags:
            print(f"{passage.doc}  {passage.id}  {passage.section or '-'}: {sentence}")
    if not flagged and not as_json:
        print("no instruction-like sentences flagged")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    removed = _index().remove(args.name)
    print(f"removed {args.name} ({removed} passages)")
    return 0


def _filters(args: argparse.Namespace):
    from retrieval.types import Filters

    return Filters(docs=args.doc or None, region=args.region, date_from=args.date_from, date_to=args.date_to)


NO_HITS = "(no passage matches with {filters}; drop the filter to search every document)"
NO_HITS_AT_ALL = "(no passage matches; `jiancha docs` lists what is indexed)"


def _filters_said(args: argparse.Namespace) -> str:
    """'--region 广东, --from 2025': the filters a search was run with, as typed."""
    given = [("--doc", " ".join(args.doc or [])), ("--region", args.region), ("--from", args.date_from),
             ("--to", args.date_to)]
    return ", ".join(f"{flag} {value}" for flag, value in given if value)


def cmd_search(args: argparse.Namespace) -> int:
    from retrieval.search.hybrid import Searcher

    searcher = Searcher(_index())
    for question in args.question:
        hits = searcher.search(question, k=args.k, filters=_filters(args))  # None: the settings' JIANCHA_K
        if args.json:
            print(json.dumps({"question": question, "hits": [
                hit.model_dump(include={"rank", "score", "source", "title", "section", "text", "regions"})
                for hit in hits]}, ensure_ascii=False))
            continue
        print(f"? {question}")
        if not hits:
            print(NO_HITS.format(filters=_filters_said(args)) if not _filters(args).empty else NO_HITS_AT_ALL)
        for hit in hits:
            print(f"[{hit.rank}] {hit.source} · {hit.section or hit.title}  ({hit.score:.4f})")
            print(f"    {hit.text[:200]}{'…' if len(hit.text) > 200 else ''}")
    return 0


def _engine():
    from retrieval.engine import Engine

    return Engine(index=_index())


def cmd_ask(args: argparse.Namespace) -> int:
    _print_result(_engine().answer([], " ".join(args.question)), args.json)
    return 0


def _print_result(result, as_json: bool) -> None:
    """The answer contract: text for people, or one JSON object (answer, citations, warnings, mode)."""
    from bot.chat import format_result

    if not as_json:
        print(format_result(result))
        return
    citations = [c.model_dump(include={"n", "source", "title", "section", "quote"}) for c in result.citations]
    print(json.dumps({"answer": result.answer, "citations": citations, "warnings": result.warnings,
                      "mode": result.mode}, ensure_ascii=False))


def _print_summary(args: argparse.Namespace, result, title: str, docs: dict) -> int:
    """Print a summary (text or --json) and write the --docx / --md exports it asks for."""
    from retrieval.summaries.export import to_docx, to_markdown

    sources = {Path(doc.origin).resolve() for doc in docs.values() if doc.origin}
    for target in filter(None, (args.docx, args.md)):
        if Path(target).resolve() in sources:
            raise BadRequest(f"{target} is a document in the index; write the export to another file")
    _print_result(result, args.json)  # shown first: an export that cannot be written loses nothing else
    exports = [(args.docx, lambda: result.attachment.data if result.attachment else to_docx(result, title, docs)),
               (args.md, lambda: to_markdown(result, title, docs).encode("utf-8"))]
    for target, content in exports:
        if not target:
            continue
        try:
            Path(target).write_bytes(content())
        except OSError as exc:
            raise BadRequest(f"cannot write {target}: {exc.strerror or exc}; give a file path in a folder that exists "
                             f"and can be written") from exc
        print(f"wrote {target}", file=sys.stderr)
    return 0


def _summary_title(result) -> str:
    first = result.answer.splitlines()[0] if result.answer else ""
    return first.lstrip("# ").strip() if first.startswith("#") else "jiancha"


def cmd_summarize(args: argparse.Namespace) -> int:
    from retrieval.answer.llm import make_chat_model
    from retrieval.summaries.practice import summarize

    index = _index()
    result = summarize(index, " ".join(args.topic), compare=args.compare,
                       chat_model=make_chat_model(index.settings.llm))
    return _print_summary(args, result, _summary_title(result), {d.name: d for d in index.documents()})


def cmd_report(args: argparse.Namespace) -> int:
    from retrieval.answer.llm import make_chat_model
    from retrieval.summaries.practice import report

    index = _index()
    result = report(index, " ".join(args.name), language=args.language,
                    chat_model=make_chat_model(index.settings.llm))
    return _print_summary(args, result, _summary_title(result), {d.name: d for d in index.documents()})


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.chat import run_chat

    return run_chat(_engine())


def cmd_bot(args: argparse.Namespace) -> int:
    from bot.telegram.app import run

    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("bot").setLevel(logging.INFO)
    return run()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jiancha", description="检察 practice assistant: search and cite reports.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="index files or folders (default: seeds/); unchanged files are skipped")
    ingest.add_argument("paths", nargs="*")
    ingest.add_argument("--reembed", action="store_true",
                        help="embed every stored passage again with the current embedder (after changing it); "
                             "then ingest the paths, if any")
    ingest.set_defaults(func=cmd_ingest)

    docs = sub.add_parser("docs", help="list documents with titles, dates, regions and passage counts")
    docs.add_argument("--json", action="store_true")
    docs.add_argument("--flags", action="store_true",
                      help="list instruction-like sentences flagged at ingest ('ignore previous instructions', "
                           "'忽略以上指令'); they are never quoted and are redacted before a model sees a passage")
    docs.set_defaults(func=cmd_docs)

    remove = sub.add_parser("remove", help="delete a document from every index")
    remove.add_argument("name")
    remove.set_defaults(func=cmd_remove)

    search = sub.add_parser("search", help="hybrid search; one JSON line per question with --json",
                            epilog="Dates: a partial date covers its whole period (--from 2023-05 starts on 1 May, "
                                   "--to 2023 ends on 31 December 2023). A document dated only by year or month "
                                   "counts as the first day of that period. Undated documents are left out whenever "
                                   "--from or --to is given.")
    search.add_argument("--k", type=positive, default=None, help="how many passages to show (default JIANCHA_K, 5)")
    search.add_argument("--json", action="store_true")
    search.add_argument("--doc", action="append", help="only this document (repeatable)")
    search.add_argument("--region", help="only passages about this place and its sub-regions")
    search.add_argument("--from", dest="date_from", help="documents dated on or after YYYY[-MM[-DD]] (a partial date: its first day)")
    search.add_argument("--to", dest="date_to", help="documents dated on or before YYYY[-MM[-DD]] (a partial date: its last day)")
    search.add_argument("question", nargs="+")
    search.set_defaults(func=cmd_search)

    add_eval_parser(sub)

    ask = sub.add_parser("ask", help="a cited answer (model if configured, else extractive); --json for one line")
    ask.add_argument("--json", action="store_true")
    ask.add_argument("question", nargs="+")
    ask.set_defaults(func=cmd_ask)

    summary = sub.add_parser("summarize", help="what each region did about a topic, cited; 'compare …' gives a table")
    summary.add_argument("--json", action="store_true")
    summary.add_argument("--compare", action="store_true", help="a comparison table (region | measures | figures)")
    summary.add_argument("--docx", metavar="FILE", type=export_to(".docx"), help="also write a Word document")
    summary.add_argument("--md", metavar="FILE", type=export_to(".md"), help="also write Markdown")
    summary.add_argument("topic", nargs="+")
    summary.set_defaults(func=cmd_summarize)

    rep = sub.add_parser("report", help="summary of one document in full, by its own structure; NAME is its file "
                                        "name, part of its title or a place (重庆, Kunming)")
    rep.add_argument("--json", action="store_true")
    rep.add_argument("--language", choices=["zh", "en"], help="headings language (default zh)")
    rep.add_argument("--docx", metavar="FILE", type=export_to(".docx"), help="also write a Word document")
    rep.add_argument("--md", metavar="FILE", type=export_to(".md"), help="also write Markdown")
    rep.add_argument("name", nargs="+")
    rep.set_defaults(func=cmd_report)

    chat = sub.add_parser("chat", help="interactive terminal chat on the same engine")
    chat.set_defaults(func=cmd_chat)

    telegram = sub.add_parser("bot", help="serve the Telegram bot (TELEGRAM_BOT_TOKEN; polling unless webhook is set)")
    telegram.set_defaults(func=cmd_bot)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("chromadb", "httpx", "jieba", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except JianchaError as exc:
        print(f"jiancha: {redact(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("jiancha: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `jiancha docs | head`: the reader has all it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — Python flushes stdout once more at exit
        return 0
    except ValidationError as exc:
        print(f"jiancha: {redact(setting_problem(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        if os.environ.get("JIANCHA_DEBUG"):
            raise
        print(f"jiancha: {redact(file_problem(exc))}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("JIANCHA_DEBUG"):
            raise
        first = redact(str(exc)).splitlines()[0] if str(exc).strip() else ""
        print(f"jiancha: unexpected {exc.__class__.__name__}: {first} (set JIANCHA_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
