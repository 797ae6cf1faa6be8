#!/bin/bash
# Screen: does training on longer at the reduced rate (1e-4) make more LSTM-controller copy-1-5 seeds hold to 120?
# Seeds 11-20's 50,000-sequence models (the held-out sweep's), resumed twice by 50,000 sequences each.
# Evaluated on DEVELOPMENT test seeds 31337 and 27182 only.
export OMP_NUM_THREADS=1
cd /work/cb
SRC=/work/conf15/out/copy-1-5-lstm-relu-lr1e-3/copy-c603de66
ev() { # model tag
  for t in 31337 27182; do
    java -Xmx1g -jar ntm4j.jar eval --model $1 --task copy --lengths 5,10,20,40,80,120 --examples 50 --seed $t \
      --csv out/$2-dev$t.csv > out/$2-dev$t.txt 2>&1
  done
}
one() { # seed
  S=$1
  mkdir -p out
  cp $SRC/seed$S-data$S/model.zip out/s$S-50k.zip
  ev out/s$S-50k.zip s$S-50k
  java -Xmx1g -jar ntm4j.jar train --task copy --resume out/s$S-50k.zip --lr 1e-4 --lr-drop 1 --seed $S \
     --data-seed $((2000+S)) --max-sequences 50000 --minutes 30 --out out/s$S-100k.zip > out/s$S-100k.out 2>&1
  ev out/s$S-100k.zip s$S-100k
  java -Xmx1g -jar ntm4j.jar train --task copy --resume out/s$S-100k.zip --lr 1e-4 --lr-drop 1 --seed $S \
     --data-seed $((3000+S)) --max-sequences 50000 --minutes 30 --out out/s$S-150k.zip > out/s$S-150k.out 2>&1
  ev out/s$S-150k.zip s$S-150k
}
lane() { for S in "$@"; do one $S; done; }
lane 11 13 15 17 19 > lane1.log 2>&1 &
lane 12 14 16 18 20 > lane2.log 2>&1 &
wait
echo finished > finished
