#!/bin/sh
# repeat copy with copy-1-5's recipe (LSTM controller, Graves' RMSprop 1e-3 at minibatch 1, ReLU keys and adds,
# rate drop 0.1 at the target) and the curriculum over repeats; ARM=init: from the shipped copy-1-5 model's weights
# usage: run.sh SEED ARM(init|scratch)
S=$1; A=$2
cd /work/runs/rc-screen
I=""; [ "$A" = init ] && I="--init-from copy-1-5.zip"
OMP_NUM_THREADS=1 exec java -jar ntm4j.jar train --task repeat-copy --controller lstm --updater graves --lr 1e-3 \
  --batch 1 --key-activation relu --add-activation relu --lr-drop 0.1 --curriculum 1 --max-sequences 150000 \
  --minutes 60 --seed $S $I --out rc-$A-seed$S.zip > rc-$A-seed$S.out 2>&1
