# Sourced. Builds the local stand-ins for the base images (see ../base-images/Dockerfile) in the engine at
# $DOCKER_HOST, unless images built from the same inputs are already there: the engine's data root is
# kept between runs, so only the first run pays for debootstrap and the copies of .NET.
# Needs: $DOCKER (the client), $STACK_DIR (deploy/stack-test), $WORK (a scratch folder), log().

STANDIN_ROOTFS_PREFIX=aklight-standin/debian
STANDIN_TARGETS=(postgres runtime aspnet sdk)
declare -A STANDIN_TAGS=(
  [runtime]=mcr.microsoft.com/dotnet/runtime:10.0
  [aspnet]=mcr.microsoft.com/dotnet/aspnet:10.0
  [sdk]=mcr.microsoft.com/dotnet/sdk:10.0
  [postgres]=postgres:15
)

image_label() { # image label -> value, empty when the image or the label is missing
  "$DOCKER" image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true
}

# This machine's .NET root, from where `dotnet --list-sdks` says the SDKs are; fails without .NET 10.
dotnet_root() {
  local sdks runtimes
  sdks=$(dotnet --list-sdks) && runtimes=$(dotnet --list-runtimes) || { echo "stack test: dotnet does not run" >&2; return 1; }
  grep -q '^10\.' <<< "$sdks" && grep -q '^Microsoft\.NETCore\.App 10\.' <<< "$runtimes" && grep -q '^Microsoft\.AspNetCore\.App 10\.' <<< "$runtimes" \
    || { echo "stack test: this machine needs the .NET 10 SDK and the .NET and ASP.NET Core 10 runtimes (dotnet --list-sdks / --list-runtimes)" >&2; return 1; }
  sed -n 's/^10\.[^ ]* \[\(.*\)\/sdk\]$/\1/p' <<< "$sdks" | head -n 1
}

# The Debian root file system image, by debootstrap --variant=minbase from this machine's mirror; sets STANDIN_BASE to its tag.
build_rootfs_image() {
  local codename mirror tag
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  mirror=$(debian_mirror "$codename")
  [ -n "$codename" ] && [ -n "$mirror" ] || { echo "stack test: no Debian archive for '$codename' in this machine's apt sources" >&2; return 1; }
  tag="$STANDIN_ROOTFS_PREFIX:$codename"
  STANDIN_BASE="$tag"
  [ "$(image_label "$tag" aklight.standin.mirror)" = "$mirror" ] && return 0

  command -v debootstrap >/dev/null || { echo "stack test: debootstrap is not installed" >&2; return 1; }
  log "base images: debootstrap --variant=minbase $codename from $mirror"
  local root="$WORK/rootfs"
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
    "$codename" "$root" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; echo "stack test: debootstrap failed" >&2; return 1; }
  # apt inside the images reads the same sources as this machine (release, updates, security).
  debian_sources "$codename" | awk '{ print "deb " $0 }' > "$root/etc/apt/sources.list"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" --numeric-owner -c . \
    | "$DOCKER" import --change "LABEL aklight.standin.mirror=$mirror" --change 'CMD ["bash"]' - "$tag" >/dev/null
  rm -rf "$root"
}

# Builds every stand-in whose inputs changed (the root file system, .NET's versions, the Dockerfile, the
# entrypoint, this machine's own certificate authorities).
build_base_images() {
  local root fingerprint target missing=()
  build_rootfs_image || return 1
  root=$(dotnet_root) || return 1
  fingerprint=$( { "$DOCKER" image inspect --format '{{.Id}}' "$STANDIN_BASE"; dotnet --list-sdks; dotnet --list-runtimes;
    cat "$STACK_DIR/base-images/Dockerfile" "$STACK_DIR/base-images/postgres-entrypoint.sh" /usr/local/share/ca-certificates/*.crt 2>/dev/null; } \
    | sha256sum | cut -c1-16)
  for target in "${STANDIN_TARGETS[@]}"; do
    [ "$(image_label "${STANDIN_TAGS[$target]}" aklight.standin.fingerprint)" = "$fingerprint" ] || missing+=("$target")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "base images: cached (${STANDIN_TAGS[*]})"; return 0; fi

  local context="$WORK/base-context"
  mkdir -p "$context"
  cp "$STACK_DIR/base-images/Dockerfile" "$STACK_DIR/base-images/postgres-entrypoint.sh" "$context/"
  mkdir -p "$context/local-ca"
  cp /usr/local/share/ca-certificates/*.crt "$context/local-ca/" 2>/dev/null || true
  for target in "${missing[@]}"; do
    # postgres is built first, from a context without .NET (the client sends the whole context each time).
    if [ "$target" != postgres ] && [ ! -e "$context/dotnet" ]; then
      # Hard links when the .NET root is on the same file system (instant), a copy otherwise.
      cp -al "$root" "$context/dotnet" 2>/dev/null || { rm -rf "$context/dotnet"; cp -a "$root" "$context/dotnet"; }
    fi
    log "base images: building ${STANDIN_TAGS[$target]} (target $target)"
    DOCKER_BUILDKIT=0 "$DOCKER" build -q --network host --build-arg "BASE=$STANDIN_BASE" --target "$target" \
      --label "aklight.standin.fingerprint=$fingerprint" -t "${STANDIN_TAGS[$target]}" "$context" > "$WORK/base-$target.log" 2>&1 \
      || { tail -n 30 "$WORK/base-$target.log" >&2; echo "stack test: building the $target stand-in failed" >&2; return 1; }
  done
  rm -rf "$context"
}
