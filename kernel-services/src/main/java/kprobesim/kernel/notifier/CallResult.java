package kprobesim.kernel.notifier;

/**
 * What a chain walk returned: the last callback's value ({@code NOTIFY_DONE} if none ran) and
 * how many callbacks ran ({@code *nr_calls}).
 */
public record CallResult(int ret, int nrCalls) {
    /** True if a callback asked to stop the walk. */
    public boolean stopped() {
        return Notify.stops(ret);
    }
}
