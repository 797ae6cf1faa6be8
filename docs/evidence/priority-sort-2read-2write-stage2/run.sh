#!/bin/bash
# run.sh N: the second stage for seed N of sweeps/priority-sort-2read-2write-lr3e-4, and its evaluations.
# The sweep's model of seed N (its best checkpoint on validation) trained on at a tenth of the rate, 3e-5, on fresh
# data (data seed 1000 + N), 100,000 sequences; then both stages' models on both validation sets and on the
# held-out test seeds. Run from a directory holding ntm4j.jar (and spark-lib/) and the sweep's output in out/.
set -e
export OMP_NUM_THREADS=1
n=$1
m=out/priority-sort-2read-2write-lr3e-4/priority-sort-c8ca7bfd/seed$n-data$n/model.zip
mkdir -p stage2
cp $m stage2/stage1-seed$n.zip
cd stage2
java -jar ../ntm4j.jar train --task priority-sort --resume stage1-seed$n.zip --lr 3e-5 --seed $n \
    --data-seed $((1000 + n)) --max-sequences 100000 --minutes 120 --out stage2-seed$n.zip > stage2-seed$n.out 2>&1
for k in 1 2; do
  for v in $n $((1000 + n)); do
    java -jar ../ntm4j.jar eval --model stage$k-seed$n.zip --task priority-sort --validation-of $v \
        > stage$k-seed$n-validation-of-$v.txt 2>&1
  done
  for t in 987654 424242; do
    java -jar ../ntm4j.jar eval --model stage$k-seed$n.zip --task priority-sort --lengths 10,20,30,40 \
        --examples 100 --seed $t > eval-stage$k-seed$n-test$t.txt 2>&1
  done
done
