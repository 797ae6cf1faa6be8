#!/bin/sh
# The shipped priority-sort model: seed 26's average (seed26-averaged.zip, as trained: the second stage of the run of
# `train --task priority-sort --seed 25`, its parameters averaged from 50,000 to 100,000 sequences, exported),
# calibrated on 1,000 fresh training sequences (calibrate's default seed 31415) into the shipped file, then judged on
# the held-out test seeds, 200 sequences per seed at 10-40 inputs (the shipped model's held-out files, which
# ShippedModelsTest reads), with seed26-averaged.zip as trained on the same sequences beside it.
# Run from the repository's root: docs/evidence/priority-sort-averaged/shipped-evals.sh
J=${J:-ntm-examples/target/ntm4j.jar}
E=docs/evidence/priority-sort-averaged
M=ntm-examples/src/main/resources/models/priority-sort.zip
export OMP_NUM_THREADS=1
{ echo "# OMP_NUM_THREADS=1 java -jar $J calibrate --model $E/seed26-averaged.zip --out $M"
  java -jar $J calibrate --model $E/seed26-averaged.zip --out $M --force 2>&1; } > $E/shipped-calibrate.txt
for T in 987654 424242; do
  f=$E/seed26-averaged-uncalibrated-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $E/seed26-averaged.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $E/seed26-averaged.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
  f=docs/evidence/shipped/priority-sort-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $M --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $M --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
done
