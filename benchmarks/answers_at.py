"""Answer sets run on another commit's code: the first run of a blind set on the code before it existed.

    git worktree add /tmp/at 40db239
    .venv/bin/python benchmarks/answers_at.py --code /tmp/at --corpus laws \\
        retrieval/resources/eval/laws5_answers_tune.jsonl retrieval/resources/eval/laws5_answers_test.jsonl

The question files are read from this checkout; the engine, the index cache and `judge` are the other
commit's (its `jiancha eval answers` does not know sets written after it). One JSON line per file, as
`jiancha eval answers --json` prints them, without the ids of the questions missed. `../shared` is looked for beside the other checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", required=True, type=Path, help="a checkout (worktree) of the commit to run")
    parser.add_argument("--corpus", required=True, choices=("seeds", "spc", "laws"), help="what the files ask about")
    parser.add_argument("files", nargs="+", type=Path, help="answer question files (.jsonl) of this checkout")
    args = parser.parse_args()
    files = [path.resolve() for path in args.files]
    os.chdir(args.code)
    sys.path.insert(0, str(args.code.resolve()))  # that commit's `retrieval`, not this one's

    from retrieval.engine import Engine
    from retrieval.eval.answers import corpus_index, judge, load, summarise
    from retrieval.eval.suite import _files, default_cache, shared_laws
    from retrieval.index.embed import make_embedder
    from retrieval.settings import LLMSettings, Settings

    shared = Path("..") / "shared"
    corpus = {"seeds": lambda: _files(Path("seeds"), (".txt",)),
              "spc": lambda: _files(shared / "corpus" / "spc_guiding_cases", (".md",)),
              "laws": lambda: shared_laws(shared)}[args.corpus]()
    settings = Settings()
    index = corpus_index(corpus, default_cache(), make_embedder(settings.embedder), settings)
    engine = Engine(settings=index.settings.model_copy(update={"llm": LLMSettings(api_key=None, base_url=None)}),
                    index=index)
    for path in files:
        scores = []
        for question in load(path):
            started = time.perf_counter()
            answer = engine.answer([], question.question).answer
            scores.append(judge(question, answer, (time.perf_counter() - started) * 1000))
        row = summarise(path.stem, False, scores)
        row.pop("misses", None)  # aggregates only: a blind test half's failures are not to be read
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
