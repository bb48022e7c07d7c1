package kprobesim.cpu.asm;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One laid-out unit of a section: an instruction, a data directive, alignment, a label.
 * Parsing creates them with everything that GNU as decides at read time (encoding choices);
 * layout fills in {@link #offset} and {@link #size}; emission produces the bytes.
 *
 * <p>Mutable only during {@link Assembler#assemble}; confined to that call's thread.
 */
abstract class Statement {
    /** 1-based source line. */
    final int line;
    /** Offset from the section start, set by layout. */
    long offset;
    /** Size in bytes, set at parse time except for branches and alignment. */
    int size;

    Statement(int line) {
        this.line = line;
    }

    /** True if the line table gets a row for this statement's bytes. */
    boolean hasLine() {
        return size > 0;
    }

    /** Snapshot of which expressions were constants when the line was read. */
    static final class Constants {
        private final Map<Expr, Long> values = new IdentityHashMap<>();

        void record(Expr e, Long value) {
            values.put(e, value);
        }

        Long get(Expr e) {
            return values.get(e);
        }
    }

    /** A non-branch instruction; its size is fixed once parsed. */
    static final class Insn extends Statement {
        final Mnemonic mnemonic;
        final List<Operand> operands;
        final int prefixes;
        final Constants constants;

        Insn(int line, Mnemonic mnemonic, List<Operand> operands, int prefixes, Constants constants) {
            super(line);
            this.mnemonic = mnemonic;
            this.operands = operands;
            this.prefixes = prefixes;
            this.constants = constants;
        }
    }

    /** A jmp, jcc or call to a target expression; jmp and jcc may relax from rel8 to rel32. */
    static final class Branch extends Statement {
        final Mnemonic mnemonic;
        final Expr target;
        final int prefixes;
        /** Decided after parsing: the target is a label in this branch's section. */
        boolean relaxable;
        /** rel32 form; grows monotonically during relaxation, never shrinks (as GNU as does). */
        boolean longForm;

        Branch(int line, Mnemonic mnemonic, Expr target, int prefixes) {
            super(line);
            this.mnemonic = mnemonic;
            this.target = target;
            this.prefixes = prefixes;
        }
    }

    /** {@code .byte/.word/.long/.quad} with one value per expression. */
    static final class Data extends Statement {
        final int width;
        final List<Expr> values;
        final Constants constants;

        Data(int line, int width, List<Expr> values, Constants constants) {
            super(line);
            this.width = width;
            this.values = values;
            this.constants = constants;
            this.size = width * values.size();
        }
    }

    /** Bytes known when parsed: strings, raw prefixes, {@code .skip}, {@code .fill}. */
    static final class Bytes extends Statement {
        final byte[] bytes;

        Bytes(int line, byte[] bytes) {
            super(line);
            this.bytes = bytes;
            this.size = bytes.length;
        }
    }

    /** {@code .align/.p2align/.balign}: pad to a multiple of {@code alignment}. */
    static final class Align extends Statement {
        final int alignment;
        /** Fill byte, or -1 for the section default (nops in code, zeros elsewhere). */
        final int fill;
        /** Skip the padding entirely if it would exceed this many bytes; -1 for no limit. */
        final int max;

        Align(int line, int alignment, int fill, int max) {
            super(line);
            this.alignment = alignment;
            this.fill = fill;
            this.max = max;
        }

        int padding(long at) {
            int pad = (int) ((alignment - (at % alignment)) % alignment);
            return max >= 0 && pad > max ? 0 : pad;
        }

        @Override
        boolean hasLine() {
            return false;
        }
    }

    /** A label definition; it takes the offset of the next byte. */
    static final class Label extends Statement {
        final String name;

        Label(int line, String name) {
            super(line);
            this.name = name;
        }
    }

    /** {@code .size sym, expr}, evaluated with {@code .} at this point of the section. */
    static final class SizeOf extends Statement {
        final String symbol;
        final Expr value;

        SizeOf(int line, String symbol, Expr value) {
            super(line);
            this.symbol = symbol;
            this.value = value;
        }
    }
}
