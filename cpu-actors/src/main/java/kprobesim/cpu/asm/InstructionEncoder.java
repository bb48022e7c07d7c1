package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kprobesim.cpu.isa.OpcodeTable;
import kprobesim.cpu.isa.OpcodeTable.Form;
import kprobesim.cpu.isa.OpcodeTable.Row;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;

/**
 * Encodes one non-branch instruction from the rows of {@link OpcodeTable}, the one opcode table
 * the decoder also reads. The table says which encodings exist; this class says which one GNU
 * as picks when several fit, using its preference order (checked against {@code as --64}):
 * <ul>
 *   <li>a sign-extended 8-bit immediate ({@code 83 /n ib}, {@code 6a}, {@code 6b}) when the value
 *       is a constant that fits, then the accumulator short forms ({@code 05 id}), then the rest;
 *   <li>register-to-register moves and ALU operations use the "store" direction
 *       ({@code 89 c3} for {@code mov %eax,%ebx});
 *   <li>{@code shl $1} uses {@code d1 /4}; {@code xchg} with the accumulator uses {@code 90+r};
 *   <li>a 64-bit {@code mov $imm} uses {@code c7 /0} when the value fits a signed 32-bit
 *       immediate (or is a symbol), else {@code movabs} ({@code b8+r io}).
 * </ul>
 * Prefix order is GNU as's: segment, 67, 66, f2/f3, f0, REX.
 */
final class InstructionEncoder {
    /** Prefix bits a statement can carry from {@code lock}, {@code rep}, {@code data16} etc. on its line. */
    static final int P_LOCK = 1, P_REP = 2, P_REPNE = 4, P_DATA16 = 8, P_ADDR32 = 16;

    private static final int[] SEGMENT_PREFIX = {0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65};

    private InstructionEncoder() {}

    /** True if this is a jmp/jcc/call to a target expression (rel8/rel32), not an indirect one. */
    static boolean isDirectBranch(Mnemonic m, List<Operand> ops) {
        if (m.op() != Op.JMP && m.op() != Op.JCC && m.op() != Op.CALL) {
            return false;
        }
        return ops.size() == 1 && ops.get(0) instanceof Operand.Memory mem && mem.absolute()
                && mem.segment() == Reg.NONE;
    }

    /** Encoded length of a direct branch in its short or long form. */
    static int branchLength(Mnemonic m, boolean longForm) {
        if (m.op() == Op.CALL) {
            return 5;
        }
        if (!longForm) {
            return 2;
        }
        return m.op() == Op.JMP ? 5 : 6;
    }

    static byte[] encodeBranch(Mnemonic m, boolean longForm, long target, long address, int prefixes) {
        ByteSink out = new ByteSink();
        legacyPrefixes(out, prefixes, Reg.NONE, false);
        int len = branchLength(m, longForm) + out.size();
        long rel = target - (address + len);
        if (m.op() == Op.CALL || longForm) {
            if (rel != (int) rel) {
                throw new AsmFailure("branch target 0x" + Long.toHexString(target) + " is out of rel32 range");
            }
            if (m.op() == Op.CALL) {
                out.put(0xe8);
            } else if (m.op() == Op.JMP) {
                out.put(0xe9);
            } else {
                out.put(0x0f);
                out.put(0x80 + m.cond());
            }
            out.putLe(rel, 4);
        } else {
            if (rel != (byte) rel) {
                throw new AsmFailure("short branch out of range");
            }
            out.put(m.op() == Op.JMP ? 0xeb : 0x70 + m.cond());
            out.put((int) rel);
        }
        return out.toArray();
    }

    /**
     * Encodes a non-branch instruction.
     *
     * @param ops     operands in AT&amp;T order (sources first)
     * @param nextIp  address after this instruction, for RIP-relative symbols (0 while sizing)
     */
    static byte[] encode(Mnemonic m, List<Operand> ops, int prefixes, Values values, long nextIp) {
        if ((m.op() == Op.MOVS || m.op() == Op.STOS) && !ops.isEmpty()) {
            return stringWithOperands(m, ops, prefixes, values, nextIp);
        }
        List<Operand> intel = new ArrayList<>(ops.size());
        for (int i = ops.size() - 1; i >= 0; i--) {
            Operand o = ops.get(i);
            if (o instanceof Operand.Indirect ind) {
                if (m.op() != Op.JMP && m.op() != Op.CALL) {
                    throw new AsmFailure("indirect operand `*' is only valid with jmp and call");
                }
                o = ind.target();
            }
            if (o instanceof Operand.Register r && r.reg() == Reg.RIP) {
                throw new AsmFailure("`%rip' can only be used as a base register");
            }
            intel.add(o);
        }
        if (m.op() == Op.JMP || m.op() == Op.CALL) {
            if (intel.size() != 1 || intel.get(0) instanceof Operand.Immediate) {
                throw new AsmFailure("operand type mismatch for `" + m.text() + "'");
            }
        }
        // imul $imm,%reg is imul $imm,%reg,%reg
        if (m.op() == Op.IMUL && intel.size() == 2 && intel.get(1) instanceof Operand.Immediate) {
            intel.add(1, intel.get(0));
        }
        // GNU as turns `int $3' into the one-byte breakpoint cc
        if (m.op() == Op.INT && intel.size() == 1 && intel.get(0) instanceof Operand.Immediate im3
                && Long.valueOf(3).equals(values.constant(im3.value()))) {
            return prefixed(prefixes, new byte[] {(byte) 0xcc});
        }
        int size = operandSize(m, intel);
        if ((prefixes & P_DATA16) != 0 && size == 2) {
            throw new AsmFailure("same type of prefix used twice");
        }
        // xchg %eax,%eax as 90 would be a nop that does not zero-extend, so GNU as keeps 87 c0;
        // xchg %rax,%rax it emits as the plain nop 90
        boolean selfXchgEax = false;
        if (m.op() == Op.XCHG && intel.size() == 2 && intel.get(0) instanceof Operand.Register a
                && intel.get(1) instanceof Operand.Register b && a.reg() == Reg.RAX && b.reg() == Reg.RAX) {
            if (size == 8) {
                return prefixed(prefixes, new byte[] {(byte) 0x90});
            }
            selfXchgEax = size == 4;
        }
        boolean shiftByOne = isShift(m.op()) && intel.size() == 2 && intel.get(1) instanceof Operand.Immediate im
                && Long.valueOf(1).equals(values.constant(im.value()));
        if (needsMoffs(m, intel, values)) {
            m = new Mnemonic(m.op(), m.size(), m.srcSize(), m.cond(), true, m.text());
        }
        List<Row> rows = candidates(m, size, usesControlRegister(intel));
        for (Row row : rows) {
            if (selfXchgEax && hasForm(row, Form.Zv)) {
                continue;
            }
            List<Operand> use = intel;
            if (isShift(m.op()) && row.arity() == 1 && (row.opcode == 0xd0 || row.opcode == 0xd1)) {
                if (shiftByOne) {
                    use = intel.subList(0, 1);
                } else if (intel.size() != 1) {
                    continue;
                }
            }
            if (matches(row, use, size, values, m)) {
                return emit(row, use, size, prefixes, values, nextIp, m);
            }
            if ((m.op() == Op.XCHG || m.op() == Op.TEST) && use.size() == 2) {
                List<Operand> swapped = List.of(use.get(1), use.get(0));
                if (matches(row, swapped, size, values, m)) {
                    return emit(row, swapped, size, prefixes, values, nextIp, m);
                }
            }
        }
        for (Operand o : intel) {
            if (o instanceof Operand.Immediate im && values.constant(im.value()) != null) {
                throw new AsmFailure("immediate value 0x" + Long.toHexString(values.constant(im.value()))
                        + " out of range or operand type mismatch for `" + m.text() + "'");
            }
        }
        throw new AsmFailure("operand type mismatch for `" + m.text() + "'");
    }

    /**
     * The explicit-operand spellings objdump prints ({@code movsb %ds:(%rsi),%es:(%rdi)},
     * {@code rep stos %al,%es:(%rdi)}): the operands are implied by the opcode, so they are
     * checked and dropped; a source segment other than ds becomes a prefix.
     */
    private static byte[] stringWithOperands(Mnemonic m, List<Operand> ops, int prefixes, Values values,
            long nextIp) {
        if (ops.size() != 2 || !isStringAddress(ops.get(1), Reg.RDI, values) || !esOrNone(ops.get(1))) {
            throw new AsmFailure("operand type mismatch for `" + m.text() + "'");
        }
        int size = m.size();
        int segment = Reg.NONE;
        if (m.op() == Op.STOS) {
            if (!(ops.get(0) instanceof Operand.Register r) || r.reg() != Reg.RAX) {
                throw new AsmFailure("operand type mismatch for `" + m.text() + "'");
            }
            if (size != 0 && size != r.size()) {
                throw new AsmFailure("incorrect register `" + r.text() + "' used with `" + suffix(size) + "' suffix");
            }
            size = r.size();
        } else {
            if (!isStringAddress(ops.get(0), Reg.RSI, values)) {
                throw new AsmFailure("operand type mismatch for `" + m.text() + "'");
            }
            if (size == 0) {
                throw new AsmFailure("no instruction mnemonic suffix given and no register operands; "
                        + "can't size `" + m.text() + "'");
            }
            int seg = ((Operand.Memory) ops.get(0)).segment();
            segment = seg == Reg.DS ? Reg.NONE : seg;
        }
        byte[] body = encode(new Mnemonic(m.op(), size, 0, -1, false, m.text()), List.of(), prefixes, values, nextIp);
        if (segment == Reg.NONE) {
            return body;
        }
        ByteSink out = new ByteSink();
        legacyPrefixes(out, 0, segment, false);
        out.putAll(body);
        return out.toArray();
    }

    private static boolean isStringAddress(Operand o, int reg, Values values) {
        return o instanceof Operand.Memory mem && mem.base() == reg && mem.index() == Reg.NONE
                && mem.addrSize() == 8 && (mem.disp() == null || Long.valueOf(0).equals(values.constant(mem.disp())));
    }

    private static boolean esOrNone(Operand o) {
        int seg = ((Operand.Memory) o).segment();
        return seg == Reg.NONE || seg == Reg.ES;
    }

    private static byte[] prefixed(int prefixes, byte[] body) {
        ByteSink out = new ByteSink();
        legacyPrefixes(out, prefixes, Reg.NONE, false);
        out.putAll(body);
        return out.toArray();
    }

    private static boolean isShift(Op op) {
        return op == Op.SHL || op == Op.SHR || op == Op.SAR || op == Op.ROL || op == Op.ROR;
    }

    /** The operation's rows in GNU as's order of preference. */
    private static boolean usesControlRegister(List<Operand> ops) {
        for (Operand o : ops) {
            if (o instanceof Operand.Register r && Reg.isControl(r.reg())) {
                return true;
            }
        }
        return false;
    }

    /**
     * GNU as quietly turns {@code mov ADDR,%eax} into movabs (a1 moffs64) when the constant
     * address does not fit the sign-extended 32-bit displacement of the ModRM form.
     */
    private static boolean needsMoffs(Mnemonic m, List<Operand> intel, Values values) {
        if (m.op() != Op.MOV || m.movabs() || intel.size() != 2) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            if (intel.get(i) instanceof Operand.Memory mem && mem.absolute() && mem.segment() == Reg.NONE
                    && intel.get(1 - i) instanceof Operand.Register r && r.reg() == Reg.RAX) {
                Long c = values.constant(mem.disp());
                return c != null && c != (int) (long) c;
            }
        }
        return false;
    }

    /** Candidate lists by (operation, condition, movabs, size, control register); immutable values. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, List<Row>> CANDIDATES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Row> candidates(Mnemonic m, int size, boolean controlRegister) {
        long key = (long) m.op().ordinal() << 24 | (m.cond() + 1) << 16 | (m.movabs() ? 1 : 0) << 12
                | size << 4 | (controlRegister ? 1 : 0);
        return CANDIDATES.computeIfAbsent(key, k -> List.copyOf(computeCandidates(m, size, controlRegister)));
    }

    private static List<Row> computeCandidates(Mnemonic m, int size, boolean controlRegister) {
        List<Row> rows = new ArrayList<>();
        // mov to/from %crN is its own operation in the table
        Op op = m.op() == Op.MOV && controlRegister ? Op.MOVCR : m.op();
        for (Row r : OpcodeTable.rowsFor(op)) {
            if (m.op() == Op.JCC || m.op() == Op.SETCC || m.op() == Op.CMOVCC) {
                if (r.cond != m.cond()) {
                    continue;
                }
            }
            boolean moffs = hasForm(r, Form.Ob) || hasForm(r, Form.Ov);
            if (m.op() == Op.MOV) {
                if (m.movabs() && !moffs && !(hasForm(r, Form.Iv) && size == 8)) {
                    continue;
                }
                if (!m.movabs() && moffs) {
                    continue;
                }
            }
            if (r.op == Op.NOP && r.is(OpcodeTable.PLAIN_ONLY) && size != 0) {
                continue;
            }
            if (r.op == Op.TEST && r.digit == 1) {
                continue; // undocumented alias; as never emits it
            }
            if (isShift(m.op()) && r.digit == 6) {
                continue; // likewise
            }
            rows.add(r);
        }
        rows.sort(Comparator.comparingInt(r -> rank(r, m, size)));
        return rows;
    }

    private static int rank(Row r, Mnemonic m, int size) {
        if (isShift(r.op) && r.arity() == 1) {
            return 0; // count 1 (d0/d1) before c0/c1 ib
        }
        if (r.op == Op.XCHG && hasForm(r, Form.Zv)) {
            return 0;
        }
        if (hasForm(r, Form.Ibs)) {
            return 1;
        }
        if (hasForm(r, Form.Iv) && size == 8 && !m.movabs()) {
            return 9; // movabs only when nothing shorter fits
        }
        return 5;
    }

    private static boolean hasForm(Row r, Form f) {
        for (int i = 0; i < r.arity(); i++) {
            if (r.form(i) == f) {
                return true;
            }
        }
        return false;
    }

    /**
     * The operand size: the suffix, else the destination-side general registers, else the
     * default of the operation (64 for push/pop/jmp/call, 8 bits for setcc). All sized register
     * operands must agree with it.
     */
    private static int operandSize(Mnemonic m, List<Operand> intel) {
        Op op = m.op();
        int fromRegs = 0;
        Operand.Register first = null;
        for (int i = 0; i < intel.size(); i++) {
            if (!(intel.get(i) instanceof Operand.Register r) || !r.isGpr()) {
                continue;
            }
            boolean sized = !(isShift(op) && i == 1) // %cl count
                    && !((op == Op.MOVZX || op == Op.MOVSX || op == Op.MOVSXD) && i == 1);
            if (!sized) {
                continue;
            }
            if (m.size() != 0 && r.size() != m.size() && op != Op.CBW && op != Op.CWD) {
                throw new AsmFailure("incorrect register `" + r.text() + "' used with `"
                        + suffix(m.size()) + "' suffix");
            }
            if (fromRegs == 0) {
                fromRegs = r.size();
                first = r;
            } else if (r.size() != fromRegs) {
                throw new AsmFailure("operand size mismatch for `" + m.text() + "'");
            }
        }
        if (op == Op.MOVZX || op == Op.MOVSX || op == Op.MOVSXD) {
            checkExtensionSource(m, intel);
        }
        if (m.size() != 0 && fromRegs != 0 && fromRegs != m.size()) {
            if (op == Op.CBW || op == Op.CWD) {
                return m.size();
            }
            throw new AsmFailure("incorrect register `" + first.text() + "' used with `"
                    + suffix(m.size()) + "' suffix");
        }
        if (m.size() != 0) {
            // lidtq/sidtq: the suffix names the descriptor format, not an operand size
            return op == Op.LIDT || op == Op.SIDT || op == Op.INVLPG ? 0 : m.size();
        }
        if (fromRegs != 0) {
            return fromRegs;
        }
        switch (op) {
            case PUSH, POP, CALL, JMP, PUSHF, POPF, LEAVE, RET:
                return 8;
            case SETCC:
                return 1;
            case INT, INT3, HLT, PAUSE, UD2, VMCALL, CLC, STC, CMC, CLD, STD, CLI, STI, MFENCE,
                 LFENCE, SFENCE, RDTSC, CPUID, LIDT, SIDT, INVLPG:
                return 0;
            case NOP:
                if (intel.isEmpty()) {
                    return 0;
                }
                break;
            case MOV:
                for (Operand o : intel) {
                    if (o instanceof Operand.Register r && Reg.isControl(r.reg())) {
                        return 8;
                    }
                }
                break;
            default:
                break;
        }
        if (intel.isEmpty()) {
            return 0;
        }
        throw new AsmFailure("no instruction mnemonic suffix given and no register operands; "
                + "can't size `" + m.text() + "'");
    }

    private static void checkExtensionSource(Mnemonic m, List<Operand> intel) {
        if (intel.size() != 2) {
            throw new AsmFailure("number of operands mismatch for `" + m.text() + "'");
        }
        Operand src = intel.get(1);
        if (m.srcSize() != 0 && src instanceof Operand.Register r && r.size() != m.srcSize()) {
            throw new AsmFailure("incorrect register `" + r.text() + "' used with `"
                    + suffix(m.srcSize()) + "' suffix");
        }
        if (m.srcSize() == 0 && !(src instanceof Operand.Register)) {
            throw new AsmFailure("no instruction mnemonic suffix given; can't size `" + m.text() + "' source");
        }
    }

    private static String suffix(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            case 4 -> "l";
            default -> "q";
        };
    }

    private static int sourceSize(Mnemonic m, List<Operand> intel) {
        if (m.srcSize() != 0) {
            return m.srcSize();
        }
        return ((Operand.Register) intel.get(1)).size();
    }

    private static boolean matches(Row row, List<Operand> ops, int size, Values values, Mnemonic m) {
        if (row.arity() != ops.size()) {
            return false;
        }
        if (row.op == Op.MOVS || row.op == Op.STOS) {
            return row.isByteOp() == (size == 1);
        }
        // long mode has no 32-bit push/pop/call/jmp/ret, and no 16-bit near call/jmp/ret
        if (row.is(OpcodeTable.DEFAULT64) && size == 4) {
            return false;
        }
        if (row.is(OpcodeTable.NO_OPSIZE) && size == 2) {
            return false;
        }
        if (row.arity() > 0 && !row.is(OpcodeTable.FORCE64) && size != 0) {
            boolean byteRow = row.isByteOp();
            if (m.op() != Op.MOVZX && m.op() != Op.MOVSX && m.op() != Op.MOVSXD && byteRow != (size == 1)) {
                return false;
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            if (!formMatches(row.form(i), ops.get(i), size, values, m, ops)) {
                return false;
            }
        }
        return true;
    }

    private static boolean formMatches(Form f, Operand o, int size, Values values, Mnemonic m, List<Operand> ops) {
        switch (f) {
            case Eb, Ew, Ed, Ev: {
                int want = f == Form.Ev ? size : f.size;
                if ((m.op() == Op.MOVZX || m.op() == Op.MOVSX || m.op() == Op.MOVSXD) && f != Form.Ev) {
                    if (want != sourceSize(m, ops)) {
                        return false;
                    }
                }
                return o instanceof Operand.Memory || (o instanceof Operand.Register r && r.isGpr() && r.size() == want);
            }
            case Gb:
                return o instanceof Operand.Register r && r.isGpr() && r.size() == 1;
            case Gv:
            case Zv:
                return o instanceof Operand.Register r && r.isGpr() && r.size() == size && size != 1;
            case Zb:
                return o instanceof Operand.Register r && r.isGpr() && r.size() == 1;
            case M:
            case Mp:
                return o instanceof Operand.Memory;
            case Rq:
                return o instanceof Operand.Register r && r.isGpr() && r.size() == 8;
            case Cd:
                return o instanceof Operand.Register r && Reg.isControl(r.reg());
            case AL:
                return o instanceof Operand.Register r && r.reg() == Reg.RAX && r.size() == 1;
            case rAX:
                return o instanceof Operand.Register r && r.reg() == Reg.RAX && r.size() == size;
            case CL:
                return o instanceof Operand.Register r && r.reg() == Reg.RCX && r.size() == 1;
            case Ob:
            case Ov:
                return o instanceof Operand.Memory mem && mem.absolute() && mem.segment() == Reg.NONE;
            case Ib:
            case Ibs:
            case Iw:
            case Iz:
            case Iv: {
                if (!(o instanceof Operand.Immediate im)) {
                    return false;
                }
                Long c = values.constant(im.value());
                return immediateFits(f, c, size);
            }
            default:
                return false;
        }
    }

    private static boolean immediateFits(Form f, Long c, int size) {
        switch (f) {
            case Ibs: {
                if (c == null || !inRange(c, size == 8 ? 4 : size)) {
                    return false;
                }
                long v = size == 8 ? c : signExtend(c, size);
                return v >= -128 && v <= 127;
            }
            case Ib:
                return c == null || (c >= -128 && c <= 255);
            case Iw:
                return c == null || (c >= -32768 && c <= 65535);
            case Iz:
                if (c == null) {
                    return true;
                }
                return size == 8 ? c == (int) (long) c : inRange(c, size);
            case Iv:
                return c == null || size == 8 || inRange(c, size);
            default:
                return false;
        }
    }

    /** Value fits in {@code bytes} bytes as a signed or an unsigned number. */
    private static boolean inRange(long v, int bytes) {
        if (bytes >= 8) {
            return true;
        }
        long min = -(1L << (8 * bytes - 1));
        long max = (1L << (8 * bytes)) - 1;
        return v >= min && v <= max;
    }

    private static long signExtend(long v, int bytes) {
        int shift = 64 - 8 * bytes;
        return (v << shift) >> shift;
    }

    // ------------------------------------------------------------------ emission

    private static byte[] emit(Row row, List<Operand> ops, int size, int prefixes, Values values, long nextIp,
            Mnemonic m) {
        Operand.Memory mem = null;
        Operand.Register rmReg = null, regField = null, opcodeReg = null, cr = null;
        int immIndex = -1;
        for (int i = 0; i < ops.size(); i++) {
            Form f = row.form(i);
            Operand o = ops.get(i);
            if (f.isRm()) {
                if (o instanceof Operand.Memory mm) {
                    mem = mm;
                } else {
                    rmReg = (Operand.Register) o;
                }
            } else if (f == Form.Gb || f == Form.Gv) {
                regField = (Operand.Register) o;
            } else if (f == Form.Cd) {
                cr = (Operand.Register) o;
            } else if (f == Form.Zb || f == Form.Zv) {
                opcodeReg = (Operand.Register) o;
            } else if (f == Form.Ob || f == Form.Ov) {
                mem = (Operand.Memory) o;
            } else if (f.isImmediate()) {
                immIndex = i;
            }
        }
        boolean moffs = hasForm(row, Form.Ob) || hasForm(row, Form.Ov);

        // REX
        boolean w = size == 8 && !row.is(OpcodeTable.DEFAULT64) && !row.is(OpcodeTable.FORCE64);
        int rex = 0;
        if (w) rex |= 8;
        int regNum = regField != null ? (regField.reg() >= Reg.AH ? lowBits(regField) : regField.reg())
                : cr != null ? cr.reg() - Reg.CR0 : -1;
        if (regNum >= 8 && regNum < 16) rex |= 4;
        if (mem != null && !moffs) {
            if (mem.index() >= 8) rex |= 2;
            if (mem.base() >= 8 && mem.base() < 16) rex |= 1;
        }
        if (rmReg != null && rmReg.reg() >= 8 && rmReg.reg() < 16) rex |= 1;
        if (opcodeReg != null && opcodeReg.reg() >= 8 && opcodeReg.reg() < 16) rex |= 1;
        boolean needRex = rex != 0;
        boolean highByte = false;
        for (Operand o : ops) {
            if (o instanceof Operand.Register r && r.isGpr()) {
                if (r.size() == 1 && r.reg() >= 4 && r.reg() < 8) needRex = true;
                if (r.reg() >= Reg.AH) highByte = true;
            }
        }
        if (needRex && highByte) {
            throw new AsmFailure("can't encode register `%" + highByteName(ops) + "' in an instruction requiring REX prefix");
        }

        ByteSink out = new ByteSink();
        int segment = mem != null ? mem.segment() : Reg.NONE;
        int dataPrefix = (size == 2 && !row.is(OpcodeTable.FORCE64) && !row.isByteOp()) ? P_DATA16 : 0;
        legacyPrefixes(out, prefixes | dataPrefix, segment, mem != null && mem.addrSize() == 4);
        if (row.prefix != 0) {
            out.put(row.prefix);
        }
        if (needRex) {
            out.put(0x40 | rex);
        }
        if (row.map == OpcodeTable.MAP_0F) {
            out.put(0x0f);
        }
        int opcode = row.opcode;
        if (opcodeReg != null) {
            opcode += lowBits(opcodeReg);
        }
        out.put(opcode);

        if (row.modrm >= 0) {
            out.put(row.modrm);
        } else if (row.hasModrm()) {
            int reg = row.digit >= 0 ? row.digit : regNum >= 0 ? regNum & 7 : 0;
            if (row.mod == OpcodeTable.MOD_REG && rmReg == null && mem == null) {
                out.put(0xc0 | reg << 3);
            } else if (rmReg != null) {
                out.put(0xc0 | reg << 3 | lowBits(rmReg));
            } else {
                AddressingEncoder.memory(out, reg, mem, values, nextIp);
            }
        }
        if (moffs) {
            out.putLe(values.resolve(mem.disp()), 8);
        }
        if (immIndex >= 0) {
            Operand.Immediate im = (Operand.Immediate) ops.get(immIndex);
            int n = immediateBytes(row.form(immIndex), size);
            long v = values.resolve(im.value());
            Long c = values.constant(im.value());
            if (c == null) {
                checkFinalImmediate(v, n, row.form(immIndex), size);
            }
            out.putLe(v, n);
        }
        return out.toArray();
    }

    private static void checkFinalImmediate(long v, int n, Form f, int size) {
        boolean ok = n >= 8 || (size == 8 && n == 4 ? v == (int) v : inRange(v, n));
        if (!ok) {
            throw new AsmFailure("value 0x" + Long.toHexString(v) + " does not fit a " + n + "-byte immediate");
        }
    }

    private static String highByteName(List<Operand> ops) {
        for (Operand o : ops) {
            if (o instanceof Operand.Register r && r.reg() >= Reg.AH && r.reg() <= Reg.BH) {
                return Reg.name(r.reg(), 1);
            }
        }
        return "?";
    }

    private static int lowBits(Operand.Register r) {
        if (r.reg() >= Reg.AH && r.reg() <= Reg.BH) {
            return r.reg() - Reg.AH + 4;
        }
        return r.reg() & 7;
    }

    private static int immediateBytes(Form f, int size) {
        return switch (f) {
            case Ib, Ibs -> 1;
            case Iw -> 2;
            case Iz -> Math.min(size, 4);
            case Iv -> size;
            default -> 0;
        };
    }

    static void legacyPrefixes(ByteSink out, int prefixes, int segment, boolean addr32) {
        if (segment != Reg.NONE) {
            out.put(SEGMENT_PREFIX[segment - Reg.ES]);
        }
        if (addr32 || (prefixes & P_ADDR32) != 0) {
            out.put(0x67);
        }
        if ((prefixes & P_DATA16) != 0) {
            out.put(0x66);
        }
        if ((prefixes & P_REPNE) != 0) {
            out.put(0xf2);
        }
        if ((prefixes & P_REP) != 0) {
            out.put(0xf3);
        }
        if ((prefixes & P_LOCK) != 0) {
            out.put(0xf0);
        }
    }
}
