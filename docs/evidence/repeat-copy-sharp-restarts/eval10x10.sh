#!/bin/sh
# The held-out 10 x 10 cell alone (test seeds 987654 and 424242, 100 sequences each) of runs of the rules not kept, so
# that the arm alone is counted over all their fresh seeds: the same sequences as that cell of evalall.sh's evaluation,
# at a thirtieth of its cost. Outputs copied to sS/ here.
# usage: RUNS=/path eval10x10.sh SEED...
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-rule2}
HERE=$(pwd)
export OMP_NUM_THREADS=1
for S in "$@"; do
  ( cd $RUNS/s$S
    for ts in 987654 424242; do
      o=heldout-10x10-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 10 --repeats 10 --examples 100 --seed $ts"
                     java -Xmx2g -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 10 --repeats 10 --examples 100 --seed $ts; } > $o 2>&1
    done
    cp heldout-10x10-*.txt $HERE/s$S/ )
done
