package kprobesim.cpu.isa;

/**
 * One decoded x86-64 instruction: immutable, position-dependent (relative branch targets are
 * already resolved to absolute addresses), and free of machine state.
 *
 * <p>Operands are in Intel order: operand 0 is the destination. Each operand has a kind
 * ({@link #NONE}, {@link #REG}, {@link #MEM}, {@link #IMM}, {@link #REL}), a size in bytes and,
 * for {@link #REG}, a register number from {@link Reg}. An instruction has at most one memory
 * operand (described by the {@code mem*} fields), at most one immediate ({@link #imm}) and at
 * most one relative target ({@link #target}). Implicit operands that the encoding does not name
 * (the rax of cwd, the rsp of push, the rsi/rdi of movs) are not listed as operands.
 *
 * <p>Conventions the decoder follows (see {@link OpcodeTable} for the forms):
 * <ul>
 *   <li>An {@link #IMM} operand's size is the width the immediate acts at: the operand size for
 *       sign-extended forms ({@code 48 83 c0 ff} is imm -1, size 8), 1 for unsigned bytes (shift
 *       counts, {@code int n}, bt bit numbers, byte ALU ops), 2 for {@code ret imm16}.
 *   <li>Shifts and rotates by one ({@code D0}-{@code D1}) have a single operand; the count 1 is
 *       implicit. By {@code cl} the second operand is REG RCX size 1.
 *   <li>A SIB byte without an index leaves {@link #memIndex} NONE but keeps the encoded scale.
 *   <li>{@code moffs} forms (A0-A3) are MEM operands with no base and the 64-bit address in
 *       {@link #memDisp}.
 *   <li>MOVCR always has size-8 operands; its CR operand is {@code Reg.CR0 + n}.
 * </ul>
 *
 * <p>Examples: {@code add %ebx,(%rax)} (01 18) is ADD, opSize 4, op0 = MEM size 4 base RAX,
 * op1 = REG size 4 RBX. {@code movzbl %al,%ecx} is MOVZX, opSize 4, op0 = REG 4 RCX,
 * op1 = REG 1 RAX. {@code jne 0x40} is JCC, cond NE, op0 = REL, target 0x40.
 * {@code shl %cl,%eax} is SHL, op0 = REG 4 RAX, op1 = REG 1 RCX.
 */
public final class Instruction {
    /** Operand kinds. */
    public static final int NONE = 0, REG = 1, MEM = 2, IMM = 3, REL = 4;

    /** Prefix bits in {@link #prefixes}. */
    public static final int LOCK = 1, REP = 1 << 1, REPNE = 1 << 2, OPSIZE = 1 << 3,
            ADDRSIZE = 1 << 4, REX = 1 << 5, REX_W = 1 << 6;

    /**
     * The operation; {@link Op#BAD} for bytes outside our subset. A BAD whose {@link #row} is
     * set is a known form the CPU rejects with #UD (a lock prefix on a register destination or
     * a non-lockable operation, bswap of a 16-bit register); only the disassembler looks further.
     */
    public final Op op;
    /** Encoded length in bytes, 1..15 (for BAD: the bytes objdump would consume, at least 1). */
    public final int length;
    /** Operation size in bytes: 1, 2, 4 or 8 (for CBW/CWD/MOVS/STOS it selects the variant). */
    public final int opSize;
    /** Address size in bytes: 8, or 4 with a 0x67 prefix. */
    public final int addrSize;
    /** Condition code (see {@link Cond}) for JCC, SETCC and CMOVCC; -1 otherwise. */
    public final int cond;
    /** Prefix bits ({@link #LOCK}, {@link #REP}, ...) as they appeared in the encoding. */
    public final int prefixes;

    /** Kind, size in bytes and register of operand 0 (the destination), 1 and 2. */
    public final int kind0, size0, reg0;
    public final int kind1, size1, reg1;
    public final int kind2, size2, reg2;

    /** Memory operand: base register (or {@link Reg#RIP}, or {@link Reg#NONE}). */
    public final int memBase;
    /** Memory operand: index register or {@link Reg#NONE}. */
    public final int memIndex;
    /** Memory operand: scale 1, 2, 4 or 8 (as encoded, also when there is no index). */
    public final int memScale;
    /** Memory operand: sign-extended displacement (for RIP-relative, relative to the next instruction). */
    public final long memDisp;
    /** Memory operand: segment override ({@link Reg#FS}, ...) or {@link Reg#NONE}. */
    public final int memSegment;

    /** The immediate, sign-extended (or zero-extended where the encoding says so) to 64 bits. */
    public final long imm;
    /** Absolute target of a relative jump or call (address of next instruction + displacement). */
    public final long target;

    // ---- encoding details: how the bytes spelled the instruction. Execution never needs them;
    // ---- the disassembler does (objdump prints 0x0(%rbp) for a zero disp8, %riz, data16, ...).

    /** The opcode-table row this was decoded from; null for unknown bytes or hand-built instructions. */
    public final OpcodeTable.Row row;
    /** The REX byte (0x40..0x4F), or 0 if there was none. */
    public final int rex;
    /** Displacement bytes encoded in the memory operand: 0, 1, 4, or 8 (64-bit moffs). */
    public final int dispSize;
    /** True if the memory operand was encoded with a SIB byte. */
    public final boolean sib;
    /** Number of legacy prefix bytes (66 67 F0 F2 F3 and segment overrides) before REX/opcode. */
    public final int prefixCount;
    /** The first up-to-8 legacy prefix bytes in encoding order, the first in the low byte. */
    public final long prefixBytes;

    private Instruction(Builder b) {
        this.op = b.op;
        this.length = b.length;
        this.opSize = b.opSize;
        this.addrSize = b.addrSize;
        this.cond = b.cond;
        this.prefixes = b.prefixes;
        this.kind0 = b.kind[0];
        this.size0 = b.size[0];
        this.reg0 = b.reg[0];
        this.kind1 = b.kind[1];
        this.size1 = b.size[1];
        this.reg1 = b.reg[1];
        this.kind2 = b.kind[2];
        this.size2 = b.size[2];
        this.reg2 = b.reg[2];
        this.memBase = b.memBase;
        this.memIndex = b.memIndex;
        this.memScale = b.memScale;
        this.memDisp = b.memDisp;
        this.memSegment = b.memSegment;
        this.imm = b.imm;
        this.target = b.target;
        this.row = b.row;
        this.rex = b.rex;
        this.dispSize = b.dispSize;
        this.sib = b.sib;
        this.prefixCount = b.prefixCount;
        this.prefixBytes = b.prefixBytes;
    }

    /** Legacy prefix byte {@code i} (0-based, encoding order; only the first 8 are kept). */
    public int prefixByte(int i) {
        return (int) (prefixBytes >>> (8 * i)) & 0xFF;
    }

    /** Number of explicit operands (0..3). */
    public int operandCount() {
        return kind0 == NONE ? 0 : kind1 == NONE ? 1 : kind2 == NONE ? 2 : 3;
    }

    public int kind(int i) {
        return i == 0 ? kind0 : i == 1 ? kind1 : kind2;
    }

    public int size(int i) {
        return i == 0 ? size0 : i == 1 ? size1 : size2;
    }

    public int reg(int i) {
        return i == 0 ? reg0 : i == 1 ? reg1 : reg2;
    }

    public boolean has(int prefix) {
        return (prefixes & prefix) != 0;
    }

    /** True if one of the operands is memory. */
    public boolean hasMemoryOperand() {
        return kind0 == MEM || kind1 == MEM || kind2 == MEM;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(op.name()).append('/').append(opSize);
        if (cond >= 0) {
            s.append(" cc=").append(Cond.SUFFIX[cond]);
        }
        for (int i = 0; i < operandCount(); i++) {
            s.append(i == 0 ? " " : ", ");
            switch (kind(i)) {
                case REG -> s.append('%').append(Reg.name(reg(i), size(i)));
                case MEM -> s.append("mem").append(size(i)).append('[').append(memBase).append('+')
                        .append(memIndex).append('*').append(memScale).append('+').append(memDisp).append(']');
                case IMM -> s.append('$').append(imm);
                case REL -> s.append("0x").append(Long.toHexString(target));
                default -> s.append('?');
            }
        }
        return s.append(" len=").append(length).toString();
    }

    /** A reusable, mutable builder; {@link #build()} snapshots it. Not thread-safe. */
    public static final class Builder {
        private Op op = Op.BAD;
        private int length;
        private int opSize = 4;
        private int addrSize = 8;
        private int cond = -1;
        private int prefixes;
        private final int[] kind = new int[3];
        private final int[] size = new int[3];
        private final int[] reg = {Reg.NONE, Reg.NONE, Reg.NONE};
        private int memBase = Reg.NONE;
        private int memIndex = Reg.NONE;
        private int memScale = 1;
        private long memDisp;
        private int memSegment = Reg.NONE;
        private long imm;
        private long target;
        private OpcodeTable.Row row;
        private int rex;
        private int dispSize;
        private boolean sib;
        private int prefixCount;
        private long prefixBytes;

        /** Resets every field to its default so the builder can be reused. */
        public Builder reset() {
            op = Op.BAD;
            length = 0;
            opSize = 4;
            addrSize = 8;
            cond = -1;
            prefixes = 0;
            for (int i = 0; i < 3; i++) {
                kind[i] = NONE;
                size[i] = 0;
                reg[i] = Reg.NONE;
            }
            memBase = Reg.NONE;
            memIndex = Reg.NONE;
            memScale = 1;
            memDisp = 0;
            memSegment = Reg.NONE;
            imm = 0;
            target = 0;
            row = null;
            rex = 0;
            dispSize = 0;
            sib = false;
            prefixCount = 0;
            prefixBytes = 0;
            return this;
        }

        public Builder row(OpcodeTable.Row row) { this.row = row; return this; }
        public Builder rex(int rex) { this.rex = rex; return this; }
        public Builder dispSize(int dispSize) { this.dispSize = dispSize; return this; }
        public Builder sib(boolean sib) { this.sib = sib; return this; }

        /** Appends a legacy prefix byte (only the first 8 are kept in {@link Instruction#prefixBytes}). */
        public Builder legacyPrefix(int b) {
            if (prefixCount < 8) {
                prefixBytes |= (long) (b & 0xFF) << (8 * prefixCount);
            }
            prefixCount++;
            return this;
        }

        public Builder op(Op op) { this.op = op; return this; }
        public Builder length(int length) { this.length = length; return this; }
        public Builder opSize(int opSize) { this.opSize = opSize; return this; }
        public Builder addrSize(int addrSize) { this.addrSize = addrSize; return this; }
        public Builder cond(int cond) { this.cond = cond; return this; }
        public Builder prefixes(int prefixes) { this.prefixes = prefixes; return this; }

        /** Sets operand {@code i} to register {@code r} of {@code size} bytes. */
        public Builder reg(int i, int r, int size) {
            kind[i] = REG;
            reg[i] = r;
            this.size[i] = size;
            return this;
        }

        /** Sets operand {@code i} to the memory operand (set its address with {@link #mem}). */
        public Builder memOperand(int i, int size) {
            kind[i] = MEM;
            this.size[i] = size;
            return this;
        }

        public Builder mem(int base, int index, int scale, long disp, int segment) {
            memBase = base;
            memIndex = index;
            memScale = scale;
            memDisp = disp;
            memSegment = segment;
            return this;
        }

        public Builder imm(int i, long value, int size) {
            kind[i] = IMM;
            this.size[i] = size;
            imm = value;
            return this;
        }

        public Builder rel(int i, long target) {
            kind[i] = REL;
            this.size[i] = 8;
            this.target = target;
            return this;
        }

        public Instruction build() {
            if (length < 1 || length > 15) {
                throw new IllegalStateException("length=" + length + " for " + op);
            }
            return new Instruction(this);
        }
    }
}
