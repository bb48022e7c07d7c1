package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kprobesim.cpu.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

class PtRegsTest {
    @Test
    void fieldsAreLinuxOrderContiguousAndEndAtSize() {
        List<String> order = List.of("r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8", "ax", "cx",
                "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss");
        assertEquals(order, PtRegs.FIELDS.stream().map(PtRegs.Field::name).toList());
        for (int i = 0; i < PtRegs.FIELDS.size(); i++) {
            assertEquals(8 * i, PtRegs.FIELDS.get(i).offset(), PtRegs.FIELDS.get(i).name());
        }
        assertEquals(8 * order.size(), PtRegs.SIZE);
        assertEquals(0x78, PtRegs.ORIG_AX, "the 0x78 of seed 002's page_fault stub");
        assertEquals(15, PtRegs.FIELDS.stream().filter(f -> f.reg() >= 0).count());
    }

    @Test
    void viewReadsAndWritesMemory() {
        PhysicalMemory mem = new PhysicalMemory();
        mem.map(0x10000, 0x1000);
        PtRegs regs = PtRegs.at(mem, 0x10100);
        regs.setIp(0xffffffff81000123L);
        regs.set(PtRegs.CS, 0x33);
        assertEquals(0xffffffff81000123L, mem.read64(0x10100 + 0x80));
        assertTrue(regs.userMode());
        regs.set(PtRegs.CS, 0x10);
        assertFalse(regs.userMode());
        assertThrows(IllegalArgumentException.class, () -> regs.get(PtRegs.SIZE));
        assertThrows(IllegalArgumentException.class, () -> regs.get(3));
        assertThrows(IllegalArgumentException.class, () -> PtRegs.at(mem, 0x10101));
    }
}
