#!/bin/bash
# Repeat copy beyond the trained repeats, development screen (dev test seeds 31337 / 27182 only):
# copy-1-5's recipe from the shipped copy-1-5 model at a lower rate, snapshots every 5,000 sequences
# usage: run.sh NAME SEED LR [more train options]
export OMP_NUM_THREADS=1
name=$1; S=$2; LR=$3; shift 3
d=/work/runs/rc-beyond/$name-s$S; mkdir -p $d; cd $d
echo "# java -jar ntm4j.jar train --task repeat-copy --controller lstm --updater graves --lr $LR --batch 1 --key-activation relu --add-activation relu --lr-drop ${DROP:-off} --target-bit-errors ${TGT:-off} --curriculum ${CUR:-1} --max-sequences ${MAXS:-60000} --minutes 120 --checkpoint-every ${CK:-5000} --seed $S --init-from copy-1-5.zip $* --out model.zip" > train.out
java -jar ../ntm4j.jar train --task repeat-copy --controller lstm --updater graves --lr $LR \
  --batch 1 --key-activation relu --add-activation relu --lr-drop ${DROP:-off} --target-bit-errors ${TGT:-off} --curriculum ${CUR:-1} --max-sequences ${MAXS:-60000} \
  --minutes 120 --checkpoint-every ${CK:-5000} --seed $S --init-from ../copy-1-5.zip "$@" --out model.zip >> train.out 2>&1 &
pid=$!
last=""
while kill -0 $pid 2>/dev/null; do
  sleep 5
  if [ -f model.last.zip ]; then
    m=$(stat -c %Y model.last.zip)
    if [ "$m" != "$last" ]; then
      sleep 2; last=$m
      n=$(grep -o '"sequences":[0-9]*' model.jsonl | tail -1 | cut -d: -f2)
      cp model.last.zip snap-$n.zip
    fi
  fi
done
touch done
