#!/usr/bin/env python3
"""Float64 reference of one NTM layer's forward pass, written from docs/NTM-MATH.md.

It computes the golden files of ntm-layer/src/test/resources/golden/ (format described in that
folder's README.md) and checks them:

    python3 golden_reference.py check FILE...
        recomputes every file from its own parameters, initial state, input and mask, and compares
        the result with the expected arrays stored in it (exit status 1 if any differs by more
        than --tolerance, default 1e-12)

    python3 golden_reference.py generate CASE [--out FILE]
        writes the golden file of one of the cases in CASES (random parameters from a fixed seed),
        prints how far its mechanisms are from saturation, and checks the file it wrote

This is a plain reading of the text, one example and one time step at a time, with numpy only.
It shares no code with the Java layer and is deliberately not vectorised like it.
"""

import argparse
import json
import math
import sys

import numpy as np

GUARD = 1e-6  # both numerical guards of NTM-MATH.md ("Numerical guards")
THETA_ORDER = ["k", "beta", "g", "s", "gamma", "e", "a"]
LSTM_GATE_ORDER = ["i", "f", "o", "g"]


# --------------------------------------------------------------------------- activations

def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def softplus(z):
    return np.logaddexp(0.0, z)


def softmax(v):
    e = np.exp(v - np.max(v))
    return e / np.sum(e)


ACTIVATIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "hard_sigmoid": lambda z: np.clip(0.2 * np.asarray(z) + 0.5, 0.0, 1.0),
    "identity": lambda z: np.asarray(z, dtype=np.float64),
}


# --------------------------------------------------------------------------- the model

class Model:
    """Sizes, activations and parameters of one layer, as read from (or written to) a golden file."""

    def __init__(self, sizes, controller, activations, Wc, bc, heads, Rc=None):
        self.sizes = dict(sizes)
        for k in "BTXNWHRVS":
            setattr(self, k, int(sizes[k]))
        self.controller = controller
        self.act = activations
        self.Wc = np.asarray(Wc, dtype=np.float64)
        self.bc = np.asarray(bc, dtype=np.float64)
        self.Rc = None if Rc is None else np.asarray(Rc, dtype=np.float64)
        self.heads = [{"kind": h["kind"], "W": np.asarray(h["W"], dtype=np.float64),
                       "b": np.asarray(h["b"], dtype=np.float64)} for h in heads]
        self._check_shapes()

    def theta_size(self, kind):
        return self.W + 2 * self.S + 4 + (2 * self.W if kind == "write" else 0)

    def _check_shapes(self):
        U = self.X + self.R * self.W
        G = 4 * self.H if self.controller == "lstm" else self.H
        expect(self.Wc.shape == (U, G), "Wc shape %s, expected %s" % (self.Wc.shape, (U, G)))
        expect(self.bc.shape == (G,), "bc shape %s" % (self.bc.shape,))
        if self.controller == "lstm":
            expect(self.Rc is not None and self.Rc.shape == (self.H, G), "Rc missing or of the wrong shape")
        kinds = [h["kind"] for h in self.heads]
        expect(kinds == ["read"] * self.R + ["write"] * self.V, "heads must be R read heads, then V write heads")
        for h in self.heads:
            P = self.theta_size(h["kind"])
            expect(h["W"].shape == (self.H, P) and h["b"].shape == (P,), "head θ of the wrong size")


def expect(condition, message):
    if not condition:
        raise ValueError(message)


def split_theta(model, theta, kind):
    """θ in the order k̂ [W], β̂, ĝ, ŝ [2S+1], γ̂, then ê [W], â [W] for a write head; activated."""
    W, S = model.W, model.S
    pos = 0

    def take(n):
        nonlocal pos
        part = theta[pos:pos + n]
        pos += n
        return part

    k = ACTIVATIONS[model.act["key"]](take(W))
    beta = softplus(take(1)[0])
    g = sigmoid(take(1)[0])
    s = softmax(take(2 * S + 1))
    gamma = 1.0 + softplus(take(1)[0])
    e = a = None
    if kind == "write":
        e = sigmoid(take(W))
        a = ACTIVATIONS[model.act["add"]](take(W))
    expect(pos == len(theta), "θ not used up")
    return {"k": k, "beta": beta, "g": g, "s": s, "gamma": gamma, "e": e, "a": a}


def address(p, M, w_prev, S):
    """Content addressing, interpolation, circular shift and sharpening of one head."""
    N = M.shape[0]
    K = np.empty(N)
    for n in range(N):
        K[n] = np.dot(p["k"], M[n]) / math.sqrt(np.dot(p["k"], p["k"]) * np.dot(M[n], M[n]) + GUARD)
    wc = softmax(p["beta"] * K)
    wg = p["g"] * wc + (1.0 - p["g"]) * w_prev
    ws = np.zeros(N)
    for n in range(N):
        for j in range(-S, S + 1):
            ws[n] += p["s"][j + S] * wg[(n - j) % N]
    # (ws + 1e-6)^γ normalised, computed as softmax(γ log(ws + 1e-6)) as the text prescribes
    return softmax(p["gamma"] * np.log(ws + GUARD)), {"wc": wc, "K": K}


def controller_step(model, u, h_prev, c_prev):
    """Returns h, c (c is None for a feed-forward controller) and the LSTM gates (or None)."""
    if model.controller == "feed_forward":
        return ACTIVATIONS[model.act["ctrl"]](u @ model.Wc + model.bc), None, None
    H = model.H
    z = u @ model.Wc + h_prev @ model.Rc + model.bc
    i = sigmoid(z[0:H])
    f = sigmoid(z[H:2 * H])
    o = sigmoid(z[2 * H:3 * H])
    g = np.tanh(z[3 * H:4 * H])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, {"i": i, "f": f, "o": o, "g": g, "c": c}


def run(model, state0, x, mask=None, observe=None):
    """Runs the layer over x [B, X, T] from state0 (dict of per-example arrays, golden-file layout).

    Returns y [B, H+R*W, T] and the final state in golden-file layout. A step whose mask entry is 0
    outputs zero and leaves the state (memory, weightings, reads, LSTM h and c) as it was.
    observe(kind, value) is called with the activated head parameters and LSTM gates of every real
    step, for the saturation report.
    """
    B, T, R, V, H = model.B, model.T, model.R, model.V, model.H
    lstm = model.controller == "lstm"
    y = np.zeros((B, H + R * model.W, T))
    M_T = np.empty_like(state0["M0"])
    w_T = np.empty_like(state0["w0"])
    r_T = np.empty_like(state0["r0"])
    h_T = np.empty((B, H)) if lstm else None
    c_T = np.empty((B, H)) if lstm else None
    for b in range(B):
        M = state0["M0"][b].copy()
        w = [state0["w0"][i][b].copy() for i in range(R + V)]
        r = [state0["r0"][j][b].copy() for j in range(R)]
        h_prev = state0["h0"][b].copy() if lstm else None
        c_prev = state0["c0"][b].copy() if lstm else None
        for t in range(T):
            if mask is not None and mask[b][t] == 0:
                continue  # padding: y stays zero, the state passes through
            expect(mask is None or mask[b][t] == 1, "a mask holds 0 or 1")
            u = np.concatenate([x[b, :, t]] + r)
            h, c, gates = controller_step(model, u, h_prev, c_prev)
            params = []
            new_w = []
            for i, head in enumerate(model.heads):
                p = split_theta(model, h @ head["W"] + head["b"], head["kind"])
                wi, _ = address(p, M, w[i], model.S)
                params.append(p)
                new_w.append(wi)
            new_r = [new_w[j] @ M for j in range(R)]          # reads from M_{t-1}
            keep = np.ones_like(M)
            added = np.zeros_like(M)
            for v in range(V):                                 # all write heads on M_{t-1}
                p, wv = params[R + v], new_w[R + v]
                keep *= 1.0 - np.outer(wv, p["e"])
                added += np.outer(wv, p["a"])
            M = M * keep + added
            w, r = new_w, new_r
            h_prev, c_prev = h, c
            y[b, :, t] = np.concatenate([h] + r)
            if observe is not None:
                for i, p in enumerate(params):
                    observe(model.heads[i]["kind"], p, w[i])
                if gates is not None:
                    observe("lstm", gates, None)
        M_T[b] = M
        for i in range(R + V):
            w_T[i][b] = w[i]
        for j in range(R):
            r_T[j][b] = r[j]
        if lstm:
            h_T[b] = h_prev
            c_T[b] = c_prev
    out = {"y": y, "M_T": M_T, "w_T": w_T, "r_T": r_T}
    if lstm:
        out["h_T"] = h_T
        out["c_T"] = c_T
    return out


# --------------------------------------------------------------------------- golden files

def read_golden(path):
    with open(path) as f:
        d = json.load(f)
    fmt = d.get("format")
    expect(fmt in ("ntm-golden-1", "ntm-golden-2"), "%s: unknown format %r" % (path, fmt))
    expect(d["theta_order"] == THETA_ORDER, "%s: θ order %s" % (path, d["theta_order"]))
    controller = d.get("controller", "feed_forward")
    expect(controller in ("feed_forward", "lstm"), "unknown controller %r" % controller)
    if controller == "lstm":
        expect(d["lstm_gate_order"] == LSTM_GATE_ORDER, "gate order %s" % d["lstm_gate_order"])
    model = Model(d["sizes"], controller, d["activations"], d["Wc"], d["bc"], d["heads"], d.get("Rc"))
    state0 = {k: np.asarray(d[k], dtype=np.float64) for k in ("M0", "w0", "r0", "h0", "c0") if k in d}
    x = np.asarray(d["x"], dtype=np.float64)
    mask = np.asarray(d["mask"], dtype=np.float64) if "mask" in d else None
    expected = {k: np.asarray(d[k], dtype=np.float64) for k in ("y", "M_T", "w_T", "r_T", "h_T", "c_T") if k in d}
    return d, model, state0, x, mask, expected


def check(paths, tolerance):
    ok = True
    for path in paths:
        _, model, state0, x, mask, expected = read_golden(path)
        got = run(model, state0, x, mask)
        expect(set(got) == set(expected), "%s: expected arrays %s, computed %s" % (path, sorted(expected), sorted(got)))
        worst = 0.0
        parts = []
        for k in got:
            expect(got[k].shape == expected[k].shape, "%s: %s has shape %s, computed %s"
                   % (path, k, expected[k].shape, got[k].shape))
            diff = float(np.max(np.abs(got[k] - expected[k])))
            worst = max(worst, diff)
            parts.append("%s %.1e" % (k, diff))
        good = worst <= tolerance
        ok = ok and good
        print("%s %s: max |difference| %s" % ("ok  " if good else "FAIL", path, ", ".join(parts)))
    return ok


def nested(a):
    return np.asarray(a, dtype=np.float64).tolist()


def write_golden(path, meta, model, state0, x, mask, result):
    lstm = model.controller == "lstm"
    entries = [
        ("format", "ntm-golden-2"),
        ("spec", "docs/NTM-MATH.md"),
        ("seed", meta["seed"]),
        ("sizes", {k: getattr(model, k) for k in "BTXNWHRVS"}),
        ("controller", model.controller),
        ("activations", model.act),
        ("theta_order", THETA_ORDER),
    ]
    if lstm:
        entries.append(("lstm_gate_order", LSTM_GATE_ORDER))
    entries += [("Wc", nested(model.Wc))]
    if lstm:
        entries.append(("Rc", nested(model.Rc)))
    entries += [
        ("bc", nested(model.bc)),
        ("heads", [{"kind": h["kind"], "W": nested(h["W"]), "b": nested(h["b"])} for h in model.heads]),
        ("M0", nested(state0["M0"])), ("w0", nested(state0["w0"])), ("r0", nested(state0["r0"])),
    ]
    if lstm:
        entries += [("h0", nested(state0["h0"])), ("c0", nested(state0["c0"]))]
    entries.append(("x", nested(x)))
    if mask is not None:
        entries.append(("mask", nested(mask)))
    entries += [("y", nested(result["y"])), ("M_T", nested(result["M_T"])),
                ("w_T", nested(result["w_T"])), ("r_T", nested(result["r_T"]))]
    if lstm:
        entries += [("h_T", nested(result["h_T"])), ("c_T", nested(result["c_T"]))]
    with open(path, "w") as f:
        f.write("{\n")
        for idx, (k, v) in enumerate(entries):
            f.write("  %s: %s%s\n" % (json.dumps(k), json.dumps(v, ensure_ascii=False),
                                      "," if idx + 1 < len(entries) else ""))
        f.write("}\n")


# --------------------------------------------------------------------------- generated cases

def random_case(name, seed, sizes, controller, mask):
    """Random parameters, initial state and 0/1 input, chosen so that no mechanism saturates."""
    rng = np.random.default_rng(seed)
    B, T, X, N, W, H, R, V, S = (sizes[k] for k in "BTXNWHRVS")
    U = X + R * W
    G = 4 * H if controller == "lstm" else H
    Wc = rng.normal(0.0, 1.5 / math.sqrt(U), (U, G))
    bc = rng.normal(0.0, 0.2, G)
    Rc = None
    if controller == "lstm":
        Rc = rng.normal(0.0, 1.0 / math.sqrt(H), (H, G))
        bc[H:2 * H] += 1.0  # a forget bias like the layer's default initialisation
    heads = []
    for kind in ["read"] * R + ["write"] * V:
        P = W + 2 * S + 4 + (2 * W if kind == "write" else 0)
        Wh = rng.normal(0.0, 3.0 / math.sqrt(H), (H, P))
        bh = rng.normal(0.0, 0.5, P)
        Wh[:, W] *= 2.0                                # β̂ moves more with h
        bh[W] = rng.uniform(1.0, 4.0)                  # β̂: β mostly in 0.5..10
        bh[W + 2 + 2 * S] = rng.uniform(-1.0, 1.0)    # γ̂: γ mostly in 1..3
        heads.append({"kind": kind, "W": Wh, "b": bh})
    activations = {"key": "tanh", "add": "tanh"}
    if controller == "feed_forward":
        activations = {"ctrl": "relu", "key": "tanh", "add": "tanh"}
    model = Model(sizes, controller, activations, Wc, bc, heads, Rc)
    state0 = {
        "M0": rng.normal(0.0, 0.5, (B, N, W)),
        "w0": rng.dirichlet(np.ones(N), (R + V, B)),
        "r0": rng.normal(0.0, 0.3, (R, B, W)),
    }
    if controller == "lstm":
        state0["h0"] = rng.normal(0.0, 0.3, (B, H))
        state0["c0"] = rng.normal(0.0, 0.5, (B, H))
    x = rng.integers(0, 2, (B, X, T)).astype(np.float64)  # padded steps hold bits too
    return model, state0, x, np.asarray(mask, dtype=np.float64), {"seed": seed, "name": name}


CASES = {
    # two write heads, an LSTM controller and a mask: padding at the start, in the middle and at the end
    "ntm-lstm-two-writers-masked": dict(
        seed=21,
        sizes={"B": 3, "T": 8, "X": 5, "N": 9, "W": 5, "H": 6, "R": 2, "V": 2, "S": 1},
        controller="lstm",
        mask=[[1, 1, 1, 1, 1, 1, 1, 1],
              [1, 1, 0, 1, 1, 1, 0, 0],
              [0, 1, 1, 0, 1, 1, 1, 1]],
    ),
}


def saturation_report(model, state0, x, mask):
    seen = {"beta": [], "gamma": [], "g": [], "s": [], "e": [], "w_max": [], "lstm_ifo": [], "lstm_g": [],
            "tanh_c": []}

    def observe(kind, p, w):
        if kind == "lstm":
            seen["lstm_ifo"] += list(np.concatenate([p["i"], p["f"], p["o"]]))
            seen["lstm_g"] += list(p["g"])
            seen["tanh_c"] += list(np.tanh(p["c"]))
            return
        seen["beta"].append(p["beta"])
        seen["gamma"].append(p["gamma"])
        seen["g"].append(p["g"])
        seen["s"] += list(p["s"])
        seen["w_max"].append(np.max(w))
        if p["e"] is not None:
            seen["e"] += list(p["e"])

    run(model, state0, x, mask, observe)
    for k, v in seen.items():
        if v:
            v = np.asarray(v)
            print("  %-9s n=%3d  min %.3f  5%% %.3f  median %.3f  95%% %.3f  max %.3f"
                  % (k, len(v), v.min(), np.percentile(v, 5), np.median(v), np.percentile(v, 95), v.max()))
    unmasked = run(model, state0, x, None)["y"]
    masked = run(model, state0, x, mask)["y"]
    real = np.broadcast_to(np.asarray(mask)[:, None, :], masked.shape) == 1
    print("  max |y with mask - y without| over real steps: %.3f" % np.max(np.abs(masked - unmasked)[real]))


def generate(case, out, tolerance):
    spec = CASES[case]
    model, state0, x, mask, meta = random_case(case, spec["seed"], spec["sizes"], spec["controller"], spec["mask"])
    result = run(model, state0, x, mask)
    print("%s: how far from saturation (over real steps)" % case)
    saturation_report(model, state0, x, mask)
    write_golden(out, meta, model, state0, x, mask, result)
    return check([out], tolerance)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="recompute golden files and compare")
    c.add_argument("files", nargs="+")
    c.add_argument("--tolerance", type=float, default=1e-12)
    g = sub.add_parser("generate", help="write the golden file of a case")
    g.add_argument("case", choices=sorted(CASES))
    g.add_argument("--out", help="default: CASE.json in the current folder")
    g.add_argument("--tolerance", type=float, default=1e-12)
    a = ap.parse_args(argv)
    if a.command == "check":
        ok = check(a.files, a.tolerance)
    else:
        ok = generate(a.case, a.out or a.case + ".json", a.tolerance)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
