#!/bin/sh
# Two read and two write heads at 3e-4 with the gradient's global norm clipped at 50, seeds 1-3, the recipe's
# 200,000 sequences, then a second stage of 100,000 at 3e-5 (as the unclipped arm's held-out runs had), held out.
cd /work/runs/sort-clip
OMP_NUM_THREADS=1 java -Xmx2g -jar jar/ntm4j.jar sweep --task priority-sort --read-heads 2 --write-heads 2 \
    --lr 3e-4 --clip-global-norm 50 --max-sequences 200000 --minutes 120 --second-stage 100000@3e-5 \
    --seeds 1-3 --lengths 10,20,30,40 --master 'local[3]' --out out/priority-sort-2read-2write-lr3e-4-clip50
