#!/usr/bin/env python3
"""Checks every shipped model's fresh held-out evaluation against the prediction interval published from
its held-out measurement (docs/protocol.md): the measured share k of n (the two held-out seeds'
CSVs in ../shipped, added up) gives the 95% prediction interval for a fresh sample of m sequences as
Wilson's interval at the effective size 1 / (1/n + 1/m), widened to the shares j/m such a sample can have
(the rule ShippedModelsTest applies to its 50-sequence sample). A model measured perfect must stay perfect.
The n-gram model, which no sequence can be predicted without wrong bits, is held to its cost above the
Bayes-optimal predictor's instead (NAME-seedS-above-optimal.csv): the fresh mean must lie within
1.96 sd sqrt(1/n + 1/m) of the measured one, sd pooled from the two held-out seeds' 95% intervals.

    python3 check.py SEED     # reads NAME-seedSEED.csv here, prints the table as Markdown
"""
import csv
import math
import os
import sys

Z95 = 1.959963984540054
MODELS = ["copy", "copy-1-5", "associative-recall", "dyck", "repeat-copy", "priority-sort"]
COST_MODELS = ["ngrams"]
HERE = os.path.dirname(os.path.abspath(__file__))


def wilson(successes, n, z=Z95):
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2.0 * n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))
    scale = 1 + z2 / n
    return max(0.0, (centre - half) / scale), min(1.0, (centre + half) / scale)


def prediction_interval(k, n, m):
    effective = round(1 / (1.0 / n + 1.0 / m))
    lo, hi = wilson(k / n * effective, effective)
    return math.floor(lo * m) / m, math.ceil(hi * m) / m


def rows(path):
    # The first column is the task's test variable: length, items or inputs.
    with open(path) as f:
        reader = csv.DictReader(f)
        variable = reader.fieldnames[0]
        return {int(r[variable]): (int(r["examples"]), round(float(r["sequence_accuracy"]) * int(r["examples"])))
                for r in reader}


def cost_rows(path):
    """length -> (n, mean cost above the optimum, its sd from the 95% interval)."""
    with open(path) as f:
        out = {}
        for r in csv.DictReader(f):
            n = int(r["examples"])
            sd = (float(r["cost_above_hi95"]) - float(r["cost_above_lo95"])) / 2 / Z95 * math.sqrt(n)
            out[int(r["length"])] = (n, float(r["cost_above_bits"]), sd)
        return out


def pooled(x, y):
    """The two held-out seeds' rows as one sample (equal sizes): n, mean, sd."""
    (n, mx, sx), (_, my, sy) = x, y
    mean = (mx + my) / 2
    variance = ((n - 1) * (sx * sx + sy * sy) + n * ((mx - mean) ** 2 + (my - mean) ** 2)) / (2 * n - 1)
    return 2 * n, mean, math.sqrt(variance)


def main(seed):
    failures = 0
    print("| model | value | measured (held out) | 95%% prediction interval, fresh sample | fresh seed %s | inside |" % seed)
    print("|---|---|---|---|---|---|")
    for name in MODELS:
        a = rows(os.path.join(HERE, "..", "shipped", name + "-seed987654.csv"))
        b = rows(os.path.join(HERE, "..", "shipped", name + "-seed424242.csv"))
        fresh = rows(os.path.join(HERE, "%s-seed%s.csv" % (name, seed)))
        for value in sorted(fresh):
            n, k = a[value][0] + b[value][0], a[value][1] + b[value][1]
            m, j = fresh[value]
            if k == n:
                interval, inside, shown = (1.0, 1.0), j == m, "must stay 100%"
            else:
                interval = prediction_interval(k, n, m)
                inside = interval[0] <= j / m <= interval[1]
                shown = "%.2f-%.2f%%" % (100 * interval[0], 100 * interval[1])
            failures += not inside
            print("| %s | %d | %d of %d (%.2f%%) | %s | %d of %d (%.2f%%) | %s |"
                  % (name, value, k, n, 100 * k / n, shown, j, m, 100 * j / m, "yes" if inside else "**no**"))
    print()
    print("| model | length | measured (held out), bits above the optimum | 95%% prediction interval, fresh sample | fresh seed %s | inside |" % seed)
    print("|---|---|---|---|---|---|")
    for name in COST_MODELS:
        a = cost_rows(os.path.join(HERE, "..", "shipped", name + "-seed987654-above-optimal.csv"))
        b = cost_rows(os.path.join(HERE, "..", "shipped", name + "-seed424242-above-optimal.csv"))
        fresh = cost_rows(os.path.join(HERE, "%s-seed%s-above-optimal.csv" % (name, seed)))
        for value in sorted(fresh):
            n, mean, sd = pooled(a[value], b[value])
            m, got, _ = fresh[value]
            half = Z95 * sd * math.sqrt(1.0 / n + 1.0 / m)
            inside = abs(got - mean) <= half
            failures += not inside
            print("| %s | %d | %.2f (n = %d) | %.2f-%.2f | %.2f (n = %d) | %s |"
                  % (name, value, mean, n, mean - half, mean + half, got, m, "yes" if inside else "**no**"))
    print()
    print("%d outside" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
