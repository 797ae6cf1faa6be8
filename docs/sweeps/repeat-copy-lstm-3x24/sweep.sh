#!/bin/sh
# repeat copy: DL4J's LSTM, parameter-matched (3 x 24, 12,993 parameters against the NTM's 13,481), the NTM's recipe
# (DL4J's RMSprop 1e-3, minibatch 16, the curriculum, the 30-minute budget): sweep.sh SEEDS
cd /work/runs/rc-lstm
OMP_NUM_THREADS=1 exec java -jar /work/runs/rc-lstm/bin/ntm4j.jar sweep --task repeat-copy --baseline lstm --lstm-units 24 \
  --seeds $1 --lengths 3,5,6,8,10,12,15 --master 'local[1]' --out sweeps/repeat-copy-lstm-3x24
