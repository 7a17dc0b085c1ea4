#!/usr/bin/env bash
# Makes a copy of WildFly's standalone/ directory (configuration, deployments) with the README's WildFly settings
# (docker/wildfly/tuning.cli) applied, for bench/run.sh and bench/war/compare.sh to start servers from:
#
#   bench/war/wildfly-tuned.sh WILDFLY_HOME TARGET_DIR
#
# The trimmed WildFly of the container tests has no bin/jboss-cli.sh: the CLI module runs directly then.
set -euo pipefail
home=$(cd "$1" && pwd)
rm -rf "$2"
cp -r "$home/standalone" "$2"
base=$(cd "$2" && pwd)
cli=$(cd "$(dirname "$0")/../../docker/wildfly" && pwd)/tuning.cli
if [ -x "$home/bin/jboss-cli.sh" ]; then
  "$home/bin/jboss-cli.sh" --file="$cli" -Djboss.server.base.dir="$base"
else
  JBOSS_HOME="$home" java -Djboss.home.dir="$home" -Djboss.server.base.dir="$base" -jar "$home/jboss-modules.jar" \
    -mp "$home/modules" org.jboss.as.cli --file="$cli"
fi
