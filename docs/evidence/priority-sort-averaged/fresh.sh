#!/bin/sh
# fresh.sh F: the run of `train --task priority-sort --seed F --out RUNS/run-F/model.zip` (the recipe: three starts,
# the second stage averaged from 50,000 sequences on), laid out here as fresh/run-F-(F+1)-(F+2)/ and judged as the
# paired runs were: the average (model.zip) and the checkpoint chosen on validation (model.checkpoint.zip), each
# calibrated on the 1,000 calibration sequences (seed 31415) and evaluated on the held-out test seeds, 100 sequences
# per seed at 10-40 inputs and 1,000 at 20, as trained and calibrated.
# usage: J=ntm4j.jar RUNS=/path fresh.sh F
cd "$(dirname "$0")"
J=${J:-ntm4j.jar}
RUNS=${RUNS:-/work/runs/fresh}
export OMP_NUM_THREADS=1
F=$1; D=$RUNS/run-$F; R=fresh/run-$F-$((F + 1))-$((F + 2))
mkdir -p $R
cp $D/train.txt $D/model.jsonl $D/model.stage1.jsonl $R/
for i in 1 2 3; do cp $D/model.start$i.jsonl $R/start$i.jsonl; done
grep -E "^start [0-9]|is best on validation" $D/train.txt > $R/choice.txt
for kind in averaged checkpoint; do
  m=$D/model.zip; [ $kind = checkpoint ] && m=$D/model.checkpoint.zip
  c=$D/$kind-calibrated.zip
  { echo "# java -jar ntm4j.jar calibrate --model $(basename $m) --out $kind-calibrated.zip"
    java -jar $J calibrate --model $m --out $c --force 2>&1; } > $R/calibrate-$kind.txt
  for T in 987654 424242; do
    for f in $m $c; do
      k=$kind; [ $f = $c ] && k=$kind-calibrated
      for spec in "10,20,30,40 100" "20 1000"; do
        set -- $spec
        out=$R/$k-$(echo $1 | tr , -)-$2-$T
        { echo "# java -jar ntm4j.jar eval --model $(basename $f) --task priority-sort --lengths $1 --examples $2 --seed $T --csv $(basename $out).csv"
          java -jar $J eval --model $f --task priority-sort --lengths $1 --examples $2 --seed $T --csv $out.csv --force 2>&1; } > $out.txt
      done
    done
  done
done
