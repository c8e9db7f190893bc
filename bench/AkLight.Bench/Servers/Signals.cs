using System.Runtime.InteropServices;

namespace AkLight.Bench.Servers;

/// <summary>Sends POSIX signals to a process by id (the bench stops every process it started by pid).</summary>
internal static partial class Signals
{
    public const int Interrupt = 2; // SIGINT: PostgreSQL's "fast" shutdown
    public const int Quit = 3;      // SIGQUIT: PostgreSQL's "immediate" shutdown
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when no such process exists.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && kill(pid, signal) == 0;

    /// <summary>True while a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        if (!Send(pid, 0)) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
