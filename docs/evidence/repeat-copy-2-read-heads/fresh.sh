#!/bin/sh
# fresh.sh LR SEED...: the recipe with a second read head (--read-heads 2) at rate LR on fresh seeds, then each model
# held out on the test seeds 987654 and 424242: lengths 3-15 at repeats 1-5 (200 per seed), and lengths x repeats
# (100 per seed), as the recipe's fresh seeds were (docs/evidence/repeat-copy-from-copy-1-5/heldout.sh)
export OMP_NUM_THREADS=1
LR=$1; shift
for S in "$@"; do
  d=/work/runs/rc-2read/fresh-r2-lr$LR-s$S; mkdir -p $d; cd $d
  [ -f model.zip ] || {
    echo "# java -jar ntm4j.jar train --task repeat-copy --read-heads 2 --lr $LR --seed $S --checkpoint-every 5000 --out model.zip" > train.out
    java -jar ../ntm4j.jar train --task repeat-copy --read-heads 2 --lr $LR --seed $S --checkpoint-every 5000 --out model.zip >> train.out 2>&1
  }
  for ts in 987654 424242; do
    o=heldout-lengths-$ts.txt
    [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,6,8,10,12,15 --examples 200 --seed $ts; } > $o 2>&1
    o=heldout-repeats-$ts.txt
    [ -s $o ] || { echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts"; java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 3,5,8,10,15,20 --repeats 1,5,6,8,10 --examples 100 --seed $ts; } > $o 2>&1
  done
  touch heldout-done
done
