#!/bin/bash
# heldout.sh NAME SEED LR [options]: one run of an arm (run.sh), then its held-out evaluations
# on the test seeds 987654 and 424242: lengths 3-15 at repeats 1-5 (200 per seed), and lengths x repeats (100 per seed)
export OMP_NUM_THREADS=1
name=$1; S=$2
cd /work/runs/rc-beyond
[ -f $name-s$S/done ] || ./run.sh "$@"
cd $name-s$S
for ts in 987654 424242; do
  o=heldout-lengths-$ts.txt
  [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts; } > $o 2>&1
  o=heldout-repeats-$ts.txt
  [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
done
touch heldout-done
