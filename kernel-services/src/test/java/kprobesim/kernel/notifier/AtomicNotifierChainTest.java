package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AtomicNotifierChainTest extends NotifierChainContractTest {
    @Override
    NotifierChain newChain() {
        return new AtomicNotifierChain("test");
    }

    @Test
    void unregisterWaitsForAWalkThatIsStillRunningTheBlock() throws Exception {
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean callbackFinished = new AtomicBoolean();
        AtomicInteger waits = new AtomicInteger();
        // The writer's wait hook releases the reader: it only runs if unregister really waits.
        AtomicNotifierChain c = new AtomicNotifierChain("rcu", new GracePeriod(() -> {
            waits.incrementAndGet();
            release.countDown();
            Thread.yield();
        }));
        NotifierBlock slow = new NotifierBlock("slow", 0, (nb, a, d) -> {
            inCallback.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            callbackFinished.set(true);
            return Notify.OK;
        });
        c.register(slow);
        Thread reader = new Thread(() -> c.callChain(0, null), "cpu1");
        reader.start();
        assertTrue(inCallback.await(30, TimeUnit.SECONDS));
        assertEquals(0, c.unregister(slow));
        assertTrue(callbackFinished.get(), "unregister returned while the callback was still running");
        assertTrue(waits.get() > 0);
        reader.join(30_000);
        assertFalse(reader.isAlive());
    }

    @Test
    void unregisterInsideACallbackOfTheSameChainIsABug() {
        AtomicNotifierChain c = new AtomicNotifierChain("die");
        NotifierBlock victim = NotifierBlock.of("victim", (nb, a, d) -> Notify.OK);
        c.register(victim);
        c.register(new NotifierBlock("bad", 1, (nb, a, d) -> c.unregister(victim)));
        assertThrows(IllegalStateException.class, () -> c.callChain(0, null));
    }

    @Test
    void registeringInsideACallbackIsAllowed() {
        AtomicNotifierChain c = new AtomicNotifierChain("die");
        NotifierBlock late = NotifierBlock.of("late", (nb, a, d) -> Notify.OK);
        c.register(new NotifierBlock("adder", 1, (nb, a, d) -> c.register(late) == 0 ? Notify.OK : Notify.DONE));
        assertEquals(new CallResult(Notify.OK, 1), c.callChain(0, null, -1),
                "the walk goes on over the list it started with");
        assertEquals(2, c.blocks().size());
        assertEquals(new CallResult(Notify.OK, 2), c.callChain(0, null, -1), "the next walk sees the new block");
    }

    @Test
    void registrationDoesNotWaitForRunningWalks() throws Exception {
        AtomicNotifierChain c = new AtomicNotifierChain("panic");
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        c.register(NotifierBlock.of("busy", (nb, a, d) -> {
            inCallback.countDown();
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Notify.OK;
        }));
        Thread walker = new Thread(() -> c.callChain(0, null), "cpu0");
        walker.start();
        assertTrue(inCallback.await(30, TimeUnit.SECONDS));
        // if register waited for the walk this would never return (the walk waits for us)
        assertEquals(0, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> c.register(NotifierBlock.of("new", (nb, a, d) -> Notify.OK))));
        release.countDown();
        walker.join(30_000);
        assertFalse(walker.isAlive());
        assertEquals(2, c.blocks().size());
    }
}
