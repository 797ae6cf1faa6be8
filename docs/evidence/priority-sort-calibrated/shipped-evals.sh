#!/bin/sh
# The shipped priority-sort model (seed 2 of the recipe), calibrated on 1,000 fresh training sequences (seed 31415),
# then judged on the held-out test seeds: 200 sequences per seed at 10-40 inputs, as the shipped model's own held-out
# files, and 1,000 per seed at 20 inputs, as the recipe's cost table. usage: J=ntm4j.jar shipped-evals.sh
cd "$(dirname "$0")"
J=${J:-ntm4j.jar}
export OMP_NUM_THREADS=1
cp ../../../ntm-examples/src/main/resources/models/priority-sort.zip /tmp/priority-sort-shipped.zip
{ echo "# java -jar ntm4j.jar calibrate --model priority-sort.zip --out priority-sort-calibrated.zip  (the shipped model's file)"
  java -jar $J calibrate --model /tmp/priority-sort-shipped.zip --out /tmp/priority-sort-calibrated.zip --force 2>&1; } > shipped-calibrate.txt
for T in 987654 424242; do
  for spec in "10,20,30,40 200" "20 1000"; do
    set -- $spec
    f=shipped-calibrated-$(echo $1 | tr , -)-$2-$T
    { echo "# java -jar ntm4j.jar eval --model priority-sort-calibrated.zip --task priority-sort --lengths $1 --examples $2 --seed $T --csv $f.csv"
      java -jar $J eval --model /tmp/priority-sort-calibrated.zip --task priority-sort --lengths $1 --examples $2 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
  done
done
