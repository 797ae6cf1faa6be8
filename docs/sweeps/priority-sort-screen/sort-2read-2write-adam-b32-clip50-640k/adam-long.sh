#!/bin/sh
# The 2 + 2 heads arm with Collier & Beel's optimiser (Adam 1e-3, minibatch 32, clip 50) on the screen's seeds 2-3, for
# 640,000 sequences (20,000 updates), development test seeds; rerun to resume.
cd /work/runs/sort-clip
OMP_NUM_THREADS=1 java -Xmx2g -jar jar/ntm4j.jar sweep --task priority-sort --seeds 2 --max-sequences 640000 --minutes 120 \
  --lengths 20 --test-seeds 31337,27182 --master 'local[1]' --out out/sort-2read-2write-adam-b32-clip50-640k \
  --read-heads 2 --write-heads 2 --updater adam --lr 1e-3 --batch 32 --clip-global-norm 50
