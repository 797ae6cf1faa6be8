#!/bin/bash
# Screen (validation only): the n-gram LSTM baseline, parameter-matched (3 x 54), with the NTM recipe's optimiser
# (Graves' RMSprop 1e-4, one sequence at a time) instead of DL4J's RMSprop 1e-3 at minibatch 16; seed 1, 60 minutes
# or 150,000 sequences; checkpoints ranked by validation cost. Started when the first two runs of the other arm's
# sweep had finished, beside its third.
cd "$(dirname "$0")"
while [ $(ls -d /work/runs/lstm-ngrams/out/ngrams-lstm-3x54/ngrams-*/seed*-data* 2>/dev/null | wc -l) -lt 2 ]; do sleep 20; done
date -u
OMP_NUM_THREADS=1 java -jar ntm4j.jar train --task ngrams --baseline lstm --lstm-units 54 --batch 1 --updater graves \
    --lr 1e-4 --lr-drop off --target-bit-errors off --select-by cost --max-sequences 150000 --minutes 60 --seed 1 \
    --out lstm-3x54-graves-seed1.zip
date -u
