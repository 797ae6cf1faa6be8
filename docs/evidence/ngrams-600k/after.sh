#!/bin/sh
# after run.sh S (a first stage of 600,000 sequences, then the recipe's second stage): validation of both stages,
# then the final model held out on the test seeds as docs/evidence/ngrams-300k/eval-test.sh does
S=$1
cd /work/runs/ngrams-600k-fresh
while pgrep -f "seed $S --max-sequences 600000" > /dev/null; do sleep 30; done
[ -f seed$S.zip ] && grep -q '"event":"stop"' seed$S.jsonl || { echo "seed $S has not finished"; exit 1; }
J="java -jar ntm4j.jar"
export OMP_NUM_THREADS=1
for V in $S $((1000 + S)); do
  $J eval --model seed$S.stage1.zip --task ngrams --validation-of $V > stage1-seed$S-validation-of-$V.txt 2>&1
  $J eval --model seed$S.zip --task ngrams --validation-of $V > seed$S-validation-of-$V.txt 2>&1
done
for T in 987654 424242; do
  $J eval --model seed$S.stage1.zip --task ngrams --lengths 50,200,400 --examples 100 --seed $T \
    --csv stage1-seed$S-test$T.csv --force > stage1-seed$S-test$T.txt 2>&1
  $J eval --model seed$S.zip --task ngrams --lengths 50,200,400 --examples 100 --seed $T \
    --csv seed$S-test$T.csv --force > seed$S-test$T.txt 2>&1
done
echo done > after-seed$S.done
