package kprobesim.cpu.asm;

import kprobesim.cpu.isa.Reg;

/**
 * The ModRM, SIB and displacement bytes of a memory operand, with GNU as's choices: no
 * displacement for a constant 0 (except rbp/r13 bases, which need disp8 0), disp8 for constants
 * in [-128,127], disp32 otherwise and for every symbol; a SIB byte for rsp/r12 bases, indexes
 * and absolute addresses ({@code 04 25 disp32}, since plain mod=00 rm=101 means RIP-relative
 * in 64-bit mode).
 *
 * <pre>
 *   ModRM:  7 6 | 5 4 3 | 2 1 0        SIB:  7 6  | 5 4 3 | 2 1 0
 *           mod |  reg  |  r/m                scale | index |  base
 * </pre>
 */
final class AddressingEncoder {
    private AddressingEncoder() {}

    /**
     * ModRM (+SIB, +displacement) for a memory operand. A RIP-relative displacement to a symbol
     * is measured from {@code nextIp}, the end of the whole instruction (immediates included).
     */
    static void memory(ByteSink out, int reg, Operand.Memory mem, Values values, long nextIp) {
        Expr d = mem.disp();
        Long c = d == null ? Long.valueOf(0) : values.constant(d);
        if (mem.base() == Reg.RIP) {
            out.put(0x05 | reg << 3);
            long disp = c != null ? c : values.resolve(d) - nextIp;
            if (nextIp != 0 && disp != (int) disp) {
                throw new AsmFailure("RIP-relative displacement out of range");
            }
            out.putLe(disp, 4);
            return;
        }
        long value = c != null ? c : values.resolve(d);
        if (value != (int) value) {
            throw new AsmFailure("0x" + Long.toHexString(value) + " out of range of signed 32bit displacement");
        }
        if (mem.base() == Reg.NONE) {
            if (mem.index() == Reg.NONE) {
                out.put(0x04 | reg << 3);
                out.put(0x25);
            } else {
                out.put(0x04 | reg << 3);
                out.put(scaleBits(mem.scale()) << 6 | (mem.index() & 7) << 3 | 5);
            }
            out.putLe(value, 4);
            return;
        }
        int base = mem.base() & 7;
        int mod;
        if (c != null && c == 0 && base != 5) {
            mod = 0;
        } else if (c != null && c == (byte) (long) c) {
            mod = 1;
        } else {
            mod = 2;
        }
        if (mem.index() == Reg.NONE && base != 4) {
            out.put(mod << 6 | reg << 3 | base);
        } else {
            int index = mem.index() == Reg.NONE ? 4 : mem.index() & 7;
            out.put(mod << 6 | reg << 3 | 4);
            out.put(scaleBits(mem.scale()) << 6 | index << 3 | base);
        }
        if (mod == 1) {
            out.put((int) value);
        } else if (mod == 2) {
            out.putLe(value, 4);
        }
    }

    private static int scaleBits(int scale) {
        return switch (scale) {
            case 1 -> 0;
            case 2 -> 1;
            case 4 -> 2;
            default -> 3;
        };
    }
}
