package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockingNotifierChainTest extends NotifierChainContractTest {
    @Override
    NotifierChain newChain() {
        return new BlockingNotifierChain("test");
    }

    @Test
    void registeringFromInsideACallbackWouldDeadlockAndIsReported() {
        BlockingNotifierChain c = new BlockingNotifierChain("reboot");
        c.register(NotifierBlock.of("bad", (nb, a, d) -> c.register(NotifierBlock.of("x", (n, x, y) -> 0))));
        assertThrows(IllegalStateException.class, () -> c.callChain(0, null));
    }

    @Test
    void aCallbackMaySleepAndRegistrationWaitsForTheWalk() throws Exception {
        BlockingNotifierChain c = new BlockingNotifierChain("reboot");
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        c.register(NotifierBlock.of("sleeper", (nb, a, d) -> {
            inCallback.countDown();
            try {
                assertTrue(wakeUp.await(30, TimeUnit.SECONDS)); // sleeping is allowed here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Notify.OK;
        }));
        Thread walker = new Thread(() -> c.callChain(0, null), "walker");
        walker.start();
        assertTrue(inCallback.await(30, TimeUnit.SECONDS));
        AtomicInteger registered = new AtomicInteger(-1);
        Thread writer = new Thread(() -> registered.set(c.register(NotifierBlock.of("late", (nb, a, d) -> 0))), "writer");
        writer.start();
        while (!c.isQueued(writer)) {
            Thread.yield(); // until the writer is parked on the rwsem
        }
        assertEquals(-1, registered.get(), "register completed while a walk held the chain");
        wakeUp.countDown();
        writer.join(30_000);
        walker.join(30_000);
        assertFalse(writer.isAlive());
        assertEquals(0, registered.get());
        assertEquals(2, c.blocks().size());
    }
}
