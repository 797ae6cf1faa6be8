"""The fresh runs of the recipe with averaging (fresh.sh): each start's best validation by 40,000 sequences, the start
chosen, and the checkpoint chosen on validation and the average, as table.py prints the paired runs.
usage: python3 fresh-table.py   (in its directory)"""
import glob, json, re

from table import HEADER, average, kept, row

print('| run | starts: best validation by 40,000 | chosen |\n|---|---|---|')
runs = sorted(glob.glob('fresh/run-*'))
chosen_of = {}
for r in runs:
    best = [min(json.loads(l)['bit_errors_per_seq'] for l in open(f'{r}/start{i}.jsonl') if '"validation"' in l)
            for i in (1, 2, 3)]
    chosen = re.search(r'seed (\d+)', [l for l in open(f'{r}/choice.txt') if 'is best on validation' in l][0]).group(1)
    chosen_of[r] = chosen
    print(f'| {r[10:]} | {", ".join(f"{b:.1f}" for b in best)} | {chosen} |')
print()
print(HEADER)
for r in runs:
    print(row(chosen_of[r], *kept(f'{r}/model.jsonl'), f'{r}/calibrate-checkpoint.txt', f'{r}/checkpoint',
              f'{r}/checkpoint-calibrated'))
    print(row(chosen_of[r], *average(f'{r}/model.jsonl'), f'{r}/calibrate-averaged.txt', f'{r}/averaged',
              f'{r}/averaged-calibrated'))
