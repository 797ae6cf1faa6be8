#!/bin/sh
# The recipe's second stage again from a run's first-stage best model, with the parameters of its validations from
# 50,000 sequences on averaged (--average-from 50000): the same training and the same checkpoint kept as the recipe's
# run (validation and averaging do not touch the parameters), and beside it model.averaged.zip, the mean of the 51
# validations' parameters from 50,000 to 100,000 sequences.
# usage: stage2.sh SEED STAGE1_MODEL OUTDIR  (SEED: the chosen start's seed = its data seed)
S=$1; M=$(readlink -f $2); D=$3
J=$(readlink -f ${J:-ntm4j.jar})
mkdir -p $D
cd $D
OMP_NUM_THREADS=1 exec java -Xmx2g -jar $J train --task priority-sort --seed $S --data-seed $((S + 1000)) \
  --resume $M --lr 3e-5 --max-sequences 100000 --second-stage off --starts off --average-from 50000 --out model.zip > train.txt 2>&1
