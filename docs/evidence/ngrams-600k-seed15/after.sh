#!/bin/sh
# after the 600,000-sequence first stage of seed S (run.sh S): the recipe's second stage as ngrams-300k/stage2.sh makes
# it, then the validation evaluations only (development arm: no test seed)
S=$1
cd /work/runs/ngrams-600k
while pgrep -f "seed $S --max-sequences 600000" > /dev/null; do sleep 20; done
J="java -jar ntm4j.jar"
export OMP_NUM_THREADS=1
$J eval --model seed$S.zip --task ngrams --validation-of $S > stage1-seed$S-validation-of-$S.txt 2>&1
$J eval --model seed$S.zip --task ngrams --validation-of $((1000 + S)) > stage1-seed$S-validation-of-$((1000 + S)).txt 2>&1
$J train --task ngrams --resume seed$S.zip --lr 1e-5 --seed $S --data-seed $((1000 + S)) --max-sequences 50000 \
  --out stage2-seed$S.zip > stage2-seed$S.out 2>&1
for V in $S $((1000 + S)); do
  $J eval --model stage2-seed$S.zip --task ngrams --validation-of $V > stage2-seed$S-validation-of-$V.txt 2>&1
done
echo done > after-seed$S.done
