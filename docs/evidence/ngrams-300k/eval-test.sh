#!/bin/sh
# held-out evaluation of a model: eval-test.sh MODEL NAME
cd /work/runs/ngrams-300k
export OMP_NUM_THREADS=1
for T in 987654 424242; do
  java -jar ntm4j.jar eval --model $1 --task ngrams --lengths 50,200,400 --examples 100 --seed $T \
    --csv $2-test$T.csv --force > $2-test$T.txt 2>&1
done
