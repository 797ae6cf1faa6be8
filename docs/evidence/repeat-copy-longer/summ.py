"""The screen's table: per read-head count and seed, mean wrong bits per development sequence (sequences perfect) at
10 x 1, 10 x 5, 5 x 10 and 10 x 10 (vectors x repeats), for the checkpoint chosen on validation and for the average
of the same run; beside them, the recipe's (30,000 sequences) checkpoint from the earlier screens where given.
usage: python3 summ.py HEADS SEED...   (in its directory)"""
import sys

CELLS = [(10, 1), (10, 5), (5, 10), (10, 10)]


def cells(path):
    out, repeats = {}, None
    for line in open(path):
        if line.startswith('repeats='):
            repeats = int(line.split('=')[1])
        parts = line.split()
        if repeats and parts and parts[0].isdigit():
            out[(int(parts[0]), repeats)] = (float(parts[2]), 100 * float(parts[4]))
    return out


h = sys.argv[1]
print(f'{h} read head(s), 100,000 sequences')
print('| seed | model | ' + ' | '.join(f'{v} x {r}' for v, r in CELLS) + ' |')
print('|---|---|' + '---|' * len(CELLS))
for s in sys.argv[2:]:
    for kind, label in (('checkpoint', 'checkpoint'), ('model', 'average')):
        c = cells(f'h{h}-s{s}/eval-dev-{kind}.txt')
        print(f'| {s} | {label} | ' + ' | '.join(f'{c[k][0]:.1f} ({c[k][1]:.0f}%)' for k in CELLS) + ' |')
