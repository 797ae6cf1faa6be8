"""Each run's second stage with its checkpoint chosen on 64 validation sequences (the recipe's run, in
../priority-sort-starts) and on 512 (stage2.sh, here): the checkpoint kept, its wrong bits on the 1,000 calibration
sequences (seed 31415: the data a choice between the two may look at), and, pooled over the two held-out test seeds,
sorted share, wrong bits and cost at 20 inputs (2,000 sequences), the calibrated cost, and the share sorted at 10, 30
and 40 inputs (200 each). usage: python3 table.py SEED...   (in its directory)"""
import csv, glob, json, re, sys

# pooled(): as ../priority-sort-starts/table.py's
Z = 1.959963984540054

def pooled(prefix, value):
    rows = []
    for t in ('987654', '424242'):
        rows += [r for r in csv.DictReader(open(f'{prefix}-{t}.csv')) if r[next(iter(r))] == str(value)]
    ns = [int(r['examples']) for r in rows]
    n = sum(ns)
    k = sum(round(float(r['sequence_accuracy']) * m) for r, m in zip(rows, ns))
    errors = sum(float(r['mean_bit_errors']) * m for r, m in zip(rows, ns)) / n
    means = [float(r['mean_cost_bits']) for r in rows]
    sds = [(float(r['mean_cost_bits_hi95']) - float(r['mean_cost_bits_lo95'])) / 2 / Z * m ** 0.5 for r, m in zip(rows, ns)]
    mean = sum(c * m for c, m in zip(means, ns)) / n
    var = sum((m - 1) * s * s + m * (c - mean) ** 2 for c, s, m in zip(means, sds, ns)) / (n - 1)
    half = Z * (var / n) ** 0.5
    return n, 100 * k / n, errors, mean, max(0.0, mean - half), mean + half


def kept(log):
    """The sequences and validation bit errors of the last checkpoint written: the model kept."""
    last = [json.loads(l) for l in open(log) if '"checkpoint"' in l][-1]
    return last['sequences'], last['bit_errors_per_seq']

def calibration(path):
    text = open(path).read()
    return (float(re.search(r'bit_errors_per_seq (\S+) ->', text).group(1)),
            float(re.search(r'temperature=(\S+)', text).group(1)))

def row(label, log, d):
    seqs, val = kept(log)
    wrong, t = calibration(f'{d}/calibrate.txt')
    n, s20, err, cost, lo, hi = pooled(f'{d}/model-20-1000', 20)
    _, _, _, ccost, clo, chi = pooled(f'{d}/calibrated-20-1000', 20)
    others = ' / '.join(f'{pooled(f"{d}/model-10-20-30-40-100", v)[1]:.1f}%' for v in (10, 30, 40))
    return (f'| {label} | {seqs:,} | {val:.2f} | {wrong:.3f} | {s20:.2f}% / {err:.2f} | {cost:.1f} ({lo:.1f}-{hi:.1f}) '
            f'| {t:.2f} | {ccost:.1f} ({clo:.1f}-{chi:.1f}) | {others} |')

print('| seed, validation | checkpoint kept (sequences) | its validation | calibration wrong bits | 20 inputs, 2,000: '
      'sorted / wrong bits | cost as trained (95%) | T | cost calibrated (95%) | sorted at 10 / 30 / 40 (200 each) |')
print('|---|---|---|---|---|---|---|---|---|')
for s in sys.argv[1:]:
    run = [r for r in glob.glob('../priority-sort-starts/run-*') if open(f'{r}/chosen.txt').read().split()[-1] == s][0]
    print(row(f'{s}, 64', f'{run}/seed{s}/run.jsonl', run))
    print(row(f'{s}, 512', f's{s}/model.jsonl', f's{s}'))
