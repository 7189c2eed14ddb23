#!/usr/bin/env bash
# Interoperability with Optuna, checked the way a user would (not run by the tests; needs `pip install optuna`).
# usage: scripts/optuna-interop/run.sh [WORK_DIR]   (default /tmp/optuna-check; PYTHON=python3 by default)
#  1. a study run by ./lookahead tune on SQLite opens with optuna.load_study: same params, values and states;
#  2. a Python worker adds trials to a study a Java worker is running (Java created it), and
#  3. a Java worker joins a study a Python worker is running (Python created it):
#     no duplicate trial numbers, and our TPE draws on the Python trials.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/optuna-check}"
py="${PYTHON:-python3}"
mkdir -p "$work"
rm -f "$work"/s.db "$work"/s.db-* "$work"/*.csv "$work"/*.log
db="$work/s.db"
tune=(--data mnist1d:num-samples=500 --epochs 1 --model mlp --optimizer adam --search lr=1e-4:1e-1:log --pruner none)

echo "== 1. ./lookahead tune, then optuna.load_study"
"$root/lookahead" tune --study java-only --storage "sqlite:$db" --trials 3 "${tune[@]}"
"$root/lookahead" trials --study java-only --storage "sqlite:$db" --csv > "$work/java-only.csv"
"$py" "$here/load_study_check.py" "sqlite:///$db" java-only "$work/java-only.csv"

echo "== 2. a Python worker joins a running Java study (--trials counts every COMPLETE trial: 25 Python + 12 Java)"
"$root/lookahead" tune --study java-first --storage "sqlite:$db" --trials 37 "${tune[@]}" > "$work/java-first.log" 2>&1 &
java_pid=$!
"$py" "$here/python_worker.py" "sqlite:///$db" java-first 25 0.2 --wait
wait "$java_pid" || { cat "$work/java-first.log"; exit 1; }
tail -n 1 "$work/java-first.log"
"$py" "$here/shared_study_check.py" "sqlite:///$db" java-first

echo "== 3. a Java worker joins a running Python study (12 Python trials first, then 20 more alongside the Java worker)"
"$py" "$here/python_worker.py" "sqlite:///$db" python-first 12 0 --create
"$py" "$here/python_worker.py" "sqlite:///$db" python-first 20 0.5 --wait > "$work/python-first.log" 2>&1 &
py_pid=$!
"$root/lookahead" tune --study python-first --storage "sqlite:$db" --trials 38 "${tune[@]}" | tail -n 1
wait "$py_pid" || { cat "$work/python-first.log"; exit 1; }
"$py" "$here/shared_study_check.py" "sqlite:///$db" python-first
"$root/lookahead" studies --storage "sqlite:$db"
