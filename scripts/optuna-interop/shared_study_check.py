"""Checks a study that Java and Python workers ran at the same time.

usage: python shared_study_check.py STORAGE_URL STUDY

Prints every trial (number, state, who ran it, lr, value), then checks that trial numbers are unique and
consecutive (0..n-1, also straight from the database table), and that both kinds of worker added trials. It
also reports how close the Java trials' lr lies to 1e-3, where the Python trials' made-up values are best (the
Java trials' own validation loss is worse there than near 1e-2): TPE (ours) reads the Python trials from the
storage, so once it samples from its model its lr values gather near 1e-3, while a random log-uniform lr in
[1e-4, 1e-1] lands within half a decade of 1e-3 one time in three.
"""
import math
import sqlite3
import sys

import optuna


def main(url, study_name):
    study = optuna.load_study(study_name=study_name, storage=url)
    trials = study.get_trials(deepcopy=False)
    java, python = [], []
    for t in trials:
        who = "python" if t.user_attrs.get("worker") == "python" else (
            "java" if "protocol" in t.user_attrs else "?")
        (python if who == "python" else java).append(t)
        print(f"  trial {t.number:3d} {t.state.name:8s} {who:6s} lr={t.params.get('lr')} value={t.value}")
    numbers = [t.number for t in trials]
    problems = []
    if sorted(numbers) != list(range(len(trials))):
        problems.append(f"numbers are not 0..{len(trials) - 1}: {sorted(numbers)}")
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url[len("sqlite:///"):])
        dup = db.execute("SELECT number, COUNT(*) FROM trials t JOIN studies s ON s.study_id = t.study_id"
                         " WHERE s.study_name = ? GROUP BY number HAVING COUNT(*) > 1", (study_name,)).fetchall()
        if dup:
            problems.append(f"duplicate numbers in the trials table: {dup}")
    if not java or not python:
        problems.append(f"java trials: {len(java)}, python trials: {len(python)} (both should be > 0)")
    near = [t for t in java if t.params.get("lr") and abs(math.log10(t.params["lr"]) + 3) <= 0.5]
    print(f"{len(trials)} trials: {len(java)} by Java, {len(python)} by Python; numbers unique and consecutive: "
          f"{not any('numbers' in p for p in problems)}")
    print(f"Java trials with lr within half a decade of 1e-3: {len(near)} of {len(java)} "
          f"(random sampling: about 1 in 3)")
    for p in problems:
        print("PROBLEM:", p)
    print("shared study check:", "OK" if not problems else f"{len(problems)} problems")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
