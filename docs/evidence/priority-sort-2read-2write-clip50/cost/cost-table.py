"""The cost at 20 inputs of each seed's second stage, both test seeds pooled (200 sequences; N=1000- python3 ...: 2,000), with its normal 95%
interval: python3 cost-table.py SEED... (after cost-evals.sh; in its directory)."""
import csv, os, sys

Z = 1.959963984540054
N = os.environ.get('N', '')  # N=1000- for the files of N=1000 cost-evals.sh

def row(s, t):
    return next(csv.DictReader(open(f'seed{s}-stage2-20-{N}{t}.csv')))

for s in sys.argv[1:]:
    a, b = row(s, '987654'), row(s, '424242')
    n = int(a['examples'])
    means = [float(r['mean_cost_bits']) for r in (a, b)]
    sds = [(float(r['mean_cost_bits_hi95']) - float(r['mean_cost_bits_lo95'])) / 2 / Z * n ** 0.5 for r in (a, b)]
    mean = sum(means) / 2
    # The pooled sample's variance: the within-seed variances plus the spread of the two means.
    var = ((n - 1) * sum(x * x for x in sds) + n * sum((m - mean) ** 2 for m in means)) / (2 * n - 1)
    half = Z * var ** 0.5 / (2 * n) ** 0.5
    print(f'| {s} | {mean:.1f} ({max(0.0, mean - half):.1f}-{mean + half:.1f}) | {means[0]:.1f} / {means[1]:.1f} |')
