package kprobesim.kernel.text;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code text_mutex}: a sleeping kernel mutex with an owner, fair (FIFO hand-off), that may be
 * held across a broadcast. It is not a Java monitor: holding it pins no thread, so a CPU actor
 * that holds it keeps serving messages while it waits for SyncCore acknowledgements, and Java
 * code may hold it across {@link CompletionStage} steps.
 *
 * <pre>
 *   FREE -&gt; HELD(o)              on lock(o) / tryLock(o) / lockOrQueue(o)
 *   HELD(o) -&gt; HELD(next waiter) on unlock(o) with waiters (ownership handed over, FIFO)
 *   HELD(o) -&gt; FREE             on unlock(o) without waiters
 * </pre>
 *
 * <h2>Assumptions and Guarantees</h2>
 * <ul>
 * <li>Not recursive: locking it again as the owner is a kernel bug (deadlock in Linux), reported
 *     with {@link IllegalStateException}. Unlocking as a non-owner is a bug as well.</li>
 * <li>No barging: {@link #tryLock} fails while anybody waits, so waiters are served in arrival
 *     order.</li>
 * <li>The stage returned by {@link #lock} completes on the thread of the {@link #unlock} that
 *     handed over ownership (or at once when free); continuations that must run elsewhere use the
 *     {@code *Async} variants. State changes happen under this object's monitor, which is never
 *     held while user code runs.</li>
 * </ul>
 */
public final class TextMutex {
    /** Result of {@link #lockOrQueue}. */
    public enum Acquire {
        /** The caller now owns the mutex (it was free, or a hand-off to the caller happened). */
        ACQUIRED,
        /** The caller is queued; ownership will be handed to it by an unlock. Poll again. */
        QUEUED
    }

    private record Waiter(LockOwner owner, CompletableFuture<Void> granted) {}

    private final String name;
    /** The holder, or null. Accessed only while holding this object's monitor. */
    private LockOwner owner;
    /** FIFO of owners waiting for a hand-off. Accessed only while holding this object's monitor. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    public TextMutex() {
        this("text_mutex");
    }

    public TextMutex(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** {@code mutex_trylock}: true if {@code o} now holds it; false if held or anybody waits. */
    public boolean tryLock(LockOwner o) {
        Objects.requireNonNull(o, "owner");
        synchronized (this) {
            checkNotRecursive(o);
            if (owner == null && waiters.isEmpty()) {
                owner = o;
                return true;
            }
            return false;
        }
    }

    /**
     * {@code mutex_lock}: completes once {@code o} holds the mutex (already completed if it was
     * free). Never blocks the calling thread.
     */
    public CompletionStage<Void> lock(LockOwner o) {
        Objects.requireNonNull(o, "owner");
        synchronized (this) {
            checkNotRecursive(o);
            if (owner == null && waiters.isEmpty()) {
                owner = o;
                return CompletableFuture.completedFuture(null);
            }
            for (Waiter w : waiters) {
                if (w.owner.equals(o)) {
                    return w.granted;
                }
            }
            Waiter w = new Waiter(o, new CompletableFuture<>());
            waiters.addLast(w);
            return w.granted;
        }
    }

    /**
     * The polling form of {@link #lock} for machine code (a hypercall cannot suspend its CPU on a
     * future): takes the mutex if free, otherwise queues {@code o} once (FIFO) and says so;
     * calling again after the hand-off answers {@link Acquire#ACQUIRED}.
     */
    public Acquire lockOrQueue(LockOwner o) {
        Objects.requireNonNull(o, "owner");
        synchronized (this) {
            if (o.equals(owner)) {
                // handed over while queued (a fresh recursive lock is indistinguishable: callers poll
                // only after a QUEUED answer)
                return Acquire.ACQUIRED;
            }
            lock(o);
            return o.equals(owner) ? Acquire.ACQUIRED : Acquire.QUEUED;
        }
    }

    /** {@code mutex_unlock}: hands the mutex to the oldest waiter, or frees it. */
    public void unlock(LockOwner o) {
        Objects.requireNonNull(o, "owner");
        Waiter next;
        synchronized (this) {
            if (!o.equals(owner)) {
                throw new IllegalStateException(name + ": unlock by " + o + " but the owner is "
                        + (owner == null ? "nobody" : owner));
            }
            next = waiters.pollFirst();
            owner = next == null ? null : next.owner;
        }
        if (next != null) {
            next.granted.complete(null);
        }
    }

    /**
     * {@code lockdep_assert_held(&text_mutex)}, strengthened to "held by {@code o}".
     *
     * @throws IllegalStateException if {@code o} does not hold the mutex (a kernel bug)
     */
    public void assertHeld(LockOwner o) {
        synchronized (this) {
            if (o == null || !o.equals(owner)) {
                throw new IllegalStateException("lockdep: " + name + " not held by " + o + " (owner: "
                        + (owner == null ? "nobody" : owner) + ")");
            }
        }
    }

    public synchronized boolean isHeldBy(LockOwner o) {
        return o != null && o.equals(owner);
    }

    /** {@code mutex_is_locked}. */
    public synchronized boolean isLocked() {
        return owner != null;
    }

    public synchronized Optional<LockOwner> owner() {
        return Optional.ofNullable(owner);
    }

    /** Owners waiting, oldest first. */
    public synchronized List<LockOwner> waiters() {
        return waiters.stream().map(Waiter::owner).toList();
    }

    private void checkNotRecursive(LockOwner o) {
        if (o.equals(owner)) {
            throw new IllegalStateException(name + ": recursive lock by its owner " + o + " (deadlock)");
        }
    }
}
