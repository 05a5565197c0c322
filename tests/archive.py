"""A made-up archive for the batch tests: small documents built from sentences about the repository's
own ledger (claims/ + sources/), some consistent, some not, some contested, unverified or suppressed."""

from __future__ import annotations

import random
from pathlib import Path

# Each template with the values that make it consistent and those that do not (per the ledger).
SENTENCES = [
    ("Jiangsu has a GDP of more than ${} trillion.", ["1"], ["2", "3"]),
    ("Jiangsu's population is roughly {} million.", ["80", "85"], ["50", "120"]),
    ("According to the WHO, outdoor air pollution leads to {} million deaths.", ["3.7"], ["2.1", "6"]),
    ("The World Health Organization says indoor air pollution causes {} million deaths.", ["4.3"], ["5.3"]),
    ("Arnold Schwarzenegger served as governor from 2003 to {}.", ["2011"], ["2010", "2009"]),
    ("The 2nd US-China Climate Leaders Summit was held in Beijing on {} June 2016.", ["8"], ["9", "12"]),
    ("Jiangsu lies in {} China.", ["East"], ["southwest"]),
    ("Nearly 125 million {} live in counties with dangerous levels of air pollution.", ["Americans"], ["Europeans"]),
]
PLAIN = ["We should all care about cleaner air.", "The talks went on late into the evening."]
IGNORE = '<!-- verifier: ignore reason="quoted from an old draft" -->'


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(PLAIN)
    template, good, bad = rng.choice(SENTENCES)
    value = rng.choice(good if rng.random() < 0.5 else bad)
    text = template.format(value)
    return f"{IGNORE}\n{text}" if rng.random() < 0.05 else text


def document(rng: random.Random, number: int) -> str:
    paragraphs = ["\n".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
    return f"# Report {number}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_archive(folder: Path, count: int, seed: int = 14) -> list[str]:
    """`count` Markdown documents in `folder` (ten to a subfolder), returned as sorted paths."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = folder / f"part-{i // 10:03d}" / f"doc-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(rng, i), encoding="utf-8")
        paths.append(str(path))
    return sorted(paths)
