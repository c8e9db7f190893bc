using System.Runtime.Versioning;

// The bench reads /proc, sends POSIX signals and starts Debian's servers: Linux only.
[assembly: SupportedOSPlatform("linux")]
