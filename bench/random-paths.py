#!/usr/bin/env python3
"""Writes random path-level journeys in ChannelAttribution's Data.csv layout:

    python3 bench/random-paths.py OUT.csv [--paths 20000] [--channels 40] [--seed 12]

Each path has 1 to 12 touches drawn uniformly from the channels; 0 to 3 conversions, each
worth 10 to 200; 0 to 5 nulls (at least one when nothing converted). With the defaults its
Markov chain at order 3 has about 48,000 states: big enough that sheetkpi solves it
iteratively (bench/attribution-bench.sh --random, bench/attribution-wasm.sh).
"""
import argparse
import random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--paths", type=int, default=20000)
ap.add_argument("--channels", type=int, default=40)
ap.add_argument("--seed", type=int, default=12)
a = ap.parse_args()
r = random.Random(a.seed)
with open(a.out, "w") as f:
    f.write("path;total_conversions;total_conversion_value;total_null\n")
    for _ in range(a.paths):
        path = " > ".join(f"ch{r.randint(1, a.channels)}" for _ in range(r.randint(1, 12)))
        c = r.randint(0, 3)
        v = round(c * r.uniform(10, 200), 2)
        n = r.randint(0, 5) or (0 if c else 1)
        f.write(f"{path};{c};{v};{n}\n")
