package kprobesim.kernel.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TextMutex: ownership, FIFO hand-off, lockdep assertion, polling form, many threads. */
class TextMutexTest {
    final TextMutex m = new TextMutex();
    final LockOwner a = LockOwner.java("a"), b = LockOwner.java("b"), c = LockOwner.cpu(2);

    @Test
    void lockOfAFreeMutexCompletesAtOnceAndRecordsTheOwner() {
        assertTrue(m.lock(a).toCompletableFuture().isDone());
        assertEquals(Optional.of(a), m.owner());
        m.assertHeld(a);
        assertThrows(IllegalStateException.class, () -> m.assertHeld(b));
        m.unlock(a);
        assertFalse(m.isLocked());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.assertHeld(a));
        assertTrue(e.getMessage().contains("not held by java a"), e.getMessage());
    }

    @Test
    void waitersAreHandedTheMutexInArrivalOrder() {
        List<String> order = new ArrayList<>();
        m.lock(a);
        CompletionStage<Void> sb = m.lock(b).thenRun(() -> order.add("b"));
        CompletionStage<Void> sc = m.lock(c).thenRun(() -> order.add("c"));
        assertEquals(List.of(b, c), m.waiters());
        assertFalse(sb.toCompletableFuture().isDone());
        m.unlock(a);
        assertEquals(Optional.of(b), m.owner());
        assertTrue(sb.toCompletableFuture().isDone());
        assertFalse(sc.toCompletableFuture().isDone());
        m.unlock(b);
        assertEquals(Optional.of(c), m.owner());
        assertEquals(List.of("b", "c"), order);
        m.unlock(c);
        assertFalse(m.isLocked());
    }

    @Test
    void tryLockDoesNotBargePastWaiters() {
        m.lock(a);
        m.lock(b);
        m.unlock(a); // handed to b
        assertFalse(m.tryLock(c));
        m.unlock(b);
        assertTrue(m.tryLock(c));
    }

    @Test
    void misuseIsAKernelBug() {
        m.lock(a);
        assertThrows(IllegalStateException.class, () -> m.lock(a), "recursive lock");
        assertThrows(IllegalStateException.class, () -> m.unlock(b), "unlock by a non-owner");
        m.unlock(a);
        assertThrows(IllegalStateException.class, () -> m.unlock(a), "unlock of a free mutex");
    }

    @Test
    void pollingFormQueuesOnceAndAcquiresAfterTheHandOff() {
        m.lock(a);
        assertEquals(TextMutex.Acquire.QUEUED, m.lockOrQueue(c));
        assertEquals(TextMutex.Acquire.QUEUED, m.lockOrQueue(c));
        assertEquals(List.of(c), m.waiters());
        m.unlock(a);
        assertEquals(TextMutex.Acquire.ACQUIRED, m.lockOrQueue(c));
        m.unlock(c);
        assertEquals(TextMutex.Acquire.ACQUIRED, m.lockOrQueue(c));
    }

    @Test
    void manyThreadsNeverShareTheMutex() throws Exception {
        int threads = 8, rounds = 2000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            LockOwner o = LockOwner.java("t" + t);
            new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    m.lock(o).toCompletableFuture().join();
                    if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    total.incrementAndGet();
                    inside.decrementAndGet();
                    m.unlock(o);
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        assertEquals(threads * rounds, total.get());
        assertFalse(m.isLocked());
    }

    @Test
    void aHolderMayKeepTheMutexAcrossAsynchronousSteps() {
        CompletableFuture<Void> broadcastAcked = new CompletableFuture<>();
        List<String> log = new ArrayList<>();
        m.lock(a).thenCompose(v -> broadcastAcked).thenRun(() -> {
            log.add("a done");
            m.unlock(a);
        });
        m.lock(b).thenRun(() -> log.add("b locked"));
        assertEquals(List.of(), log);
        broadcastAcked.complete(null);
        assertEquals(List.of("a done", "b locked"), log);
    }
}
