package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
import kprobesim.cpu.isa.OpcodeTable.Form;
import kprobesim.cpu.isa.OpcodeTable.Row;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * One table is the source of truth: every row of {@link OpcodeTable} has a handler in the
 * interpreter. Each row is turned into an instruction with plausible operands and executed;
 * it must not raise #UD (only ud2 may).
 */
class OpcodeCoverageTest {
    private static final long DATA = 0x600000L;

    private static Instruction build(Row row) {
        Instruction.Builder b = new Instruction.Builder().reset().op(row.op).length(4).cond(row.cond);
        int opSize = row.isByteOp() ? 1 : 8;
        b.opSize(opSize);
        for (int i = 0; i < row.arity(); i++) {
            Form f = row.form(i);
            int size = f.size != 0 ? f.size : opSize;
            switch (f) {
                case Eb, Ew, Ed, Ev, M, Mp, Ob, Ov -> {
                    b.memOperand(i, f == Form.M ? 8 : size);
                    b.mem(Reg.NONE, Reg.NONE, 1, DATA + 16, Reg.NONE);
                }
                case Gb, Gv, Zb, Zv -> b.reg(i, i == 0 ? Reg.RBX : Reg.RCX, size);
                case AL, rAX -> b.reg(i, Reg.RAX, size);
                case CL -> b.reg(i, Reg.RCX, 1);
                case Rq -> b.reg(i, Reg.RAX, 8);
                case Cd -> b.reg(i, Reg.CR0 + 3, 8);
                case Ib, Ibs, Iw, Iz, Iv -> b.imm(i, 1, size);
                case Jb, Jz -> b.rel(i, 0x400000L);
            }
        }
        return b.build();
    }

    @Test
    void everyOpcodeRowHasAHandler() {
        List<String> missing = new ArrayList<>();
        for (Row row : OpcodeTable.rows()) {
            if (row.op == Op.UD2) {
                continue;
            }
            Instruction in = build(row);
            PhysicalMemory mem = new PhysicalMemory();
            mem.map(0x400000L, 0x1000);
            mem.map(DATA, 0x1000);
            mem.map(0x7f0000L, 0x10000);
            mem.write64(DATA + 16, 3); // non-zero divisor, in-range operands
            X86Core core = new X86Core(mem, (bytes, off, avail, rip) -> in);
            core.setReg(Reg.RSP, 0x800000L - 64);
            core.setReg(Reg.RCX, 1);
            core.setReg(Reg.RBX, 7);
            core.setHypercallHandler((c, nr, a, b, cc, d, e, f) -> 0);
            core.setRip(0x400000L);
            RunResult r = core.run(1, X86Core.NO_END);
            if (r.exception() != null && r.exception().vector() == CpuException.UD) {
                missing.add(row.toString());
            }
        }
        assertTrue(missing.isEmpty(), () -> "rows without an interpreter handler: " + missing);
    }
}
