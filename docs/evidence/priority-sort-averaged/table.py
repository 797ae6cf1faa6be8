"""Each run's second stage as the recipe kept it before averaging (the checkpoint chosen on 64 validation sequences, in
../priority-sort-starts) and the average of its parameters from 50,000 to 100,000 sequences (stage2.sh, here): its
validation score, its wrong bits on the 1,000 calibration sequences (seed 31415: the data a choice between the two may
look at), and, pooled over the two held-out test seeds, sorted share, wrong bits and cost at 20 inputs (2,000
sequences), the calibrated cost, and the share sorted at 10, 30 and 40 inputs (200 each).
usage: python3 table.py SEED...   (in its directory)"""
import glob, importlib.util, json, re, sys

# The recipe's table pools the same way: its pooled(), loaded under another name than this module's.
_spec = importlib.util.spec_from_file_location('starts_table', '../priority-sort-starts/table.py')
_starts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_starts)
pooled = _starts.pooled

HEADER = ('| seed | model | its validation (64) | calibration wrong bits | 20 inputs, 2,000: sorted / wrong bits '
          '| cost as trained (95%) | T | cost calibrated (95%) | sorted at 10 / 30 / 40 (200 each) |\n'
          '|---|---|---|---|---|---|---|---|---|')


def calibration(path):
    text = open(path).read()
    return (float(re.search(r'bit_errors_per_seq (\S+) ->', text).group(1)),
            float(re.search(r'temperature=(\S+)', text).group(1)))


def kept(log):
    """The sequences and validation bit errors of the last checkpoint written: the checkpoint chosen."""
    last = [json.loads(l) for l in open(log) if '"checkpoint"' in l][-1]
    return f'checkpoint at {last["sequences"]:,}', last['bit_errors_per_seq']


def average(log):
    a = [json.loads(l) for l in open(log) if '"average"' in l][-1]
    return f'mean of {a["snapshots"]} ({a["from_sequences"]:,}-{a["to_sequences"]:,})', a['bit_errors_per_seq']


def row(label, model, val, calibrate, trained, calibrated):
    """One table row: calibrate's output file, and the prefixes of the evaluations as trained and calibrated."""
    wrong, t = calibration(calibrate)
    n, s20, err, cost, lo, hi = pooled(f'{trained}-20-1000', 20)
    _, _, _, ccost, clo, chi = pooled(f'{calibrated}-20-1000', 20)
    others = ' / '.join(f'{pooled(f"{trained}-10-20-30-40-100", v)[1]:.1f}%' for v in (10, 30, 40))
    return (f'| {label} | {model} | {val:.2f} | {wrong:.3f} | {s20:.2f}% / {err:.2f} | {cost:.1f} ({lo:.1f}-{hi:.1f}) '
            f'| {t:.2f} | {ccost:.1f} ({clo:.1f}-{chi:.1f}) | {others} |')


if __name__ == '__main__':
    print(HEADER)
    for s in sys.argv[1:]:
        run = [r for r in glob.glob('../priority-sort-starts/run-*') if open(f'{r}/chosen.txt').read().split()[-1] == s][0]
        print(row(s, *kept(f'{run}/seed{s}/run.jsonl'), f'{run}/calibrate.txt', f'{run}/model', f'{run}/calibrated'))
        print(row(s, *average(f's{s}/model.jsonl'), f's{s}/calibrate.txt', f's{s}/averaged', f's{s}/calibrated'))
