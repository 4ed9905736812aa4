# Sourced by the launcher, the test and benchmark scripts: finds a JDK the project builds and runs
# on (25 or newer: compact object headers and generational ZGC, chosen by measurement, see
# BENCHMARKS.md "Which JVM") and exports JAVA_HOME and PATH for it. Looks at IOT_SIM_JAVA_HOME,
# JAVA_HOME, the java on PATH, then the usual install folders; the first one new enough wins.
# When none is, it says what it found and what it needs, and exits (or returns) with 2.

IOT_SIM_JDK_MIN=25

# The feature release of the JDK at $1 (its `release` file, else `java -version`), or nothing.
iot_sim_jdk_major() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  fi
  [ -n "$v" ] || v="$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')"
  v="${v#1.}"
  echo "${v%%[.+-]*}"
}

iot_sim_find_jdk() {
  local candidates=() seen="" home major path_java
  [ -n "${IOT_SIM_JAVA_HOME:-}" ] && candidates+=("$IOT_SIM_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if path_java="$(command -v java 2>/dev/null)"; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$path_java")")")")
  fi
  local d
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local checked=" "
  for home in "${candidates[@]}"; do
    home="$(readlink -f "$home")"
    case "$checked" in *" $home "*) continue ;; esac
    checked="$checked$home "
    major="$(iot_sim_jdk_major "$home")"
    if [ -n "$major" ] && [ "$major" -ge "$IOT_SIM_JDK_MIN" ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
    [ -n "$major" ] && seen="$seen $home ($major)"
  done
  {
    echo "iot-sim: needs a JDK $IOT_SIM_JDK_MIN or newer, and found none."
    echo "  looked at IOT_SIM_JAVA_HOME, JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt/java,"
    echo "  ~/.sdkman/candidates/java, ~/.jdks and /Library/Java/JavaVirtualMachines"
    [ -n "$seen" ] && echo "  found only:$seen"
    echo "  install one (e.g. Eclipse Temurin 25 from https://adoptium.net) or point JAVA_HOME at it."
  } >&2
  return 2
}

if IOT_SIM_FOUND_JDK="$(iot_sim_find_jdk)"; then
  export JAVA_HOME="$IOT_SIM_FOUND_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  return 2 2>/dev/null || exit 2
fi
