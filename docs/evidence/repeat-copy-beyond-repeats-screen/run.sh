#!/bin/bash
# run.sh NAME SEED [train options...]: one run of the development screen of repeat copy, then its evaluations on
# the development test seeds 31337 and 27182. Run from a directory holding ntm4j.jar; writes NAME/seedSEED/.
# The screen: run.sh recipe 3; run.sh drop 3 --lr-drop 0.1; run.sh 2read S --read-heads 2 for S = 2, 3, 4, 5
export OMP_NUM_THREADS=1
name=$1; seed=$2; shift 2
# the curriculum settings from fresh weights (train --task repeat-copy's recipe starts from the copy-1-5 model)
C="--init-from off --updater rmsprop --lr 1e-3 --batch 16 --controller ff --key-activation tanh --add-activation tanh --curriculum 1"
case " $* " in *" --lr-drop "*) ;; *) C="$C --lr-drop off";; esac
d=$name/seed$seed; mkdir -p $d
[ -f $d/model.zip ] && [ -f $d/done ] && exit 0
echo "# java -jar ntm4j.jar train --task repeat-copy --seed $seed --max-sequences 1000000 --minutes 90 $* --out model.zip" > $d/train.out
java -Xmx4g -jar ntm4j.jar train --task repeat-copy $C --seed $seed --max-sequences 1000000 --minutes 90 "$@" --out $d/model.zip >> $d/train.out 2>&1
for ts in 31337 27182; do
  echo "# java -jar ntm4j.jar eval --model model.zip --task repeat-copy --lengths 5,10 --repeats 5,6,8,10 --examples 50 --seed $ts" > $d/eval-$ts.txt
  java -Xmx4g -jar ntm4j.jar eval --model $d/model.zip --task repeat-copy --lengths 5,10 --repeats 5,6,8,10 --examples 50 --seed $ts >> $d/eval-$ts.txt 2>&1
done
touch $d/done
