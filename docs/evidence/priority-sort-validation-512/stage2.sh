#!/bin/sh
# The recipe's second stage again from a run's first-stage best model, validated on N sequences instead of 64:
# the same training (the same data, updates and parameters at every step: validation does not touch them), another
# choice of the checkpoint kept. usage: stage2.sh SEED STAGE1_MODEL N OUTDIR  (SEED: the chosen start's seed = its data seed)
S=$1; M=$(readlink -f $2); N=$3; D=$4
J=$(readlink -f ${J:-ntm4j.jar})
mkdir -p $D
cd $D
OMP_NUM_THREADS=1 exec java -Xmx2g -jar $J train --task priority-sort --seed $S --data-seed $((S + 1000)) \
  --resume $M --lr 3e-5 --max-sequences 100000 --second-stage off --starts off --validation-sequences $N --out model.zip > train.txt 2>&1
