#!/bin/sh
# Seed 21, the fourth run of the recipe's checkpoint (seed21.zip, as trained; `train --task priority-sort --seed 19
# --average-from off`), calibrated on 1,000 fresh training sequences (calibrate's default seed 31415), then judged on
# the held-out test seeds, 200 sequences per seed at 10-40 inputs, calibrated (seed21-calibrated-seed*) and as
# trained (seed21-uncalibrated-seed*) on the same sequences. It was the shipped model before seed 26's average.
# Run from the repository's root: docs/evidence/priority-sort-starts/shipped-evals.sh
J=${J:-ntm-examples/target/ntm4j.jar}
E=docs/evidence/priority-sort-starts
M=${TMPDIR:-/tmp}/seed21-calibrated.zip
export OMP_NUM_THREADS=1
{ echo "# OMP_NUM_THREADS=1 java -jar $J calibrate --model $E/seed21.zip --out seed21-calibrated.zip"
  java -jar $J calibrate --model $E/seed21.zip --out $M --force 2>&1; } > $E/seed21-calibrate.txt
for T in 987654 424242; do
  f=$E/seed21-uncalibrated-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $E/seed21.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $E/seed21.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
  f=$E/seed21-calibrated-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model seed21-calibrated.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $M --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
done
