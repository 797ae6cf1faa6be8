"""Rows of the held-out table: [OUT=sweep-out-dir] python3 table.py SEED... (in the run directory, after
heldout-evals.sh)."""
import csv, glob, json, os, sys

def best(f):
    v = [json.loads(l) for l in open(f) if '"validation"' in l]
    return min(x['bit_errors_per_seq'] for x in v)

def rows(s, stage):
    out = {}
    for t in ('987654', '424242'):
        for r in csv.DictReader(open(f'ev/seed{s}-{stage}-{t}.csv')):
            out.setdefault(int(r['inputs']), []).append(r)
    return out

def wilson(k, n, z=1.96):
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, c - h), min(1.0, c + h)

def pooled(rs, key):
    n = sum(int(r['examples']) for r in rs)
    return sum(float(r[key]) * int(r['examples']) for r in rs) / n, n

d = glob.glob(os.environ.get('OUT', 'out/priority-sort-2read-2write-lr3e-4-clip50') + '/priority-sort-*')[0]
for s in sys.argv[1:]:
    run = f'{d}/seed{s}-data{s}'
    b1, b2 = best(f'{run}/train.stage1.jsonl'), best(f'{run}/train.jsonl')
    cells = []
    for stage in ('stage1', 'stage2'):
        r = rows(s, stage)[20]
        wrong, n = pooled(r, 'mean_bit_errors')
        cost, _ = pooled(r, 'mean_cost_bits')
        acc, _ = pooled(r, 'sequence_accuracy')
        lo, hi = wilson(round(acc * n), n)
        cells.append(f'{wrong:.1f} / {cost:.1f} / {100 * acc:.1f}% ({100 * lo:.1f}-{100 * hi:.1f}%)')
    r2 = rows(s, 'stage2')
    other = ' / '.join(f'{pooled(r2[k], "mean_bit_errors")[0]:.1f}' for k in (10, 30, 40))
    print(f'| {s} | {b1:.1f} → {b2:.1f} | {cells[0]} | {cells[1]} | {other} |')
