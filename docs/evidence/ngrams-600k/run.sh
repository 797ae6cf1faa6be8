#!/bin/sh
# n-grams, the candidate recipe: a first stage of 600,000 sequences, then the recipe's second stage (50,000 at 1e-5),
# on fresh seeds (19, 20, ...), to be held out when done. Resumes from the last checkpoint of either stage if there is one.
# usage: run.sh SEED
S=$1
cd /work/runs/ngrams-600k-fresh
R=""
[ -f seed$S.stage1.last.zip ] && R="--resume seed$S.stage1.last.zip"
[ -f seed$S.last.zip ] && R="--resume seed$S.last.zip"
OMP_NUM_THREADS=1 exec java -Xmx2g -jar ntm4j.jar train --task ngrams --seed $S --max-sequences 600000 --minutes 1000 \
  --out seed$S.zip $R >> train$S.out 2>&1
