# Sourced by ./workbench and by the installed attention-workbench command: _wb_quiet_jvm copies stdin
# to stdout line by line as it comes, less the lines the JVM prints on every start that no flag turns
# off. The launchers pass the JVM's stderr through it only when that is a terminal (logs get it all).
#  - the Vector API is an incubator module, and the JVM says so before main on every run;
#  - the JDK's libjsig (preloaded for POCL, see ./workbench) warns when a library calls signal();
#  - GTK warns, after an empty line, about JavaFX's X error handler (a JavaFX bug, harmless).
# Plain bash: read takes a pipe byte by byte, so nothing waits in a buffer (mawk would hold lines).

_wb_jvm_noise() { # $1 = a line
  case "$1" in
    "WARNING: Using incubator modules: jdk.incubator.vector") return 0 ;;
    "OpenJDK VM warning: the use of signal() and sigset() for signal chaining was deprecated"*) return 0 ;;
    "("*":"*"): Gdk-WARNING **: "*": XSetErrorHandler() called with a GDK error trap pushed"*) return 0 ;;
  esac
  return 1
}

_wb_quiet_jvm() {
  local line held=""
  while IFS= read -r line || [ -n "$line" ]; do
    # an empty line waits for the next one, which shows whether it belongs to a dropped GTK warning
    if [ -n "$held" ]; then
      held=""
      if _wb_jvm_noise "$line"; then continue; fi
      printf '\n'
    fi
    if [ -z "$line" ]; then held=yes; continue; fi
    _wb_jvm_noise "$line" || printf '%s\n' "$line"
  done
  if [ -n "$held" ]; then printf '\n'; fi
}
