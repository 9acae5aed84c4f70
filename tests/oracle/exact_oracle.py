#!/usr/bin/env python3
"""An exact oracle for sheetkpi's exact KPIs, independent of the code under test.

Each KPI's formula and domain rules are written here again, from the catalogue's
definitions (FUNCTIONS.md), in Python's exact `fractions.Fraction`; `float(Fraction)` is
the correctly rounded double. Inputs are random finite doubles of every magnitude
(subnormals included), random decimals and everyday values; each is typed into the
formula as its shortest round-trip digits (`repr`), and its exact value is those digits,
as sheetkpi promises ("the digits typed").

    exact_oracle.py --cli target/debug/sheetkpi   # evaluate every case with the CLI, compare bit for bit
    exact_oracle.py --emit cases.json             # write the cases (the Node test runs them through the WASM)
"""
import argparse
import json
import math
import random
import struct
import subprocess
import sys
import tempfile
from fractions import Fraction as F

NUM, DIV0 = "#NUM!", "#DIV/0!"


class Err(Exception):
    def __init__(self, code):
        self.code = code


def div(a, b):
    if b == 0:
        raise Err(DIV0)
    return a / b


def share(part, whole):
    # A part larger than its whole cannot happen (more clicks than impressions): #NUM! first.
    if part > whole:
        raise Err(NUM)
    return div(part, whole)


def need(cond):
    if not cond:
        raise Err(NUM)


# Parameter domains: "n" non-negative amount (a range is summed), "s" amount of any sign,
# "x" one number ≥ 0, "a" one number of any sign, "r" a rate 0–1. Optional ones carry a default.
KPIS = {
    "ROI": ("sn", lambda r, c: div(r - c, c)),
    "ROAS": ("nn", lambda r, s: div(r, s)),
    "MER": ("nn", lambda r, s: div(r, s)),
    "ROAC": ("nnn", lambda r, s, c, lead=F(0): div(r + lead, s + c), "n"),
    "CAC": ("nn", lambda c, n: div(c, n)),
    "CPC": ("nn", lambda c, n: div(c, n)),
    "CPM": ("nn", lambda c, i: div(c * 1000, i)),
    "CTR": ("nn", share),
    "CVR": ("nn", share),
    "CLV": ("xxx", lambda a, p, l, m=F(1): a * p * l * m, "r"),
    "CLV_RETENTION": ("arr", lambda m, r, d: div(m * r, 1 + d - r)),
    "LTV_CAC": ("ax", lambda ltv, cac: div(ltv, cac)),
    "CAC_PAYBACK": ("xx", lambda cac, rev, m=F(1): div(cac, rev * m), "r"),
    "AVG_DISCOUNT": ("nn", lambda lst, paid: (need(paid <= lst), div(lst - paid, lst))[1]),
    "PAGES_PER_SESSION": ("nn", lambda v, s: div(v, s)),
    "ENGAGEMENT_RATE": ("nn", lambda e, i, m=F(0), o=F(0): div(e + m + o, i), "nn"),
    "RETENTION_RATE": ("nnn", lambda end, new, start: (need(new <= end), share(end - new, start))[1]),
    "NEW_TO_LOSS": ("nn", lambda n, l: div(n, l)),
    "NET_NEW_CUSTOMERS": ("nn", lambda n, l: n - l),
    "PACING": ("nnxx", lambda s, b, e, t: pacing(s, b, e, t)),
    "KPI_PROGRESS": ("aa", lambda a, t: div(a, t)),
    "ABTEST_UPLIFT": ("nnnn", lambda ca, va, cb, vb: uplift(ca, va, cb, vb)),
}


def pacing(spend, budget, elapsed, total):
    # (spend / budget) / (elapsed / total): more days elapsed than in the flight is #NUM!,
    # then a zero budget, then no days elapsed, each #DIV/0!.
    need(elapsed <= total)
    if budget == 0:
        raise Err(DIV0)
    return div(spend * total, budget * elapsed)


def uplift(ca, va, cb, vb):
    # Each variant: more conversions than visitors is #NUM!, no visitors #DIV/0! (A first, then B).
    for c, v in ((ca, va), (cb, vb)):
        need(c <= v)
        if v == 0:
            raise Err(DIV0)
    return div(cb * va - ca * vb, vb * ca)


def random_double(rng, signed):
    kind = rng.randrange(6)
    if kind == 0:  # any finite double, by its bits
        while True:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            if math.isfinite(x):
                break
    elif kind == 1:  # a subnormal
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52) or 1))[0]
    elif kind == 2:  # a decimal of up to 17 digits at any scale
        x = float(f"{rng.randrange(1, 10 ** rng.randrange(1, 18))}e{rng.randrange(-40, 40)}")
    elif kind == 3:  # everyday: money with cents, counts
        x = rng.randrange(0, 10 ** 7) / rng.choice((1, 100, 1000))
    elif kind == 4:
        x = rng.choice((0.0, 1.0, 0.1, 0.3, 1000.0, 5.551115123125783e-17, 1e-28, 7.9e28, 1e308, 5e-324))
    else:
        x = rng.random()
    x = abs(x)
    if signed and rng.random() < 0.4:
        x = -x
    elif not signed and rng.random() < 0.03:
        x = -x  # now and then a negative where none is allowed: #NUM!
    return 0.0 if x == 0 else x


def literal(x):
    return repr(x)


def make_case(rng, name):
    spec = KPIS[name]
    domains, fn = spec[0], spec[1]
    optional = spec[2] if len(spec) > 2 else ""
    n_opt = rng.randrange(len(optional) + 1)
    doms = domains + optional[:n_opt]
    texts, values = [], []
    for d in doms:
        if d in "ns" and rng.random() < 0.25:  # a range, summed
            xs = [random_double(rng, d == "s") for _ in range(rng.randrange(2, 5))]
            texts.append("{" + ";".join(literal(x) for x in xs) + "}")
            values.append([F(literal(x)) for x in xs])
        elif d == "r":
            x = rng.choice((rng.random(), rng.randrange(0, 101) / 100, random_double(rng, False) if rng.random() < 0.2 else 0.5))
            texts.append(literal(x))
            values.append([F(literal(x))])
        else:
            x = random_double(rng, d in "sa")
            texts.append(literal(x))
            values.append([F(literal(x))])
    formula = f"{name}({', '.join(texts)})"
    # Binding: the leftmost input outside its domain is #NUM! (no error cells or text here).
    try:
        args = []
        for d, vs in zip(doms, values):
            if d in "nx" and any(v < 0 for v in vs):
                raise Err(NUM)
            if d == "r" and not all(0 <= v <= 1 for v in vs):
                raise Err(NUM)
            args.append(sum(vs, F(0)))
        result = fn(*args)
        try:
            # + 0.0: a result that rounds to zero is 0, never −0 (no spreadsheet shows −0).
            return formula, {"number": float(result) + 0.0}
        except OverflowError:
            raise Err(NUM)
    except Err as e:
        return formula, {"error": e.code}


def cases(n, seed):
    rng = random.Random(seed)
    names = sorted(KPIS)
    return [make_case(rng, names[i % len(names)]) for i in range(n)]


def same(expected, got):
    if "number" in expected:
        return isinstance(got, (int, float)) and not isinstance(got, bool) and \
            struct.pack("<d", float(got)) == struct.pack("<d", expected["number"])
    return isinstance(got, dict) and got.get("error") == expected["error"]


def run_cli(binary, all_cases):
    with tempfile.NamedTemporaryFile("w", suffix=".kpi", delete=False) as f:
        f.write("\n".join(formula for formula, _ in all_cases) + "\n")
        path = f.name
    out = subprocess.run([binary, "eval", "--json", "--file", path], capture_output=True, text=True)
    lines = [l for l in out.stdout.splitlines() if l.strip()]
    if len(lines) != len(all_cases):
        sys.exit(f"expected {len(all_cases)} results, got {len(lines)}; stderr: {out.stderr[:500]}")
    bad = [(formula, exp, line) for (formula, exp), line in zip(all_cases, lines) if not same(exp, json.loads(line))]
    for formula, exp, line in bad[:20]:
        print(f"MISMATCH {formula}\n  expected {exp}\n  got      {line}", file=sys.stderr)
    errors = sum("error" in e for _, e in all_cases)
    print(f"exact oracle: {len(all_cases)} cases ({len(all_cases) - errors} numbers, {errors} errors), "
          f"{len(bad)} mismatches", file=sys.stderr)
    return not bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli")
    ap.add_argument("--emit")
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20261201)
    a = ap.parse_args()
    all_cases = cases(a.n, a.seed)
    if a.emit:
        with open(a.emit, "w") as f:
            json.dump([{"formula": formula, "expected": exp} for formula, exp in all_cases], f)
    if a.cli and not run_cli(a.cli, all_cases):
        sys.exit(1)


if __name__ == "__main__":
    main()
