#!/bin/sh
# The second stages of the clipped 2 + 2 arm's seeds 1-6 at 20 inputs, N sequences per held-out test seed (100 by
# default, as the held-out evaluations above; the first 100 of a larger N are those), with an eval that prints the
# cost's 95% interval. usage: [N=1000] cost-evals.sh SEED...
cd "$(dirname "$0")"
N=${N:-100}
TAG=""; [ "$N" != 100 ] && TAG="$N-"
for S in "$@"; do
  D=/work/runs/sort-clip/out/priority-sort-2read-2write-lr3e-4-clip50; [ $S -ge 4 ] && D=$D-fresh
  m=$(ls -d $D/priority-sort-*)/seed$S-data$S/model.zip
  for T in 987654 424242; do
    f=seed$S-stage2-20-$TAG$T
    { echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model seed$S-data$S/model.zip --task priority-sort --lengths 20 --examples $N --seed $T --csv $f.csv"
      OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task priority-sort --lengths 20 --examples $N --seed $T --csv $f.csv 2>&1; } > $f.txt
  done
done
