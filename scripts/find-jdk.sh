# Sourced by ./workbench and ./run-tests: sets JAVA_HOME to a JDK >= 21 or stops with a message.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.

_wb_java_major() { # $1 = a JDK home; prints its feature version or nothing
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')
  fi
  [ "${v:-}" = "1" ] && v=8
  echo "${v:-}"
}

_wb_find_jdk() {
  local cand best="" best_v=0 v
  local -a cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  # the first acceptable one in preference order wins ...
  for cand in "${cands[@]}"; do
    v=$(_wb_java_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$cand"; return 0; fi
  done
  # ... otherwise the newest under /usr/lib/jvm
  for cand in /usr/lib/jvm/*; do
    [ -d "$cand" ] || continue
    v=$(_wb_java_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

_wb_jdk=$(_wb_find_jdk)
if [ -z "$_wb_jdk" ]; then
  echo "Attention Workbench needs a JDK 21 or newer, and none was found" >&2
  echo "(looked at \$JAVA_HOME, the javac on PATH and /usr/lib/jvm/*)." >&2
  echo "Install one, e.g.: sudo apt-get install openjdk-21-jdk   (Ubuntu 24.04+ / Debian 13)" >&2
  echo "or a Temurin 21+ JDK from adoptium.net, then set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME=$_wb_jdk
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guava uses sun.misc.Unsafe, which JDK 23+ warns about at the top of every build
if [ "$(_wb_java_major "$JAVA_HOME")" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
fi

if ! command -v mvn >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Maven (apt-get install maven) ..." >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven >/dev/null
  else
    echo "Attention Workbench builds with Maven, which is not installed: sudo apt-get install maven" >&2
    exit 1
  fi
fi
