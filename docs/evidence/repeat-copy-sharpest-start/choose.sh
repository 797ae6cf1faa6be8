#!/bin/sh
# The rule, fixed before any of these runs was evaluated: for each group of three runs (seeds S, S+1, S+2), on 200
# sequences of 5 vectors x 5 repeats (the longest in the training range) drawn with seed 777 (not a test seed), the
# fraction of steps on which the write head's largest weight is over 0.9 (Signals.java: `h2_sharp`, the write head
# being the last of three heads); the run with the largest fraction is kept (a tie: the lower best validation cost).
# usage: RUNS=/path choose.sh FIRST_SEED...   (writes signals.txt and choices.txt here)
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-sharp}
HERE=$(pwd)
export OMP_NUM_THREADS=1
cp Signals.java $RUNS/ && ( cd $RUNS && javac -cp ntm4j.jar Signals.java )
for F in "$@"; do
  for S in $F $((F + 1)) $((F + 2)); do
    grep -q "^s$S/" signals.txt 2>/dev/null && continue
    ( cd $RUNS && java -cp ntm4j.jar:. Signals 5 5 200 777 s$S/model.zip 2>/dev/null | grep "^s$S/" ) >> signals.txt
  done
done
python3 - "$@" <<'PY' > choices.txt
import json, sys
sig = {}
for line in open('signals.txt'):
    p = line.split()
    sig[int(p[0].split('/')[0][1:])] = dict(kv.split('=') for kv in p[1:])
def best_cost(s):
    return min(json.loads(l)['cost_per_seq'] for l in open(f's{s}/model.jsonl') if '"checkpoint"' in l)
print('# python3 (in choose.sh) over signals.txt: per group, the run whose write head is over 0.9 on the most steps')
for f in map(int, sys.argv[1:]):
    group = [f, f + 1, f + 2]
    kept = max(group, key=lambda s: (float(sig[s]['h2_sharp']), -best_cost(s)))
    print(f'group {f}-{f + 2}: ' + ', '.join(f"seed {s} {float(sig[s]['h2_sharp']):.3f}" for s in group) + f' -> kept seed {kept}')
PY
cat choices.txt
