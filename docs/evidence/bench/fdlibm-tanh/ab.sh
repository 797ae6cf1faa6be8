#!/bin/bash
# A/B of tanh: math.jar = c1e197a with Math.tanh put back (the only difference), fdlibm.jar = c1e197a.
# Alternating, three rounds, run with nothing else training.
export OMP_NUM_THREADS=1
cd /work/abrun
while [ ! -f /work/cb2/b.done ]; do sleep 10; done
for round in 1 2 3; do
  for j in math fdlibm; do
    echo "### round=$round jar=$j controller=lstm"
    java -jar $j.jar bench --controller lstm --paths fused --batches 1,16 --seconds 4 --inference-length 120
    echo "### round=$round jar=$j controller=ff"
    java -jar $j.jar bench --paths fused --batches 1 --seconds 4 --inference-length 120
  done
done > tanh-ab.txt 2>&1
echo done > ab.done
