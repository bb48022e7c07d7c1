package kprobesim.cpu.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parallel mode's "has everything stopped?" counter: busy CPUs plus commands in flight to CPUs.
 * A sender counts a command before it is enqueued and the CPU uncounts it after handling it (after
 * counting itself busy if the command woke it), so the count cannot reach zero while an IPI that
 * would wake a halted CPU is still in a mailbox. Deterministic mode does not use it (the clock
 * sees quiescence at a round boundary).
 */
public final class Quiescence {
    private final AtomicLong busy = new AtomicLong();
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    public void increment() {
        busy.incrementAndGet();
    }

    public void decrement() {
        if (busy.decrementAndGet() == 0) {
            List<CompletableFuture<Void>> fire;
            synchronized (waiters) {
                if (busy.get() != 0) {
                    return;
                }
                fire = new ArrayList<>(waiters);
                waiters.clear();
            }
            fire.forEach(f -> f.complete(null));
        }
    }

    public long busy() {
        return busy.get();
    }

    /** Completes the next time nothing is busy (at once if nothing is). */
    public CompletionStage<Void> await() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiters) {
            if (busy.get() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(f);
        }
        return f;
    }
}
