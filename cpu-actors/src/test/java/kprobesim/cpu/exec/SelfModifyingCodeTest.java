package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.api.Test;

/** smc tier: writes to text already in the decode cache take effect on the next execution. */
class SelfModifyingCodeTest {

    @Test
    void int3WrittenOverACachedInstructionHitsOnTheNextExecution() {
        TestMachine m = new TestMachine("target: inc %rax\nret");
        // run the function a few times through a caller loop so its instructions are cached
        for (int i = 0; i < 3; i++) {
            m.core.setReg(Reg.RSP, TestMachine.STACK_TOP - 8);
            m.mem.write64(TestMachine.STACK_TOP - 8, 0x500000L);
            m.core.setRip(TestMachine.CODE);
            RunResult r = m.core.run(100, 0x500000L);
            assertEquals(Stop.END, r.stop());
        }
        assertEquals(3, m.reg(Reg.RAX));
        // arm a "kprobe": 0xCC over the first byte of inc
        m.mem.write8(TestMachine.CODE, 0xcc);
        m.core.setRip(TestMachine.CODE);
        RunResult r = m.core.run(100, 0x500000L);
        assertEquals(Stop.EXCEPTION, r.stop());
        assertEquals(CpuException.BP, r.exception().vector());
        assertEquals(TestMachine.CODE + 1, m.core.rip(), "#BP saved rip is after the 0xCC");
        // disarm: the original byte again runs the original instruction
        m.mem.write8(TestMachine.CODE, 0x48);
        m.core.setRip(TestMachine.CODE);
        m.core.setReg(Reg.RSP, TestMachine.STACK_TOP - 8);
        m.mem.write64(TestMachine.STACK_TOP - 8, 0x500000L);
        assertEquals(Stop.END, m.core.run(100, 0x500000L).stop());
        assertEquals(4, m.reg(Reg.RAX));
    }

    @Test
    void guestStoreIntoItsOwnLoopChangesTheNextIteration() {
        // The loop body's "add $1" immediate is patched by the guest to "add $100" on the 2nd pass.
        TestMachine m = new TestMachine(String.join("\n",
                "start: mov $3,%ecx",
                "loop: add $1,%rax",           // 48 83 c0 01: the immediate is byte 3
                "lea loop+3(%rip),%rdx",
                "movb $100,(%rdx)",
                "dec %ecx",
                "jnz loop"));
        assertEquals(Stop.END, m.run().stop());
        assertEquals(1 + 100 + 100, m.reg(Reg.RAX));
    }

    @Test
    void writeFromAnotherCoreIsSeenAfterFlushDecodeCache() {
        TestMachine m = new TestMachine("nop\nnop\nhlt");
        assertEquals(Stop.HLT, m.run().stop());
        X86Core other = new X86Core(m.mem);
        other.setReg(Reg.RAX, TestMachine.CODE);
        // the other core patches the first nop into int3 through a guest store
        m.mem.map(0x700000L, 1);
        m.mem.load(0x700000L, new byte[] {(byte) 0xc6, 0x00, (byte) 0xcc, (byte) 0xf4}); // movb $0xcc,(%rax); hlt
        other.setRip(0x700000L);
        assertEquals(Stop.HLT, other.run(10, X86Core.NO_END).stop());
        m.core.flushDecodeCache(); // SyncCore
        m.core.setRip(TestMachine.CODE);
        RunResult r = m.core.run(10, X86Core.NO_END);
        assertEquals(CpuException.BP, r.exception().vector());
    }

    @Test
    void writeToTheSecondPageOfACachedStraddlingInstructionIsSeen() {
        TestMachine m = new TestMachine("nop");
        m.mem.map(TestMachine.CODE + 0x1000, 1);
        long at = TestMachine.CODE + 0x1000 - 2; // b8 01 | 00 00 00 f4: mov $1,%eax straddles; hlt
        m.mem.load(at, new byte[] {(byte) 0xb8, 0x01, 0x00, 0x00, 0x00, (byte) 0xf4});
        for (int i = 0; i < 2; i++) {
            m.core.setRip(at);
            assertEquals(Stop.HLT, m.core.run(10, X86Core.NO_END).stop());
            assertEquals(1, m.reg(Reg.RAX));
        }
        m.mem.write8(TestMachine.CODE + 0x1000, 0x02); // second immediate byte, on the next page
        m.core.setRip(at);
        assertEquals(Stop.HLT, m.core.run(10, X86Core.NO_END).stop());
        assertEquals(0x201, m.reg(Reg.RAX));
    }

    @Test
    void pageGenerationBumpsOnlyForCodePages() {
        TestMachine m = new TestMachine("nop");
        var data = m.mem.page(TestMachine.DATA);
        int g0 = data.generation();
        m.mem.write64(TestMachine.DATA, 1);
        assertEquals(g0, data.generation(), "data page: no write tracking cost");
        assertEquals(Stop.END, m.run().stop());
        var code = m.mem.page(TestMachine.CODE);
        int g1 = code.generation();
        m.mem.write8(TestMachine.CODE + 100, 0x90);
        assertEquals(g1 + 1, code.generation());
    }
}
