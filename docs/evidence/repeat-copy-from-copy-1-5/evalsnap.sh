#!/bin/bash
# evalsnap.sh DIR: evaluate each snapshot (and model.zip) of a run on dev seed 31337 at lengths 5,8,10 x repeats 1,5,10
# prints "snap  5x1 5x5 5x10 8x1 8x5 8x10 10x1 10x5 10x10" as mean bit errors (perfect%)
export OMP_NUM_THREADS=1
cd /work/runs/rc-beyond/$1
for f in $(ls snap-*.zip 2>/dev/null | sort -t- -k2 -n) ; do
  o=eval-${f%.zip}.txt
  [ -s $o ] || java -jar ../ntm4j.jar eval --model $f --task repeat-copy --lengths 5,8,10 --repeats 1,5,10 --examples 50 --seed 31337 > $o 2>&1
  python3 ../summ.py $o
done
