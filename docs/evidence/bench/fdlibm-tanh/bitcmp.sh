#!/bin/bash
# Trains the same runs with two builds and compares the model files' parameters and updater state byte for byte.
cd "$(dirname "$0")"  # old.jar: the build before (f7f074e), new.jar: the build after (c1e197a)
for j in old new; do
  OMP_NUM_THREADS=1 java -jar $j.jar train --task copy --seed 1 --max-sequences 3000 --target-bit-errors off --lr-drop off --out $j-ff.zip > $j-ff.out 2>&1
  OMP_NUM_THREADS=1 java -jar $j.jar train --task copy --seed 4 --controller ff --key-activation tanh --add-activation tanh --max-sequences 3000 --target-bit-errors off --lr-drop off --out $j-tanh.zip > $j-tanh.out 2>&1
  OMP_NUM_THREADS=1 java -jar $j.jar train --task copy --seed 2 --controller lstm --read-heads 2 --write-heads 2 --max-sequences 2000 --target-bit-errors off --lr-drop off --out $j-lstm.zip > $j-lstm.out 2>&1
  OMP_NUM_THREADS=1 java -jar $j.jar train --task copy --seed 3 --batch 16 --updater rmsprop --lr 1e-3 --max-sequences 3200 --target-bit-errors off --lr-drop off --out $j-b16.zip > $j-b16.out 2>&1
done
for m in ff tanh lstm b16; do
  for e in coefficients.bin updaterState.bin; do
    if cmp -s <(unzip -p old-$m.zip $e) <(unzip -p new-$m.zip $e); then echo "$m $e identical"; else echo "$m $e DIFFERENT"; fi
  done
  # the last checkpoints too (model.last.zip)
  if cmp -s <(unzip -p old-$m.last.zip coefficients.bin) <(unzip -p new-$m.last.zip coefficients.bin); then echo "$m last identical"; else echo "$m last DIFFERENT"; fi
  tail -1 old-$m.out; tail -1 new-$m.out
done
