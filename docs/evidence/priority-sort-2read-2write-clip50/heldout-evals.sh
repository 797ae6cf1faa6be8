#!/bin/sh
# Held-out evaluations of each seed's two stages (200 sequences per value: 100 from each test seed), as the
# unclipped arm's stage-2 evidence has them. usage: [OUT=sweep-out-dir] heldout-evals.sh SEED...
cd /work/runs/sort-clip
D=$(ls -d ${OUT:-out/priority-sort-2read-2write-lr3e-4-clip50}/priority-sort-*)
for S in "$@"; do
  for stage in stage1 stage2; do
    m=$D/seed$S-data$S/model.zip; [ $stage = stage1 ] && m=$D/seed$S-data$S/model.stage1.zip
    for T in 987654 424242; do
      OMP_NUM_THREADS=1 java -jar jar/ntm4j.jar eval --model $m --task priority-sort --lengths 10,20,30,40 \
          --examples 100 --seed $T --csv ev/seed$S-$stage-$T.csv > ev/seed$S-$stage-$T.txt 2>&1
    done
  done
done
