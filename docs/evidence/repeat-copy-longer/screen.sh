#!/bin/sh
# Repeat copy, development screen (development test seed 31337 only): the recipe (`train --task repeat-copy`: from the
# shipped copy-1-5 model, Graves' RMSprop 3e-4, the rate dropped to a tenth at the target) trained for 100,000
# sequences instead of 30,000, its parameters averaged over the validations from 50,000 on; then the average
# (model.zip) and the checkpoint chosen on validation (model.checkpoint.zip), the same run's, each on the development
# sequences of the earlier screens (lengths 5, 8, 10 x repeats 1, 5, 10, 50 each).
# usage: RUNS=/path screen.sh HEADS SEED...   (HEADS: 2, the recipe's read heads, or 1; RUNS holds ntm4j.jar;
#        writes RUNS/hHEADS-sS/ and hHEADS-sS/ here)
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/rc-long}
HERE=$(pwd)
H=$1; shift
export OMP_NUM_THREADS=1
for S in "$@"; do
  n=h$H-s$S; d=$RUNS/$n; mkdir -p $d $HERE/$n
  ( cd $d
    [ -f model.checkpoint.zip ] || {
      echo "# java -jar ntm4j.jar train --task repeat-copy --read-heads $H --seed $S --max-sequences 100000 --average-from 50000 --out model.zip" > train.out
      java -Xmx2g -jar ../ntm4j.jar train --task repeat-copy --read-heads $H --seed $S --max-sequences 100000 --average-from 50000 --out model.zip >> train.out 2>&1
    }
    for m in model checkpoint; do
      f=model.zip; [ $m = checkpoint ] && f=model.checkpoint.zip
      { echo "# java -jar ntm4j.jar eval --model $f --task repeat-copy --lengths 5,8,10 --repeats 1,5,10 --examples 50 --seed 31337"
        java -jar ../ntm4j.jar eval --model $f --task repeat-copy --lengths 5,8,10 --repeats 1,5,10 --examples 50 --seed 31337 2>&1; } > eval-dev-$m.txt
    done
    cp train.out model.jsonl eval-dev-*.txt $HERE/$n/ )
done
