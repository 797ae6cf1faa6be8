#!/bin/sh
cd /work/runs/avg
E=/work/main/docs/evidence/priority-sort-averaged/evals.sh
for p in "23 /work/runs/ms3/run-22/model.stage1.zip" "26 /work/runs/ms3/run-25/model.stage1.zip" "28 /work/runs/ms3/run-28/model.stage1.zip"; do
  set -- $p
  [ -f s$1/model.averaged.zip ] || J=ntm4j.jar ./stage2.sh $1 $2 s$1
  J=/work/runs/avg/ntm4j.jar $E $1
  echo "done $1 $(date)" >> chain.log
done
