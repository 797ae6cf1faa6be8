#!/usr/bin/env python3
"""Prints, per seed and stage: validation bits above the optimum (the first stage's set S / the second stage's set
1000 + S) and held-out bits above the optimum at 50, 200 and 400 (test seeds 987654 ; 424242, 95% intervals).
Run in this directory: python3 table.py 19 20 21"""
import os, re, sys
os.chdir(os.path.dirname(os.path.abspath(__file__)))
stages = [('first stage (600,000)', 'stage1-seed{s}'), ('both stages (the candidate)', 'seed{s}')]
def val(prefix, v):
    f = prefix + '-validation-of-%d.txt' % v
    if not os.path.exists(f): return '-'
    m = re.search(r'the model is ([-0-9.]+) bits', open(f).read())
    return m.group(1) if m else '?'
def test(prefix, t, length):
    f = prefix + '-test%d-above-optimal.csv' % t
    if not os.path.exists(f): return '-'
    for line in open(f):
        p = line.strip().split(',')
        if p[0] == str(length): return '%s [%s, %s]' % (round(float(p[4]), 2), round(float(p[5]), 2), round(float(p[6]), 2))
    return '?'
for s in [int(a) for a in sys.argv[1:]] or [19, 20, 21]:
    print('seed', s)
    for name, p in stages:
        p = p.format(s=s)
        print('  %-28s val %s / %s | 50: %s ; %s | 200: %s ; %s | 400: %s ; %s' % (name, val(p, s), val(p, 1000 + s),
              test(p, 987654, 50), test(p, 424242, 50), test(p, 987654, 200), test(p, 424242, 200),
              test(p, 987654, 400), test(p, 424242, 400)))
