#!/bin/bash
# Priority sort: DL4J's 3-layer LSTM, parameter-matched to the NTM (3 x 24 against the NTM's 13,360), seeds 1-3,
# DL4J's RMSprop 1e-3 at minibatch 16, the NTM recipe's 200,000 sequences or 60 minutes, held-out test seeds.
export OMP_NUM_THREADS=1
cd /work/sortlstm
while [ ! -f /tmp/s31/done ]; do sleep 10; done
java -Xmx2g -jar ntm4j.jar sweep --task priority-sort --baseline lstm --lstm-units 24 --batch 16 --updater rmsprop \
  --lr 1e-3 --lr-drop off --max-sequences 200000 --minutes 60 --seeds 1-3 --lengths 10,20,30,40 --master 'local[1]' \
  --out out/priority-sort-lstm-3x24 > sweep.out 2>&1
echo done > done
