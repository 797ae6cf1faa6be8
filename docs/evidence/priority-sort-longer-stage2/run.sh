#!/bin/sh
# A longer second stage for the recipe's seeds 2 and 6 (validation only): from the sweep's first-stage best model, 300,000
# sequences at 3e-5 on the second stage's data (seed 1000 + S), which the sweep's 100,000-sequence second stage also
# used, so the first 100,000 repeat it. Rerun to resume from the last checkpoints.
cd /work/runs/stage2-long
for S in 2 6; do
  D=/work/runs/sort-clip/out/priority-sort-2read-2write-lr3e-4-clip50; [ $S -ge 4 ] && D=$D-fresh
  M=$(ls -d $D/priority-sort-*)/seed$S-data$S/model.stage1.zip
  R=$M; [ -f stage2-300k-seed$S.last.zip ] && R=stage2-300k-seed$S.last.zip
  OMP_NUM_THREADS=1 java -Xmx2g -jar ntm4j.jar train --task priority-sort --resume $R --lr 3e-5 --seed $S \
      --data-seed $((1000 + S)) --max-sequences 300000 --second-stage off --minutes 240 \
      --out stage2-300k-seed$S.zip > seed$S.out 2>&1 &
done
wait
