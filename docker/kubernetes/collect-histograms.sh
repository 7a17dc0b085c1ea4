#!/bin/sh
# Copies the round-trip histogram of each pod of the load Job (docker/kubernetes/load-job.yaml) out of its
# log, into DIRECTORY/load-<completion index>.hlog, for `wsprobe load merge DIRECTORY/*.hlog`.
#
#   docker/kubernetes/collect-histograms.sh [JOB [DIRECTORY]]      (defaults: wsprobe-load, histograms)
#   docker/kubernetes/collect-histograms.sh --extract < POD_LOG    (one log: its histogram to stdout)
#
# Needs kubectl with access to the Job's namespace (add -n with KUBECTL="kubectl -n NAMESPACE"). The pods
# and their logs stay until the Job is deleted. Exit code 1 when a pod's log holds no histogram (a pod that
# has not finished, or whose run ended before it measured anything); the other files are written anyway.
set -eu

begin='----- BEGIN WSPROBE HISTOGRAM -----'
end='----- END WSPROBE HISTOGRAM -----'

# The lines between the markers; exit code 1 when there are none.
extract() {
  awk -v begin="$begin" -v end="$end" '
    $0 == begin { inside = 1; found = 1; next }
    $0 == end { inside = 0; next }
    inside { print }
    END { exit found ? 0 : 1 }'
}

if [ "${1:-}" = "--extract" ]; then
  extract
  exit $?
fi

job="${1:-wsprobe-load}"
dir="${2:-histograms}"
kubectl="${KUBECTL:-kubectl}"
mkdir -p "$dir"

pods=$($kubectl get pods -l "batch.kubernetes.io/job-name=$job" \
  -o 'jsonpath={range .items[*]}{.metadata.name}{" "}{.metadata.labels.batch\.kubernetes\.io/job-completion-index}{"\n"}{end}')
if [ -z "$pods" ]; then
  echo "no pods of job $job: kubectl get jobs lists the jobs of this namespace" >&2
  exit 1
fi

status=0
echo "$pods" | {
  while read -r pod index; do
    file="$dir/load-$index.hlog"
    if $kubectl logs "$pod" | extract > "$file"; then
      echo "$file (from $pod)"
    else
      rm -f "$file"
      echo "no histogram in the log of $pod (index $index): kubectl logs $pod" >&2
      status=1
    fi
  done
  exit $status
}
