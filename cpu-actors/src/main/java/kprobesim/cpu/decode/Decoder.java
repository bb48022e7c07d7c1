package kprobesim.cpu.decode;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
import kprobesim.cpu.isa.OpcodeTable.Form;
import kprobesim.cpu.isa.OpcodeTable.Row;
import kprobesim.cpu.isa.Reg;

/**
 * Decodes 64-bit-mode x86 machine code into {@link Instruction}s. Pure: it reads only the bytes
 * it is given and the address they sit at; it knows nothing of CPU state.
 *
 * <p>The dispatch arrays ({@code opcode byte -> candidate rows}) are built from
 * {@link OpcodeTable} at class initialisation; a candidate is chosen by mandatory prefix,
 * ModRM {@code /digit}, mod class and exact ModRM byte, first match in table order.
 *
 * <p>Encoding layout (Intel SDM Vol. 2 §2.1):
 * <pre>
 *  [legacy prefixes 0-4+] [REX] [0F] opcode [ModRM] [SIB] [disp 0/1/4] [imm 0/1/2/4/8]
 *                                             mod|reg|rm   ss|idx|base
 * </pre>
 * A REX byte counts only if the opcode follows it directly; objdump then shows a REX that is
 * followed by another prefix as an instruction of its own ({@code rex.W}), and so do we (as
 * {@link Op#BAD} of length 1 past the earlier prefixes).
 */
public final class Decoder {
    /** Architectural maximum instruction length (Intel SDM Vol. 2 §2.3.11). */
    public static final int MAX_LENGTH = 15;

    private static final Row[][] ONE_BYTE = new Row[256][];
    private static final Row[][] TWO_BYTE = new Row[256][];
    private static final boolean[] ONE_BYTE_MODRM = new boolean[256];
    private static final boolean[] TWO_BYTE_MODRM = new boolean[256];

    static {
        @SuppressWarnings("unchecked")
        List<Row>[][] lists = new List[2][256];
        for (Row row : OpcodeTable.rows()) {
            int count = row.hasOpcodeRegister() ? 8 : 1;
            for (int k = 0; k < count; k++) {
                int opc = row.opcode + k;
                List<Row> l = lists[row.map][opc];
                if (l == null) {
                    l = lists[row.map][opc] = new ArrayList<>();
                } else if (l.get(0).hasModrm() != row.hasModrm()) {
                    throw new IllegalStateException("rows disagree on ModRM: " + l.get(0) + " vs " + row);
                }
                l.add(row);
            }
        }
        for (int m = 0; m < 2; m++) {
            Row[][] table = m == 0 ? ONE_BYTE : TWO_BYTE;
            boolean[] modrm = m == 0 ? ONE_BYTE_MODRM : TWO_BYTE_MODRM;
            for (int opc = 0; opc < 256; opc++) {
                List<Row> l = lists[m][opc];
                if (l != null) {
                    table[opc] = l.toArray(new Row[0]);
                    modrm[opc] = l.get(0).hasModrm();
                }
            }
        }
    }

    private Decoder() {}

    /**
     * Decodes one instruction.
     *
     * @param buf   the bytes
     * @param off   where the instruction starts in {@code buf}
     * @param avail how many bytes from {@code off} may be read
     * @param rip   the address of the first byte (relative targets are resolved against it)
     * @return the instruction; {@link Op#BAD} for bytes outside our subset or longer than 15;
     *         {@code null} if the {@code avail} bytes end before the instruction does (never
     *         when {@code avail >= 15})
     */
    public static Instruction decode(byte[] buf, int off, int avail, long rip) {
        if (avail <= 0) {
            return null;
        }
        Cursor c = new Cursor(buf, off, off + Math.min(avail, buf.length - off));
        try {
            return c.decode(rip);
        } catch (Truncated t) {
            return null;
        } catch (TooLong t) {
            return c.bad(MAX_LENGTH);
        }
    }

    /** Convenience: decodes at {@code off} with everything up to the end of {@code buf} available. */
    public static Instruction decode(byte[] buf, int off, long rip) {
        return decode(buf, off, buf.length - off, rip);
    }

    /** The bytes ran out before the instruction did. Stackless: it is control flow, not an error. */
    private static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Truncated INSTANCE = new Truncated();

        private Truncated() {
            super(null, null, false, false);
        }
    }

    /** The instruction would exceed 15 bytes. Stackless. */
    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final TooLong INSTANCE = new TooLong();

        private TooLong() {
            super(null, null, false, false);
        }
    }

    /** Per-call decoding state; never shared between threads. */
    private static final class Cursor {
        private final byte[] buf;
        private final int start;
        private final int limit;
        private int pos;
        private final Instruction.Builder b = new Instruction.Builder();

        Cursor(byte[] buf, int start, int limit) {
            this.buf = buf;
            this.start = start;
            this.limit = limit;
            this.pos = start;
        }

        private int next() {
            if (pos - start >= MAX_LENGTH) {
                throw TooLong.INSTANCE;
            }
            if (pos >= limit) {
                throw Truncated.INSTANCE;
            }
            return buf[pos++] & 0xFF;
        }

        private int peek() {
            if (pos - start >= MAX_LENGTH) {
                throw TooLong.INSTANCE;
            }
            if (pos >= limit) {
                throw Truncated.INSTANCE;
            }
            return buf[pos] & 0xFF;
        }

        /** Reads a little-endian signed value of {@code n} bytes (1, 2, 4 or 8). */
        private long signed(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v |= (long) next() << (8 * i);
            }
            int shift = 64 - 8 * n;
            return shift == 0 ? v : (v << shift) >> shift;
        }

        Instruction bad(int length) {
            return b.reset().op(Op.BAD).length(Math.max(1, Math.min(length, MAX_LENGTH))).build();
        }

        Instruction decode(long rip) {
            int prefixes = 0;
            int segment = Reg.NONE;
            int lastRep = 0;
            int rex = 0;
            int opc;
            // legacy prefixes, then at most one REX that must directly precede the opcode
            while (true) {
                opc = next();
                int bit = legacyPrefixBit(opc);
                if (bit == 0 && !isSegmentPrefix(opc)) {
                    break;
                }
                b.legacyPrefix(opc);
                prefixes |= bit;
                if (opc == 0xF2 || opc == 0xF3) {
                    lastRep = opc;
                }
                if (isSegmentPrefix(opc) && !(segment == Reg.FS || segment == Reg.GS) || opc == 0x64 || opc == 0x65) {
                    // es/cs/ss/ds are null prefixes in 64-bit mode: they never displace an fs/gs
                    segment = segmentOf(opc);
                }
            }
            if ((opc & 0xF0) == 0x40) {
                rex = opc;
                opc = next();
                if ((opc & 0xF0) == 0x40 || legacyPrefixBit(opc) != 0 || isSegmentPrefix(opc)) {
                    // a REX not followed by the opcode is ignored by the CPU; objdump shows it alone
                    return bad(pos - 1 - start);
                }
                prefixes |= Instruction.REX;
                if ((rex & 8) != 0) {
                    prefixes |= Instruction.REX_W;
                }
            }
            b.rex(rex);
            int map = OpcodeTable.MAP_ONE_BYTE;
            if (opc == 0x0F) {
                map = OpcodeTable.MAP_0F;
                opc = next();
            }
            int afterOpcode = pos;
            Row[] candidates = map == 0 ? ONE_BYTE[opc] : TWO_BYTE[opc];
            if (candidates == null) {
                return bad(UnknownLength.length(buf, start, pos, limit, map, opc, prefixes, rex));
            }
            boolean hasModrm = map == 0 ? ONE_BYTE_MODRM[opc] : TWO_BYTE_MODRM[opc];
            int modrm = hasModrm ? next() : -1;
            int mod = modrm >>> 6;
            int regField = (modrm >>> 3) & 7;
            Row row = select(candidates, modrm, mod, regField, prefixes, lastRep, rex);
            if (row == null) {
                if (UnknownLength.isInvalidDigit(map, opc, mod, regField)) {
                    return bad(afterOpcode - start); // objdump: "(bad)" after the opcode byte(s)
                }
                return bad(UnknownLength.length(buf, start, afterOpcode, limit, map, opc, prefixes, rex));
            }
            boolean valid = true;
            boolean opsize = (prefixes & Instruction.OPSIZE) != 0;
            int opSize;
            if (row.is(OpcodeTable.FORCE64)) {
                opSize = 8;
            } else if (row.isByteOp()) {
                opSize = 1;
            } else if ((rex & 8) != 0) {
                opSize = 8;
            } else if (opsize) {
                opSize = 2;
            } else {
                opSize = row.is(OpcodeTable.DEFAULT64) ? 8 : 4;
            }
            if (opsize && row.is(OpcodeTable.NO_OPSIZE)) {
                // 16-bit near branches (objdump: callw/jmpw/retw): outside our subset
                return bad(UnknownLength.length(buf, start, afterOpcode, limit, map, opc, prefixes, rex));
            }
            int addrSize = (prefixes & Instruction.ADDRSIZE) != 0 ? 4 : 8;
            b.op(row.op).row(row).cond(row.cond).opSize(opSize).addrSize(addrSize).prefixes(prefixes);
            b.mem(Reg.NONE, Reg.NONE, 1, 0, segment);

            // ModRM r/m and SIB/displacement come before any immediate
            int rmReg = -1; // register number when the r/m is a register
            if (hasModrm) {
                if (mod == 3 || row.registerOnlyRm()) {
                    rmReg = (modrm & 7) | ((rex & 1) << 3);
                } else {
                    memory(modrm, rex, segment);
                }
            }
            int regReg = regField | ((rex & 4) << 1);
            boolean memDest = false;
            int immIndex = -1;
            Form immForm = null;
            int relIndex = -1;
            Form relForm = null;
            for (int i = 0; i < row.arity(); i++) {
                Form f = row.form(i);
                int size = f.size == 0 ? opSize : f.size;
                switch (f) {
                    case Eb, Ew, Ed, Ev -> {
                        if (mod == 3) {
                            b.reg(i, gpr(rmReg, size, rex), size);
                        } else {
                            b.memOperand(i, size);
                            memDest |= i == 0;
                        }
                    }
                    case M, Mp -> {
                        if (mod == 3) {
                            return bad(afterOpcode - start); // objdump: "(bad)" right after the opcode
                        } else {
                            b.memOperand(i, f.size);
                            memDest |= i == 0;
                        }
                    }
                    case Rq -> b.reg(i, rmReg, 8); // registerOnlyRm(): set above whatever mod says
                    case Gb, Gv -> b.reg(i, gpr(regReg, size, rex), size);
                    case Cd -> b.reg(i, Reg.CR0 + regReg, 8);
                    case Zb, Zv -> {
                        int r = (opc & 7) | ((rex & 1) << 3);
                        if (row.op == Op.BSWAP && opSize == 2) {
                            valid = false; // bswap of a 16-bit register is undefined
                        }
                        b.reg(i, gpr(r, size, rex), size);
                    }
                    case AL, rAX -> b.reg(i, Reg.RAX, size);
                    case CL -> b.reg(i, Reg.RCX, 1);
                    case Ob, Ov -> {
                        long addr = signed(addrSize);
                        if (addrSize == 4) {
                            addr &= 0xFFFF_FFFFL;
                        }
                        b.mem(Reg.NONE, Reg.NONE, 1, addr, segment).dispSize(addrSize);
                        b.memOperand(i, size);
                        memDest |= i == 0;
                    }
                    case Ib, Ibs, Iw, Iz, Iv -> {
                        immIndex = i;
                        immForm = f;
                    }
                    case Jb, Jz -> {
                        relIndex = i;
                        relForm = f;
                    }
                    default -> throw new IllegalStateException("form " + f);
                }
            }
            if (immForm != null) {
                switch (immForm) {
                    case Ib -> b.imm(immIndex, signed(1) & 0xFF, 1);
                    case Iw -> b.imm(immIndex, signed(2) & 0xFFFF, 2);
                    case Ibs -> b.imm(immIndex, signed(1), opSize);
                    case Iz -> b.imm(immIndex, signed(opSize == 2 ? 2 : 4), opSize);
                    default -> b.imm(immIndex, signed(opSize), opSize); // Iv
                }
            }
            if (relForm != null) {
                long disp = signed(relForm == Form.Jb ? 1 : 4);
                b.rel(relIndex, rip + (pos - start) + disp);
            }
            if ((prefixes & Instruction.LOCK) != 0 && !(row.is(OpcodeTable.LOCKABLE) && memDest)) {
                valid = false; // the CPU raises #UD (Intel SDM Vol. 2 "LOCK")
            }
            int length = pos - start;
            if (!valid) {
                // objdump still names these bytes; keep the row and operands for the disassembler
                return b.op(Op.BAD).length(length).build();
            }
            return b.length(length).build();
        }

        /** Parses the memory form of ModRM (plus SIB and displacement) into the builder. */
        private void memory(int modrm, int rex, int segment) {
            int mod = modrm >>> 6;
            int rm = modrm & 7;
            int base;
            int index = Reg.NONE;
            int scale = 1;
            int dispSize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
            if (rm == 4) {
                int sibByte = next();
                b.sib(true);
                scale = 1 << (sibByte >>> 6);
                int idx = ((sibByte >>> 3) & 7) | ((rex & 2) << 2);
                if (idx != 4) {
                    index = idx; // index 100 without REX.X means "no index" (objdump's %riz)
                }
                int sbase = sibByte & 7;
                if (sbase == 5 && mod == 0) {
                    base = Reg.NONE; // [index*scale + disp32]
                    dispSize = 4;
                } else {
                    base = sbase | ((rex & 1) << 3);
                }
            } else if (rm == 5 && mod == 0) {
                base = Reg.RIP; // RIP-relative, disp32 from the next instruction
                dispSize = 4;
            } else {
                base = rm | ((rex & 1) << 3);
            }
            long disp = dispSize == 0 ? 0 : signed(dispSize);
            b.mem(base, index, scale, disp, segment).dispSize(dispSize);
        }
    }

    /** The register number for a general register operand: ah..bh for 4..7 at byte size without REX. */
    private static int gpr(int r, int size, int rex) {
        if (size == 1 && rex == 0 && r >= 4 && r < 8) {
            return Reg.AH + (r - 4);
        }
        return r;
    }

    private static Row select(Row[] candidates, int modrm, int mod, int regField, int prefixes, int lastRep,
            int rex) {
        for (Row row : candidates) {
            if (row.prefix != 0 && row.prefix != lastRep) {
                continue;
            }
            if (row.is(OpcodeTable.NO_SIMD_PREFIX)
                    && (prefixes & (Instruction.OPSIZE | Instruction.REP | Instruction.REPNE)) != 0) {
                continue;
            }
            if (row.is(OpcodeTable.PLAIN_ONLY) && ((rex & 1) != 0 || (prefixes & Instruction.OPSIZE) != 0)) {
                continue;
            }
            if (row.digit >= 0 && row.digit != regField) {
                continue;
            }
            if (row.mod == OpcodeTable.MOD_MEM && mod == 3 || row.mod == OpcodeTable.MOD_REG && mod != 3) {
                continue;
            }
            if (row.modrm >= 0 && row.modrm != modrm) {
                continue;
            }
            return row;
        }
        return null;
    }

    /** Prefix bit in {@link Instruction#prefixes} for a legacy prefix byte, 0 if it is not one. */
    static int legacyPrefixBit(int b) {
        return switch (b) {
            case 0xF0 -> Instruction.LOCK;
            case 0xF3 -> Instruction.REP;
            case 0xF2 -> Instruction.REPNE;
            case 0x66 -> Instruction.OPSIZE;
            case 0x67 -> Instruction.ADDRSIZE;
            default -> 0;
        };
    }

    static boolean isSegmentPrefix(int b) {
        return b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65;
    }

    private static int segmentOf(int b) {
        return switch (b) {
            case 0x26 -> Reg.ES;
            case 0x2E -> Reg.CS;
            case 0x36 -> Reg.SS;
            case 0x3E -> Reg.DS;
            case 0x64 -> Reg.FS;
            default -> Reg.GS;
        };
    }
}
