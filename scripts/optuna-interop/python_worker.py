"""A Python Optuna worker that adds trials to a study while Java workers run it.

usage: python python_worker.py STORAGE_URL STUDY N_TRIALS SLEEP_SECONDS [--create | --wait]
  --create  create the study (minimize) if it does not exist; --wait: wait until a Java worker has created it

Each trial suggests lr in [1e-4, 1e-1] (log), the space `./lookahead tune --search lr=1e-4:1e-1:log` uses,
returns a made-up value that is best near lr = 1e-3 (0.5 there, up to 3 far away; the Java workers' real
validation loss is about 2.3 there and best near 1e-2), sleeps, and records the user
attribute worker=python. The storage has heartbeats every 60 s (grace 120 s), as the Java workers.
"""
import math
import sys
import time

import optuna
from optuna.storages import RDBStorage


def main(url, study_name, n_trials, sleep_s, mode):
    storage = RDBStorage(url, heartbeat_interval=60)
    if mode == "--create":
        study = optuna.create_study(study_name=study_name, storage=storage, load_if_exists=True,
                                    sampler=optuna.samplers.TPESampler(seed=1))
    else:
        deadline = time.time() + 300
        while study_name not in optuna.get_all_study_names(storage):
            if time.time() > deadline:
                raise SystemExit(f"study {study_name} never appeared")
            time.sleep(0.2)
        study = optuna.load_study(study_name=study_name, storage=storage,
                                  sampler=optuna.samplers.TPESampler(seed=1))

    def objective(trial):
        lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
        trial.set_user_attr("worker", "python")
        time.sleep(sleep_s)
        return 0.5 + min(2.5, 2.5 * abs(math.log10(lr) + 3))

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study.optimize(objective, n_trials=int(n_trials))
    print(f"python worker: added {n_trials} trials to '{study_name}'")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else "--wait")
