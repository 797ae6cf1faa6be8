#!/bin/sh
# Priority sort's recipe (train --task priority-sort's defaults) on fresh seeds 7-9, held out; rerun to resume.
cd /work/runs/fresh79
OMP_NUM_THREADS=1 java -Xmx2g -jar ntm4j.jar sweep --task priority-sort --seeds 7-9 --lengths 10,20,30,40 \
    --master 'local[3]' --out out/priority-sort-recipe-fresh
