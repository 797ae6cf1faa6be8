#!/bin/sh
cd /work/runs/avg
E=/work/main/docs/evidence/priority-sort-averaged/evals.sh
for p in "21 /work/runs/ms2/run-19/model.stage1.zip" "14 /work/runs/ms/run-13-14-15/seed14/run.stage1.zip" "18 /work/runs/ms/run-16-17-18/seed18/run.stage1.zip" "11 /work/runs/ms/run-10-11-12/seed11/run.stage1.zip"; do
  set -- $p
  [ -f s$1/model.averaged.zip ] || J=ntm4j.jar ./stage2.sh $1 $2 s$1
  J=/work/runs/avg/ntm4j.jar $E $1
  echo "done $1 $(date)" >> chain.log
done
