package kprobesim.kernel.notifier;

/**
 * The OOM chain ({@code oom_notify_list}, a blocking chain): the page allocator calls it
 * before the OOM killer; callbacks release caches and add what they freed to the
 * {@link FreedPages} passed as data. If anything was freed the OOM kill is skipped.
 */
public final class OomNotifier {
    private final BlockingNotifierChain chain = new BlockingNotifierChain("oom_notify_list");

    public int registerOomNotifier(NotifierBlock nb) {
        return chain.register(nb);
    }

    public int unregisterOomNotifier(NotifierBlock nb) {
        return chain.unregister(nb);
    }

    /**
     * The first step of {@code out_of_memory()}: runs the chain with {@code action = 0}.
     *
     * @return pages the callbacks freed; 0 means the caller must go on to kill a task
     */
    public long notifyOom() {
        FreedPages freed = new FreedPages();
        chain.callChain(0, freed);
        return freed.get();
    }

    public BlockingNotifierChain chain() {
        return chain;
    }
}
