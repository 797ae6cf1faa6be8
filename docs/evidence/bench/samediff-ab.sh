#!/bin/bash
# A/B: the SameDiff path of main (A, /tmp/sd-old) and of samediff-fast (B, /tmp/sd-new), alternating.
for round in 1 2; do
  for build in old new; do
    echo "=== round $round build $build $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd /tmp/sd-$build && OMP_NUM_THREADS=1 java -jar ntm4j.jar bench --paths samediff --batches 1,16,64 --samediff-iterations 6 2>&1 | grep -E "^path|^machine|^config")
  done
done
