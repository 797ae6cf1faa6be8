#!/bin/bash
# fresh.sh SEED...: the chosen arm (from copy-1-5, whole range, rate drop 0.1 at the target, 30,000 sequences) on fresh seeds, held out
cd /work/runs/rc-beyond
for s in "$@"; do CUR=off DROP=0.1 TGT=0.01 MAXS=30000 ./heldout.sh drop-nocur $s 3e-4; done
