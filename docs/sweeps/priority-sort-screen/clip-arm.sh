#!/bin/sh
# One arm of the priority-sort screen (docs/sweeps/priority-sort-screen): seeds 2-3, 80,000 sequences, development test seeds.
# usage: arm.sh NAME OPTIONS...
N=$1; shift
cd /work/runs/sort-clip
echo "### $N $*" > $N.out
OMP_NUM_THREADS=1 java -Xmx2g -jar jar/ntm4j.jar sweep --task priority-sort --seeds 2-3 --max-sequences 80000 --minutes 120 \
  --lengths 20 --test-seeds 31337,27182 --master 'local[1]' --out out/$N "$@" >> $N.out 2>&1
