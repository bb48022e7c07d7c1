package kprobesim.kernel.mm;

/**
 * The OOM killer's hook ({@code out_of_memory} after the OOM chain freed nothing): pick a victim,
 * kill it and return the pages its death released (0 if there was nobody to kill). The scheduler
 * plugs in the real one; {@link #NONE} kills nobody, so the allocation fails with -ENOMEM.
 */
@FunctionalInterface
public interface OomKiller {
    OomKiller NONE = order -> 0;

    /** @param order the failed request was 2^order pages; @return pages freed by the kill */
    long outOfMemory(int order);
}
