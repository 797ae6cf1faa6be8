#!/usr/bin/env python3
"""Prints, per seed and arm: validation bits above the optimum (first stage's and second stage's sets) and
held-out bits above the optimum at 200 and 400 (test seeds 987654 / 424242)."""
import os, re, sys
os.chdir('/work/runs/ngrams-300k')
arms = [('recipe stage 1 (100k)', 'stage1-100k-seed{s}', 'ngrams-100k-stage1-seed{s}'),
        ('recipe in full', 'recipe-stage2-seed{s}', 'ngrams-100k-stage2-seed{s}'),
        ('300k stage 1', 'stage1-seed{s}', 'ngrams-300k-stage1-seed{s}'),
        ('300k + stage 2', 'stage2-seed{s}', 'ngrams-300k-stage2-seed{s}')]
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
for s in [int(a) for a in sys.argv[1:]] or [14, 15, 16]:
    print('seed', s)
    for name, vp, tp in arms:
        vp, tp = vp.format(s=s), tp.format(s=s)
        print('  %-22s val %s / %s | 200: %s ; %s | 400: %s ; %s' % (name, val(vp, s), val(vp, 1000 + s),
              test(tp, 987654, 200), test(tp, 424242, 200), test(tp, 987654, 400), test(tp, 424242, 400)))
