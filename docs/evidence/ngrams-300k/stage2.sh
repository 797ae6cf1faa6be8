#!/bin/sh
# after stage 1 (run.sh S): the recipe's second stage (1e-5, 50,000 sequences of fresh data, data seed 1000 + S)
# from stage 1's best checkpoint, then the evaluations (validation sets of both stages; held-out test seeds)
S=$1
cd /work/runs/ngrams-300k
J="java -jar ntm4j.jar"
export OMP_NUM_THREADS=1
$J eval --model seed$S.zip --task ngrams --validation-of $S > stage1-seed$S-validation-of-$S.txt 2>&1
$J train --task ngrams --resume seed$S.zip --lr 1e-5 --seed $S --data-seed $((1000 + S)) --max-sequences 50000 \
  --out stage2-seed$S.zip > stage2-seed$S.out 2>&1
for K in 1 2; do
  M=seed$S.zip; [ $K = 2 ] && M=stage2-seed$S.zip
  for V in $S $((1000 + S)); do
    [ $K = 1 ] && [ $V = $S ] && continue
    $J eval --model $M --task ngrams --validation-of $V > stage$K-seed$S-validation-of-$V.txt 2>&1
  done
done
echo done > stage2-seed$S.done
