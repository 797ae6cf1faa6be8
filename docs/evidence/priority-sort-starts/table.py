"""The table of the three runs (after run.sh, the logs copied here, and evals.sh): each start's best validation by its
budget, the run's best validation after each stage, and, pooled over the two held-out test seeds, the model's and the
calibrated model's numbers at 20 inputs (2,000 sequences) and the model's sorted share at 10, 30 and 40 (200).
usage: python3 table.py (in its directory)"""
import csv, glob, json, os, re

Z = 1.959963984540054

def best(log):
    return min(json.loads(l)['bit_errors_per_seq'] for l in open(log) if '"validation"' in l)

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

if __name__ == '__main__':
    print('| run (seeds) | starts: best validation by 40,000 | chosen | best validation, stage 1 → 2 | 20 inputs, 2,000: sorted / wrong bits | cost as trained (95%) | T | cost calibrated (95%) | sorted at 10 / 30 / 40 (200 each) |')
    print('|---|---|---|---|---|---|---|---|---|')
    for run in sorted(glob.glob('run-*')):
        seeds = run[4:].split('-')
        chosen = open(f'{run}/chosen.txt').read().split()[-1]
        starts = ', '.join(f'{best(f"{run}/seed{s}/start.jsonl"):.1f}' for s in seeds)
        s1 = best(f'{run}/seed{chosen}/run.stage1.jsonl')
        s2 = best(f'{run}/seed{chosen}/run.jsonl')
        n, sorted20, errors, cost, lo, hi = pooled(f'{run}/model-20-1000', 20)
        _, _, _, ccost, clo, chi = pooled(f'{run}/calibrated-20-1000', 20)
        t = re.search(r'temperature=(\S+)', open(f'{run}/calibrate.txt').read()).group(1)
        others = ' / '.join(f'{pooled(f"{run}/model-10-20-30-40-100", v)[1]:.1f}%' for v in (10, 30, 40))
        print(f'| {"-".join(seeds)} | {starts} | {chosen} | {s1:.1f} → {s2:.1f} | {sorted20:.2f}% / {errors:.2f} | '
              f'{cost:.1f} ({lo:.1f}-{hi:.1f}) | {float(t):.2f} | {ccost:.1f} ({clo:.1f}-{chi:.1f}) | {others} |')
