#!/bin/bash
# Development screen for n-grams: does a longer second stage help the two seeds that missed the target?
# Seeds 13 and 11's second stage (1e-5, data seed 1000 + seed) continued exactly from its last checkpoint
# (50,000 sequences) to 150,000. Validation only: the cost above the Bayes-optimal predictor on the second
# stage's validation set (--validation-of 1000+seed) and the first stage's (--validation-of seed).
export OMP_NUM_THREADS=1
cd /work/ngcont
s=$1; waitfor=$2
while [ ! -f $waitfor ]; do sleep 10; done
java -Xmx2g -jar ntm4j.jar train --task ngrams --resume stage2-seed$s.last.zip --lr 1e-5 --seed $s \
  --data-seed $((1000+s)) --max-sequences 150000 --minutes 150 --out stage2-150k-seed$s.zip > stage2-150k-seed$s.out 2>&1
for m in stage2-seed$s.zip stage2-150k-seed$s.zip; do
  for v in $((1000+s)) $s; do
    echo "## $m --validation-of $v"
    java -jar ntm4j.jar eval --model $m --task ngrams --validation-of $v
  done
done > validation-seed$s.txt 2>&1
echo done > done-seed$s
