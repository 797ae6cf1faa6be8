"""lengths.py SEED...: held-out share perfect at each length, repeats drawn from 1 to 5 (400 per length: 200 per test seed)."""
import sys
PREFIX = sys.argv.pop(1) if not sys.argv[1].isdigit() else 'drop-nocur-s'
print('| seed | ' + ' | '.join(['3', '5', '6', '8', '10', '12', '15']) + ' |')
print('|---|' + '---|' * 7)
for s in sys.argv[1:]:
    d = PREFIX + s
    tot = {}
    for t in ('987654', '424242'):
        for line in open('%s/heldout-lengths-%s.txt' % (d, t)):
            p = line.split()
            if p and p[0].isdigit():
                n, acc, bits = int(p[1]), float(p[4]), float(p[2])
                a = tot.setdefault(int(p[0]), [0, 0, 0.0])
                a[0] += n; a[1] += round(acc * n); a[2] += bits * n
    print('| %s | %s |' % (s, ' | '.join('%.1f%% (%.2f)' % (100.0 * k / n, b / n) for _, (n, k, b) in sorted(tot.items()))))
