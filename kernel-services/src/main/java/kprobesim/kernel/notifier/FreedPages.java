package kprobesim.kernel.notifier;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code unsigned long *freed} out-parameter of the OOM chain: each callback adds the
 * pages it released ({@code *(unsigned long *)data += n}).
 */
public final class FreedPages {
    private final AtomicLong pages = new AtomicLong();

    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("freed pages cannot be negative: n=" + n);
        }
        pages.addAndGet(n);
    }

    public long get() {
        return pages.get();
    }
}
