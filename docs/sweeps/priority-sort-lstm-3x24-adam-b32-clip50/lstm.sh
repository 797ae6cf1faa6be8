#!/bin/sh
# DL4J's LSTM, parameter-matched (3 x 24), with Collier & Beel's optimiser: Adam 1e-3 at minibatch 32, the gradient's
# global norm clipped at 50; the NTM recipe's budget of 200,000 sequences or 60 minutes; seeds 1-3, held out.
cd /work/runs/sort-clip
OMP_NUM_THREADS=1 java -Xmx2g -jar jar/ntm4j.jar sweep --task priority-sort --baseline lstm --lstm-units 24 \
    --batch 32 --updater adam --lr 1e-3 --clip-global-norm 50 --lr-drop off --max-sequences 200000 --minutes 60 \
    --seeds 1-3 --lengths 10,20,30,40 --master 'local[1]' --out out/priority-sort-lstm-3x24-adam-b32-clip50
