# Sourced by ./rlhf4j and ./test: sets JAVA_HOME to a JDK >= 21, or explains why it can't.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm and /opt.
rlhf4j_java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
rlhf4j_find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  local best="" best_v=0 v
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(rlhf4j_java_major "$c/bin/java"); [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "rlhf4j: no JDK >= 21 found (looked at \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /opt)." >&2
    echo "rlhf4j: install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the
  # warning is Maven's, not ours, so allow it rather than show users four lines of noise.
  if [ "$best_v" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}
