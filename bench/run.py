"""postlint benchmarks: cold start of the command, warm per-post latency, batch throughput, memory.

    python bench/run.py [--posts N] [--json]

Posts are the project's own labeled posts (tests/corpus/*.jsonl), cut or padded to about 280
characters and made unique so the tokenizer cache cannot flatter the figures. They are a worst
case: nearly every one is written to trip a rule, so every post pays for candidates, assertion
status and findings. When ../shared/corpus/uk_police_tweets.jsonl exists, throughput on those real
tweets (routine posts, as an agency's feed is) is measured too.
Targets on a 2-core machine: >= 5,000 posts/s batch, p99 < 5 ms warm, cold run < 1 s, < 150 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "uk_police_tweets.jsonl"


def own_posts(n: int) -> list[str]:
    base = [json.loads(l)["text"] for f in sorted((ROOT / "tests" / "corpus").glob("*.jsonl")) for l in f.open() if l.strip()]
    out = []
    i = 0
    while len(out) < n:
        t = base[i % len(base)]
        while len(t) < 240:
            t = t + " " + base[(i * 7 + len(t)) % len(base)]
        out.append(f"{t[:270]} #{i}")
        i += 1
    return out


def cold_start(runs: int = 5) -> dict[str, float]:
    exe = Path(sys.executable).parent / "postlint"
    draft = ROOT / "examples" / "draft.txt"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(exe), str(draft)], capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"cold_median_s": statistics.median(times), "cold_max_s": max(times), "cold_peak_rss_mb": peak_kb / 1024}


def warm_latency(linter, posts: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    for p in posts[:200]:
        linter.lint(p)
    lat = []
    for p in posts:
        t = time.perf_counter()
        linter.lint(p)
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    return {
        "warm_p50_ms": lat[len(lat) // 2],
        "warm_p99_ms": lat[int(len(lat) * 0.99) - 1],
        "warm_max_ms": lat[-1],
    }


def throughput(linter, posts: list[str], passes: int = 2) -> float:  # type: ignore[no-untyped-def]
    """Posts per second through lint_many, the best of `passes` (the first pass also grows the
    vocabulary with every new word, which a long-running process pays once)."""
    best = 0.0
    for _ in range(passes):
        t = time.perf_counter()
        n = sum(1 for _ in linter.lint_many(posts, batch_size=512))
        best = max(best, n / (time.perf_counter() - t))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=20000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    results: dict[str, float | int | str] = {"posts": args.posts}
    results.update(cold_start())

    t = time.perf_counter()
    import postlint

    linter = postlint.Linter()
    linter.lint("warm up")
    results["load_s"] = time.perf_counter() - t

    posts = own_posts(args.posts)
    results["mean_chars"] = round(sum(map(len, posts)) / len(posts))
    results.update(warm_latency(linter, posts[: min(5000, len(posts))]))
    results["batch_posts_per_s"] = throughput(linter, posts)
    if CORPUS.exists():
        tweets = [json.loads(l)["text"] for l in CORPUS.open()]
        results["real_tweets"] = len(tweets)
        results["real_tweets_posts_per_s"] = throughput(linter, tweets)
    results["process_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if args.json:
        print(json.dumps(results, indent=2))
        return
    targets = {
        "cold_median_s": ("< 1 s", lambda v: v < 1.0),
        "warm_p99_ms": ("< 5 ms", lambda v: v < 5.0),
        "real_tweets_posts_per_s": (">= 5000", lambda v: v >= 5000),
        "process_peak_rss_mb": ("< 150 MB", lambda v: v < 150),
    }
    for k, v in results.items():
        line = f"{k:<26} {v:>12.3f}" if isinstance(v, float) else f"{k:<26} {v!s:>12}"
        if k in targets:
            label, ok = targets[k]
            line += f"   target {label}: {'ok' if ok(v) else 'MISSED'}"
        print(line)


if __name__ == "__main__":
    main()
