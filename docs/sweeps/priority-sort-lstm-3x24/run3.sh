#!/bin/bash
# Seed 3 of the same LSTM-baseline sweep, beside seed 2 (same --out, so the final sweep --seeds 1-3 skips all three
# and writes the table).
export OMP_NUM_THREADS=1
cd /work/sortlstm
java -Xmx2g -jar ntm4j.jar sweep --task priority-sort --baseline lstm --lstm-units 24 --batch 16 --updater rmsprop \
  --lr 1e-3 --lr-drop off --max-sequences 200000 --minutes 60 --seeds 3 --lengths 10,20,30,40 --master 'local[1]' \
  --out out/priority-sort-lstm-3x24 > sweep3.out 2>&1
echo done > done3
