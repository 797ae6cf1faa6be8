#!/bin/sh
# Held-out evaluations of the recipe's fresh seeds 7-9: both stages at 10-40 inputs, 100 sequences per test seed
# (as seeds 1-6), and the second stage at 20 inputs on 1,000 per test seed with the cost's interval.
cd /work/runs/fresh79
D=$(ls -d out/priority-sort-recipe-fresh/priority-sort-*)
mkdir -p ev
for S in "$@"; do
  for stage in stage1 stage2; do
    m=$D/seed$S-data$S/model.zip; [ $stage = stage1 ] && m=$D/seed$S-data$S/model.stage1.zip
    for T in 987654 424242; do
      f=ev/seed$S-$stage-$T
      { echo "# java -jar ntm4j.jar eval --model seed$S-data$S/$(basename $m) --task priority-sort --lengths 10,20,30,40 --examples 100 --seed $T --csv seed$S-$stage-$T.csv"
        OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task priority-sort --lengths 10,20,30,40 --examples 100 --seed $T --csv $f.csv 2>&1; } > $f.txt
    done
  done
  for T in 987654 424242; do
    f=ev/seed$S-stage2-20-1000-$T
    { echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model seed$S-data$S/model.zip --task priority-sort --lengths 20 --examples 1000 --seed $T --csv seed$S-stage2-20-1000-$T.csv"
      OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $D/seed$S-data$S/model.zip --task priority-sort --lengths 20 --examples 1000 --seed $T --csv $f.csv 2>&1; } > $f.txt
  done
done
