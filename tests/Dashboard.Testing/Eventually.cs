namespace Dashboard.Testing;

/// <summary>Waits for a condition with a deadline: the synchronisation tests use instead of sleeps.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
