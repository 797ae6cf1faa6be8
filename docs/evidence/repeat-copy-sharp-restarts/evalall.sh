#!/bin/sh
# The held-out lengths x repeats evaluation (test seeds 987654 and 424242, 100 per cell) of every run of the rules, kept
# or not, so that the arm alone is counted over all their fresh seeds; outputs copied to sS/ here.
# usage: RUNS=/path evalall.sh SEED...
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-rule}
HERE=$(pwd)
export OMP_NUM_THREADS=1
for S in "$@"; do
  ( cd $RUNS/s$S
    for ts in 987654 424242; do
      o=heldout-repeats-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"
                     java -Xmx2g -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
    done
    cp heldout-repeats-*.txt $HERE/s$S/ )
done
