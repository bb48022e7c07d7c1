package kprobesim.kernel.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** access_ok against addr_limit, and the Linux values of the flags. */
class UaccessTest {

    @Test
    void userDsEndsAtTaskSizeMax() {
        long top = MmSegment.TASK_SIZE_MAX;
        assertEquals(0x7ffffffff000L, top);
        assertTrue(MmSegment.USER_DS.rangeOk(top - 16, 16));
        assertFalse(MmSegment.USER_DS.rangeOk(top - 16, 17));
        assertTrue(MmSegment.USER_DS.rangeOk(0x400000, 0x1000));
        assertFalse(MmSegment.USER_DS.rangeOk(0xffff880000000000L, 1), "kernel direct map");
        assertFalse(MmSegment.USER_DS.rangeOk(0xffffffff81000000L, 0));
    }

    @Test
    void kernelDsAllowsEverythingThatDoesNotWrap() {
        assertTrue(MmSegment.KERNEL_DS.rangeOk(0xffff880000000000L, 100));
        assertTrue(MmSegment.KERNEL_DS.rangeOk(0x400000, 10));
        assertFalse(MmSegment.KERNEL_DS.rangeOk(-8L, 16));
        assertEquals(MmSegment.KERNEL_DS, MmSegment.getDs());
        assertEquals("KERNEL_DS", MmSegment.KERNEL_DS.toString());
        assertEquals("USER_DS", MmSegment.USER_DS.toString());
    }

    @Test
    void setFsChangesTheTasksLimit() {
        ThreadInfo ti = new ThreadInfo();
        assertEquals(MmSegment.USER_DS, ti.getFs());
        assertFalse(ti.accessOk(0xffff880000001000L, 8));
        MmSegment old = ti.getFs();
        ti.setFs(MmSegment.getDs());
        assertTrue(ti.accessOk(0xffff880000001000L, 8));
        ti.setFs(old);
        assertFalse(ti.accessOk(0xffff880000001000L, 8));
    }

    @Test
    void flagValuesAreLinuxOctal() {
        assertEquals(0, OpenFlags.O_RDONLY);
        assertEquals(1, OpenFlags.O_WRONLY);
        assertEquals(2, OpenFlags.O_RDWR);
        assertEquals(0x40, OpenFlags.O_CREAT);
        assertEquals(0x80, OpenFlags.O_EXCL);
        assertEquals(0x200, OpenFlags.O_TRUNC);
        assertEquals(0x400, OpenFlags.O_APPEND);
        assertEquals("O_RDWR|O_CREAT", OpenFlags.describe(OpenFlags.O_RDWR | OpenFlags.O_CREAT));
        assertEquals("O_WRONLY|O_TRUNC|04000000", OpenFlags.describe(OpenFlags.O_WRONLY | OpenFlags.O_TRUNC | 04000000));
        assertEquals(0, Seek.SEEK_SET);
        assertEquals(1, Seek.SEEK_CUR);
        assertEquals(2, Seek.SEEK_END);
    }
}
