#!/bin/sh
# the recipe's first stage (the best checkpoint of the first 100,000 sequences): eval100k.sh [SEED...] (default 14 15)
cd /work/runs/ngrams-300k
export OMP_NUM_THREADS=1
for S in ${*:-14 15}; do
  java -jar ntm4j.jar eval --model seed$S-100k.zip --task ngrams --validation-of $S > stage1-100k-seed$S-validation-of-$S.txt 2>&1
  ./eval-test.sh seed$S-100k.zip ngrams-100k-stage1-seed$S
done
