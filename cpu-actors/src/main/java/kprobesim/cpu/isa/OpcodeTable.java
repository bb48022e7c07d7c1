package kprobesim.cpu.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every opcode the simulated CPU decodes, declared once (the Bochs {@code ia_opcodes.def} /
 * v86 {@code x86_table.js} habit). The decoder builds its dispatch arrays from these rows at
 * class initialisation, the disassembler reads the row an instruction was decoded from, and
 * the assembler looks encodings up with {@link #rowsFor(Op)}.
 *
 * <p>A row is keyed by its opcode map ({@link #MAP_ONE_BYTE} or {@link #MAP_0F}), its opcode
 * byte, and optionally a ModRM {@code /digit}, a ModRM {@code mod} class, an exact ModRM byte
 * (vmcall, the fences) and a mandatory prefix (pause is {@code F3 90}). Rows whose opcode carries
 * a register in its low three bits (push/pop/bswap/xchg/mov {@code +r}) cover eight opcode bytes
 * and say so with a {@link Form#Zb}/{@link Form#Zv} operand. Condition-code opcodes get one row
 * per condition, with {@link Row#cond} set and the condition already added to {@link Row#opcode}.
 *
 * <p>Operand forms use the Intel SDM Appendix A letters, in Intel order (destination first):
 * <pre>
 *   E  ModRM r/m (register or memory)   G  ModRM reg (general register)
 *   M  ModRM r/m, memory only           R  ModRM r/m, register only     C  ModRM reg, control reg
 *   Z  register in opcode bits 2..0     O  absolute moffs address (no ModRM)
 *   I  immediate                        J  relative branch displacement
 *   size letters: b byte, w word, d dword, q qword, v = operand size (16/32/64), z = 16 or 32
 * </pre>
 * A row's operand size is 1 if it has a byte form ({@code Eb, Gb, Zb, AL}) or the
 * {@link #BYTE_OP} attribute, otherwise v: 4 by default, 2 with {@code 66}, 8 with REX.W
 * (REX.W wins over {@code 66}), or 8 by default for {@link #DEFAULT64} rows (push, pop, call,
 * jmp, leave, pushf, popf), where {@code 66} selects 16.
 *
 * <p>Immutable after class initialisation; safe to read from any thread.
 */
public final class OpcodeTable {
    /** Opcode maps: one-byte opcodes and the {@code 0F} two-byte map. */
    public static final int MAP_ONE_BYTE = 0, MAP_0F = 1;

    /** {@link Row#mod} classes: any mod, memory only (mod != 11), register only (mod == 11). */
    public static final int MOD_ANY = 0, MOD_MEM = 1, MOD_REG = 2;

    /** Row attribute: operand size defaults to 64 bits in long mode (66 selects 16). */
    public static final int DEFAULT64 = 1;
    /** Row attribute: a {@code lock} prefix is allowed when the destination is memory. */
    public static final int LOCKABLE = 1 << 1;
    /** Row attribute: byte operation although no operand says so (movsb, stosb). */
    public static final int BYTE_OP = 1 << 2;
    /** Row attribute: the row applies only without REX.B and without 66 (plain {@code 90} nop). */
    public static final int PLAIN_ONLY = 1 << 3;
    /** Row attribute: operand size is fixed at 64 bits whatever the prefixes (mov to/from CR, jcc). */
    public static final int FORCE64 = 1 << 4;
    /**
     * Row attribute: a {@code 66} prefix would make this a 16-bit near branch (call/jmp/ret and
     * jcc rel32 with {@code 66}, as objdump and AMD decode them); we do not model those, the
     * decoder returns {@link Op#BAD}.
     */
    public static final int NO_OPSIZE = 1 << 5;

    /**
     * Row attribute: a {@code 66}, {@code F2} or {@code F3} prefix turns these bytes into another
     * instruction (tpause, umwait, incssp, ...), outside our subset.
     */
    public static final int NO_SIMD_PREFIX = 1 << 6;

    /** Operand forms, see the class comment for the letters. */
    public enum Form {
        /** ModRM r/m, byte. */
        Eb(1),
        /** ModRM r/m, word (movzx/movsx source). */
        Ew(2),
        /** ModRM r/m, dword (movsxd source). */
        Ed(4),
        /** ModRM r/m, operand size. */
        Ev(0),
        /** ModRM reg, byte. */
        Gb(1),
        /** ModRM reg, operand size. */
        Gv(0),
        /** ModRM r/m, memory only, no access size (lea, invlpg). */
        M(0),
        /** ModRM r/m, memory only, a 10-byte pseudo-descriptor (lidt, sidt). */
        Mp(10),
        /** ModRM r/m, register only, always 64-bit (mov to/from CR). */
        Rq(8),
        /** ModRM reg, control register cr0..cr15. */
        Cd(8),
        /** Byte register in the opcode's low three bits (plus REX.B). */
        Zb(1),
        /** Operand-size register in the opcode's low three bits (plus REX.B). */
        Zv(0),
        /** The register al. */
        AL(1),
        /** The accumulator al/ax/eax/rax at operand size. */
        rAX(0),
        /** The register cl (shift count). */
        CL(1),
        /** Unsigned 8-bit immediate (byte ops, shift counts, int n, bt bit numbers). */
        Ib(1),
        /** 8-bit immediate sign-extended to the operand size. */
        Ibs(0),
        /** Unsigned 16-bit immediate (ret imm16). */
        Iw(2),
        /** 16- or 32-bit immediate (32 for 64-bit operand size) sign-extended to the operand size. */
        Iz(0),
        /** Immediate of the full operand size, 64 bits with REX.W (movabs). */
        Iv(0),
        /** 8-bit relative branch displacement. */
        Jb(8),
        /** 32-bit relative branch displacement. */
        Jz(8),
        /** Absolute address (8 bytes, 4 with 67) of a byte in memory (mov al, moffs). */
        Ob(1),
        /** Absolute address of an operand-size value (mov rAX, moffs). */
        Ov(0);

        /** Operand size in bytes, or 0 when it is the instruction's operand size. */
        public final int size;

        Form(int size) {
            this.size = size;
        }

        /** True if the form takes the ModRM byte's r/m field. */
        public boolean isRm() {
            return this == Eb || this == Ew || this == Ed || this == Ev || this == M || this == Mp || this == Rq;
        }

        /** True if the form takes the ModRM byte's reg field. */
        public boolean isModrmReg() {
            return this == Gb || this == Gv || this == Cd;
        }

        /** True if the form is an immediate. */
        public boolean isImmediate() {
            return this == Ib || this == Ibs || this == Iw || this == Iz || this == Iv;
        }

        /** True if the form is a relative branch target. */
        public boolean isRelative() {
            return this == Jb || this == Jz;
        }
    }

    /** One opcode row. Immutable. */
    public static final class Row {
        /** The operation. */
        public final Op op;
        /** {@link #MAP_ONE_BYTE} or {@link #MAP_0F}. */
        public final int map;
        /** Opcode byte; for a Z form the base (register 0); for a condition row base + cond. */
        public final int opcode;
        /** ModRM reg field the row requires (a "/digit"), or -1. */
        public final int digit;
        /** {@link #MOD_ANY}, {@link #MOD_MEM} or {@link #MOD_REG}. */
        public final int mod;
        /** Exact ModRM byte the row requires (e.g. {@code C1} for vmcall), or -1. */
        public final int modrm;
        /** Mandatory prefix byte ({@code 0xF3} for pause), or 0. */
        public final int prefix;
        /** Condition code for Jcc/SETcc/CMOVcc rows, or -1. */
        public final int cond;
        /** Attribute bits: {@link #DEFAULT64}, {@link #LOCKABLE}, {@link #BYTE_OP}, ... */
        public final int attrs;
        /** Operand forms in Intel order (destination first). */
        private final Form[] forms;

        Row(Op op, int map, int opcode, int digit, int mod, int modrm, int prefix, int cond, int attrs,
                Form... forms) {
            this.op = op;
            this.map = map;
            this.opcode = opcode;
            this.digit = digit;
            this.mod = mod;
            this.modrm = modrm;
            this.prefix = prefix;
            this.cond = cond;
            this.attrs = attrs;
            this.forms = forms.clone();
        }

        /** Number of explicit operands. */
        public int arity() {
            return forms.length;
        }

        /** Operand form {@code i} (0 = destination). */
        public Form form(int i) {
            return forms[i];
        }

        /** A copy of the operand forms. */
        public Form[] forms() {
            return forms.clone();
        }

        public boolean is(int attr) {
            return (attrs & attr) != 0;
        }

        /** True if the encoding has a ModRM byte. */
        public boolean hasModrm() {
            if (digit >= 0 || modrm >= 0) {
                return true;
            }
            for (Form f : forms) {
                if (f.isRm() || f.isModrmReg()) {
                    return true;
                }
            }
            return false;
        }

        /** True if the row is a byte operation (operand size 1): its destination is a byte form. */
        public boolean isByteOp() {
            if (is(BYTE_OP)) {
                return true;
            }
            if (forms.length == 0) {
                return false;
            }
            Form d = forms[0];
            return d == Form.Eb || d == Form.Gb || d == Form.Zb || d == Form.AL || d == Form.Ob;
        }

        /**
         * True if the r/m field always names a register whatever its mod bits (mov to/from CR:
         * the CPU ignores mod, so no SIB or displacement follows).
         */
        public boolean registerOnlyRm() {
            for (Form f : forms) {
                if (f == Form.Rq) {
                    return true;
                }
            }
            return false;
        }

        /** True if the opcode's low three bits name a register (Zb/Zv forms). */
        public boolean hasOpcodeRegister() {
            for (Form f : forms) {
                if (f == Form.Zb || f == Form.Zv) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(op.name()).append(' ');
            if (prefix != 0) {
                s.append(String.format("%02X ", prefix));
            }
            if (map == MAP_0F) {
                s.append("0F ");
            }
            s.append(String.format("%02X", opcode));
            if (digit >= 0) {
                s.append(" /").append(digit);
            }
            if (modrm >= 0) {
                s.append(String.format(" %02X", modrm));
            }
            for (int i = 0; i < forms.length; i++) {
                s.append(i == 0 ? " " : ",").append(forms[i]);
            }
            return s.toString();
        }
    }

    private static final List<Row> ROWS;
    private static final Map<Op, List<Row>> BY_OP;

    private OpcodeTable() {}

    /** All rows, in declaration order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** The rows that encode {@code op} (empty for {@link Op#BAD}). */
    public static List<Row> rowsFor(Op op) {
        return BY_OP.getOrDefault(op, List.of());
    }

    // ------------------------------------------------------------------ the table

    static {
        List<Row> r = new ArrayList<>();
        T t = new T(r);
        Form Eb = Form.Eb, Ew = Form.Ew, Ed = Form.Ed, Ev = Form.Ev, Gb = Form.Gb, Gv = Form.Gv;
        Form Ib = Form.Ib, Ibs = Form.Ibs, Iz = Form.Iz;

        // ALU: eight operations share one opcode pattern (Intel SDM Vol. 2 Table A-2, rows 0-3)
        Op[] alu = {Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP};
        for (int i = 0; i < 8; i++) {
            Op op = alu[i];
            int lock = op == Op.CMP ? 0 : LOCKABLE;
            t.one(op, i * 8, lock, Eb, Gb);
            t.one(op, i * 8 + 1, lock, Ev, Gv);
            t.one(op, i * 8 + 2, 0, Gb, Eb);
            t.one(op, i * 8 + 3, 0, Gv, Ev);
            t.one(op, i * 8 + 4, 0, Form.AL, Ib);
            t.one(op, i * 8 + 5, 0, Form.rAX, Iz);
            // group 1: 80 /digit Eb,Ib; 81 Ev,Iz; 83 Ev,Ibs (82 is invalid in 64-bit mode)
            t.digit(op, 0x80, i, lock, Eb, Ib);
            t.digit(op, 0x81, i, lock, Ev, Iz);
            t.digit(op, 0x83, i, lock, Ev, Ibs);
        }

        t.one(Op.PUSH, 0x50, DEFAULT64, Form.Zv);
        t.one(Op.POP, 0x58, DEFAULT64, Form.Zv);
        t.one(Op.MOVSXD, 0x63, 0, Gv, Ed);
        t.one(Op.PUSH, 0x68, DEFAULT64, Iz);
        t.one(Op.IMUL, 0x69, 0, Gv, Ev, Iz);
        t.one(Op.PUSH, 0x6A, DEFAULT64, Ibs);
        t.one(Op.IMUL, 0x6B, 0, Gv, Ev, Ibs);
        for (int cc = 0; cc < 16; cc++) {
            t.cc(Op.JCC, MAP_ONE_BYTE, 0x70, cc, FORCE64, Form.Jb); // 66 on jcc rel8: ignored
        }
        t.one(Op.TEST, 0x84, 0, Eb, Gb);
        t.one(Op.TEST, 0x85, 0, Ev, Gv);
        t.one(Op.XCHG, 0x86, LOCKABLE, Eb, Gb);
        t.one(Op.XCHG, 0x87, LOCKABLE, Ev, Gv);
        t.one(Op.MOV, 0x88, 0, Eb, Gb);
        t.one(Op.MOV, 0x89, 0, Ev, Gv);
        t.one(Op.MOV, 0x8A, 0, Gb, Eb);
        t.one(Op.MOV, 0x8B, 0, Gv, Ev);
        t.one(Op.LEA, 0x8D, 0, Gv, Form.M);
        t.digit(Op.POP, 0x8F, 0, DEFAULT64, Ev);
        // 90 is nop only without REX.B and 66 (66 90 is xchg %ax,%ax; 41 90 is xchg %eax,%r8d)
        t.add(new Row(Op.PAUSE, MAP_ONE_BYTE, 0x90, -1, MOD_ANY, -1, 0xF3, -1, 0));
        t.add(new Row(Op.NOP, MAP_ONE_BYTE, 0x90, -1, MOD_ANY, -1, 0, -1, PLAIN_ONLY));
        t.one(Op.XCHG, 0x90, 0, Form.Zv, Form.rAX);
        t.one(Op.CBW, 0x98, 0);
        t.one(Op.CWD, 0x99, 0);
        t.one(Op.PUSHF, 0x9C, DEFAULT64);
        t.one(Op.POPF, 0x9D, DEFAULT64);
        t.one(Op.MOV, 0xA0, 0, Form.AL, Form.Ob);
        t.one(Op.MOV, 0xA1, 0, Form.rAX, Form.Ov);
        t.one(Op.MOV, 0xA2, 0, Form.Ob, Form.AL);
        t.one(Op.MOV, 0xA3, 0, Form.Ov, Form.rAX);
        t.one(Op.MOVS, 0xA4, BYTE_OP);
        t.one(Op.MOVS, 0xA5, 0);
        t.one(Op.TEST, 0xA8, 0, Form.AL, Ib);
        t.one(Op.TEST, 0xA9, 0, Form.rAX, Iz);
        t.one(Op.STOS, 0xAA, BYTE_OP);
        t.one(Op.STOS, 0xAB, 0);
        t.one(Op.MOV, 0xB0, 0, Form.Zb, Ib);
        t.one(Op.MOV, 0xB8, 0, Form.Zv, Form.Iv);

        // group 2 shifts and rotates; /6 is an undocumented alias of /4 that objdump prints as shl
        Op[] shift = {Op.ROL, Op.ROR, null, null, Op.SHL, Op.SHR, Op.SHL, Op.SAR};
        for (int d = 0; d < 8; d++) {
            if (shift[d] == null) {
                continue; // rcl, rcr: not in our subset
            }
            t.digit(shift[d], 0xC0, d, 0, Eb, Ib);
            t.digit(shift[d], 0xC1, d, 0, Ev, Ib);
            t.digit(shift[d], 0xD0, d, 0, Eb); // count 1: the implicit operand is not listed
            t.digit(shift[d], 0xD1, d, 0, Ev);
            t.digit(shift[d], 0xD2, d, 0, Eb, Form.CL);
            t.digit(shift[d], 0xD3, d, 0, Ev, Form.CL);
        }
        t.one(Op.RET, 0xC2, DEFAULT64 | NO_OPSIZE, Form.Iw);
        t.one(Op.RET, 0xC3, DEFAULT64 | NO_OPSIZE);
        t.digit(Op.MOV, 0xC6, 0, 0, Eb, Ib);
        t.digit(Op.MOV, 0xC7, 0, 0, Ev, Iz);
        t.one(Op.LEAVE, 0xC9, DEFAULT64);
        t.one(Op.INT3, 0xCC, 0);
        t.one(Op.INT, 0xCD, 0, Ib);
        t.one(Op.IRET, 0xCF, 0);
        t.one(Op.CALL, 0xE8, DEFAULT64 | NO_OPSIZE, Form.Jz);
        t.one(Op.JMP, 0xE9, DEFAULT64 | NO_OPSIZE, Form.Jz);
        t.one(Op.JMP, 0xEB, DEFAULT64 | NO_OPSIZE, Form.Jb);
        t.one(Op.HLT, 0xF4, 0);
        t.one(Op.CMC, 0xF5, 0);
        // group 3; /1 is an undocumented alias of test /0 that objdump prints as test
        t.digit(Op.TEST, 0xF6, 0, 0, Eb, Ib);
        t.digit(Op.TEST, 0xF6, 1, 0, Eb, Ib);
        t.digit(Op.TEST, 0xF7, 0, 0, Ev, Iz);
        t.digit(Op.TEST, 0xF7, 1, 0, Ev, Iz);
        Op[] group3 = {null, null, Op.NOT, Op.NEG, Op.MUL, Op.IMUL, Op.DIV, Op.IDIV};
        for (int d = 2; d < 8; d++) {
            int lock = d <= 3 ? LOCKABLE : 0;
            t.digit(group3[d], 0xF6, d, lock, Eb);
            t.digit(group3[d], 0xF7, d, lock, Ev);
        }
        t.one(Op.CLC, 0xF8, 0);
        t.one(Op.STC, 0xF9, 0);
        t.one(Op.CLI, 0xFA, 0);
        t.one(Op.STI, 0xFB, 0);
        t.one(Op.CLD, 0xFC, 0);
        t.one(Op.STD, 0xFD, 0);
        t.digit(Op.INC, 0xFE, 0, LOCKABLE, Eb);
        t.digit(Op.DEC, 0xFE, 1, LOCKABLE, Eb);
        t.digit(Op.INC, 0xFF, 0, LOCKABLE, Ev);
        t.digit(Op.DEC, 0xFF, 1, LOCKABLE, Ev);
        t.digit(Op.CALL, 0xFF, 2, DEFAULT64 | NO_OPSIZE, Ev);
        t.digit(Op.JMP, 0xFF, 4, DEFAULT64 | NO_OPSIZE, Ev);
        t.digit(Op.PUSH, 0xFF, 6, DEFAULT64, Ev);

        // ---- two-byte map 0F
        t.add(new Row(Op.SIDT, MAP_0F, 0x01, 1, MOD_MEM, -1, 0, -1, 0, Form.Mp));
        t.add(new Row(Op.LIDT, MAP_0F, 0x01, 3, MOD_MEM, -1, 0, -1, 0, Form.Mp));
        t.add(new Row(Op.INVLPG, MAP_0F, 0x01, 7, MOD_MEM, -1, 0, -1, 0, Form.M));
        t.add(new Row(Op.VMCALL, MAP_0F, 0x01, 0, MOD_REG, 0xC1, 0, -1, 0));
        t.two(Op.UD2, 0x0B, 0);
        t.add(new Row(Op.NOP, MAP_0F, 0x1F, 0, MOD_ANY, -1, 0, -1, 0, Ev));
        t.two(Op.MOVCR, 0x20, FORCE64, Form.Rq, Form.Cd);
        t.two(Op.MOVCR, 0x22, FORCE64, Form.Cd, Form.Rq);
        t.two(Op.RDTSC, 0x31, 0);
        for (int cc = 0; cc < 16; cc++) {
            t.cc(Op.CMOVCC, MAP_0F, 0x40, cc, 0, Gv, Ev);
        }
        for (int cc = 0; cc < 16; cc++) {
            t.cc(Op.JCC, MAP_0F, 0x80, cc, FORCE64 | NO_OPSIZE, Form.Jz);
        }
        for (int cc = 0; cc < 16; cc++) {
            t.cc(Op.SETCC, MAP_0F, 0x90, cc, 0, Eb); // the reg field is ignored
        }
        t.two(Op.CPUID, 0xA2, 0);
        t.two(Op.BT, 0xA3, 0, Ev, Gv);
        t.two(Op.BTS, 0xAB, LOCKABLE, Ev, Gv);
        // fences: only r/m 000 is defined; with 66/F2/F3 these bytes are other instructions
        t.add(new Row(Op.LFENCE, MAP_0F, 0xAE, 5, MOD_REG, 0xE8, 0, -1, NO_SIMD_PREFIX));
        t.add(new Row(Op.MFENCE, MAP_0F, 0xAE, 6, MOD_REG, 0xF0, 0, -1, NO_SIMD_PREFIX));
        t.add(new Row(Op.SFENCE, MAP_0F, 0xAE, 7, MOD_REG, 0xF8, 0, -1, NO_SIMD_PREFIX));
        t.two(Op.IMUL, 0xAF, 0, Gv, Ev);
        t.two(Op.CMPXCHG, 0xB0, LOCKABLE, Eb, Gb);
        t.two(Op.CMPXCHG, 0xB1, LOCKABLE, Ev, Gv);
        t.two(Op.BTR, 0xB3, LOCKABLE, Ev, Gv);
        t.two(Op.MOVZX, 0xB6, 0, Gv, Eb);
        t.two(Op.MOVZX, 0xB7, 0, Gv, Ew);
        t.add(new Row(Op.BT, MAP_0F, 0xBA, 4, MOD_ANY, -1, 0, -1, 0, Ev, Ib));
        t.add(new Row(Op.BTS, MAP_0F, 0xBA, 5, MOD_ANY, -1, 0, -1, LOCKABLE, Ev, Ib));
        t.add(new Row(Op.BTR, MAP_0F, 0xBA, 6, MOD_ANY, -1, 0, -1, LOCKABLE, Ev, Ib));
        t.two(Op.MOVSX, 0xBE, 0, Gv, Eb);
        t.two(Op.MOVSX, 0xBF, 0, Gv, Ew);
        t.two(Op.XADD, 0xC0, LOCKABLE, Eb, Gb);
        t.two(Op.XADD, 0xC1, LOCKABLE, Ev, Gv);
        t.two(Op.BSWAP, 0xC8, 0, Form.Zv);

        ROWS = Collections.unmodifiableList(r);
        Map<Op, List<Row>> byOp = new EnumMap<>(Op.class);
        for (Row row : r) {
            byOp.computeIfAbsent(row.op, k -> new ArrayList<>()).add(row);
        }
        byOp.replaceAll((k, v) -> Collections.unmodifiableList(v));
        BY_OP = byOp;
    }

    /** Small helper that keeps the table above one line per row. */
    private static final class T {
        private final List<Row> rows;

        T(List<Row> rows) {
            this.rows = rows;
        }

        void add(Row row) {
            rows.add(row);
        }

        void one(Op op, int opcode, int attrs, Form... forms) {
            add(new Row(op, MAP_ONE_BYTE, opcode, -1, MOD_ANY, -1, 0, -1, attrs, forms));
        }

        void two(Op op, int opcode, int attrs, Form... forms) {
            add(new Row(op, MAP_0F, opcode, -1, MOD_ANY, -1, 0, -1, attrs, forms));
        }

        void digit(Op op, int opcode, int digit, int attrs, Form... forms) {
            add(new Row(op, MAP_ONE_BYTE, opcode, digit, MOD_ANY, -1, 0, -1, attrs, forms));
        }

        void cc(Op op, int map, int base, int cc, int attrs, Form... forms) {
            add(new Row(op, map, base + cc, -1, MOD_ANY, -1, 0, cc, attrs, forms));
        }
    }
}
