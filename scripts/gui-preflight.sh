# Sourced by ./workbench before it starts the GUI: checks, on Linux, the two platform pieces the JVM
# cannot report without a stack trace (a display, and the native libraries JavaFX links against), so a
# user gets one message saying what to do. Command-line subcommands never come here.
# GuiPreflight.java does the same inside the JVM for the installed program; keep the messages alike.

# Exit status when the GUI cannot start on this machine (the same in GuiPreflight.java).
_WB_NO_GUI=3

# The libraries the JavaFX 21 Linux natives link against (objdump -p libglass*.so libprism_es2.so),
# each with the Debian/Ubuntu package that ships it. glass (windows, events) cannot start without the
# first four; prism falls back from OpenGL (es2) to software drawing when the last two are missing.
_wb_gui_libs_required=(libgtk-3.so.0:libgtk-3-0 libgdk-3.so.0:libgtk-3-0 libXtst.so.6:libxtst6 libX11.so.6:libx11-6)
_wb_gui_libs_optional=(libGL.so.1:libgl1 libXxf86vm.so.1:libxxf86vm1)

_wb_ldconfig() { # ldconfig lives in /sbin, which is not on a Debian user's PATH
  if command -v ldconfig >/dev/null 2>&1; then ldconfig "$@"; else /sbin/ldconfig "$@"; fi
}

_wb_lib_present() { # $1 = soname; found by the dynamic loader's cache or in $LD_LIBRARY_PATH
  local dir
  _wb_ldconfig -p 2>/dev/null | awk -v lib="$1" '$1 == lib { found = 1 } END { exit !found }' && return 0
  local IFS=:
  for dir in ${LD_LIBRARY_PATH:-}; do
    [ -n "$dir" ] && [ -e "$dir/$1" ] && return 0
  done
  return 1
}

_wb_missing() { # $@ = lib:package pairs; prints "libs|packages" of the missing ones, nothing if none
  local pair libs="" pkgs=""
  for pair in "$@"; do
    if ! _wb_lib_present "${pair%%:*}"; then
      libs="${libs:+$libs, }${pair%%:*}"
      case " $pkgs " in *" ${pair#*:} "*) ;; *) pkgs="${pkgs:+$pkgs }${pair#*:}" ;; esac
    fi
  done
  [ -n "$libs" ] && echo "$libs|$pkgs"
  return 0
}

# True when the arguments start the GUI: the global --device option and files to open (WorkbenchCommand)
_wb_starts_gui() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --device) [ $# -ge 2 ] || return 1; shift 2 ;;
      --device=*) shift ;;
      -*) return 1 ;;
      *) [ -f "$1" ] || return 1; shift ;; # a file to open (the file manager's "Open with")
    esac
  done
  return 0
}

# Stops the script with one message and status $_WB_NO_GUI when the GUI cannot start here.
# As root with apt-get, missing libraries are installed first (as ./run-tests does for POCL).
_wb_gui_preflight() {
  [ "$(uname -s)" = Linux ] || return 0
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "Attention Workbench: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
    echo "Every batch job runs without one: ./workbench --help lists the commands." >&2
    exit $_WB_NO_GUI
  fi
  local required optional
  required=$(_wb_missing "${_wb_gui_libs_required[@]}")
  # without OpenGL alone the GUI draws in software: no install attempt (and wait) on every start
  [ -z "$required" ] && return 0
  optional=$(_wb_missing "${_wb_gui_libs_optional[@]}")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    local pkgs="${required#*|} ${optional#*|}"
    echo "Installing the libraries the GUI needs (apt-get install ${pkgs# }) ..." >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $pkgs; } >/dev/null 2>&1 || true
    required=$(_wb_missing "${_wb_gui_libs_required[@]}")
  fi
  if [ -n "$required" ]; then
    echo "Attention Workbench: the GUI needs GTK 3 and the X libraries JavaFX links against; missing: ${required%%|*}." >&2
    echo "Install it with: sudo apt-get install ${required#*|}   (batch jobs run without it: ./workbench --help)" >&2
    exit $_WB_NO_GUI
  fi
}
