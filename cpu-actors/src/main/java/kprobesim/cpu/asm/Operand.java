package kprobesim.cpu.asm;

import kprobesim.cpu.isa.Reg;

/** One AT&amp;T operand as written: {@code %eax}, {@code $expr}, {@code seg:disp(base,index,scale)}. */
sealed interface Operand {

    /** A register; {@code reg} is a {@link Reg} number, {@code size} its width in bytes. */
    record Register(int reg, int size) implements Operand {
        boolean isGpr() {
            return Reg.isGpr(reg);
        }

        /** Needs a REX prefix to be named (spl bpl sil dil and r8..r15). */
        boolean needsRex() {
            return reg >= 8 && reg < 16 || (size == 1 && reg >= 4 && reg < 8);
        }

        String text() {
            return "%" + Reg.name(reg, size);
        }
    }

    /** {@code $expr}. */
    record Immediate(Expr value) implements Operand {}

    /**
     * A memory reference. {@code base} is a {@link Reg} number, {@link Reg#RIP} or
     * {@link Reg#NONE}; {@code disp} is null when no displacement was written.
     * {@code addrSize} is 4 when 32-bit address registers were used (67 prefix), else 8.
     */
    record Memory(int segment, Expr disp, int base, int index, int scale, int addrSize) implements Operand {
        boolean absolute() {
            return base == Reg.NONE && index == Reg.NONE;
        }
    }

    /** {@code *operand} of an indirect jmp or call. */
    record Indirect(Operand target) implements Operand {}
}
