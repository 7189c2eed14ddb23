#!/usr/bin/env bash
# Re-runs the comparisons whose figures the README quotes and rewrites those figures in place, so that they
# cannot go stale: every block between `<!-- results:NAME -->` and `<!-- /results:NAME -->` in README.md is
# replaced by `./lookahead report DIR --summary` of a fresh `./lookahead compare --preset NAME` run.
#
# Usage: scripts/readme-results.sh [PRESET ...]     (default: every preset that has a block in README.md)
# Runs take from seconds (trajectory-lookahead) to minutes (lookahead-paper); results are deterministic, so a
# rerun changes only the wall times.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
readme=README.md
if [ $# -eq 0 ]; then
  mapfile -t presets < <(grep -o '<!-- results:[a-z0-9-]* -->' "$readme" | sed 's/<!-- results:\(.*\) -->/\1/')
else
  presets=("$@")
fi
[ ${#presets[@]} -gt 0 ] || { echo "readme-results: no <!-- results:NAME --> block in $readme" >&2; exit 2; }
for preset in "${presets[@]}"; do
  grep -q "<!-- results:$preset -->" "$readme" || { echo "readme-results: no block for $preset in $readme" >&2; exit 2; }
  out="runs/readme-$preset"
  rm -rf "$out"
  command="./lookahead compare --preset $preset"
  echo "readme-results: $command --out $out" >&2
  ./lookahead compare --preset "$preset" --out "$out" --quiet >&2
  summary="$(mktemp)"
  ./lookahead report "$out" --summary "$command" >"$summary"
  next="$(mktemp)"
  awk -v begin="<!-- results:$preset -->" -v end="<!-- /results:$preset -->" -v file="$summary" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$readme" >"$next"
  mv "$next" "$readme"
  rm -f "$summary"
done
echo "readme-results: updated ${presets[*]} in $readme" >&2
