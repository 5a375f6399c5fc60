# Sourced by bin/ scripts: exports JAVA_HOME pointing at a JDK >= 21 (the machine's default java may be 17).
spec() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
fit() { local v; v=$(spec "$1" 2>/dev/null) || return 1; [[ $v =~ ^[0-9]+$ ]] && (( v >= 21 )) && echo "$v"; }
if ! fit "${JAVA_HOME:-/nonexistent}" >/dev/null; then
  best=0 JAVA_HOME=
  for jdk in /usr/lib/jvm/*/; do v=$(fit "${jdk%/}") && (( v > best )) && best=$v JAVA_HOME=${jdk%/}; done
  [[ -n $JAVA_HOME ]] || { echo "no JDK >= 21 under /usr/lib/jvm; set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME
