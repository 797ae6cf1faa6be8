#!/bin/bash
# copies the runs' outputs into docs/evidence/ngrams-300k, each eval output headed by its command
E=/work/main/docs/evidence/ngrams-300k
mkdir -p $E
cd /work/runs/ngrams-300k
cp run.sh stage2.sh eval-test.sh after.sh eval100k.sh snap100k.py $E/
for S in ${*:-14 15 16}; do
  cp seed$S.jsonl $E/stage1-seed$S.jsonl; cp train$S.out $E/stage1-seed$S.out
  [ -f stage2-seed$S.jsonl ] && cp stage2-seed$S.jsonl stage2-seed$S.out $E/
  for f in stage*-seed$S-validation-of-*.txt; do
    M=$(echo $f | sed -E 's/^stage1-100k-seed([0-9]+).*/seed\1-100k.zip/; s/^stage1-seed([0-9]+).*/seed\1.zip/; s/^stage2-seed([0-9]+).*/stage2-seed\1.zip/')
    V=$(echo $f | sed -E 's/.*validation-of-([0-9]+).txt/\1/')
    (echo "# java -jar ntm4j.jar eval --model $M --task ngrams --validation-of $V"; cat $f) > $E/$f
  done
  for f in ngrams-*-seed$S-test*.txt; do
    T=$(echo $f | sed -E 's/.*-test([0-9]+).txt/\1/')
    case $f in ngrams-100k-stage1*) M=seed$S-100k.zip;; ngrams-300k-stage1*) M=seed$S.zip;; ngrams-300k-stage2*) M=stage2-seed$S.zip;; esac
    N=${f%.txt}
    (echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $M --task ngrams --lengths 50,200,400 --examples 100 --seed $T --csv $N.csv --force"; cat $f) > $E/$f
    cp $N.csv $N-above-optimal.csv $E/ 2>/dev/null
  done
done
ls $E | wc -l
