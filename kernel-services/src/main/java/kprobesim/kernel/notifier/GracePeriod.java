package kprobesim.kernel.notifier;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal RCU-style grace period for {@link AtomicNotifierChain}: readers (chain walks)
 * enter and exit cheaply and never block; {@link #synchronize()} (the {@code synchronize_rcu}
 * that {@code atomic_notifier_chain_unregister} performs) returns only after every walk that
 * could still hold the old list has finished.
 *
 * <h2>Assumptions and Guarantees</h2>
 * <ul>
 *   <li>Guarantee: a reader that entered before {@code synchronize()} flipped the epoch is
 *       counted in the old epoch until it exits, so {@code synchronize()} waits for it.</li>
 *   <li>Guarantee: a reader that enters after the flip reads the list the writer published
 *       before calling {@code synchronize()} (volatile write of the list, then of the epoch;
 *       the reader reads the epoch, then the list).</li>
 *   <li>Guarantee: readers are lock-free; a reader retries only if an epoch flip raced with its
 *       entry.</li>
 *   <li>Assumption: a thread never calls {@code synchronize()} from inside a read section
 *       (it would wait for itself; Linux has the same rule for {@code synchronize_rcu}).
 *       This is checked and reported as an {@link IllegalStateException}.</li>
 *   <li>Assumption: read sections are short (they run callbacks that must not sleep), so the
 *       writer waits by yielding.</li>
 * </ul>
 */
final class GracePeriod {
    /** Readers currently inside, per epoch parity. */
    private final AtomicLong[] readers = {new AtomicLong(), new AtomicLong()};
    /** The epoch new readers join (0 or 1). Written only under {@code this}. */
    private volatile int epoch;
    /** Read-section nesting of the current thread, to catch synchronize-inside-read deadlocks. */
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    /** What the writer does while it waits; {@link Thread#yield} normally, a hook in tests. */
    private final Runnable whileWaiting;

    GracePeriod() {
        this(Thread::yield);
    }

    GracePeriod(Runnable whileWaiting) {
        this.whileWaiting = whileWaiting;
    }

    /** Enters a read section. @return the ticket to pass to {@link #exit} */
    int enter() {
        while (true) {
            int e = epoch;
            readers[e].incrementAndGet();
            if (epoch == e) {
                depth.get()[0]++;
                return e;
            }
            // a flip raced with us: we may be invisible to that writer, so rejoin the new epoch
            readers[e].decrementAndGet();
        }
    }

    void exit(int ticket) {
        depth.get()[0]--;
        readers[ticket].decrementAndGet();
    }

    /** Waits until every reader that entered before this call has exited. */
    void synchronize() {
        if (depth.get()[0] > 0) {
            throw new IllegalStateException("synchronize() inside a read section would wait for itself"
                    + " (unregistering from an atomic chain inside one of its callbacks)");
        }
        synchronized (this) {
            int old = epoch;
            epoch = 1 - old;
            while (readers[old].get() != 0) {
                whileWaiting.run();
            }
        }
    }
}
