#!/bin/sh
# A third stage for the shipped priority-sort model: minibatch B at rate R from its weights and Graves-RMSprop state,
# on fresh data (data seed 2011, validation from 2012). usage: polish.sh NAME B R SEQUENCES
export OMP_NUM_THREADS=1
cd /work/runs/sort-polish
N=$1; B=$2; R=$3; S=$4
echo "# java -jar ntm4j.jar train --task priority-sort --resume shipped.zip --batch $B --lr $R --seed 11 --data-seed 2011 --max-sequences $S --minutes 90 --out $N.zip" > $N.out
java -Xmx2g -jar ntm4j.jar train --task priority-sort --resume shipped.zip --batch $B --lr $R --seed 11 --data-seed 2011 --max-sequences $S --minutes 90 --out $N.zip >> $N.out 2>&1
