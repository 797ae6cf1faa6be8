#!/bin/sh
# waits for stage 1 of seed S to end, then stage 2 and every evaluation
S=$1
cd /work/runs/ngrams-300k
while pgrep -f "seed $S --max-sequences 300000" > /dev/null; do sleep 20; done
./stage2.sh $S
./eval-test.sh seed$S.zip ngrams-300k-stage1-seed$S
./eval-test.sh stage2-seed$S.zip ngrams-300k-stage2-seed$S
echo done > after-seed$S.done
