package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
