"""Checks that optuna.load_study reads a study run by ./lookahead tune as our storage does.

usage: python load_study_check.py STORAGE_URL STUDY TRIALS_CSV
  STORAGE_URL  SQLAlchemy URL of the study database (sqlite:////abs/path.db)
  TRIALS_CSV   the output of ./lookahead trials --study STUDY --storage ... --csv

Compares, trial by trial: number, state, value and every parameter (exactly, as floats), and prints what
Optuna sees. Exits non-zero on any difference. Not part of the project's tests (the project has no Python).
"""
import csv
import sys

import optuna


def main(url, study_name, trials_csv):
    study = optuna.load_study(study_name=study_name, storage=url)
    ours = list(csv.DictReader(open(trials_csv)))
    trials = study.get_trials(deepcopy=False)
    print(f"optuna {optuna.__version__}: study '{study.study_name}' direction={study.direction.name} "
          f"trials={len(trials)} (./lookahead trials: {len(ours)})")
    problems = []
    if len(trials) != len(ours):
        problems.append(f"{len(trials)} trials in Optuna, {len(ours)} in ./lookahead trials")
    for t, row in zip(trials, ours):
        print(f"  trial {t.number}: state={t.state.name} value={t.value} params={t.params} "
              f"user_attrs={sorted(t.user_attrs)} system_attrs={sorted(t.system_attrs)}")
        if str(t.number) != row["number"]:
            problems.append(f"trial number {t.number} vs {row['number']}")
        if t.state.name != row["state"]:
            problems.append(f"trial {t.number}: state {t.state.name} vs {row['state']}")
        ours_value = float(row["value"]) if row["value"] else None
        if t.value != ours_value:
            problems.append(f"trial {t.number}: value {t.value!r} vs {ours_value!r}")
        for name, value in t.params.items():
            if name not in row or float(row[name]) != float(value):
                problems.append(f"trial {t.number}: param {name}={value!r} vs {row.get(name)!r}")
        for name, d in t.distributions.items():
            if not d._contains(d.to_internal_repr(t.params[name])):
                problems.append(f"trial {t.number}: {name}={t.params[name]} outside {d}")
    if study.best_trial is not None:
        print(f"  best: trial {study.best_trial.number} value={study.best_value} params={study.best_params}")
    for p in problems:
        print("MISMATCH:", p)
    print("load_study check:", "OK" if not problems else f"{len(problems)} mismatches")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
