#!/usr/bin/env bash
# Multi-start priority sort: for each run, K starts (seeds) of the recipe to START sequences, then the start with the
# lowest best validation bit errors (the lower seed on a tie) goes on to the recipe's end, exactly as if never stopped.
# Usage: run.sh SEED1 SEED2 SEED3   (one run; its directory is named by the seeds)
set -euo pipefail
export OMP_NUM_THREADS=1
J=${J:-ntm4j.jar}
START=${START:-40000}
dir=run-$(IFS=-; echo "$*")
mkdir -p "$dir"
for s in "$@"; do
  [ -f "$dir/seed$s/start.last.zip" ] && grep -q '"event":"stop"\|"event":"done"' "$dir/seed$s/start.jsonl" 2>/dev/null && continue
  java -Xmx2g -jar "$J" train --task priority-sort --seed "$s" --max-sequences "$START" --second-stage off \
    --out "$dir/seed$s/start.zip" --log "$dir/seed$s/start.jsonl" > "$dir/seed$s.start.txt" 2>&1
done
best=$(python3 - "$dir" "$@" <<'PY'
import json, sys
d, seeds = sys.argv[1], sys.argv[2:]
scores = []
for s in seeds:
    b = min(json.loads(l)['bit_errors_per_seq'] for l in open(f'{d}/seed{s}/start.jsonl')
            if json.loads(l)['event'] == 'validation')
    scores.append((b, int(s)))
    print(f'seed {s}: best validation by the start budget {b:.3f}', file=sys.stderr)
print(min(scores)[1])
PY
) 2> "$dir/choice.txt"
echo "chosen: seed $best" | tee "$dir/chosen.txt"
cp "$dir/seed$best/start.zip" "$dir/seed$best/run.stage1.zip"
java -Xmx2g -jar "$J" train --task priority-sort --seed "$best" --resume "$dir/seed$best/start.last.zip" \
  --out "$dir/seed$best/run.zip" --log "$dir/seed$best/run.jsonl" > "$dir/seed$best.run.txt" 2>&1
