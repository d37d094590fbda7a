namespace Xmmutablemap.Testing;

internal static class SmallStack
{
    /// <summary>
    /// Runs <paramref name="action"/> on a thread with a 256 KiB stack and a time limit, so that unbounded
    /// recursion fails the test (the process would crash) instead of passing by luck on a large stack.
    /// </summary>
    public static void Run(Action action, int seconds = 10)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        Xunit.Assert.True(thread.Join(TimeSpan.FromSeconds(seconds)), $"did not finish within {seconds} s");
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
