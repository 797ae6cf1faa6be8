#!/bin/bash
# copies the runs' outputs from the run directory into docs/evidence/ngrams-600k, each eval output headed by its command
E=/work/main/docs/evidence/ngrams-600k
cd /work/runs/ngrams-600k-fresh
cp run.sh after.sh $E/
for S in ${*:-19 20 21}; do
  cp seed$S.stage1.jsonl $E/stage1-seed$S.jsonl; cp seed$S.jsonl $E/seed$S.jsonl; cp train$S.out $E/train$S.out
  for f in stage1-seed$S-validation-of-*.txt seed$S-validation-of-*.txt; do
    case $f in stage1-*) M=seed$S.stage1.zip;; *) M=seed$S.zip;; esac
    V=$(echo $f | sed -E 's/.*validation-of-([0-9]+).txt/\1/')
    (echo "# java -jar ntm4j.jar eval --model $M --task ngrams --validation-of $V"; cat $f) > $E/$f
  done
  for f in stage1-seed$S-test*.txt seed$S-test*.txt; do
    T=$(echo $f | sed -E 's/.*-test([0-9]+).txt/\1/')
    case $f in stage1-*) M=seed$S.stage1.zip;; *) M=seed$S.zip;; esac
    N=${f%.txt}
    (echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $M --task ngrams --lengths 50,200,400 --examples 100 --seed $T --csv $N.csv --force"; cat $f) > $E/$f
    cp $N.csv $N-above-optimal.csv $E/ 2>/dev/null
  done
done
ls $E | wc -l
