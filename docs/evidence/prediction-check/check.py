#!/usr/bin/env python3
"""Checks every shipped model's fresh held-out evaluation against the prediction interval published from
its held-out measurement (docs/protocol.md): the measured share k of n (the two held-out seeds'
CSVs in ../shipped, added up) gives the 95% prediction interval for a fresh sample of m sequences as
Wilson's interval at the effective size 1 / (1/n + 1/m), widened to the shares j/m such a sample can have
(the rule ShippedModelsTest applies to its 50-sequence sample). A model measured perfect must stay perfect.

    python3 check.py SEED     # reads NAME-seedSEED.csv here, prints the table as Markdown
"""
import csv
import math
import os
import sys

Z95 = 1.959963984540054
MODELS = ["copy", "copy-1-5", "associative-recall", "dyck", "repeat-copy", "priority-sort"]
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
    print("%d outside" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
