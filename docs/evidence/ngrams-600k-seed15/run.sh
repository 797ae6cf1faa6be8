#!/bin/sh
# n-grams, development arm: the recipe's first stage continued exactly from its 300,000-sequence last checkpoint
# (copied from ../ngrams-300k) to 600,000, to see on validation whether a longer first stage helps the slow seeds.
# usage: run.sh SEED   (resumes from seedS.last.zip)
S=$1
cd /work/runs/ngrams-600k
OMP_NUM_THREADS=1 exec java -jar ntm4j.jar train --task ngrams --seed $S --max-sequences 600000 --minutes 1000 \
  --out seed$S.zip --resume seed$S.last.zip >> train$S.out 2>&1
