# Sourced. This machine's configured Debian archive, read from its apt sources at run time (one-line
# /etc/apt/sources.list* and deb822 *.sources alike), for building root file systems from the same mirror.

# Prints "URI SUITE COMPONENTS..." for every enabled binary ("deb") source of this Debian release
# (suites CODENAME, CODENAME-updates, CODENAME-security, ...), in the order apt reads them.
debian_sources() {
  local codename="$1" files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  files+=(/etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  local file
  for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    case "$file" in
      *.sources) awk -v want="$codename" '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no")
              for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++)
                if (suites[s] == want || index(suites[s], want "-") == 1) print uris[u], suites[s], comps
            types = ""; enabled = ""; comps = ""; nu = 0; ns = 0
          }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "") }
          key == "types" { types = $0 }
          key == "enabled" { enabled = tolower($0) }
          key == "uris" { nu = split($0, uris, " ") }
          key == "suites" { ns = split($0, suites, " ") }
          key == "components" { comps = $0 }
          END { flush() }' "$file" ;;
      *) awk -v want="$codename" '
          $1 == "deb" {
            i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
            if ($(i + 1) == want || index($(i + 1), want "-") == 1) {
              line = $i " " $(i + 1); for (j = i + 2; j <= NF && $j !~ /^#/; j++) line = line " " $j; print line
            }
          }' "$file" ;;
    esac
  done
}

# The mirror of the release itself (the first source whose suite is CODENAME), for debootstrap.
debian_mirror() {
  debian_sources "$1" | awk -v want="$1" '$2 == want { print $1; exit }'
}
