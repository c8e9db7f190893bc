using System.Runtime.InteropServices;

namespace AkLight.CommandLine;

/// <summary>
/// Cancels <see cref="Token"/> on the first Ctrl+C or SIGTERM so the tool can finish cleanly; a second one
/// ends the process at once.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested) return;
        context.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
