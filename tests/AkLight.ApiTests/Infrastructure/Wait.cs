using System.Diagnostics;

namespace AkLight.ApiTests.Infrastructure;

/// <summary>Bounded polling.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 200 ms until true; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s");
            await Task.Delay(200);
        }
    }
}
