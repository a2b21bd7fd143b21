#!/usr/bin/env bash
# /usr/bin/attention-workbench (a link made by the package's postinst) and the menu entry run this:
# the jpackage launcher beside it with what a launcher binary cannot do itself, as ./workbench does.
set -euo pipefail
app=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")   # /opt/attention-workbench/lib/app
home=$(dirname "$(dirname "$app")")                  # /opt/attention-workbench
# POCL's LLVM replaces the JVM's SIGSEGV handler: the JDK's libjsig chains the two (see ./workbench);
# it has to be loaded before the JVM, so here and not in the launcher's java-options
if [ -f "$home/lib/runtime/lib/libjsig.so" ]; then
  export LD_PRELOAD="$home/lib/runtime/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
# the lines the JVM prints on every start stay off the terminal (quiet-jvm.sh, as in ./workbench)
if [ -t 2 ]; then
  # shellcheck source=../../scripts/quiet-jvm.sh
  . "$app/quiet-jvm.sh"
  exec 2> >(trap '' INT TERM HUP; _wb_quiet_jvm >&2)
fi
exec "$home/bin/attention-workbench" "$@"
