#!/usr/bin/env bash
# Builds SeedScope and installs the "Java (SeedScope)" Jupyter kernel (kernelspec seedscope-java).
#
# Usage: kernel/install-kernel.sh [--user | --sys-prefix | --prefix DIR]
#   --user        (default) into the user's Jupyter data dir: $JUPYTER_DATA_DIR or ~/.local/share/jupyter
#   --sys-prefix  into sys.prefix of the python3 on PATH (a virtualenv / conda env)
#   --prefix DIR  into DIR/share/jupyter
#
# The kernelspec runs the java that runs this script (JAVA_HOME if set, else java on PATH) with
# the jars under kernel/target, so rebuilding the repository updates the kernel; rerun this
# script after moving the repository or changing Java.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mvn -q -B -DskipTests package

jar="$(ls kernel/target/seedscope-kernel-*.jar | grep -v -e '-sources' -e '-javadoc' | head -n 1)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$jar:kernel/target/lib/*" org.seedscope.kernel.Main install "$@"
