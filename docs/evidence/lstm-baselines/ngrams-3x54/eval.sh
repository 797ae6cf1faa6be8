#!/bin/bash
# Held-out evaluation of the n-gram LSTM baseline's runs (paired against the Bayes-optimal predictor, 100 sequences per
# length and test seed, as the NTM's tables), and each run's cost above the optimum on its own validation set.
cd "$(dirname "$0")"
DIR=$(ls -d out/ngrams-lstm-3x54/ngrams-*/ | head -1)
mkdir -p evals
for s in "$@"; do
  m=$DIR/seed$s-data$s/model.zip
  for t in 987654 424242; do
    echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task ngrams --lengths 50,200,400 --examples 100 --seed $t --csv evals/lstm-3x54-seed$s-test$t.csv --force" > evals/lstm-3x54-seed$s-test$t.txt
    OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task ngrams --lengths 50,200,400 --examples 100 --seed $t \
        --csv evals/lstm-3x54-seed$s-test$t.csv --force >> evals/lstm-3x54-seed$s-test$t.txt 2>&1
  done
  echo "# OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task ngrams --validation-of $s" > evals/lstm-3x54-seed$s-validation.txt
  OMP_NUM_THREADS=1 java -jar ntm4j.jar eval --model $m --task ngrams --validation-of $s >> evals/lstm-3x54-seed$s-validation.txt 2>&1
done
