#!/bin/sh
# repeat copy from the shipped copy model (feed-forward controller, trained on lengths 1-20), with copy's recipe
# (Graves' RMSprop 1e-4 at minibatch 1, tanh keys and adds) and the curriculum over repeats
# usage: run-ff.sh SEED
S=$1; LR=${2:-1e-4}
cd /work/runs/rc-screen
OMP_NUM_THREADS=1 exec java -jar ntm4j.jar train --task repeat-copy --controller ff --updater graves --lr $LR \
  --batch 1 --key-activation tanh --add-activation tanh --curriculum 1 --max-sequences 40000 \
  --minutes 30 --seed $S --init-from copy.zip --out rc-ffcopy-lr$LR-seed$S.zip > rc-ffcopy-lr$LR-seed$S.out 2>&1
