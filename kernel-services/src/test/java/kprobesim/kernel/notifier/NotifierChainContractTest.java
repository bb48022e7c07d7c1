package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain semantics every flavour shares; one subclass per flavour (JCTools QueueSanityTest style). */
abstract class NotifierChainContractTest {

    abstract NotifierChain newChain();

    /** A block that appends its name to the {@code List<String>} passed as data and returns {@code ret}. */
    static NotifierBlock recording(String name, int priority, int ret) {
        return new NotifierBlock(name, priority, (nb, action, data) -> {
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) data;
            seen.add(nb.name());
            return ret;
        });
    }

    private static List<String> call(NotifierChain c) {
        List<String> seen = new ArrayList<>();
        c.callChain(0, seen);
        return seen;
    }

    @Test
    void higherPriorityRunsFirstAndEqualPriorityKeepsRegistrationOrder() {
        NotifierChain c = newChain();
        assertEquals(0, c.register(recording("low", -5, Notify.OK)));
        assertEquals(0, c.register(recording("mid1", 0, Notify.OK)));
        assertEquals(0, c.register(recording("high", 100, Notify.OK)));
        assertEquals(0, c.register(recording("mid2", 0, Notify.OK)));
        assertEquals(0, c.register(recording("mid3", 0, Notify.DONE)));
        assertEquals(List.of("high", "mid1", "mid2", "mid3", "low"), call(c));
        assertEquals(List.of("high", "mid1", "mid2", "mid3", "low"), c.blocks().stream().map(NotifierBlock::name).toList());
    }

    @Test
    void kprobesPriorityIsNotifiedFirstEvenWhenRegisteredLast() {
        NotifierChain c = newChain();
        c.register(recording("a", 0, Notify.DONE));
        c.register(recording("b", Integer.MAX_VALUE - 1, Notify.DONE));
        c.register(recording("kprobes", NotifierBlock.PRIORITY_FIRST, Notify.DONE));
        assertEquals(List.of("kprobes", "b", "a"), call(c));
    }

    @Test
    void stopEndsTheWalkAndIsReturned() {
        NotifierChain c = newChain();
        c.register(recording("first", 10, Notify.OK));
        c.register(recording("stopper", 5, Notify.STOP));
        c.register(recording("never", 0, Notify.OK));
        List<String> seen = new ArrayList<>();
        CallResult r = c.callChain(7, seen, -1);
        assertEquals(Notify.STOP, r.ret());
        assertEquals(2, r.nrCalls());
        assertEquals(List.of("first", "stopper"), seen);
    }

    @Test
    void badStopsAndCarriesMinusEperm() {
        NotifierChain c = newChain();
        c.register(recording("veto", 1, Notify.BAD));
        c.register(recording("never", 0, Notify.OK));
        List<String> seen = new ArrayList<>();
        int ret = c.callChain(0, seen);
        assertEquals(Notify.BAD, ret);
        assertEquals(-1, Notify.toErrno(ret));
        assertEquals(List.of("veto"), seen);
    }

    @Test
    void errnoFromACallbackStopsTheWalk() {
        NotifierChain c = newChain();
        c.register(new NotifierBlock("nomem", 0, (nb, a, d) -> Notify.fromErrno(-12)));
        c.register(recording("never", -1, Notify.OK));
        List<String> seen = new ArrayList<>();
        assertEquals(-12, Notify.toErrno(c.callChain(0, seen)));
        assertEquals(List.of(), seen);
    }

    @Test
    void returnsTheLastValueOrDoneForAnEmptyChain() {
        NotifierChain c = newChain();
        assertEquals(new CallResult(Notify.DONE, 0), c.callChain(0, new ArrayList<String>(), -1));
        c.register(recording("ok", 1, Notify.OK));
        c.register(recording("done", 0, Notify.DONE));
        assertEquals(new CallResult(Notify.DONE, 2), c.callChain(0, new ArrayList<String>(), -1));
    }

    @Test
    void nrToCallLimitsTheWalk() {
        NotifierChain c = newChain();
        for (int i = 0; i < 5; i++) {
            c.register(recording("n" + i, -i, Notify.OK));
        }
        List<String> seen = new ArrayList<>();
        CallResult r = c.callChain(0, seen, 3);
        assertEquals(3, r.nrCalls());
        assertEquals(List.of("n0", "n1", "n2"), seen);
        assertEquals(0, c.callChain(0, new ArrayList<String>(), 0).nrCalls());
        assertThrows(IllegalArgumentException.class, () -> c.callChain(0, null, -2));
    }

    @Test
    void actionAndDataReachTheCallback() {
        NotifierChain c = newChain();
        Object[] got = new Object[3];
        NotifierBlock nb = new NotifierBlock("probe", 0, (self, action, data) -> {
            got[0] = self;
            got[1] = action;
            got[2] = data;
            return Notify.OK;
        });
        c.register(nb);
        Object payload = new Object();
        assertEquals(Notify.OK, c.callChain(42, payload));
        assertSame(nb, got[0]);
        assertEquals(42L, got[1]);
        assertSame(payload, got[2]);
    }

    @Test
    void duplicateRegistrationIsEexistAndUnregisterOfAnAbsentBlockIsEnoent() {
        NotifierChain c = newChain();
        NotifierBlock nb = recording("x", 0, Notify.OK);
        NotifierBlock twin = recording("x", 0, Notify.OK);
        assertEquals(0, c.register(nb));
        assertEquals(-17, c.register(nb));
        assertEquals(0, c.register(twin), "an equal-looking block is a different registration");
        assertEquals(List.of("x", "x"), call(c));
        assertEquals(0, c.unregister(nb));
        assertEquals(-2, c.unregister(nb));
        assertEquals(List.of("x"), call(c));
        assertEquals(0, c.unregister(twin));
        assertEquals(List.of(), call(c));
        assertEquals(-2, c.unregister(recording("never-registered", 0, Notify.OK)));
    }

    @Test
    void aBlockCanBeRegisteredAgainAfterUnregister() {
        NotifierChain c = newChain();
        NotifierBlock a = recording("a", 0, Notify.OK);
        NotifierBlock b = recording("b", 0, Notify.OK);
        c.register(a);
        c.register(b);
        c.unregister(a);
        c.register(a);
        assertEquals(List.of("b", "a"), call(c), "re-registration goes after equal priorities");
    }
}
