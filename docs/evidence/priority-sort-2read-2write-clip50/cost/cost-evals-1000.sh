#!/bin/sh
# The second stages of the clipped 2 + 2 arm's seeds 1-6 at 20 inputs, 1,000 sequences per held-out test seed (the 100 of cost-evals.sh among them), with an
# eval that prints the cost's 95% interval. usage: cost-evals.sh SEED...
cd /work/runs/cost
for S in "$@"; do
  D=/work/runs/sort-clip/out/priority-sort-2read-2write-lr3e-4-clip50; [ $S -ge 4 ] && D=$D-fresh
  m=$(ls -d $D/priority-sort-*)/seed$S-data$S/model.zip
  for T in 987654 424242; do
    { echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model seed$S-data$S/model.zip --task priority-sort --lengths 20 --examples 1000 --seed $T --csv seed$S-stage2-20-1000-$T.csv"
      OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task priority-sort --lengths 20 --examples 1000 --seed $T --csv seed$S-stage2-20-1000-$T.csv 2>&1; } > seed$S-stage2-20-1000-$T.txt
  done
done
