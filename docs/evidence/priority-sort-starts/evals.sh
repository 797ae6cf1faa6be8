#!/bin/sh
# Held-out evaluations of the runs of run.sh (fresh seeds 10-18) and of train (laid out by layout.sh), each run's model (its second stage's best)
# as trained and calibrated: 100 sequences per held-out test seed at 10-40 inputs, 1,000 per test seed at 20 inputs.
# usage: J=ntm4j.jar RUNS=/path/to/runs evals.sh [RUN...]   (RUNS holds run-10-11-12 ... as run.sh or layout.sh made them; run.sh's three by default)
cd "$(dirname "$0")"
J=${J:-ntm4j.jar}
RUNS=${RUNS:-/work/runs/ms}
export OMP_NUM_THREADS=1
[ $# -gt 0 ] || set -- run-10-11-12 run-13-14-15 run-16-17-18
for R in "$@"; do
  S=$(sed 's/chosen: seed //' $R/chosen.txt)
  m=$RUNS/$R/seed$S/run.zip
  c=$RUNS/$R/seed$S/run-calibrated.zip
  { echo "# java -jar ntm4j.jar calibrate --model seed$S/run.zip --out seed$S/run-calibrated.zip"
    java -jar $J calibrate --model $m --out $c --force 2>&1; } > $R/calibrate.txt
  for T in 987654 424242; do
    for kind in model calibrated; do
      f=$m; [ $kind = calibrated ] && f=$c
      for spec in "10,20,30,40 100" "20 1000"; do
        set -- $spec
        out=$R/$kind-$(echo $1 | tr , -)-$2-$T
        { echo "# java -jar ntm4j.jar eval --model seed$S/$(basename $f) --task priority-sort --lengths $1 --examples $2 --seed $T --csv $(basename $out).csv"
          java -jar $J eval --model $f --task priority-sort --lengths $1 --examples $2 --seed $T --csv $out.csv --force 2>&1; } > $out.txt
      done
    done
  done
done
