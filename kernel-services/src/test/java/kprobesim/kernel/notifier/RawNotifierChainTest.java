package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawNotifierChainTest extends NotifierChainContractTest {
    @Override
    NotifierChain newChain() {
        return new RawNotifierChain("test");
    }

    @Test
    void aCallbackMayUnregisterItselfDuringTheWalk() {
        RawNotifierChain c = new RawNotifierChain("raw");
        List<String> seen = new ArrayList<>();
        c.register(new NotifierBlock("once", 1, (nb, a, d) -> {
            seen.add("once");
            c.unregister(nb);
            return Notify.OK;
        }));
        c.register(new NotifierBlock("after", 0, (nb, a, d) -> {
            seen.add("after");
            return Notify.OK;
        }));
        c.callChain(0, null);
        c.callChain(0, null);
        assertEquals(List.of("once", "after", "after"), seen);
    }
}
