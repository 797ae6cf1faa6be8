#!/bin/bash
export OMP_NUM_THREADS=1
cd /work/ngstage2
for s in 11 12 13; do
  java -Xmx2g -jar /work/ngstage2/ntm4j.jar train --task ngrams --resume stage1-seed$s.zip --lr 1e-5 --seed $s --data-seed $((1000+s)) --max-sequences 50000 --out stage2-seed$s.zip > stage2-seed$s.out 2>&1 &
done
wait
echo done > run.done
