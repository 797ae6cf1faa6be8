#!/bin/bash
E=/work/main/docs/evidence/ngrams-300k
cd /work/runs/ngrams-300k
cp control.sh eval100k.sh $E/
for S in ${*:-14 15 16}; do
cp recipe-stage2-seed$S.out recipe-stage2-seed$S.jsonl $E/
for V in $S $((1000 + S)); do
  (echo "# java -jar ntm4j.jar eval --model recipe-stage2-seed$S.zip --task ngrams --validation-of $V"; cat recipe-stage2-seed$S-validation-of-$V.txt) > $E/recipe-stage2-seed$S-validation-of-$V.txt
done
for T in 987654 424242; do
  N=ngrams-100k-stage2-seed$S-test$T
  (echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model recipe-stage2-seed$S.zip --task ngrams --lengths 50,200,400 --examples 100 --seed $T --csv $N.csv --force"; cat $N.txt) > $E/$N.txt
  cp $N.csv $N-above-optimal.csv $E/
done
done
