package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * A tiny machine for the isa tier: code assembled by GNU as at {@link #CODE}, a 64 KiB stack
 * below {@link #STACK_TOP}, 64 KiB of data at {@link #DATA}; everything else unmapped.
 */
final class TestMachine {
    static final long CODE = 0x400000L;
    static final long DATA = 0x600000L;
    static final long STACK_TOP = 0x800000L;

    final PhysicalMemory mem;
    final X86Core core;
    final long codeEnd;

    TestMachine(String asm) {
        this(new PhysicalMemory(), asm);
    }

    TestMachine(PhysicalMemory mem, String asm) {
        this.mem = mem;
        byte[] code = HostAssembler.assembleText(asm);
        mem.map(CODE, code.length);
        mem.load(CODE, code);
        mem.map(STACK_TOP - 0x10000, 0x10000);
        mem.map(DATA, 0x10000);
        core = new X86Core(mem);
        core.setRip(CODE);
        core.setReg(Reg.RSP, STACK_TOP);
        codeEnd = CODE + code.length;
    }

    RunResult run() {
        return core.run(10_000_000, codeEnd);
    }

    long reg(int r) {
        return core.reg(r);
    }

    boolean flag(int mask) {
        return (core.rflags() & mask) != 0;
    }
}
