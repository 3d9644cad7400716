#!/usr/bin/env bash
# Measures launch to visible window: starts the app N times (default 5) on the current X display with a fresh
# settings folder each time, reads the time the app logs when its window is shown, and prints each run and the
# median. Run it under a window manager on a quiet machine, after `mvn package`:
#   DISPLAY=:99 src/test/sh/measure-launch.sh 5
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
runs="${1:-5}"
[ -f "$root/target/rerank-workbench.jar" ] || { echo "run 'mvn package' first" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "needs an X display (DISPLAY)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
times=()
for i in $(seq 1 "$runs"); do
    rm -rf "$work/config" "$work/projects"
    log="$work/run-$i.log"
    OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Drwb.config.dir="$work/config" -Drwb.projects.dir="$work/projects" \
        -jar "$root/target/rerank-workbench.jar" --exit-after 6000 >"$log" 2>&1 || true
    ms="$(sed -n 's/.*Window shown \([0-9,]*\) ms after JVM start.*/\1/p' "$log" | tr -d ,)"
    [ -n "$ms" ] || { echo "run $i: the window did not show; see below" >&2; cat "$log" >&2; exit 1; }
    echo "run $i: $ms ms"
    times+=("$ms")
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
echo "median of $runs: $median ms"
