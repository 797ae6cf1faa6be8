"""table.py SEED...: held-out table of the chosen arm's fresh seeds (drop-nocur-sS/heldout-repeats-*.txt),
mean wrong bits per sequence over both test seeds (987654, 424242; 100 each) and the share perfect."""
import sys, re, math
PREFIX = sys.argv.pop(1) if not sys.argv[1].isdigit() else 'drop-nocur-s'
cells = [(5, 5), (10, 5), (20, 5), (5, 10), (10, 10), (15, 10), (20, 10)]
def read(f):
    rep = None; out = {}
    for line in open(f):
        m = re.match(r'repeats=(\d+)', line)
        if m: rep = int(m.group(1)); continue
        p = line.split()
        if rep and p and p[0].isdigit():
            out[(int(p[0]), rep)] = (int(p[1]), float(p[2]), float(p[4]), float(p[11]), float(p[12]))
    return out
print('| seed | training | ' + ' | '.join('%d x %d' % c for c in cells) + ' |')
print('|---|---|' + '---|' * len(cells))
k = 0
for s in sys.argv[1:]:
    d = PREFIX + s
    a = read(d + '/heldout-repeats-987654.txt'); b = read(d + '/heldout-repeats-424242.txt')
    done = [l for l in open(d + '/train.out') if l.startswith('done')][0].split()
    row = []
    for c in cells:
        n1, m1, p1, lo1, hi1 = a[c]; n2, m2, p2, lo2, hi2 = b[c]
        row.append('%.2f (%.1f%%)' % ((m1 + m2) / 2, 100.0 * round(p1 * n1 + p2 * n2) / (n1 + n2)))
    ok = (a[(10, 10)][1] + b[(10, 10)][1]) / 2 < 1
    k += ok
    print('| %s | %s | %s |' % (s, ' '.join(done[1:3]), ' | '.join(row)))
print('under 1 wrong bit per sequence at 10 x 10: %d of %d' % (k, len(sys.argv) - 1))
