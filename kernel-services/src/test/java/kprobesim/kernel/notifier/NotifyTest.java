package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kprobesim.kernel.errno.Errno;
import org.junit.jupiter.api.Test;

class NotifyTest {

    @Test
    void valuesAreLinuxs() {
        assertEquals(0x0000, Notify.DONE);
        assertEquals(0x0001, Notify.OK);
        assertEquals(0x8000, Notify.STOP_MASK);
        assertEquals(0x8002, Notify.BAD);
        assertEquals(0x8001, Notify.STOP);
        assertTrue(Notify.stops(Notify.STOP));
        assertTrue(Notify.stops(Notify.BAD));
        assertFalse(Notify.stops(Notify.OK));
        assertFalse(Notify.stops(Notify.DONE));
    }

    @Test
    void errnoRoundTripsThroughTheReturnValue() {
        for (Errno e : Errno.values()) {
            int ret = Notify.fromErrno(e.neg());
            assertTrue(Notify.stops(ret), e + " must stop the chain");
            assertEquals(e.neg(), Notify.toErrno(ret), e.name());
        }
        assertEquals(0x8000 | (1 + 12), Notify.fromErrno(-12), "STOP_MASK | (NOTIFY_OK - err)");
        assertEquals(Notify.OK, Notify.fromErrno(0));
    }

    @Test
    void plainValuesCarryNoErrno() {
        assertEquals(0, Notify.toErrno(Notify.DONE));
        assertEquals(0, Notify.toErrno(Notify.OK));
        assertEquals(0, Notify.toErrno(Notify.STOP));
        assertEquals(-1, Notify.toErrno(Notify.BAD), "NOTIFY_BAD reads as -EPERM");
        assertThrows(IllegalArgumentException.class, () -> Notify.fromErrno(5));
    }
}
