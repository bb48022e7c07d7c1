package kprobesim.cpu.disasm;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.isa.Cond;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
import kprobesim.cpu.isa.OpcodeTable.Form;
import kprobesim.cpu.isa.OpcodeTable.Row;
import kprobesim.cpu.isa.Reg;

/**
 * AT&amp;T-syntax text in the style of binutils 2.40 {@code objdump -d}: the same mnemonics
 * (including suffixes and the {@code cltq}/{@code movzbl} spellings), the same operand order and
 * number format, and the same names for prefixes the instruction does not use ({@code data16},
 * {@code cs}, {@code rex.W}, ...).
 *
 * <p>objdump's habits, reproduced here:
 * <ul>
 *   <li>Immediates print as unsigned hex of the operand size ({@code $0xffffffffffffff80});
 *       displacements as signed hex ({@code -0x8(%rbp)}), except an absolute address without
 *       base or index, which is unsigned.
 *   <li>A size suffix appears only when no register operand fixes the size: {@code addl $0x1,(%rax)},
 *       {@code shll (%rax)}, {@code nopw 0x0(%rax,%rax,1)}; never on push/pop/call/jmp at their
 *       default 64-bit size, on setcc, lea, lidt/sidt or invlpg.
 *   <li>A SIB byte without an index prints {@code %riz} unless the base is rsp/r12 with scale 1.
 *   <li>Segment overrides es/cs/ss/ds print as prefix words ({@code cs nopw ...}); fs/gs print
 *       inside a memory operand ({@code %fs:0x28}).
 *   <li>RIP-relative operands get a comment with the absolute address ({@code # 0x19}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Disassembler {
    /** Bytes shown per listing line, as objdump does for x86. */
    public static final int BYTES_PER_LINE = 7;

    private static final String[] SUFFIX = {"", "b", "w", "", "l", "", "", "", "q"};

    private Disassembler() {}

    /**
     * The objdump text of one instruction, e.g. {@code sub    $0x78,%rsp} or
     * {@code call   *0x10(%rip)        # 0x19}; {@code (bad)} for bytes outside our subset. A
     * {@link Op#BAD} that still has its row (a form the CPU rejects with #UD, such as
     * {@code lock add %eax,%eax}) prints as objdump prints it.
     *
     * @param address where the instruction sits (used for the RIP-relative comment)
     */
    public static String text(Instruction in, long address) {
        if (in.row == null) {
            return "(bad)";
        }
        StringBuilder prefix = new StringBuilder();
        unusedPrefixes(in, prefix);
        String mnemonic = mnemonic(in);
        StringBuilder ops = new StringBuilder();
        String comment = operands(in, address, ops);
        StringBuilder s = new StringBuilder(prefix).append(mnemonic);
        if (ops.length() > 0) {
            while (s.length() < 6) {
                s.append(' ');
            }
            s.append(' ').append(ops);
        }
        if (comment != null) {
            s.append("        # ").append(comment);
        }
        return s.toString();
    }

    /**
     * An objdump-style listing of {@code code} loaded at {@code base}: one line per instruction
     * ({@code "   0:\t66 66 90             \tdata16 xchg %ax,%ax"}), with continuation lines for
     * instructions longer than seven bytes, and the address column as wide as objdump makes it.
     */
    public static List<String> listing(byte[] code, long base) {
        List<String> lines = new ArrayList<>();
        int width = addressWidth(base + code.length);
        int off = 0;
        while (off < code.length) {
            Instruction in = Decoder.decode(code, off, code.length - off, base + off);
            int len = in == null ? code.length - off : in.length;
            String text = in == null ? "(bad)" : text(in, base + off);
            for (int line = 0; line * BYTES_PER_LINE < len; line++) {
                StringBuilder s = new StringBuilder();
                s.append(address(base + off + line * BYTES_PER_LINE, width)).append(":\t");
                int from = line * BYTES_PER_LINE;
                int to = Math.min(len, from + BYTES_PER_LINE);
                for (int i = from; i < to; i++) {
                    s.append(hex2(code[off + i])).append(' ');
                }
                if (line == 0) {
                    while (s.length() < width + 2 + 3 * BYTES_PER_LINE) {
                        s.append(' ');
                    }
                    s.append('\t').append(text);
                }
                lines.add(s.toString());
            }
            off += len;
        }
        return lines;
    }

    /** The listing as one string, lines separated by newlines (with a trailing newline). */
    public static String listingText(byte[] code, long base) {
        StringBuilder s = new StringBuilder();
        for (String line : listing(code, base)) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ listing helpers

    /**
     * objdump drops the leading zero digits that every address in the section shares, in groups
     * of four, keeping at least one group: {@code 0x1ab} prints in 4 columns, {@code 0x400000} in 8.
     */
    static int addressWidth(long end) {
        int zeros = Long.numberOfLeadingZeros(end) / 4;
        if (end == 0) {
            zeros = 16;
        }
        int skip = ((zeros - 1) / 4) * 4;
        if (zeros == 0) {
            skip = 0;
        }
        return 16 - skip;
    }

    private static String address(long addr, int width) {
        String h = Long.toHexString(addr);
        if (h.length() > width) {
            h = h.substring(h.length() - width);
        }
        StringBuilder s = new StringBuilder();
        for (int i = h.length(); i < width; i++) {
            s.append(' ');
        }
        return s.append(h).toString();
    }

    private static String hex2(byte b) {
        String h = Integer.toHexString(b & 0xFF);
        return h.length() == 1 ? "0" + h : h;
    }

    // ------------------------------------------------------------------ prefixes

    /**
     * Appends, in encoding order, the names of the prefixes the instruction does not consume.
     * The segment rule follows objdump: in 64-bit mode es/cs/ss/ds override nothing, so they
     * print as words; when an fs/gs override is used by the memory operand, or a cs/ds prefix
     * serves as a jcc branch hint ({@code ,pn}/{@code ,pt}), the <em>last</em> segment prefix of
     * any kind is the one that counts as consumed.
     */
    private static void unusedPrefixes(Instruction in, StringBuilder s) {
        Row row = in.row;
        int n = Math.min(in.prefixCount, 8);
        int last66 = -1;
        int last67 = -1;
        int lastRep = -1;
        int lastF2 = -1;
        int lastF3 = -1;
        int lastSeg = -1;
        boolean lock = in.has(Instruction.LOCK);
        for (int i = 0; i < n; i++) {
            int p = in.prefixByte(i);
            if (p == 0x66) {
                last66 = i;
            } else if (p == 0x67) {
                last67 = i;
            } else if (p == 0xF2 || p == 0xF3) {
                lastRep = i;
                if (p == 0xF2) {
                    lastF2 = i;
                } else {
                    lastF3 = i;
                }
            } else if (p != 0xF0) {
                lastSeg = i;
            }
        }
        boolean uses66 = !row.isByteOp() && (in.rex & 8) == 0 && !row.is(OpcodeTable.FORCE64)
                && sizeMatters(in)
                || in.row.op == Op.XCHG && row.map == OpcodeTable.MAP_ONE_BYTE && row.opcode == 0x90
                        && (in.reg0 & 7) == 0 // on opcode 90 itself, 66 decides nop vs xchg
                || in.row.op == Op.MOVSXD && in.kind1 == Instruction.REG; // objdump's quirk: only the register form
        boolean string = in.row.op == Op.MOVS || in.row.op == Op.STOS;
        boolean modrmMemory = in.hasMemoryOperand() && !isMoffs(row);
        boolean uses67 = modrmMemory || string;
        boolean segUsed = in.hasMemoryOperand() && (in.memSegment == Reg.FS || in.memSegment == Reg.GS)
                || in.row.op == Op.MOVS && lastSeg >= 0 || branchHint(in) != null;
        boolean notrack = notrack(in);
        boolean hle = lock && row.is(OpcodeTable.LOCKABLE) && in.kind0 == Instruction.MEM
                || in.row.op == Op.XCHG && in.kind0 == Instruction.MEM
                || in.row.op == Op.MOV && in.kind0 == Instruction.MEM && !isMoffs(row);
        for (int i = 0; i < n; i++) {
            int p = in.prefixByte(i);
            String word;
            switch (p) {
                case 0x66 -> word = i == last66 && uses66 ? null : "data16";
                case 0x67 -> word = i == last67 && uses67 ? null : "addr32";
                case 0xF0 -> word = "lock";
                case 0xF3 -> {
                    if (row.prefix == 0xF3 && i == lastRep) {
                        word = null;
                    } else if (string && i == lastF3) {
                        word = "rep";
                    } else if (hle && i == lastF3 && (in.row.op != Op.MOV || i == lastRep)) {
                        word = "xrelease";
                    } else {
                        word = "repz";
                    }
                }
                case 0xF2 -> {
                    if (isBranch(in.row.op) && i == lastF2) {
                        word = "bnd"; // MPX branch prefix, whatever F3 follows it
                    } else if (hle && in.row.op != Op.MOV && i == lastF2) {
                        word = "xacquire";
                    } else {
                        word = "repnz";
                    }
                }
                case 0x26 -> word = "es";
                case 0x2E -> word = "cs";
                case 0x36 -> word = "ss";
                case 0x3E -> word = "ds";
                case 0x64 -> word = "fs";
                case 0x65 -> word = "gs";
                default -> word = null;
            }
            if (i == lastSeg && segUsed) {
                word = null;
            }
            if (i == lastSeg && notrack) {
                word = "notrack"; // CET: a ds prefix on an indirect call/jmp; objdump shows it in the last segment slot
            }
            if (word != null) {
                s.append(word).append(' ');
            }
        }
        unusedRex(in, s);
    }

    /** True if objdump prints {@code notrack}: an indirect call/jmp with a ds prefix. */
    private static boolean notrack(Instruction in) {
        if (!(in.row.op == Op.CALL || in.row.op == Op.JMP) || in.kind0 == Instruction.REL) {
            return false;
        }
        for (int i = 0; i < Math.min(in.prefixCount, 8); i++) {
            if (in.prefixByte(i) == 0x3E) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMoffs(Row row) {
        for (int i = 0; i < row.arity(); i++) {
            if (row.form(i) == Form.Ob || row.form(i) == Form.Ov) {
                return true;
            }
        }
        return false;
    }

    /** objdump's jcc branch hint: {@code ,pn} for a cs prefix, {@code ,pt} for ds, if only one kind is present. */
    private static String branchHint(Instruction in) {
        if (in.row.op != Op.JCC) {
            return null;
        }
        boolean cs = false;
        boolean ds = false;
        for (int i = 0; i < Math.min(in.prefixCount, 8); i++) {
            cs |= in.prefixByte(i) == 0x2E;
            ds |= in.prefixByte(i) == 0x3E;
        }
        return cs == ds ? null : cs ? ",pn" : ",pt";
    }

    private static boolean isBranch(Op op) {
        return op == Op.JMP || op == Op.JCC || op == Op.CALL || op == Op.RET;
    }

    /** True if the operand size changes what the instruction does (so 66/REX.W are consumed). */
    private static boolean sizeMatters(Instruction in) {
        Row row = in.row;
        if (row.arity() == 0) {
            return switch (in.row.op) {
                case CBW, CWD, MOVS, STOS, IRET, PUSHF, POPF, LEAVE -> true;
                default -> false;
            };
        }
        for (int i = 0; i < row.arity(); i++) {
            Form f = row.form(i);
            if (f.size == 0 && !f.isRelative() && f != Form.M) {
                return true;
            }
        }
        return false;
    }

    /**
     * objdump prints a REX prefix as {@code rex.WRXB} (all its bits) when any of its bits has no
     * effect, and a bare {@code 40} as {@code rex} unless it selects spl/bpl/sil/dil.
     */
    private static void unusedRex(Instruction in, StringBuilder s) {
        int rex = in.rex;
        if (rex == 0) {
            return;
        }
        Row row = in.row;
        int used = 0;
        if (!row.isByteOp() && !row.is(OpcodeTable.FORCE64) && !row.is(OpcodeTable.DEFAULT64) && sizeMatters(in)) {
            used |= 8;
        }
        boolean memory = in.hasMemoryOperand();
        for (int i = 0; i < row.arity(); i++) {
            Form f = row.form(i);
            if (f.isModrmReg()) {
                used |= 4;
            } else if (f.isRm() && (!memory || f == Form.Rq) || f == Form.Zb || f == Form.Zv) {
                used |= 1;
            }
        }
        if (memory && !isMoffs(row)) {
            used |= 1; // objdump counts REX.B as used by any ModRM memory operand, even RIP-relative
        }
        if (memory && in.memIndex != Reg.NONE) {
            used |= 2;
        }
        boolean needsRex = false;
        for (int i = 0; i < in.operandCount(); i++) {
            if (in.kind(i) == Instruction.REG && in.size(i) == 1 && in.reg(i) >= Reg.RSP && in.reg(i) <= Reg.RDI) {
                needsRex = true;
            }
        }
        int bits = rex & 0xF;
        if ((bits & ~used) == 0 && (bits != 0 || needsRex)) {
            return;
        }
        s.append("rex");
        if (bits != 0) {
            s.append('.');
            if ((bits & 8) != 0) s.append('W');
            if ((bits & 4) != 0) s.append('R');
            if ((bits & 2) != 0) s.append('X');
            if ((bits & 1) != 0) s.append('B');
        }
        s.append(' ');
    }

    // ------------------------------------------------------------------ mnemonics

    private static String mnemonic(Instruction in) {
        Op op = in.row.op;
        Row row = in.row;
        int size = in.opSize;
        switch (op) {
            case JCC: {
                String hint = branchHint(in);
                return "j" + Cond.SUFFIX[in.cond] + (hint == null ? "" : hint);
            }
            case SETCC:
                return "set" + Cond.SUFFIX[in.cond];
            case CMOVCC:
                return "cmov" + Cond.SUFFIX[in.cond];
            case MOVZX:
            case MOVSX:
                return (op == Op.MOVZX ? "movz" : "movs") + SUFFIX[in.size1] + SUFFIX[in.size0];
            case MOVSXD:
                return size == 8 ? "movslq" : "movsxd";
            case CBW:
                return size == 2 ? "cbtw" : size == 4 ? "cwtl" : "cltq";
            case CWD:
                return size == 2 ? "cwtd" : size == 4 ? "cltd" : "cqto";
            case MOVS:
                return "movs" + SUFFIX[size];
            case IRET:
                return size == 2 ? "iretw" : size == 4 ? "iret" : "iretq";
            case PUSHF:
            case POPF:
            case LEAVE:
                return name(op) + (size == 2 ? "w" : "");
            case MOVCR:
                return "mov";
            case MOV:
                if (row.form(row.arity() - 1) == Form.Iv && size == 8
                        || row.form(0) == Form.Ob || row.form(0) == Form.Ov
                        || row.form(1) == Form.Ob || row.form(1) == Form.Ov) {
                    return in.addrSize == 4 && row.form(0) != Form.Zv ? "mov" : "movabs";
                }
                break;
            default:
                break;
        }
        String base = name(op);
        if (needsSuffix(in)) {
            return base + SUFFIX[size];
        }
        return base;
    }

    private static String name(Op op) {
        return switch (op) {
            case INT3 -> "int3";
            case PUSHF -> "pushf";
            case POPF -> "popf";
            default -> op.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** True if no register operand tells the reader the operand size. */
    private static boolean needsSuffix(Instruction in) {
        Row row = in.row;
        if (in.row.op == Op.PUSH && in.kind0 == Instruction.IMM) {
            return in.opSize != 8; // pushw $imm; push $imm at the default 64 bits has no suffix
        }
        if (!in.hasMemoryOperand()) {
            return false;
        }
        switch (in.row.op) {
            case SETCC, LEA, LIDT, SIDT, INVLPG, CALL, JMP:
                return false;
            case PUSH, POP:
                return in.opSize != 8;
            default:
                break;
        }
        for (int i = 0; i < row.arity(); i++) {
            Form f = row.form(i);
            if (f.isModrmReg() || f == Form.Zb || f == Form.Zv || f == Form.AL || f == Form.rAX) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ operands

    /** Appends the AT&amp;T operand list; returns the RIP-relative comment or null. */
    private static String operands(Instruction in, long address, StringBuilder s) {
        Op op = in.row.op;
        if (op == Op.MOVS) {
            String si = in.addrSize == 4 ? "esi" : "rsi";
            String di = in.addrSize == 4 ? "edi" : "rdi";
            // in 64-bit mode only fs/gs override the source segment; objdump shows ds otherwise
            String seg = in.memSegment == Reg.FS || in.memSegment == Reg.GS ? Reg.name(in.memSegment, 2) : "ds";
            s.append('%').append(seg).append(":(%").append(si).append("),%es:(%").append(di).append(')');
            return null;
        }
        if (op == Op.STOS) {
            String di = in.addrSize == 4 ? "edi" : "rdi";
            s.append('%').append(Reg.name(Reg.RAX, in.opSize)).append(",%es:(%").append(di).append(')');
            return null;
        }
        boolean indirect = op == Op.CALL || op == Op.JMP;
        String comment = null;
        for (int i = in.operandCount() - 1; i >= 0; i--) {
            if (s.length() > 0) {
                s.append(',');
            }
            switch (in.kind(i)) {
                case Instruction.REG -> {
                    if (indirect) {
                        s.append('*');
                    }
                    s.append('%').append(Reg.name(in.reg(i), in.size(i)));
                }
                case Instruction.IMM -> s.append("$0x").append(Long.toHexString(mask(in.imm, in.size(i))));
                case Instruction.REL -> s.append("0x").append(Long.toHexString(in.target));
                case Instruction.MEM -> {
                    if (indirect) {
                        s.append('*');
                    }
                    comment = memory(in, address, s);
                }
                default -> throw new IllegalStateException("operand " + i + " of " + in);
            }
        }
        return comment;
    }

    private static long mask(long v, int size) {
        return size >= 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    private static String memory(Instruction in, long address, StringBuilder s) {
        if ((in.memSegment == Reg.FS || in.memSegment == Reg.GS) && !notrack(in)) {
            s.append('%').append(Reg.name(in.memSegment, 2)).append(':');
        }
        boolean addr32 = in.addrSize == 4;
        int base = in.memBase;
        int index = in.memIndex;
        int scaleBits = Integer.numberOfTrailingZeros(in.memScale);
        boolean riz = in.sib && index == Reg.NONE
                && (scaleBits != 0 || base != Reg.NONE && (base & 7) != Reg.RSP || addr32 && base == Reg.NONE);
        boolean parens = base != Reg.NONE || index != Reg.NONE || riz;
        if (in.dispSize > 0) {
            if (!parens) {
                long d = addr32 ? in.memDisp & 0xFFFF_FFFFL : in.memDisp;
                s.append("0x").append(Long.toHexString(d));
            } else if (addr32 && base == Reg.NONE && index == Reg.NONE) {
                s.append("0x").append(Long.toHexString(in.memDisp & 0xFFFF_FFFFL));
            } else {
                signedHex(in.memDisp, s);
            }
        }
        if (!parens) {
            return null;
        }
        int regSize = addr32 ? 4 : 8;
        s.append('(');
        if (base == Reg.RIP) {
            s.append(addr32 ? "%eip" : "%rip");
        } else if (base != Reg.NONE) {
            s.append('%').append(Reg.name(base, regSize));
        }
        if (index != Reg.NONE || riz) {
            s.append(",%").append(index != Reg.NONE ? Reg.name(index, regSize) : addr32 ? "eiz" : "riz");
            s.append(',').append(in.memScale);
        }
        s.append(')');
        if (base == Reg.RIP) {
            long target = address + in.length + in.memDisp;
            return "0x" + Long.toHexString(target);
        }
        return null;
    }

    private static void signedHex(long v, StringBuilder s) {
        if (v < 0) {
            s.append("-0x").append(Long.toHexString(-v));
        } else {
            s.append("0x").append(Long.toHexString(v));
        }
    }
}
