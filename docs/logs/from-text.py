#!/usr/bin/env python3
"""Rewrites a training log that `train` or an example main printed as text into the JSON lines that
`train --out` writes (JsonLinesLog), line by line and losing nothing:

  task=... seed=... budget=...min          -> {"event":"start", every key=value, "converted_from":"train text"}
  parameters=N seed=S budget: ...          -> {"event":"start", "params":N, "seed":S, "budget":"...",
                                               "converted_from":"example text"}
  sequences=S seq_per_s=R loss=L bit_errors_per_seq=E time_left_s=T
                                           -> {"event":"validation", the same keys}; "loss" is the last
                                              minibatch's loss: the text had no mean, so no "mean_loss"
  minibatch=M sequences=S mean_loss=L validation_bit_errors=E elapsed_s=T
                                           -> {"event":"validation", "minibatches":M, "sequences":S,
                                               "mean_loss":L, "bit_errors_per_seq":E, "elapsed_s":T}
  checkpoint=F sequences=S bit_errors_per_seq=E
                                           -> {"event":"checkpoint", "file":F, "sequences":S, ...}
  lr_drop learning_rate=R after S sequences -> {"event":"lr_drop", "learning_rate":R, "sequences":S}
  curriculum level=L of F after S sequences -> {"event":"curriculum", "level":L, "final_level":F, "sequences":S}
  done stop=R sequences=S ...              -> {"event":"stop", "reason":R, "sequences":S, ...}
  any other line (tables, notes)           -> {"event":"text", "line":"..."} (blank lines dropped)

    python3 from-text.py FILE.log            # writes FILE.jsonl beside it
"""
import json
import math
import re
import sys

PAIR = re.compile(r"(\w+)=(\S+)")


def value(text):
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    # JSON has no NaN or infinity: JsonLinesLog writes them as strings, and so does this.
    return number if math.isfinite(number) else text


def pairs(line):
    return {k: value(v) for k, v in PAIR.findall(line)}


def event(line):
    s = line.strip()
    if not s:
        return None
    if s.startswith("task="):
        return dict({"event": "start"}, **pairs(s), converted_from="train text")
    m = re.match(r"parameters=(\d+)(?: seed=(\S+))? budget: (.*)$", s)
    if m:
        e = {"event": "start", "params": int(m.group(1))}
        if m.group(2) is not None:
            e["seed"] = value(m.group(2))
        e["budget"] = m.group(3)
        e["converted_from"] = "example text"
        return e
    if s.startswith("sequences="):
        return dict({"event": "validation"}, **pairs(s))
    if s.startswith("minibatch="):
        p = pairs(s)
        e = {"event": "validation", "minibatches": p.pop("minibatch"), "sequences": p.pop("sequences")}
        e["mean_loss"] = p.pop("mean_loss")
        e["bit_errors_per_seq"] = p.pop("validation_bit_errors")
        e.update(p)
        return e
    if s.startswith("checkpoint="):
        p = pairs(s)
        return dict({"event": "checkpoint", "file": p.pop("checkpoint")}, **p)
    m = re.match(r"lr_drop learning_rate=(\S+) after (\d+) sequences$", s)
    if m:
        return {"event": "lr_drop", "learning_rate": value(m.group(1)), "sequences": int(m.group(2))}
    m = re.match(r"curriculum level=(\d+) of (\d+) after (\d+) sequences$", s)
    if m:
        return {"event": "curriculum", "level": int(m.group(1)), "final_level": int(m.group(2)),
                "sequences": int(m.group(3))}
    if s.startswith("done stop="):
        p = pairs(s)
        return dict({"event": "stop", "reason": p.pop("stop")}, **p)
    return {"event": "text", "line": line.rstrip("\n")}


def main(path):
    out = path[:-len(".log")] + ".jsonl"
    with open(path, encoding="latin-1") as f, open(out, "w") as o:
        for line in f:
            e = event(line)
            if e is not None:
                o.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(out)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
