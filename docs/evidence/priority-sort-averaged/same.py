"""Whether each rerun second stage (sS/model.jsonl) trained as its run's own did: the loss and the validation bit
errors at every validation, and the checkpoint kept. usage: python3 same.py SEED...   (in its directory)"""
import glob, json, sys

def events(log, kind):
    return [json.loads(l) for l in open(log) if f'"event":"{kind}"' in l]

for s in sys.argv[1:]:
    run = [r for r in glob.glob('../priority-sort-starts/run-*') if open(f'{r}/chosen.txt').read().split()[-1] == s][0]
    own, rerun = f'{run}/seed{s}/run.jsonl', f's{s}/model.jsonl'
    a, b = events(own, 'validation'), events(rerun, 'validation')
    same = sum(x['loss'] == y['loss'] and x['bit_errors_per_seq'] == y['bit_errors_per_seq'] for x, y in zip(a, b))
    kept = [events(log, 'checkpoint')[-1]['sequences'] for log in (own, rerun)]
    print(f'seed {s}: {same} of {len(a)} validations the same ({len(b)} in the rerun); checkpoint kept at '
          f'{kept[0]:,} and {kept[1]:,}')
