#!/bin/sh
# Side by side: the n-gram recipe for 6,000 sequences, ND4J's periodic collection off (gcWindowMillis=0) and at its
# default (30 s, Nd4jGarbage in the Trainer), both with Java's default heap; resident memory sampled every 30 s.
cd /work/runs/gc-window
export OMP_NUM_THREADS=1
for W in 0 30000; do
  java -Dntm4j.gcWindowMillis=$W -jar ntm4j.jar train --task ngrams --seed 5 --max-sequences 6000 --second-stage off \
    --out w$W.zip > train-w$W.out 2>&1 &
  echo $! > pid-w$W
done
sleep 2
while kill -0 $(cat pid-w0) 2>/dev/null || kill -0 $(cat pid-w30000) 2>/dev/null; do
  echo "$(date +%s) $(ps -o rss= -p $(cat pid-w0) 2>/dev/null || echo -) $(ps -o rss= -p $(cat pid-w30000) 2>/dev/null || echo -)" >> rss.txt
  sleep 30
done
