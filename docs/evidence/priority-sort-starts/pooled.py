"""One eval table from the two held-out test seeds' CSVs pooled: for each value, the sequences, the share sorted
perfectly (Wilson 95% interval), the mean wrong bits and the mean cost in bits per sequence (normal 95% interval, from
each CSV's own interval). usage: python3 pooled.py PREFIX...  (reads PREFIX987654.csv and PREFIX424242.csv)"""
import csv, sys

Z = 1.959963984540054

def wilson(k, n):
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * (p * (1 - p) / n + Z * Z / (4 * n * n)) ** 0.5 / d
    return max(0.0, c - h), min(1.0, c + h)

for prefix in sys.argv[1:]:
    a = list(csv.DictReader(open(prefix + '987654.csv')))
    b = list(csv.DictReader(open(prefix + '424242.csv')))
    print(prefix)
    print('| value | n | sorted (95%) | wrong bits | cost (95%) |')
    for x, y in zip(a, b):
        rs = (x, y)
        ns = [int(r['examples']) for r in rs]
        n = sum(ns)
        k = sum(round(float(r['sequence_accuracy']) * m) for r, m in zip(rs, ns))
        lo, hi = wilson(k, n)
        errors = sum(float(r['mean_bit_errors']) * m for r, m in zip(rs, ns)) / n
        means = [float(r['mean_cost_bits']) for r in rs]
        sds = [(float(r['mean_cost_bits_hi95']) - float(r['mean_cost_bits_lo95'])) / 2 / Z * m ** 0.5
               for r, m in zip(rs, ns)]
        mean = sum(c * m for c, m in zip(means, ns)) / n
        # The pooled sample's variance: the within-seed variances plus the spread of the two means.
        var = (sum((m - 1) * s * s + m * (c - mean) ** 2 for c, s, m in zip(means, sds, ns))) / (n - 1)
        half = Z * var ** 0.5 / n ** 0.5
        print(f"| {x[list(x)[0]]} | {n} | {100 * k / n:.2f}% ({100 * lo:.1f}-{100 * hi:.1f}%) | {errors:.2f} | "
              f"{mean:.1f} ({max(0.0, mean - half):.1f}-{mean + half:.1f}) |")
