#!/bin/sh
# Repeat copy, development screen (dev test seed 31337 only): the recipe with extra options, seeds as given;
# each run then evaluated on development sequences, as /work/runs/rc-2read/run.sh did.
# usage: run.sh NAME "OPTIONS" SEED...
export OMP_NUM_THREADS=1
name=$1; OPTS=$2; shift 2
for S in "$@"; do
  d=/work/runs/rc-clip/$name-s$S; mkdir -p $d; cd $d
  [ -f model.zip ] || {
    echo "# java -jar ntm4j.jar train --task repeat-copy $OPTS --seed $S --checkpoint-every 5000 --out model.zip" > train.out
    java -Xmx2g -jar ../ntm4j.jar train --task repeat-copy $OPTS --seed $S --checkpoint-every 5000 --out model.zip >> train.out 2>&1
  }
  [ -s eval-dev.txt ] || java -Xmx2g -jar ../ntm4j.jar eval --model model.zip --task repeat-copy --lengths 5,8,10 --repeats 1,5,10 --examples 50 --seed 31337 > eval-dev.txt 2>&1
  echo "$name-s$S $(python3 /work/runs/rc-beyond/summ.py eval-dev.txt)"
done
