# The arm alone over the runs of the second rule: mean wrong bits per sequence at 10 x 10 over both test seeds (100
# each) and the sequences perfect, from heldout-repeats-*.txt (evalall.sh) or heldout-10x10-*.txt (eval10x10.sh),
# beside each run's write head (rule-*.txt).
# usage: python3 arm3.py > arm3.txt
import re, glob, os
sharp = {}
for f in ['rule-101.txt', 'rule-131.txt', 'rule-161.txt']:
    for line in open(f):
        m = re.match(r's(\d+)/model.zip .*h1_sharp=([0-9.]+)', line)
        if m: sharp[int(m.group(1))] = m.group(2)
def cell(path):
    rows, inside = [], False
    for line in open(path):
        if line.startswith('repeats='): inside = line.strip() == 'repeats=10'
        elif inside and line.split() and line.split()[0] == '10':
            x = line.split(); return float(x[2]), float(x[4]), int(x[1])
print('| seed | write head over 0.9 | 10 x 10: wrong bits | perfect | from |')
print('|---|---|---|---|---|')
under = 0
for s in sorted(sharp):
    files = sorted(glob.glob(f's{s}/heldout-repeats-*.txt')) or sorted(glob.glob(f's{s}/heldout-10x10-*.txt'))
    cells = [cell(f) for f in files]
    n = sum(c[2] for c in cells)
    bits = sum(c[0] * c[2] for c in cells) / n
    perfect = sum(c[1] * c[2] for c in cells) / n
    under += bits < 1
    print(f'| {s} | {sharp[s]} | {bits:.2f} | {100 * perfect:.1f}% | {os.path.basename(files[0]).split("-")[1]} |')
print(f'under 1 wrong bit per sequence at 10 x 10: {under} of {len(sharp)}')
