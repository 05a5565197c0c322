"""How long the draft reader takes on hostile input: each case at two sizes, and the ratio.

    python bench/bad_input.py [--sizes 20000,80000] [CASE ...]

A case is a unit repeated up to the size and read by `documents.sentences` as Markdown (.md) or
plain text (.txt): unclosed brackets, links and comments, backtick runs, emphasis runs, one long
paragraph of prose. A linear reader shows a ratio near the ratio of the sizes (4 by default);
the quadratic ones of issue 11 showed 16 and took minutes. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

from verifier.reading.documents import sentences

CASES = {
    "brackets.md": "[",
    "links.md": "[a](",
    "images.md": "![",
    "refs.md": "[x][",
    "comments.md": "<!--",
    "backticks.md": "`` `",
    "emphasis.md": "**a *b ",
    "underscores.md": "_a",
    "strike.md": "~~a ",
    "entities.md": "&#",
    "prose.md": "Jiangsu has 80 million people and a GDP of 7.6 trillion yuan in 2016. ",
    "prose.txt": "Jiangsu has 80 million people and a GDP of 7.6 trillion yuan in 2016. ",
    "numbered.txt": "1. ",
    "images.txt": "![",
    "comments.txt": "<!--",
    "one-word.txt": "x",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20000,80000")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    figures = {}
    for name, unit in CASES.items():
        if args.cases and name not in args.cases:
            continue
        times = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            sentences(text, name)
            times.append(round(time.perf_counter() - start, 3))
        figures[name] = times
        print(f"{name:14} " + "  ".join(f"{n:>9,}: {t:7.3f} s" for n, t in zip(sizes, times, strict=True))
              + f"   ratio {times[-1] / max(times[0], 1e-6):5.1f}", flush=True)  # fmt: skip
    print(json.dumps({"sizes": sizes, "seconds": figures}))


if __name__ == "__main__":
    main()
