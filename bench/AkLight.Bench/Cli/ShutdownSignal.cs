using System.Runtime.InteropServices;

namespace AkLight.Bench.Cli;

/// <summary>
/// The first Ctrl+C or SIGTERM cancels <see cref="Token"/>, so the bench unwinds and stops what it started; a
/// second one stops every started process by pid at once and exits.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ProcessRegistry.StopAll(TimeSpan.FromSeconds(5));
    }

    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!_stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopping (again to stop at once)...");
            _stop.Cancel();
            return;
        }
        ProcessRegistry.StopAll(TimeSpan.FromSeconds(2));
        Environment.Exit(130);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
