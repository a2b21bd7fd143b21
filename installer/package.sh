#!/usr/bin/env bash
# Builds Attention Workbench as a desktop application with jpackage from the JDK in use
# (./workbench package runs this):
#   installer/target/image/attention-workbench/     app-image with its own runtime (jlink, only the modules used)
#   installer/target/attention-workbench_*.deb      menu entry, icon, file types, /usr/bin/attention-workbench
#   installer/target/attention-workbench-*.rpm      where rpmbuild exists: jpackage's defaults (no /usr/bin command)
# Options: --image-only (skip the packages), --skip-build (use app/target as it is).
# Needs: a JDK with jpackage (17+), fakeroot and dpkg-deb for the .deb, binutils (objcopy) for
# jlink's --strip-debug; as root with apt-get, the missing ones are installed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"

image_only="" skip_build=""
for a in "$@"; do
  case "$a" in
    --image-only) image_only=yes ;;
    --skip-build) skip_build=yes ;;
    *) echo "package: unknown option $a (known: --image-only, --skip-build)" >&2; exit 2 ;;
  esac
done

if [ ! -x "$JAVA_HOME/bin/jpackage" ]; then
  echo "package: $JAVA_HOME has no jpackage; use a full JDK 17+ (Temurin ships it)" >&2
  exit 1
fi
need=()
command -v objcopy >/dev/null 2>&1 || need+=(binutils)
if [ -z "$image_only" ] && command -v dpkg >/dev/null 2>&1; then
  command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
  command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing what jpackage needs (apt-get install ${need[*]}) ..." >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  else
    echo "package: jpackage needs ${need[*]}: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

here=$root/installer
out=$here/target
version=$(sed -n 's|^  <version>\([0-9.]*\).*</version>|\1|p' "$root/pom.xml" | head -n 1)   # 0.1.0-SNAPSHOT -> 0.1.0

if [ -z "$skip_build" ]; then
  echo "Building the app (mvn package -pl app -am, no tests) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl app -am package) >&2
fi
jar=$(ls "$root"/app/target/app-*.jar | head -n 1)

# input: the app jar and its libraries (the classpath); JavaFX goes into the runtime as modules,
# its supported configuration; the command wrapper and its filter ride along in lib/app
rm -rf "$out" && mkdir -p "$out/input"
fx=()
cp "$jar" "$out/input/"
for lib in "$root"/app/target/lib/*.jar; do
  case "${lib##*/}" in
    javafx-*-linux.jar) fx+=("$lib") ;;
    javafx-*) ;; # the platform-less javafx jars are empty
    *) cp "$lib" "$out/input/" ;;
  esac
done
cp "$here/linux/attention-workbench.sh" "$root/scripts/quiet-jvm.sh" "$out/input/"
fxpath=$(IFS=:; echo "${fx[*]}")

# modules: what jdeps finds the code using, and what it cannot see (reflection, services, the
# incubating Vector API, LWJGL's sun.misc.Unsafe, javafx.swing's java.desktop for ImageIO)
echo "Finding the modules the app uses (jdeps) ..." >&2
found=$(jdeps -q --print-module-deps --ignore-missing-deps --multi-release "$(_wb_java_major "$JAVA_HOME")" \
  --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
  --class-path "$out/input/*" "$out"/input/*.jar)
modules="$found,javafx.controls,javafx.swing,java.desktop,jdk.incubator.vector,jdk.unsupported"
# TLS for the model downloads: elliptic curves moved into java.base in JDK 22
[ "$(_wb_java_major "$JAVA_HOME")" -lt 22 ] && modules="$modules,jdk.crypto.ec"
modules=$(tr , '\n' <<<"$modules" | sort -u | paste -sd, -)
echo "Runtime modules: $modules" >&2

# the flags ./workbench starts the JVM with (-XX:ObjectAlignmentInBytes=64: the GEMM's panels on
# cache lines; the Vector API; native access for LWJGL and JavaFX; LWJGL's Unsafe use is known)
java_options=(
  -XX:ObjectAlignmentInBytes=64 -XX:+UseParallelGC
  --add-modules jdk.incubator.vector
  --enable-native-access=ALL-UNNAMED,javafx.graphics
  -Dworkbench.command=attention-workbench '-Dworkbench.home=$APPDIR'
)
[ "$(_wb_java_major "$JAVA_HOME")" -ge 23 ] && java_options+=(--sun-misc-unsafe-memory-access=allow)
jopts=()
for o in "${java_options[@]}"; do jopts+=(--java-options "$o"); done

common=(
  --name attention-workbench --app-version "$version"
  --vendor "Attention Workbench" --copyright "Attention Workbench contributors"
  --description "Shows what attention does: attention maps of vision and text transformers, anomaly heatmaps, colorization by attention"
)

# (jpackage warns "No JDK Modules found" on a JDK without jmods/, as Temurin 24+: jlink then links
# from the running JDK itself, JEP 493, and the image is the same)
echo "jlink + jpackage: app-image ..." >&2
jpackage --type app-image "${common[@]}" --dest "$out/image" \
  --input "$out/input" --main-jar "$(basename "$jar")" --main-class org.attentionworkbench.app.Main \
  --module-path "$fxpath" --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands" \
  --icon "$here/linux/attention-workbench.png" "${jopts[@]}"
image=$out/image/attention-workbench
echo "App image: $image ($(du -sh "$image" | cut -f1))" >&2
[ -n "$image_only" ] && exit 0

assoc=()
for f in "$here"/linux/associations/*.properties; do assoc+=(--file-associations "$f"); done
linux=(
  "${common[@]}" --app-image "$image" --dest "$out"
  --install-dir /opt --icon "$here/linux/attention-workbench.png"
  --linux-shortcut --linux-menu-group "Graphics;Science;Education;" --linux-app-category graphics
  "${assoc[@]}"
)
if command -v dpkg-deb >/dev/null 2>&1; then
  echo "jpackage: .deb ..." >&2
  # gzip, not dpkg's default xz: most of the payload is jars (compressed already), and xz took
  # about 10 minutes over them on a busy 2-core machine, for a .deb 8 MB smaller (115 vs 122 MB)
  export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
  # deb/: postinst and prerm that add /usr/bin/attention-workbench, a menu entry that runs it
  jpackage --type deb "${linux[@]}" --resource-dir "$here/linux/deb" --linux-deb-maintainer "attention-workbench@users.noreply.github.com" \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libxtst6, libgl1, libxxf86vm1"
fi
if command -v rpmbuild >/dev/null 2>&1; then
  echo "jpackage: .rpm ..." >&2
  jpackage --type rpm "${linux[@]}" --linux-package-deps "gtk3, libXtst, mesa-libGL, libXxf86vm"
fi
ls -l "$out"/*.deb "$out"/*.rpm 2>/dev/null >&2 || true
