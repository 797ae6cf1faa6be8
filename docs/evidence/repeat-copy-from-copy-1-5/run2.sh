#!/bin/bash
# The arm "from copy-1-5, whole range, stop at the target": copy-1-5's recipe settings (LSTM controller, Graves' RMSprop
# at minibatch 1, ReLU keys and adds) at 3e-4, from the shipped copy-1-5 model, no curriculum, training stops when the
# 64 validation sequences (3-5 vectors, 1-5 repeats) reach 0.01 wrong bits per sequence, within 60,000 sequences.
# usage: run2.sh SEED   -> stop-s$SEED/
export OMP_NUM_THREADS=1
S=$1; d=/work/runs/rc-beyond/stop-s$S; mkdir -p $d; cd $d
[ -f done ] && exit 0
cmd="train --task repeat-copy --controller lstm --updater graves --lr 3e-4 --batch 1 --key-activation relu --add-activation relu --lr-drop off --target-bit-errors 0.01 --curriculum off --max-sequences 60000 --minutes 120 --seed $S --init-from copy-1-5.zip --out model.zip"
echo "# java -jar ntm4j.jar $cmd" > train.out
java -jar ../ntm4j.jar ${cmd/copy-1-5.zip/..\/copy-1-5.zip} >> train.out 2>&1
touch done
