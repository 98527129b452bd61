"""How fast the de-identification of shared text is, for a regio of 30 gemeenten with a toelichting at every
question (930 texts, drawn from the hand-marked corpus), and what loading deduce costs a fresh process.

Prints: loading deduce's lookup structures (time, memory of the process after), every text de-identified once
(total and per text: median and slowest), and the same again from the cache (what a rerun of the page costs).

Usage: .venv/bin/python -m bench.deidentify
"""

from __future__ import annotations

import resource
import statistics
import time

from analysis import deduce_lists
from analysis.deidentify import Words, find
from tests.deidentify_corpus import corpus

GEMEENTEN, QUESTIONS = 30, 31


def main() -> None:
    started = time.perf_counter()
    deduce_lists.deducer()
    loaded = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"loading deduce's lookup structures: {loaded:.2f} s; process memory after: {rss:.0f} MB")
    base = [m.text for m in corpus()]
    # Each text made unique per gemeente, as real texts are (the cache must not help the first pass).
    texts = [
        f"{base[(g * QUESTIONS + q) % len(base)]} (gemeente {g}, vraag {q})"
        for g in range(GEMEENTEN)
        for q in range(QUESTIONS)
    ]
    words = Words(names=tuple(f"Gemeente {g:02}" for g in range(GEMEENTEN)))
    each = []
    started = time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        find(text, words)
        each.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - started
    print(
        f"{len(texts)} texts, first time: {total:.2f} s in all; per text median {statistics.median(each):.2f} ms, "
        f"slowest {max(each):.1f} ms"
    )
    started = time.perf_counter()
    for text in texts:
        find(text, words)
    print(f"{len(texts)} texts again (cached, a rerun of the page): {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
