#!/bin/sh
# Repeat copy, development screen (dev test seed 31337 only): the recipe (from the shipped copy-1-5 model) with a
# second read head (--read-heads 2) at rate LR, seeds as given; each run then evaluated on development sequences.
# usage: run.sh NAME LR SEED...
export OMP_NUM_THREADS=1
name=$1; LR=$2; shift 2
for S in "$@"; do
  d=/work/runs/rc-2read/$name-s$S; mkdir -p $d; cd $d
  [ -f model.zip ] || {
    echo "# java -jar ntm4j.jar train --task repeat-copy --read-heads 2 --lr $LR --seed $S --checkpoint-every 5000 --out model.zip" > train.out
    java -jar ../ntm4j.jar train --task repeat-copy --read-heads 2 --lr $LR --seed $S --checkpoint-every 5000 --out model.zip >> train.out 2>&1
  }
  [ -s eval-dev.txt ] || java -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 5,8,10 --repeats 1,5,10 --examples 50 --seed 31337 > eval-dev.txt 2>&1
  echo "$name-s$S $(python3 /work/runs/rc-beyond/summ.py eval-dev.txt)"
done
