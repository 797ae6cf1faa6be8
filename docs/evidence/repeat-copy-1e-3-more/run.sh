#!/bin/sh
# Repeat copy, one read head at 1e-3 (the arm that made 1 of 6 on fresh seeds 17-22), on more fresh seeds: one run per
# seed, then its held-out evaluations on the test seeds 987654 and 424242, each output starting with its command;
# outputs copied to sS/ here.
# usage: RUNS=/path run.sh SEED...   (RUNS holds ntm4j.jar)
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-more}
HERE=$(pwd)
export OMP_NUM_THREADS=1
J="java -Xmx2g -jar ../ntm4j.jar"
for S in "$@"; do
  d=$RUNS/s$S; mkdir -p $d $HERE/s$S
  ( cd $d
    [ -f model.zip ] || {
      echo "# java -jar ntm4j.jar train --task repeat-copy --read-heads 1 --lr 1e-3 --seed $S --out model.zip" > train.out
      $J train --task repeat-copy --read-heads 1 --lr 1e-3 --seed $S --out model.zip >> train.out 2>&1
    }
    for ts in 987654 424242; do
      o=heldout-lengths-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts"
                     $J eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts; } > $o 2>&1
      o=heldout-repeats-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"
                     $J eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
    done
    cp train.out model.jsonl heldout-*.txt $HERE/s$S/ )
done
