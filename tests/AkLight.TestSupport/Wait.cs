using System.Diagnostics;

namespace AkLight.TestSupport;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what never happened.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception e)
            {
                last = e;
            }
            await Task.Delay(200);
        }
        var detail = last is null ? "" : $" (last error: {last.GetType().Name}: {last.Message})";
        var extra = diagnostics is null ? "" : Environment.NewLine + diagnostics();
        throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}{detail}{extra}");
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, diagnostics);
}
