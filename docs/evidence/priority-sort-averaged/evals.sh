#!/bin/sh
# Each averaged second stage of stage2.sh (MODELS/sS/model.averaged.zip), calibrated on the 1,000 calibration
# sequences (seed 31415) and judged as the recipe's runs are: 100 sequences per held-out test seed at 10-40 inputs,
# 1,000 per test seed at 20 inputs, as trained and calibrated.
# usage: J=ntm4j.jar MODELS=/path evals.sh SEED...   (writes sS/ here)
cd "$(dirname "$0")"
J=${J:-ntm4j.jar}
MODELS=${MODELS:-/work/runs/avg}
export OMP_NUM_THREADS=1
for S in "$@"; do
  mkdir -p s$S
  m=$MODELS/s$S/model.averaged.zip
  c=$MODELS/s$S/averaged-calibrated.zip
  cp $MODELS/s$S/train.txt $MODELS/s$S/model.jsonl s$S/
  { echo "# java -jar ntm4j.jar calibrate --model s$S/model.averaged.zip --out s$S/averaged-calibrated.zip"
    java -jar $J calibrate --model $m --out $c --force 2>&1; } > s$S/calibrate.txt
  for T in 987654 424242; do
    for kind in averaged calibrated; do
      f=$m; [ $kind = calibrated ] && f=$c
      for spec in "10,20,30,40 100" "20 1000"; do
        set -- $spec
        out=s$S/$kind-$(echo $1 | tr , -)-$2-$T
        { echo "# java -jar ntm4j.jar eval --model s$S/$(basename $f) --task priority-sort --lengths $1 --examples $2 --seed $T --csv $(basename $out).csv"
          java -jar $J eval --model $f --task priority-sort --lengths $1 --examples $2 --seed $T --csv $out.csv --force 2>&1; } > $out.txt
      done
    done
  done
done
