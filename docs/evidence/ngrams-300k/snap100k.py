# copies seedS.zip (the best checkpoint so far) as the run passes 100,000 sequences: the recipe's first stage (100,000)
import json, shutil, sys, time
s = sys.argv[1]
log = f'/work/runs/ngrams-300k/seed{s}.jsonl'
while True:
    ev = [json.loads(l) for l in open(log) if l.strip()]
    v = [e for e in ev if e['event'] == 'validation' and e.get('sequences') == 100000]
    if v:
        if v[0].get('improved'):
            if not any(e['event'] == 'checkpoint' and e.get('sequences') == 100000 for e in ev):
                time.sleep(0.5); continue
        time.sleep(1.0)   # the last checkpoint follows the best one
        shutil.copy(f'/work/runs/ngrams-300k/seed{s}.zip', f'/work/runs/ngrams-300k/seed{s}-100k.zip')
        shutil.copy(f'/work/runs/ngrams-300k/seed{s}.last.zip', f'/work/runs/ngrams-300k/seed{s}-100k.last.zip')
        print('copied at', time.time(), 'improved', v[0].get('improved'))
        break
    time.sleep(1)
