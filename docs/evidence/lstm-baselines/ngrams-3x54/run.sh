#!/bin/bash
# The n-gram LSTM baseline, parameter-matched to the NTM recipe (58,213): 3 x 54 = 59,239 parameters,
# DL4J's RMSprop 1e-3 at minibatch 16 (the setting of the other LSTM baselines), 60 minutes or the NTM's
# 150,000 sequences, checkpoints ranked by validation cost as the NTM recipe's; seeds 1-3, two at a time.
cd "$(dirname "$0")"
OMP_NUM_THREADS=1 java -jar ntm4j.jar sweep --task ngrams --baseline lstm --lstm-units 54 --batch 16 \
    --updater rmsprop --lr 1e-3 --lr-drop off --target-bit-errors off --select-by cost \
    --max-sequences 150000 --minutes 60 --seeds 1-3 --lengths 50,200,400 --master 'local[2]' --out out/ngrams-lstm-3x54
