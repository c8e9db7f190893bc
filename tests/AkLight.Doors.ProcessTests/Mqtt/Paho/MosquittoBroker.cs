using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Mqtt.Paho;

/// <summary>
/// Debian's Mosquitto broker (package mosquitto) as a process of its own: on a free port of 127.0.0.1, anonymous
/// clients allowed, nothing persisted, otherwise as Mosquitto runs by default. Disposing kills it and deletes its folder.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private static readonly string[] Locations = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private MosquittoBroker(string binary, int port)
    {
        Port = port;
        _folder = Directory.CreateTempSubdirectory("aklight-mosquitto-").FullName;
        var config = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", config]) start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The broker's binary; fails naming the package when it is not installed.</summary>
    public static string Binary => Locations.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"no mosquitto broker at {string.Join(" or ", Locations)}: install Debian's package mosquitto (test.sh does)");

    /// <summary>Starts a broker and waits until it accepts connections.</summary>
    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(Binary, FreePorts.Pick());
        try
        {
            await Wait.UntilAsync(broker.AcceptsAsync, TimeSpan.FromSeconds(20), $"mosquitto to listen on 127.0.0.1:{broker.Port}", broker.Describe);
        }
        catch
        {
            broker.Dispose();
            throw;
        }
        return broker;
    }

    /// <summary>The version line of <c>mosquitto -h</c>, such as "mosquitto version 2.0.11".</summary>
    public static async Task<string> VersionAsync()
    {
        var start = new ProcessStartInfo(Binary, "-h") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var firstLine = await process.StandardOutput.ReadLineAsync() ?? "";
        process.Kill();
        return firstLine.Trim();
    }

    public string Describe()
    {
        lock (_output) return $"mosquitto on port {Port}:{Environment.NewLine}{_output}";
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<bool> AcceptsAsync()
    {
        if (_process.HasExited) throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}.{Environment.NewLine}{Describe()}");
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", Port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception error) when (error is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
