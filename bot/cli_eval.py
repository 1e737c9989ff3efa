"""`jiancha eval`: the retrieval and answer suites, one question file, LeCoQA and the STARD-style pool."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from retrieval.errors import JianchaError

PROJECT = Path(__file__).resolve().parent.parent


def add_eval_parser(sub) -> None:
    """The `eval` subcommand and its options."""
    evaluation = sub.add_parser("eval", help="measure retrieval on a question set")
    evaluation.add_argument("what", choices=["retrieval", "answers"],
                            help="retrieval: recall@k per set; answers: offline answers judged on expected facts")
    evaluation.add_argument("--questions", help="one JSONL question set, searched on the current index "
                                                "(default: every set of the suite, each on its own cached index)")
    evaluation.add_argument("--set", action="append", help="only this set of the suite (repeatable), e.g. spc-test")
    evaluation.add_argument("--no-baseline", action="store_true", help="skip the plain-LangChain baseline")
    evaluation.add_argument("--shared", help="the shared data folder (default ../shared beside the project)")
    evaluation.add_argument("--cache", help="folder for the suite's indexes (default ~/.cache/jiancha/eval)")
    evaluation.add_argument("--json", action="store_true")
    evaluation.add_argument("--lecoqa", help="run on a LeCoQA folder (questions.jsonl, passages.jsonl) instead")
    evaluation.add_argument("--pool", choices=["gold", "all", "stard"], default="gold",
                            help="LeCoQA passages to index: the 1,445 gold articles, all 60,539, or a STARD-style "
                                 "pool of 5,000 articles ingested from files")
    evaluation.add_argument("--bm25-only", action="store_true", help="LeCoQA: BM25 baseline only, no embedding")
    evaluation.add_argument("--lecoqa-data", help="data folder for the LeCoQA index (default ~/.cache/jiancha)")
    evaluation.set_defaults(func=lambda a: cmd_eval_lecoqa(a) if a.lecoqa else cmd_eval(a))


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "answers":
        return _eval_answers(args)
    if args.questions:
        return _eval_questions(args)
    from retrieval.eval.suite import run_suite

    print(run_suite(PROJECT, _shared(args), names=args.set, baseline=not args.no_baseline,
                    as_json=args.json, cache=Path(args.cache) if args.cache else None))
    return 0


def _eval_answers(args: argparse.Namespace) -> int:
    """Offline answers judged on the team's answer sets: facts found, refusals, language, length, latency."""
    from retrieval.eval.answers import format_rows, run_answers

    rows = run_answers(PROJECT, _shared(args), names=args.set,
                       cache=Path(args.cache) if args.cache else None)
    print("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) if args.json else format_rows(rows))
    return 0


def _shared(args: argparse.Namespace) -> Path:
    return Path(args.shared) if args.shared else PROJECT.parent / "shared"


def _eval_questions(args: argparse.Namespace) -> int:
    """One question file on the current index (JIANCHA_DATA_DIR)."""
    from retrieval.eval.recall import evaluate, format_table, load_questions, to_json
    from retrieval.search.hybrid import Searcher

    from retrieval.index.store import Index

    searcher = Searcher(Index())
    scores = evaluate(load_questions(Path(args.questions)), lambda q, k: searcher.search(q, k=k))
    print(to_json(scores) if args.json else format_table(scores))
    return 0


def cmd_eval_lecoqa(args: argparse.Namespace) -> int:
    from retrieval.eval import lecoqa

    folder = Path(args.lecoqa)
    if not (folder / "questions.jsonl").exists():
        raise JianchaError(f"{folder} has no questions.jsonl; point --lecoqa at the LeCoQA folder")
    if args.bm25_only:
        print(json.dumps(lecoqa.bm25_baseline(folder, args.pool) | {"pool": args.pool}))
        return 0
    from retrieval.settings import user_cache_dir

    data_dir = Path(args.lecoqa_data or user_cache_dir() / f"lecoqa-{args.pool}-articles")
    if args.pool == "stard":
        return _eval_stard(folder, data_dir)
    index = lecoqa.build(folder, data_dir, args.pool)
    for bm25_only in (True, False):
        print(json.dumps(lecoqa.evaluate(folder, index, bm25_only=bm25_only) | {"pool": args.pool}))
    return 0


def _eval_stard(folder: Path, data_dir: Path) -> int:
    from retrieval.eval import lecoqa
    from retrieval.index.store import Index
    from retrieval.settings import Settings, StoreSettings

    paths = lecoqa.write_stard_pool(folder, data_dir / "files")
    index = Index(Settings(store=StoreSettings(data_dir=data_dir / "index")))
    started = time.monotonic()
    report = index.ingest(paths)
    built = {"files": len(paths), "refused": len(report.refused), "duplicates": len(report.duplicates),
             "ingest_s": round(time.monotonic() - started, 1), "refused_names": report.refused[:20]}
    print(json.dumps(lecoqa.evaluate_files(folder, index, paths) | built | {"pool": "stard"}, ensure_ascii=False))
    return 0
