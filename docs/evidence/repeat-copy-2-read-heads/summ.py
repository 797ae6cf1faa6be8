import sys, re
f = sys.argv[1]; rep = None; cells = {}
for line in open(f):
    m = re.match(r'repeats=(\d+)', line)
    if m: rep = int(m.group(1)); continue
    p = line.split()
    if rep and p and p[0].isdigit():
        cells[(int(p[0]), rep)] = (float(p[2]), float(p[4]))
print(f.replace('eval-', '').replace('.txt', '').ljust(12), '  '.join('%dx%d %.1f(%d%%)' % (l, r, b, round(100*a)) for (l, r), (b, a) in sorted(cells.items())))
