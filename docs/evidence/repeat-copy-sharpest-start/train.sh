#!/bin/sh
# Repeat copy: the recipe (`train --task repeat-copy --seed S`, two read heads, 30,000 sequences), one run per seed,
# each in RUNS/sS/ with its output (train.out, starting with its command) and log copied to sS/ here.
# usage: RUNS=/path train.sh SEED...   (RUNS holds ntm4j.jar)
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-sharp}
HERE=$(pwd)
export OMP_NUM_THREADS=1
for S in "$@"; do
  d=$RUNS/s$S; mkdir -p $d $HERE/s$S
  ( cd $d
    [ -f model.zip ] || {
      echo "# java -jar ntm4j.jar train --task repeat-copy --seed $S --out model.zip" > train.out
      java -Xmx2g -jar ../ntm4j.jar train --task repeat-copy --seed $S --out model.zip >> train.out 2>&1
    }
    cp train.out model.jsonl $HERE/s$S/ )
done
