#!/usr/bin/env bash
# Runs the side-by-side benchmark (this server, the ceiling, Spring STOMP) and prints the table.
#
#   benchmarks/run.sh [--skip-build] [harness options...]   # e.g. --scenarios=rpc --duration=20
#   benchmarks/run.sh --jmh [JMH options...]                 # codec and broadcast micro-benchmarks
#   benchmarks/run.sh --help                                 # harness options and their defaults
#
# Extra Maven arguments can be given in MVN_ARGS (e.g. MVN_ARGS=-o for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."

# 10,000 connections need as many descriptors in the server and in the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
	echo "warning: ulimit -n is $(ulimit -n); the connections scenario needs more than 10,000" >&2
fi

build=true
if [ "${1:-}" = "--skip-build" ]; then
	build=false
	shift
fi

if [ "${1:-}" = "--jmh" ]; then
	shift
	if $build; then
		./mvnw -q -B ${MVN_ARGS:-} -DskipTests package -pl benchmarks/jmh -am
	fi
	exec java -jar benchmarks/jmh/target/benchmarks-jmh.jar "$@"
fi

if $build && [ "${1:-}" != "--help" ]; then
	echo "building the harness and the three servers..." >&2
	# a Boot jar whose own module did not change is not repackaged, and would keep the
	# engine and starter jars of its first build: start every fat jar afresh
	rm -f benchmarks/harness/target/*.jar benchmarks/starter-server/target/*.jar \
		benchmarks/ceiling-server/target/*.jar benchmarks/stomp-server/target/*.jar samples/chat/target/*.jar
	./mvnw -q -B ${MVN_ARGS:-} -DskipTests package \
		-pl benchmarks/harness,benchmarks/starter-server,benchmarks/ceiling-server,benchmarks/stomp-server,samples/chat -am
fi

mkdir -p benchmarks/target
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -jar benchmarks/harness/target/benchmarks-harness.jar \
	--out=benchmarks/target/results.md "$@"
