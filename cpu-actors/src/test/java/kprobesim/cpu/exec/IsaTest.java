package kprobesim.cpu.exec;

import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.DF;
import static kprobesim.cpu.isa.Flags.IF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.TF;
import static kprobesim.cpu.isa.Flags.ZF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.api.Test;

/** isa tier: tiny programs assembled by GNU as, with register, flag, memory and fault asserts. */
class IsaTest {

    private static void assertStop(RunResult r, Stop stop) {
        assertEquals(stop, r.stop(), () -> "result " + r);
    }

    private static void assertException(RunResult r, int vector, int error, long address) {
        assertEquals(Stop.EXCEPTION, r.stop(), () -> "result " + r);
        assertEquals(new CpuException(vector, error, address), r.exception());
    }

    // ------------------------------------------------------------------ flags

    @Test
    void addOverflowSetsOfAndSfNotCf() {
        TestMachine m = new TestMachine("mov $0x7fffffff,%eax\nadd $1,%eax\nhlt");
        assertStop(m.run(), Stop.HLT);
        assertEquals(0x80000000L, m.reg(Reg.RAX));
        assertTrue(m.flag(OF));
        assertTrue(m.flag(SF));
        assertFalse(m.flag(CF));
        assertFalse(m.flag(ZF));
        assertTrue(m.flag(AF), "0xf + 1 carries out of bit 3");
        assertTrue(m.flag(PF), "low byte 0x00 has even parity");
        assertEquals(m.codeEnd, m.core.rip(), "hlt stops with rip after the hlt");
    }

    @Test
    void subBorrowSetsCfAndAdcConsumesIt() {
        TestMachine m = new TestMachine("xor %ebx,%ebx\nmov $1,%eax\nsub $2,%eax\nadc $0,%rbx\n"
                + "cmp $5,%al\nsetb %cl\nsbb %rdx,%rdx");
        assertStop(m.run(), Stop.END);
        assertEquals(0xffffffffL, m.reg(Reg.RAX), "32-bit sub zero-extends");
        assertEquals(1, m.reg(Reg.RBX), "adc adds the borrow");
        assertEquals(0, m.reg(Reg.RCX) & 0xff, "0xff is not below 5");
        assertEquals(0, m.reg(Reg.RDX), "sbb with CF=0");
    }

    @Test
    void incKeepsCarryAndNegSetsItForNonZero() {
        TestMachine m = new TestMachine("stc\nmov $-1,%eax\ninc %eax\nmov %eax,%ebx\nsetc %cl\nneg %ebx\nsetc %dl\n"
                + "mov $5,%esi\nneg %esi\nsetc %dil");
        assertStop(m.run(), Stop.END);
        assertEquals(0, m.reg(Reg.RAX));
        assertEquals(1, m.reg(Reg.RCX) & 0xff, "inc keeps CF");
        assertEquals(0, m.reg(Reg.RDX) & 0xff, "neg 0 clears CF");
        assertEquals(1, m.reg(Reg.RDI) & 0xff, "neg 5 sets CF");
        assertEquals(0xfffffffbL, m.reg(Reg.RSI));
    }

    @Test
    void shiftsByZeroKeepFlagsAndRotatesSetCf() {
        TestMachine m = new TestMachine("mov $0x81,%al\nxor %ecx,%ecx\nstc\nshl %cl,%al\nsetc %bl\n"
                + "rol $1,%al\nsetc %dl\nseto %dh\nmov $0x8000000000000001,%rsi\nshr $1,%rsi\nseto %bh");
        assertStop(m.run(), Stop.END);
        assertEquals(1, m.reg(Reg.RBX) & 0xff, "count 0 keeps CF");
        assertEquals(0x03, m.reg(Reg.RAX) & 0xff);
        assertEquals(1, (m.reg(Reg.RDX) & 0xff), "rol moves bit 7 into CF");
        assertEquals(1, (m.reg(Reg.RDX) >> 8) & 0xff, "rol 1: OF = MSB xor CF = 0 xor 1");
        assertEquals(1, (m.reg(Reg.RBX) >> 8) & 0xff, "shr 1: OF = old MSB");
        assertEquals(0x4000000000000000L, m.reg(Reg.RSI));
    }

    @Test
    void mulImulDivIdiv() {
        TestMachine m = new TestMachine("mov $-1,%rax\nmov $-1,%rcx\nmul %rcx\nmov %rdx,%r8\nseto %r9b\n"
                + "mov $-7,%rax\ncqto\nmov $2,%rcx\nidiv %rcx\nmov %rax,%r10\nmov %rdx,%r11\n"
                + "imul $-3,%r10,%r12\nmov $100,%eax\nmov $7,%bl\ndiv %bl");
        assertStop(m.run(), Stop.END);
        assertEquals(-2L, m.reg(Reg.R8), "high half of (2^64-1)^2");
        assertEquals(1, m.reg(Reg.R9) & 0xff);
        assertEquals(-3L, m.reg(Reg.R10), "idiv truncates toward zero");
        assertEquals(-1L, m.reg(Reg.R11), "remainder has the dividend's sign");
        assertEquals(9L, m.reg(Reg.R12));
        assertEquals(14 | (2 << 8), m.reg(Reg.RAX) & 0xffff, "al = quotient, ah = remainder");
    }

    @Test
    void pushfPopfAndClcStcCldStd() {
        TestMachine m = new TestMachine("stc\nstd\npushfq\npop %rax\nclc\ncld\npush %rax\npopfq\npushfq\npop %rbx\ncld");
        m.core.setRflags(IF);
        assertStop(m.run(), Stop.END);
        assertEquals(m.reg(Reg.RAX), m.reg(Reg.RBX));
        assertTrue((m.reg(Reg.RAX) & CF) != 0);
        assertTrue((m.reg(Reg.RAX) & DF) != 0);
        assertTrue((m.reg(Reg.RAX) & 2) != 0, "reserved bit 1");
        assertFalse(m.flag(DF));
    }

    // ------------------------------------------------------------------ control flow and stack

    @Test
    void callRetIndirectCallAndLeave() {
        TestMachine m = new TestMachine(String.join("\n",
                "start: push %rbp", "mov %rsp,%rbp", "sub $16,%rsp",
                "call f", "callq *ptr(%rip)", "leave", "jmp done",
                "f: inc %r8", "ret",
                "g: add $10,%r8", "ret $0",
                ".p2align 3", "ptr: .quad 0x400000 + (g - start)",
                "done: nop"));
        assertStop(m.run(), Stop.END);
        assertEquals(11, m.reg(Reg.R8));
        assertEquals(TestMachine.STACK_TOP, m.reg(Reg.RSP));
    }

    @Test
    void retImm16PopsArguments() {
        TestMachine m = new TestMachine("push $1\npush $2\ncall f\njmp out\nf: ret $16\nout: nop");
        assertStop(m.run(), Stop.END);
        assertEquals(TestMachine.STACK_TOP, m.reg(Reg.RSP));
    }

    @Test
    void iretqPopsTheFiveWordFrame() {
        TestMachine m = new TestMachine(String.join("\n",
                "push $0x18", "push $0x7f000", "push $0x246", "push $0x10", "lea target(%rip),%rax", "push %rax",
                "iretq", "hlt", "target: mov $1,%ebx"));
        assertStop(m.run(), Stop.END);
        assertEquals(1, m.reg(Reg.RBX));
        assertEquals(0x7f000, m.reg(Reg.RSP));
        assertEquals(0x246, m.core.rflags());
        assertEquals(0, m.core.cpl());
    }

    @Test
    void iretqToRing3ThenPrivilegedInstructionFaults() {
        TestMachine m = new TestMachine(String.join("\n",
                "push $0x2b", "push $0x7f000", "push $0x202", "push $0x33", "lea user(%rip),%rax", "push %rax",
                "iretq", "user: cli"));
        RunResult r = m.run();
        assertException(r, CpuException.GP, 0, 0);
        assertEquals(3, m.core.cpl());
        assertEquals(m.codeEnd - 1, m.core.rip(), "#GP is a fault: rip at the cli");
    }

    // ------------------------------------------------------------------ every fault vector

    @Test
    void divideByZeroIsDeAtTheDiv() {
        TestMachine m = new TestMachine("xor %ecx,%ecx\nmov $5,%eax\ndiv %ecx\nnop");
        RunResult r = m.run();
        assertException(r, CpuException.DE, 0, 0);
        assertEquals(TestMachine.CODE + 7, m.core.rip());
        assertEquals(2, r.instructions());
        assertEquals(5, m.reg(Reg.RAX), "nothing written");
    }

    @Test
    void quotientOverflowIsDe() {
        TestMachine m = new TestMachine("mov $0x8000000000000000,%rax\ncqto\nmov $-1,%rcx\nidiv %rcx");
        assertException(m.run(), CpuException.DE, 0, 0);
    }

    @Test
    void int3IsBpWithRipAfterTheCc() {
        TestMachine m = new TestMachine("nop\nint3\nnop");
        RunResult r = m.run();
        assertException(r, CpuException.BP, 0, 0);
        assertEquals(TestMachine.CODE + 2, m.core.rip());
        assertEquals(2, r.instructions(), "int3 retires");
    }

    @Test
    void intNRaisesThatVector() {
        TestMachine m = new TestMachine("int $0x80\nnop");
        assertException(m.run(), 0x80, 0, 0);
        assertEquals(TestMachine.CODE + 2, m.core.rip());
    }

    @Test
    void trapFlagRaisesDbAfterTheNextInstruction() {
        TestMachine m = new TestMachine("pushfq\norq $0x100,(%rsp)\npopfq\nmov $1,%eax\nmov $2,%eax");
        RunResult r = m.run();
        assertException(r, CpuException.DB, 0, 0);
        assertEquals(1, m.reg(Reg.RAX), "the instruction after popf ran, then #DB");
        assertEquals(4, r.instructions());
        assertTrue(m.flag(TF));
        // single-step again: one instruction, then #DB
        RunResult again = m.run();
        assertException(again, CpuException.DB, 0, 0);
        assertEquals(2, m.reg(Reg.RAX));
        assertEquals(1, again.instructions());
    }

    @Test
    void ud2AndInvalidBytesAreUd() {
        TestMachine m = new TestMachine("nop\nud2");
        assertException(m.run(), CpuException.UD, 0, 0);
        assertEquals(TestMachine.CODE + 1, m.core.rip());
        TestMachine bad = new TestMachine(".byte 0x06"); // push %es: invalid in 64-bit mode
        assertException(bad.run(), CpuException.UD, 0, 0);
        TestMachine lockReg = new TestMachine(".byte 0xf0, 0x01, 0xd8"); // lock add %ebx,%eax
        assertException(lockReg.run(), CpuException.UD, 0, 0);
    }

    @Test
    void privilegedInstructionsInRing3AreGp() {
        for (String insn : List.of("hlt", "cli", "sti", "mov %cr3,%rax", "mov %rax,%cr3", "lidt (%rsp)",
                "invlpg (%rax)")) {
            TestMachine m = new TestMachine(insn);
            m.core.setCpl(3);
            assertException(m.run(), CpuException.GP, 0, 0);
            assertEquals(TestMachine.CODE, m.core.rip(), insn);
        }
    }

    @Test
    void pageFaultsCarryAddressAndErrorCode() {
        TestMachine read = new TestMachine("mov $0x900010,%rbx\nmov (%rbx),%rax");
        RunResult r = read.run();
        assertException(r, CpuException.PF, 0, 0x900010L);
        assertEquals(0x900010L, read.core.cr2());
        assertEquals(TestMachine.CODE + 7, read.core.rip());

        TestMachine write = new TestMachine("mov $0x900010,%rbx\nmovl $1,(%rbx)");
        assertException(write.run(), CpuException.PF, CpuException.PF_WRITE, 0x900010L);

        TestMachine user = new TestMachine("mov $0x900010,%rbx\nmovl $1,(%rbx)");
        user.core.setCpl(3);
        assertException(user.run(), CpuException.PF, CpuException.PF_WRITE | CpuException.PF_USER, 0x900010L);

        TestMachine fetch = new TestMachine("mov $0x900000,%rax\njmp *%rax");
        assertException(fetch.run(), CpuException.PF, CpuException.PF_FETCH, 0x900000L);
        assertEquals(0x900000L, fetch.core.rip());

        TestMachine rmw = new TestMachine("mov $0x900010,%rbx\nincl (%rbx)");
        assertException(rmw.run(), CpuException.PF, CpuException.PF_WRITE, 0x900010L);
        TestMachine cmp = new TestMachine("mov $0x900010,%rbx\ncmpl $0,(%rbx)");
        assertException(cmp.run(), CpuException.PF, 0, 0x900010L);
        TestMachine split = new TestMachine("mov $0x60fffc,%rbx\nmovq $-1,(%rbx)");
        assertException(split.run(), CpuException.PF, CpuException.PF_WRITE, 0x610000L);
        assertEquals(0, split.mem.read32(0x60fffcL), "nothing of a faulting split store is written");

        TestMachine push = new TestMachine("mov $0x900000,%rsp\npush %rax");
        assertException(push.run(), CpuException.PF, CpuException.PF_WRITE, 0x8ffff8L);
        assertEquals(0x900000L, push.reg(Reg.RSP), "a faulting push leaves rsp alone");
    }

    @Test
    void instructionStraddlingIntoAnUnmappedPageFaultsAtTheFirstMissingByte() {
        TestMachine m = new TestMachine("nop");
        long last = TestMachine.CODE + 0x1000 - 2; // 2 bytes of a 5-byte mov before the page end
        m.mem.write(last, new byte[] {(byte) 0xb8, 0x01}, 0, 2);
        m.core.setRip(last);
        assertException(m.core.run(10, X86Core.NO_END), CpuException.PF, CpuException.PF_FETCH,
                TestMachine.CODE + 0x1000);
        // map the next page: now the same straddling instruction runs
        m.mem.map(TestMachine.CODE + 0x1000, 1);
        m.mem.write(TestMachine.CODE + 0x1000, new byte[] {0, 0, 0, (byte) 0xf4}, 0, 4);
        assertStop(m.core.run(10, X86Core.NO_END), Stop.HLT);
        assertEquals(1, m.reg(Reg.RAX));
    }

    @Test
    void straddlingLoadsAndStoresWork() {
        TestMachine m = new TestMachine("mov $0x600ffd,%rbx\nmovq $-2,(%rbx)\nmov (%rbx),%rax\naddq $1,(%rbx)\nmov (%rbx),%rcx");
        assertStop(m.run(), Stop.END);
        assertEquals(-2L, m.reg(Reg.RAX));
        assertEquals(-1L, m.reg(Reg.RCX));
        assertEquals(0xff, m.mem.read8(0x601004L));
    }

    // ------------------------------------------------------------------ hypercalls

    @Test
    void vmcallWithoutHandlerIsUd() {
        TestMachine m = new TestMachine("mov $1,%eax\nvmcall");
        assertException(m.run(), CpuException.UD, 0, 0);
    }

    @Test
    void vmcallPassesNrAndArgumentsAndReturnsInRax() {
        TestMachine m = new TestMachine("mov $7,%edi\nmov $8,%esi\nmov $9,%edx\nmov $10,%ecx\nmov $11,%r8d\n"
                + "mov $12,%r9d\nmov $42,%eax\nvmcall\nmov %rax,%rbx");
        List<Long> seen = new ArrayList<>();
        m.core.setHypercallHandler((core, nr, a, b, c, d, e, f) -> {
            seen.addAll(List.of((long) nr, a, b, c, d, e, f));
            return a + b + c + d + e + f;
        });
        assertStop(m.run(), Stop.END);
        assertEquals(List.of(42L, 7L, 8L, 9L, 10L, 11L, 12L), seen);
        assertEquals(57, m.reg(Reg.RBX));
    }

    // ------------------------------------------------------------------ system

    @Test
    void lidtSidtRoundTripAndControlRegisters() {
        TestMachine m = new TestMachine(String.join("\n",
                "mov $0x600000,%rbx", "movw $0xfff,(%rbx)", "movq $0xffffffff81a00000,%rax", "mov %rax,2(%rbx)",
                "lidt (%rbx)", "sidt 16(%rbx)", "mov $0x123000,%rax", "mov %rax,%cr3", "mov %cr3,%rcx",
                "mov %cr2,%rdx", "invlpg (%rbx)", "mfence", "lfence", "sfence", "pause", "nopw 0x0(%rax,%rax,1)",
                ".byte 0x66,0x66,0x90"));
        m.core.setCr2(0xdead);
        assertStop(m.run(), Stop.END);
        assertEquals(0xffffffff81a00000L, m.core.idtBase());
        assertEquals(0xfff, m.core.idtLimit());
        assertEquals(0xfff, m.mem.read16(0x600010L));
        assertEquals(0xffffffff81a00000L, m.mem.read64(0x600012L));
        assertEquals(0x123000, m.reg(Reg.RCX));
        assertEquals(0x123000, m.core.cr3());
        assertEquals(0xdead, m.reg(Reg.RDX));
    }

    @Test
    void rdtscIsVirtualTimeAndCpuidIsFixed() {
        TestMachine m = new TestMachine("nop\nnop\nrdtsc\nmov %eax,%r8d\nxor %eax,%eax\ncpuid\nmov %eax,%r9d");
        assertStop(m.run(), Stop.END);
        assertEquals(2, m.reg(Reg.R8), "two instructions retired before rdtsc");
        assertEquals(1, m.reg(Reg.R9), "max leaf");
        StringBuilder vendor = new StringBuilder();
        for (long w : new long[] {m.reg(Reg.RBX), m.reg(Reg.RDX), m.reg(Reg.RCX)}) {
            for (int i = 0; i < 4; i++) {
                vendor.append((char) ((w >>> (8 * i)) & 0xff));
            }
        }
        assertEquals("KprobeSimCPU", vendor.toString());
        assertEquals(7, m.core.tsc());
    }

    @Test
    void cliStiChangeIfInRing0() {
        TestMachine m = new TestMachine("sti\npushfq\npop %rax\ncli");
        assertStop(m.run(), Stop.END);
        assertTrue((m.reg(Reg.RAX) & IF) != 0);
        assertFalse(m.flag(IF));
    }

    @Test
    void limitAndEndStops() {
        TestMachine m = new TestMachine("l: inc %rax\njmp l");
        RunResult r = m.core.run(1001, X86Core.NO_END);
        assertStop(r, Stop.LIMIT);
        assertEquals(1001, r.instructions());
        assertEquals(501, m.reg(Reg.RAX));
        assertNull(r.exception());
        RunResult end = m.core.run(100, TestMachine.CODE); // rip is at the jmp
        assertStop(end, Stop.END);
        assertEquals(1, end.instructions());
    }

    // ------------------------------------------------------------------ string ops

    @Test
    void repMovsbCopiesForwardAndStosqFillsBackward() {
        TestMachine m = new TestMachine(String.join("\n",
                "mov $0x600000,%rsi", "mov $0x600100,%rdi", "mov $10,%ecx", "rep movsb",
                "std", "mov $0x600218,%rdi", "mov $4,%ecx", "mov $0x1122334455667788,%rax", "rep stosq", "cld",
                "xor %ecx,%ecx", "rep stosb"));
        for (int i = 0; i < 10; i++) {
            m.mem.write8(0x600000L + i, 0x30 + i);
        }
        assertStop(m.run(), Stop.END);
        assertArrayEquals(m.mem.readBytes(0x600000L, 10), m.mem.readBytes(0x600100L, 10));
        assertEquals(0x60000aL, m.reg(Reg.RSI));
        for (int i = 0; i < 4; i++) {
            assertEquals(0x1122334455667788L, m.mem.read64(0x600200L + 8 * i));
        }
        assertEquals(0x6001f8L, m.reg(Reg.RDI) , "rcx=0 rep stosb changes nothing");
        assertEquals(0, m.reg(Reg.RCX));
    }

    @Test
    void repMovsFaultingMidwayIsRestartable() {
        TestMachine m = new TestMachine("mov $0x60fffc,%rsi\nmov $0x600000,%rdi\nmov $8,%ecx\nrep movsb");
        RunResult r = m.run();
        assertException(r, CpuException.PF, 0, 0x610000L);
        assertEquals(4, m.reg(Reg.RCX), "four bytes copied, four left");
        assertEquals(0x610000L, m.reg(Reg.RSI));
        assertEquals(0x600004L, m.reg(Reg.RDI));
        assertEquals(m.codeEnd - 2, m.core.rip(), "rip at the rep movsb");
    }

    // ------------------------------------------------------------------ atomics

    @Test
    void lockCmpxchgAndXaddSemantics() {
        TestMachine m = new TestMachine(String.join("\n",
                "mov $0x600000,%rbx", "movq $5,(%rbx)", "mov $5,%eax", "mov $9,%ecx", "lock cmpxchg %rcx,(%rbx)",
                "setz %r8b", "mov $5,%eax", "lock cmpxchg %rcx,(%rbx)", "setz %r9b", "mov %rax,%r10",
                "mov $3,%edx", "lock xadd %rdx,(%rbx)", "xchg %rdx,8(%rbx)"));
        assertStop(m.run(), Stop.END);
        assertEquals(1, m.reg(Reg.R8) & 0xff);
        assertEquals(0, m.reg(Reg.R9) & 0xff);
        assertEquals(9, m.reg(Reg.R10), "failed cmpxchg loads the current value");
        assertEquals(12, m.mem.read64(0x600000L));
        assertEquals(9, m.mem.read64(0x600008L), "xchg stored the old value returned by xadd");
    }
}
