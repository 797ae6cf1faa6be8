#!/bin/sh
# Lays the run of `train --task priority-sort --seed F --out RUNS/run-F/model.zip` (the recipe, --starts 3@40000)
# out as run.sh's runs are, for evals.sh and table.py: RUNS/run-F-(F+1)-(F+2)/seedS/run.zip -> the run's model, and
# here run-F-(F+1)-(F+2)/ with its choice, its output and its logs. usage: RUNS=/path layout.sh F
set -e
cd "$(dirname "$0")"
RUNS=${RUNS:-/work/runs/ms3}
F=$1; A=$((F + 1)); B=$((F + 2))
T=$RUNS/run-$F/train.txt
S=$(sed -n 's/^start \([0-9]\) (seed \([0-9]*\), .*is best on validation.*/\2/p' $T)
R=run-$F-$A-$B
mkdir -p $RUNS/$R/seed$S $R
ln -sf $RUNS/run-$F/model.zip $RUNS/$R/seed$S/run.zip
echo "chosen: seed $S" > $R/chosen.txt
grep -E "^start [0-9]|is best on validation" $T > $R/choice.txt
cp $T $R/train.txt
i=1; for s in $F $A $B; do mkdir -p $R/seed$s; cp $RUNS/run-$F/model.start$i.jsonl $R/seed$s/start.jsonl; i=$((i + 1)); done
cp $RUNS/run-$F/model.stage1.jsonl $R/seed$S/run.stage1.jsonl
cp $RUNS/run-$F/model.jsonl $R/seed$S/run.jsonl
echo "chosen $S"
