#!/bin/sh
# the recipe in full on seed S: its second stage from the best checkpoint of the first 100,000 sequences
S=$1
cd /work/runs/ngrams-300k
export OMP_NUM_THREADS=1
java -jar ntm4j.jar train --task ngrams --resume seed$S-100k.zip --lr 1e-5 --seed $S --data-seed $((1000 + S)) \
  --max-sequences 50000 --out recipe-stage2-seed$S.zip > recipe-stage2-seed$S.out 2>&1
for V in $S $((1000 + S)); do
  java -jar ntm4j.jar eval --model recipe-stage2-seed$S.zip --task ngrams --validation-of $V > recipe-stage2-seed$S-validation-of-$V.txt 2>&1
done
./eval-test.sh recipe-stage2-seed$S.zip ngrams-100k-stage2-seed$S
echo done > control-seed$S.done
