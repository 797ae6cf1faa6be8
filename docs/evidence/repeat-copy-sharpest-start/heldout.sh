#!/bin/sh
# Held-out evaluations of runs made by train.sh, as the recipe's fresh seeds were: on the test seeds 987654 and
# 424242, lengths 3-15 at repeats 1-5 (200 per seed), and lengths x repeats (100 per seed); copied to sS/ here.
# usage: RUNS=/path heldout.sh SEED...
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-sharp}
HERE=$(pwd)
export OMP_NUM_THREADS=1
for S in "$@"; do
  ( cd $RUNS/s$S
    for ts in 987654 424242; do
      o=heldout-lengths-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts; } > $o 2>&1
      o=heldout-repeats-$ts.txt
      [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
    done
    cp heldout-*.txt $HERE/s$S/ )
done
