#!/bin/sh
# Seed 2 of the recipe (priority-sort-uncalibrated.zip, as trained), calibrated on 1,000 fresh training sequences
# (calibrate's default seed 31415) into a file outside the repository, then both judged on the held-out test seeds,
# 200 sequences per seed at 10-40 inputs and 1,000 per seed at 20 inputs (as the recipe's cost table).
# Run from the repository's root: docs/evidence/priority-sort-calibrated/evals.sh
J=${J:-ntm-examples/target/ntm4j.jar}
E=docs/evidence/priority-sort-calibrated
C=${TMPDIR:-/tmp}/priority-sort-seed2-calibrated.zip
export OMP_NUM_THREADS=1
{ echo "# OMP_NUM_THREADS=1 java -jar $J calibrate --model $E/priority-sort-uncalibrated.zip --out $C"
  java -jar $J calibrate --model $E/priority-sort-uncalibrated.zip --out $C --force 2>&1; } > $E/calibrate.txt
for T in 987654 424242; do
  f=$E/uncalibrated-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $E/priority-sort-uncalibrated.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $E/priority-sort-uncalibrated.zip --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
  f=$E/calibrated-seed$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $C --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $C --task priority-sort --lengths 10,20,30,40 --examples 200 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
  f=$E/calibrated-20-1000-$T
  { echo "# OMP_NUM_THREADS=1 java -jar $J eval --model $C --task priority-sort --lengths 20 --examples 1000 --seed $T --csv $f.csv --force"
    java -jar $J eval --model $C --task priority-sort --lengths 20 --examples 1000 --seed $T --csv $f.csv --force 2>&1; } > $f.txt
done
