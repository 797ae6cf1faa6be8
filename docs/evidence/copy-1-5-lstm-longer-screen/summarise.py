import csv,glob,collections,sys
rows=collections.defaultdict(dict)
for f in sorted(glob.glob('out/s*-dev*.csv')):
    tag=f.split('/')[-1].rsplit('-dev',1)[0]
    s,stage=tag.split('-')
    for r in csv.DictReader(open(f)):
        L=int(r['length']); d=rows[(int(s[1:]),stage)].setdefault(L,[0,0,0])
        d[0]+=float(r['sequence_accuracy'])*int(r['examples']); d[1]+=float(r['mean_bit_errors'])*int(r['examples']); d[2]+=int(r['examples'])
stages=['50k','100k','150k']
print('seed stage '+' '.join('%13d'%L for L in [5,10,20,40,80,120])+'  under1-to-120')
count=collections.Counter()
for s in sorted(set(k[0] for k in rows)):
    for st in stages:
        if (s,st) not in rows: continue
        d=rows[(s,st)]
        ok=all(d[L][1]/d[L][2]<1 for L in d)
        count[st]+=ok; count[st+'n']+=1
        print('%4d %5s '%(s,st)+' '.join('%5.0f%%(%6.2f)'%(100*d[L][0]/d[L][2],d[L][1]/d[L][2]) for L in sorted(d))+('  yes' if ok else ''))
print({st:'%d of %d'%(count[st],count[st+'n']) for st in stages})
