#!/usr/bin/env python3
"""The dark-knowledge chapter's tables from run folders: mean ± sd over seeds of each network's test errors.

usage: scripts/dark-knowledge-table.py RUNS_DIR
RUNS_DIR holds folders hinton-S, omitted-S, small-S, ban-S (10 epochs), ban20-S, only78-S (S = seed) written by
`train dark-knowledge ... --out RUNS_DIR/NAME-S` (the commands are in docs/chapters/dark-knowledge.md).
"""
import json
import statistics
import sys
from pathlib import Path


def summaries(root, prefix):
    out = []
    for d in sorted(Path(root).glob(prefix + "-*")):
        s = d / "summary.json"
        if s.is_file():
            j = json.loads(s.read_text())
            c = d / "config.json"
            if c.is_file():  # the network and the images, for the ban tables' titles
                cfg = json.loads(c.read_text())
                j["_model"] = cfg.get("trained_model", "mlp-medium")
                j["_dataset"] = cfg.get("dataset", "mnist")
            if j.get("status") == "completed":
                out.append(j)
    return out


def ms(values, fmt="{:.1f}"):
    if not values:
        return "–"
    m = statistics.mean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return (fmt + " ± " + fmt).format(m, sd)


def errors_row(runs, name, label, paper):
    e = [r["test_errors"][name] for r in runs]
    n = runs[0]["test_size"]
    pct = [100.0 * x / n for x in e]
    print(f"| {label} | {ms(e)} of {n} | {ms(pct, '{:.2f}')} % | {paper} |")


def main(root):
    h = summaries(root, "hinton")
    if h:
        print(f"### Hinton's MNIST table ({len(h)} seeds)\n")
        print("| network | test errors | test error | paper (of 10 000) |")
        print("|---|---|---|---|")
        errors_row(h, "teacher", "teacher mlp-large, dropout, jitter ±2 px", "67 (0.67 %)")
        errors_row(h, "student", "student mlp-medium, labels", "146 (1.46 %)")
        errors_row(h, "distilled", "student distilled, T = 20", "74 (0.74 %)")
        print()
    for prefix, title, paper in (("omitted", "The digit never shown: no 3 in the transfer set",
                                  "206 errors, 133 on the 1 010 test 3s; after +3.5: 109 errors, 14 on 3s (98.6 % of 3s)"),
                                 ("only78", "Only 7s and 8s in the transfer set",
                                  "47.3 % test error; 13.2 % after lowering the 7 and 8 biases by 7.6")):
        o = summaries(root, prefix)
        if not o:
            continue
        n = o[0]["test_size"]
        hidden = o[0]["omitted"]["hidden_digits"]
        print(f"### {title} ({len(o)} seeds)\n")
        print(f"Paper: {paper}.\n")
        print("| network | test errors | hidden digits' test accuracy | bias chosen on validation | test errors with the bias | hidden digits' accuracy with the bias |")
        print("|---|---|---|---|---|---|")
        t = [r["test_errors"]["teacher"] for r in o]
        print(f"| teacher (all ten digits, the validation eighth held out) | {ms(t)} of {n} | – | – | – | – |")
        for name, label in (("student", "student, labels"), ("distilled", "student distilled, T = 20")):
            before = [r["test_errors"][name] for r in o]
            bias = [r["omitted"][name]["bias"] for r in o]
            after = [r["omitted"][name]["test_errors_after"] for r in o]

            def hidden_acc(r, key):
                pc = r["per_class_accuracy"][name] if key == "before" else r["omitted"][name]["per_class_accuracy_after"]
                # per-digit accuracies weighted equally (the test set is balanced: 200 per digit)
                return 100.0 * statistics.mean(pc[d] for d in hidden)
            hb = [hidden_acc(r, "before") for r in o]
            ha = [hidden_acc(r, "after") for r in o]
            print(f"| {label} | {ms(before)} | {ms(hb)} % | {ms(bias, '{:.2f}')} | {ms(after)} | {ms(ha)} % |")
        print()
    s = summaries(root, "small")
    if s:
        n = s[0]["test_size"]
        print(f"### Soft targets as a regulariser ({len(s)} seeds)\n")
        print("| student | test errors | test accuracy | paper (speech, frame accuracy) |")
        print("|---|---|---|---|")
        for name, label, paper in (("student-small", "hard labels, 3 % of the transfer set", "44.5 %"),
                                   ("distilled-small", "soft targets, 3 % of the transfer set", "57.0 %"),
                                   ("student-full", "hard labels, 100 %", "58.9 %")):
            e = [r["test_errors"][name] for r in s]
            a = [100 * r["test_accuracy"][name] for r in s]
            print(f"| {label} | {ms(e)} of {n} | {ms(a, '{:.2f}')} % | {paper} |")
        print()
    for prefix, epochs in (("ban", "10 epochs per generation"), ("ban20", "20 epochs per generation")):
        b = summaries(root, prefix)
        if b:
            ban_table(b, epochs)


def ban_table(b, epochs):
    if b:
        n = b[0]["test_size"]
        model = b[0].get("_model", "mlp-medium")
        on = "" if b[0].get("_dataset", "mnist") == "mnist" else " on Fashion-MNIST"
        print(f"### Born-again networks, {model}{on}, {epochs} ({len(b)} seeds)\n")
        print("| network | test errors (of %d) | paper (CIFAR-100 test error, DenseNet) |" % n)
        print("|---|---|---|")
        paper = {"gen0": "18.25 %", "ban1": "17.61 %", "ban2": "17.22 %", "ban3": "16.59 %",
                 "ensemble2": "15.77 %", "ensemble3": "15.68 %"}
        names = [k for k in b[0]["test_errors"].keys()]
        for k in names:
            label = {"gen0": "generation 0 (labels)"}.get(k, k.replace("banl", "BAN+L generation ").replace(
                "ban", "BAN generation ").replace("ensemble", "ensemble of BAN generations 1–"))
            print(f"| {label} | {ms([r['test_errors'][k] for r in b])} | {paper.get(k, '–')} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs")
