#!/bin/bash
# fresh2.sh SEED...: the next candidate (the same arm at 1e-3, chosen on development seeds 2-5) on fresh seeds, held out
cd /work/runs/rc-beyond
while [ ! -f drop-nocur-lr3e-4-s5/done ]; do sleep 5; done
for s in "$@"; do CUR=off DROP=0.1 TGT=0.01 MAXS=30000 ./heldout.sh drop-nocur-lr1e-3 $s 1e-3; done
