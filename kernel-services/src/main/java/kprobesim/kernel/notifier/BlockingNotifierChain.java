package kprobesim.kernel.notifier;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@code struct blocking_notifier_head}: callbacks run in process context and may sleep.
 * Walks hold the read side of a readers-writer lock ({@code rwsem}); (un)registration takes
 * the write side, so it waits for running walks and no walk starts while the list changes.
 * The reboot, OOM and task-exit chains are blocking chains.
 *
 * <p>A callback must not (un)register on the chain that is calling it: that would be a
 * write-lock request under the caller's own read lock, a self-deadlock in Linux. Here it is
 * detected and reported as an {@link IllegalStateException} (a bug, not a user error).
 */
public final class BlockingNotifierChain implements NotifierChain {
    private final String name;
    private final ReentrantReadWriteLock rwsem = new ReentrantReadWriteLock();
    /** The list; written only with the write lock held, read with the read lock held. */
    private NotifierBlock[] blocks = ChainList.EMPTY;
    /** Published copy of {@code blocks} for the lock-free "chain is empty" fast path and views. */
    private volatile NotifierBlock[] published = ChainList.EMPTY;

    public BlockingNotifierChain(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    private void lockForWrite() {
        if (rwsem.getReadHoldCount() > 0) {
            throw new IllegalStateException("(un)registering on " + name
                    + " from inside one of its callbacks would deadlock");
        }
        rwsem.writeLock().lock();
    }

    /** Replaces the list; called only with the write lock held. */
    private void publish(NotifierBlock[] next) {
        blocks = next;
        published = next;
    }

    @Override
    public int register(NotifierBlock nb) {
        Objects.requireNonNull(nb, "nb");
        lockForWrite();
        try {
            return ChainList.register(blocks, nb, this::publish);
        } finally {
            rwsem.writeLock().unlock();
        }
    }

    @Override
    public int unregister(NotifierBlock nb) {
        lockForWrite();
        try {
            return ChainList.unregister(blocks, nb, this::publish);
        } finally {
            rwsem.writeLock().unlock();
        }
    }

    @Override
    public CallResult callChain(long action, Object data, int nrToCall) {
        // Like Linux: don't take the rwsem at all when the chain is empty.
        if (published.length == 0) {
            return new CallResult(Notify.DONE, 0);
        }
        rwsem.readLock().lock();
        try {
            return ChainList.walk(blocks, action, data, nrToCall);
        } finally {
            rwsem.readLock().unlock();
        }
    }

    /** For tests: true if {@code t} is queued on the rwsem (a writer waiting for walks to finish). */
    boolean isQueued(Thread t) {
        return rwsem.hasQueuedThread(t);
    }

    @Override
    public List<NotifierBlock> blocks() {
        return List.of(published);
    }
}
