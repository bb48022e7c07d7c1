package kprobesim.cpu.exec;

import static kprobesim.cpu.exec.X86Core.K_ADD;
import static kprobesim.cpu.exec.X86Core.K_LOGIC;
import static kprobesim.cpu.exec.X86Core.K_SUB;
import static kprobesim.cpu.exec.X86Core.mask;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.STATUS;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;

/**
 * Integer arithmetic and logic: add adc sub sbb cmp and or xor test, inc dec neg not, xadd,
 * cmpxchg. Status flags are recorded lazily ({@link X86Core#setLazy}). Register forms never touch
 * memory; memory forms are the only ones that can raise #PF, and with a lock prefix they run as a
 * compare-and-set loop on the shared memory.
 */
final class AluOps {
    private AluOps() {}

    /**
     * Computes {@code a OP b} for a two-operand ALU op of {@code size} bytes and records its
     * flags; {@code cin} is the carry/borrow for adc/sbb. Operands are zero-extended.
     */
    static long alu(X86Core c, Op op, int size, long a, long b, long cin) {
        long m = mask(size);
        long res;
        switch (op) {
            case ADD:
                res = (a + b) & m;
                c.setLazy(K_ADD, size, a, b, res, STATUS);
                return res;
            case ADC:
                res = (a + b + cin) & m;
                c.setLazy(K_ADD, size, a, b, res, STATUS);
                return res;
            case SUB:
            case CMP:
                res = (a - b) & m;
                c.setLazy(K_SUB, size, a, b, res, STATUS);
                return res;
            case SBB:
                res = (a - b - cin) & m;
                c.setLazy(K_SUB, size, a, b, res, STATUS);
                return res;
            case AND:
            case TEST:
                res = a & b;
                break;
            case OR:
                res = a | b;
                break;
            default: // XOR
                res = a ^ b;
                break;
        }
        c.setLazy(K_LOGIC, size, 0, 0, res, STATUS);
        return res;
    }

    private static boolean writesBack(Op op) {
        return op != Op.CMP && op != Op.TEST;
    }

    static void binary(X86Core c, Instruction in) {
        if (in.kind0 == Instruction.MEM) {
            binaryMem(c, in);
        } else if (in.kind1 == Instruction.MEM) {
            binaryRegMem(c, in);
        } else {
            binaryReg(c, in);
        }
    }

    /** reg OP= reg/imm: no memory access. */
    private static void binaryReg(X86Core c, Instruction in) {
        int size = in.size0;
        long a = c.getReg(in.reg0, size);
        long b = in.kind1 == Instruction.IMM ? in.imm & mask(size) : c.getReg(in.reg1, size);
        Op op = in.op;
        long cin = (op == Op.ADC || op == Op.SBB) && c.cf() ? 1 : 0;
        long res = alu(c, op, size, a, b, cin);
        if (writesBack(op)) {
            c.setReg(in.reg0, size, res);
        }
    }

    /** reg OP= mem. */
    private static void binaryRegMem(X86Core c, Instruction in) {
        int size = in.size0;
        long b = c.load(c.ea(in), size);
        long a = c.getReg(in.reg0, size);
        Op op = in.op;
        long cin = (op == Op.ADC || op == Op.SBB) && c.cf() ? 1 : 0;
        long res = alu(c, op, size, a, b, cin);
        if (writesBack(op)) {
            c.setReg(in.reg0, size, res);
        }
    }

    /** mem OP= reg/imm, atomically with a lock prefix. */
    private static void binaryMem(X86Core c, Instruction in) {
        int size = in.size0;
        long addr = c.ea(in);
        long b = in.kind1 == Instruction.IMM ? in.imm & mask(size) : c.getReg(in.reg1, size);
        Op op = in.op;
        long cin = (op == Op.ADC || op == Op.SBB) && c.cf() ? 1 : 0;
        if ((in.prefixes & Instruction.LOCK) != 0) {
            long a;
            long res;
            do {
                a = c.loadForWrite(addr, size);
                res = alu(c, op, size, a, b, cin);
            } while (!c.cas(addr, size, a, res));
            return;
        }
        long a = writesBack(op) ? c.loadForWrite(addr, size) : c.load(addr, size);
        long res = alu(c, op, size, a, b, cin);
        if (writesBack(op)) {
            c.store(addr, size, res);
        }
    }

    /** inc, dec, neg, not. */
    static void unary(X86Core c, Instruction in) {
        if (in.kind0 == Instruction.MEM) {
            unaryMem(c, in);
        } else {
            unaryReg(c, in);
        }
    }

    private static void unaryReg(X86Core c, Instruction in) {
        int size = in.size0;
        c.setReg(in.reg0, size, unaryOp(c, in.op, size, c.getReg(in.reg0, size)));
    }

    /** Memory form, atomically with a lock prefix. */
    private static void unaryMem(X86Core c, Instruction in) {
        int size = in.size0;
        long addr = c.ea(in);
        if ((in.prefixes & Instruction.LOCK) != 0) {
            long a;
            long res;
            do {
                a = c.loadForWrite(addr, size);
                res = unaryOp(c, in.op, size, a);
            } while (!c.cas(addr, size, a, res));
            return;
        }
        c.store(addr, size, unaryOp(c, in.op, size, c.loadForWrite(addr, size)));
    }

    static long unaryOp(X86Core c, Op op, int size, long a) {
        long m = mask(size);
        long res;
        switch (op) {
            case INC:
                res = (a + 1) & m;
                c.setLazy(K_ADD, size, a, 1, res, STATUS & ~CF);
                return res;
            case DEC:
                res = (a - 1) & m;
                c.setLazy(K_SUB, size, a, 1, res, STATUS & ~CF);
                return res;
            case NEG:
                res = (-a) & m;
                c.setLazy(K_SUB, size, 0, a, res, STATUS);
                return res;
            default: // NOT
                return ~a & m;
        }
    }

    /** xadd r/m, reg: tmp = dst + src; src = dst; dst = tmp. */
    static void xadd(X86Core c, Instruction in) {
        int size = in.size0;
        long b = c.getReg(in.reg1, size);
        if (in.kind0 != Instruction.MEM) {
            long a = c.getReg(in.reg0, size);
            long res = alu(c, Op.ADD, size, a, b, 0);
            c.setReg(in.reg1, size, a);
            c.setReg(in.reg0, size, res);
            return;
        }
        long addr = c.ea(in);
        long a;
        long res;
        if ((in.prefixes & Instruction.LOCK) != 0) {
            do {
                a = c.loadForWrite(addr, size);
                res = alu(c, Op.ADD, size, a, b, 0);
            } while (!c.cas(addr, size, a, res));
        } else {
            a = c.loadForWrite(addr, size);
            res = alu(c, Op.ADD, size, a, b, 0);
            c.store(addr, size, res);
        }
        c.setReg(in.reg1, size, a);
    }

    /**
     * cmpxchg r/m, reg: compare the accumulator with the destination (flags as cmp acc, dst);
     * equal: dst = src; else accumulator = dst. Intel SDM Vol. 2 CMPXCHG.
     */
    static void cmpxchg(X86Core c, Instruction in) {
        int size = in.size0;
        long acc = c.getReg(Reg.RAX, size);
        long src = c.getReg(in.reg1, size);
        if (in.kind0 != Instruction.MEM) {
            long d = c.getReg(in.reg0, size);
            alu(c, Op.CMP, size, acc, d, 0);
            if (d == acc) {
                c.setReg(in.reg0, size, src);
            } else {
                c.setReg(Reg.RAX, size, d);
            }
            return;
        }
        long addr = c.ea(in);
        if ((in.prefixes & Instruction.LOCK) != 0) {
            while (true) {
                long d = c.loadForWrite(addr, size);
                if (d != acc) {
                    alu(c, Op.CMP, size, acc, d, 0);
                    c.setReg(Reg.RAX, size, d);
                    return;
                }
                if (c.cas(addr, size, acc, src)) {
                    alu(c, Op.CMP, size, acc, acc, 0);
                    return;
                }
            }
        }
        long d = c.loadForWrite(addr, size);
        alu(c, Op.CMP, size, acc, d, 0);
        if (d == acc) {
            c.store(addr, size, src);
        } else {
            c.setReg(Reg.RAX, size, d);
        }
    }
}
