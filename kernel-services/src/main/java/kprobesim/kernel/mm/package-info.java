/**
 * The kernel's physical page allocator ({@link kprobesim.kernel.mm.KernelPageAllocator}) with
 * Linux's out-of-memory path: OOM notifier chain, retry, then the {@link kprobesim.kernel.mm.OomKiller}
 * hook, else {@code -ENOMEM}.
 *
 * <h2>Threading model and lock rules</h2>
 * Called from any CPU actor thread or Java thread at once. The allocator's own monitor guards the
 * frame bitmap; it is a leaf lock and is never held while the OOM chain or the killer runs, so
 * notifier callbacks may free pages into the same allocator. Callers must not hold locks the OOM
 * callbacks take (the OOM chain is a blocking chain).
 */
package kprobesim.kernel.mm;
