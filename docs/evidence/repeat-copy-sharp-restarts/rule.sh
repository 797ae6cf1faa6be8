#!/bin/sh
# The rule, fixed before any of its runs: train the one-read-head 1e-3 arm
# (`train --task repeat-copy --read-heads 1 --lr 1e-3 --seed S`) on seeds F, F+1, ..., at most 12; after each run,
# measure its write head on 200 sequences of 5 vectors x 5 repeats (the longest in the training range) drawn with
# seed 777, not a test seed (Signals.java: the fraction of steps on which the write head's largest weight is over 0.9,
# `h1_sharp`, the write head being the last head); keep the first run at 0.95 or more and stop. If none of the 12 is,
# keep the one with the largest fraction (a tie: the lower best validation cost).
# Then the kept run's held-out evaluations (test seeds 987654 and 424242), each output starting with its command.
# usage: RUNS=/path [K=12] rule.sh F   (RUNS holds ntm4j.jar; writes rule-F.txt here and each run's output to sS/;
# K: at most K runs, 12 unless given)
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-rule}
HERE=$(pwd)
F=$1
K=${K:-12}
export OMP_NUM_THREADS=1
[ -f $RUNS/Signals.class ] || { cp ../repeat-copy-sharpest-start/Signals.java $RUNS/ && ( cd $RUNS && javac -cp ntm4j.jar Signals.java ); }
out=$HERE/rule-$F.txt
echo "# rule.sh $F: one-read-head 1e-3 runs from seed $F, the first with the write head over 0.9 on >= 0.95 of steps kept" > $out
kept=""
S=$F
while [ $S -lt $((F + K)) ]; do
  d=$RUNS/s$S; mkdir -p $d $HERE/s$S
  ( cd $d
    [ -f model.zip ] || {
      echo "# java -jar ntm4j.jar train --task repeat-copy --read-heads 1 --lr 1e-3 --seed $S --out model.zip" > train.out
      java -Xmx2g -jar ../ntm4j.jar train --task repeat-copy --read-heads 1 --lr 1e-3 --seed $S --out model.zip >> train.out 2>&1
    }
    cp train.out model.jsonl $HERE/s$S/ )
  line=$(cd $RUNS && java -cp ntm4j.jar:. Signals 5 5 200 777 s$S/model.zip 2>/dev/null | grep "^s$S/")
  echo "$line" >> $out
  sharp=$(echo "$line" | grep -o 'h[0-9]*_sharp=[0-9.]*' | tail -1 | cut -d= -f2)
  if python3 -c "import sys; sys.exit(0 if float('$sharp') >= 0.95 else 1)"; then kept=$S; break; fi
  S=$((S + 1))
done
if [ -z "$kept" ]; then
  kept=$(python3 - $out $HERE <<'PY'
import sys, json, re
best = None
for line in open(sys.argv[1]):
    if line.startswith('#'): continue
    s = int(line.split('/')[0][1:])
    sharp = float(re.findall(r'h\d+_sharp=([0-9.]+)', line)[-1])
    cost = min(json.loads(l)['cost_per_seq'] for l in open(f'{sys.argv[2]}/s{s}/model.jsonl') if '"checkpoint"' in l)
    key = (sharp, -cost)
    if best is None or key > best[0]: best = (key, s)
print(best[1])
PY
)
  echo "none at 0.95 in $K runs; kept the sharpest: seed $kept" >> $out
else
  echo "kept seed $kept" >> $out
fi
cd $RUNS/s$kept
for ts in 987654 424242; do
  o=heldout-repeats-$ts.txt
  [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"
                 java -Xmx2g -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
  o=heldout-lengths-$ts.txt
  [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts"
                 java -Xmx2g -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts; } > $o 2>&1
done
cp heldout-*.txt $HERE/s$kept/
