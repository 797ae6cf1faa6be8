#!/bin/sh
# n-grams, the recipe's first stage for 300,000 sequences instead of 100,000 (fresh seeds), resumable exactly
# usage: run.sh SEED   (resumes from seedN.last.zip if present)
S=$1
cd /work/runs/ngrams-300k
if [ -f seed$S.last.zip ]; then R="--resume seed$S.last.zip"; else R=""; fi
OMP_NUM_THREADS=1 exec java -jar ntm4j.jar train --task ngrams --seed $S --max-sequences 300000 --minutes 1000 \
  --out seed$S.zip $R >> train$S.out 2>&1
