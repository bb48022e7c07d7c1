package kprobesim.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import kprobesim.cpu.isa.Cond;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.OpcodeTable;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.api.Test;

/** Decode tier: bytes to fields, for representative forms and the encoding corners. */
class DecoderTest {
    private static Instruction at(long rip, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        Instruction in = Decoder.decode(b, 0, b.length, rip);
        assertNotNull(in, "decoding a complete instruction must not return null");
        return in;
    }

    private static Instruction d(int... bytes) {
        return at(0x1000, bytes);
    }

    @Test
    void addRegisterToMemory() {
        Instruction in = d(0x01, 0x18); // add %ebx,(%rax)
        assertEquals(Op.ADD, in.op);
        assertEquals(2, in.length);
        assertEquals(4, in.opSize);
        assertEquals(Instruction.MEM, in.kind0);
        assertEquals(4, in.size0);
        assertEquals(Reg.RAX, in.memBase);
        assertEquals(Reg.NONE, in.memIndex);
        assertEquals(Instruction.REG, in.kind1);
        assertEquals(Reg.RBX, in.reg1);
        assertEquals(2, in.operandCount());
    }

    @Test
    void r12BaseNeedsSibAndR13BaseNeedsDisplacement() {
        Instruction r12 = d(0x41, 0x8b, 0x04, 0x24); // mov (%r12),%eax
        assertEquals(Reg.R12, r12.memBase);
        assertEquals(Reg.NONE, r12.memIndex);
        assertTrue(r12.sib);
        assertEquals(4, r12.length);

        Instruction r13 = d(0x41, 0x8b, 0x45, 0x00); // mov 0x0(%r13),%eax
        assertEquals(Reg.R13, r13.memBase);
        assertEquals(1, r13.dispSize);
        assertEquals(0, r13.memDisp);

        Instruction rsp = d(0x8b, 0x44, 0x24, 0xf8); // mov -0x8(%rsp),%eax
        assertEquals(Reg.RSP, rsp.memBase);
        assertEquals(-8, rsp.memDisp);
    }

    @Test
    void modZeroRbpIsRipRelativeButSibNoBaseIsAbsolute() {
        Instruction rip = at(0x2000L, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00); // mov 0x10(%rip),%eax
        assertEquals(Reg.RIP, rip.memBase);
        assertEquals(0x10, rip.memDisp);
        assertEquals(6, rip.length);

        Instruction abs = d(0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12); // mov 0x12345678,%eax
        assertEquals(Reg.NONE, abs.memBase);
        assertEquals(Reg.NONE, abs.memIndex);
        assertEquals(0x12345678, abs.memDisp);

        Instruction negAbs = d(0x8b, 0x04, 0x25, 0x80, 0xff, 0xff, 0xff); // sign-extended disp32
        assertEquals(-0x80, negAbs.memDisp);

        Instruction indexOnly = d(0x48, 0x8d, 0x04, 0xc5, 0, 0, 0, 0); // lea 0x0(,%rax,8),%rax
        assertEquals(Reg.NONE, indexOnly.memBase);
        assertEquals(Reg.RAX, indexOnly.memIndex);
        assertEquals(8, indexOnly.memScale);

        Instruction r13Mod0 = d(0x41, 0x8b, 0x04, 0x2c); // mov (%r12,%rbp,1)? no: SIB base 100 -> r12
        assertEquals(Reg.R12, r13Mod0.memBase);
        assertEquals(Reg.RBP, r13Mod0.memIndex);

        Instruction rexXIndex = d(0x42, 0x8b, 0x04, 0x20); // mov (%rax,%r12,1),%eax: REX.X makes 100 an index
        assertEquals(Reg.R12, rexXIndex.memIndex);
        assertEquals(Reg.RAX, rexXIndex.memBase);

        Instruction r13Sib = d(0x41, 0x8b, 0x44, 0x25, 0x00); // mov 0x0(%r13,%riz,1)? base 101 + REX.B, mod 01
        assertEquals(Reg.R13, r13Sib.memBase);
        assertEquals(1, r13Sib.dispSize);
    }

    @Test
    void ripRelativeCallAndAbsoluteCall() {
        Instruction call = at(0x1000L, 0xff, 0x15, 0x10, 0, 0, 0); // call *0x10(%rip)
        assertEquals(Op.CALL, call.op);
        assertEquals(8, call.opSize);
        assertEquals(Reg.RIP, call.memBase);
        assertEquals(0x10, call.memDisp);
        Instruction abs = d(0xff, 0x14, 0x25, 0x00, 0x10, 0, 0); // call *0x1000
        assertEquals(Reg.NONE, abs.memBase);
        assertEquals(0x1000, abs.memDisp);
        assertEquals(7, abs.length);
    }

    @Test
    void operandSizePrefixes() {
        assertEquals(2, d(0x66, 0x01, 0xc0).opSize); // add %ax,%ax
        assertEquals(8, d(0x66, 0x48, 0x01, 0xc0).opSize); // REX.W wins over 66
        assertEquals(8, d(0x48, 0x01, 0xc0).opSize);
        assertEquals(4, d(0x01, 0xc0).opSize);
        assertEquals(1, d(0x00, 0xc0).opSize);
        assertEquals(8, d(0x50).opSize); // push defaults to 64 bits
        assertEquals(2, d(0x66, 0x50).opSize);
        assertEquals(8, d(0x0f, 0x20, 0xd8).opSize); // mov %cr3,%rax is always 64-bit
        Instruction rexThenPrefix = d(0x48, 0x66, 0x01, 0xc0); // a REX not followed by the opcode
        assertEquals(Op.BAD, rexThenPrefix.op);
        assertEquals(1, rexThenPrefix.length);
    }

    @Test
    void highByteRegistersWithoutRexAndSilDilWithRex() {
        Instruction legacy = d(0x88, 0xe7); // mov %ah,%bh
        assertEquals(Reg.BH, legacy.reg0);
        assertEquals(Reg.AH, legacy.reg1);
        Instruction rex = d(0x40, 0x88, 0xf7); // mov %sil,%dil
        assertEquals(Reg.RDI, rex.reg0);
        assertEquals(Reg.RSI, rex.reg1);
        assertEquals(1, rex.size0);
        Instruction setne = d(0x0f, 0x95, 0xc4); // setne %ah
        assertEquals(Reg.AH, setne.reg0);
        assertEquals(Cond.NE, setne.cond);
        assertEquals(Reg.RSP, d(0x40, 0x0f, 0x95, 0xc4).reg0); // setne %spl
        Instruction movzx = d(0x0f, 0xb6, 0xc4); // movzbl %ah,%eax
        assertEquals(Reg.AH, movzx.reg1);
        assertEquals(4, movzx.size0);
        assertEquals(1, movzx.size1);
    }

    @Test
    void immediatesAreExtendedAsTheEncodingSays() {
        Instruction add = d(0x48, 0x83, 0xc0, 0xff); // add $-1,%rax
        assertEquals(-1, add.imm);
        assertEquals(8, add.size1);
        assertEquals(-1, d(0x6a, 0xff).imm); // push $-1
        assertEquals(0x12345678L, d(0x68, 0x78, 0x56, 0x34, 0x12).imm);
        assertEquals(0xff, d(0xb0, 0xff).imm); // mov $0xff,%al: an unsigned byte
        assertEquals(0xffff, d(0xc2, 0xff, 0xff).imm); // ret $0xffff
        assertEquals(0x80, d(0xcd, 0x80).imm); // int $0x80
        assertEquals(0x1122334455667788L,
                d(0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11).imm); // movabs
        assertEquals(-0x80000000L, d(0x48, 0xc7, 0xc0, 0, 0, 0, 0x80).imm); // sign-extended imm32
        Instruction imul = d(0x6b, 0xc3, 0x03); // imul $3,%ebx,%eax
        assertEquals(Op.IMUL, imul.op);
        assertEquals(3, imul.operandCount());
        assertEquals(Reg.RAX, imul.reg0);
        assertEquals(Reg.RBX, imul.reg1);
        assertEquals(3, imul.imm);
    }

    @Test
    void moffsAndSegmentOverrides() {
        Instruction moffs = d(0x48, 0xa1, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);
        assertEquals(Op.MOV, moffs.op);
        assertEquals(Reg.RAX, moffs.reg0);
        assertEquals(Instruction.MEM, moffs.kind1);
        assertEquals(0x1122334455667788L, moffs.memDisp);
        assertEquals(Reg.NONE, moffs.memBase);
        Instruction fs = d(0x64, 0x48, 0x8b, 0x04, 0x25, 0x28, 0, 0, 0); // mov %fs:0x28,%rax
        assertEquals(Reg.FS, fs.memSegment);
        assertEquals(0x28, fs.memDisp);
        assertEquals(Reg.GS, d(0x65, 0x3e, 0x8b, 0x00).memSegment); // ds cannot displace gs in long mode
    }

    @Test
    void relativeTargetsAreAbsolute() {
        assertEquals(0x1000, at(0x1000L, 0x74, 0xfe).target); // je .
        Instruction call = at(0x1000L, 0xe8, 0xfb, 0xff, 0xff, 0xff); // call . (rel32 = -5)
        assertEquals(Op.CALL, call.op);
        assertEquals(0x1000, call.target);
        assertEquals(Instruction.REL, call.kind0);
        Instruction jcc = at(0xffffffff81000000L, 0x0f, 0x85, 0x10, 0, 0, 0);
        assertEquals(Op.JCC, jcc.op);
        assertEquals(Cond.NE, jcc.cond);
        assertEquals(0xffffffff81000016L, jcc.target);
    }

    @Test
    void truncatedInputReturnsNull() {
        byte[] b = {0x48, (byte) 0x8b, 0x04, 0x25, 0, 0};
        for (int avail = 0; avail < b.length; avail++) {
            assertNull(Decoder.decode(b, 0, avail, 0), "avail=" + avail);
        }
        assertNull(Decoder.decode(new byte[] {(byte) 0xe8, 0, 0}, 0, 3, 0));
        assertNull(Decoder.decode(new byte[] {0x66, 0x66}, 0, 2, 0));
    }

    @Test
    void longerThanFifteenBytesIsBad() {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) 0x66);
        b[15] = (byte) 0x90;
        Instruction in = Decoder.decode(b, 0, b.length, 0);
        assertEquals(Op.BAD, in.op);
        assertEquals(15, in.length);
        // 14 prefixes + a 1-byte opcode is exactly 15 and valid
        Instruction ok = Decoder.decode(b, 1, 15, 0);
        assertEquals(Op.XCHG, ok.op);
        assertEquals(15, ok.length);
        // a long instruction that only fits because of prefixes: 4 x 66 + 48 c7 84 ... imm32 = 16
        byte[] c = {0x66, 0x66, 0x66, 0x66, 0x48, (byte) 0xc7, (byte) 0x84, 0x24, 1, 0, 0, 0, 2, 0, 0, 0};
        assertEquals(Op.BAD, Decoder.decode(c, 0, c.length, 0).op);
        assertEquals(Op.BAD, Decoder.decode(c, 0, 15, 0).op, "known too long even if bytes run out");
    }

    @Test
    void fifteenAvailableBytesNeverReturnNull() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] b = new byte[15];
        for (int i = 0; i < 50_000; i++) {
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(256);
            }
            Instruction in = Decoder.decode(b, 0, 15, 0);
            assertNotNull(in);
            assertTrue(in.length >= 1 && in.length <= 15);
        }
    }

    @Test
    void lockIsValidOnlyOnLockableMemoryDestinations() {
        Instruction ok = d(0xf0, 0x01, 0x00); // lock add %eax,(%rax)
        assertEquals(Op.ADD, ok.op);
        assertTrue(ok.has(Instruction.LOCK));
        assertEquals(Op.XADD, d(0xf0, 0x0f, 0xc1, 0x02).op);
        assertEquals(Op.CMPXCHG, d(0xf0, 0x0f, 0xb1, 0x0a).op);
        assertEquals(Op.BAD, d(0xf0, 0x01, 0xc0).op); // register destination: #UD
        assertEquals(3, d(0xf0, 0x01, 0xc0).length);
        assertEquals(Op.BAD, d(0xf0, 0x8b, 0x00).op); // mov is not lockable
        assertEquals(Op.BAD, d(0xf0, 0x39, 0x00).op); // nor is cmp
    }

    @Test
    void nopPauseAndXchgShareOpcode90() {
        assertEquals(Op.NOP, d(0x90).op);
        assertEquals(Op.PAUSE, d(0xf3, 0x90).op);
        Instruction x = d(0x66, 0x90);
        assertEquals(Op.XCHG, x.op);
        assertEquals(2, x.opSize);
        Instruction r8 = d(0x41, 0x90); // xchg %eax,%r8d
        assertEquals(Op.XCHG, r8.op);
        assertEquals(Reg.R8, r8.reg0);
        Instruction dd = d(0x66, 0x66, 0x90);
        assertEquals(Op.XCHG, dd.op);
        assertEquals(2, dd.prefixCount);
        assertEquals(Op.NOP, d(0x0f, 0x1f, 0x44, 0, 0).op);
        assertEquals(5, d(0x0f, 0x1f, 0x44, 0, 0).length);
    }

    @Test
    void systemInstructions() {
        assertEquals(Op.VMCALL, d(0x0f, 0x01, 0xc1).op);
        assertEquals(Op.MFENCE, d(0x0f, 0xae, 0xf0).op);
        assertEquals(Op.LFENCE, d(0x0f, 0xae, 0xe8).op);
        assertEquals(Op.SFENCE, d(0x0f, 0xae, 0xf8).op);
        Instruction lidt = d(0x0f, 0x01, 0x18);
        assertEquals(Op.LIDT, lidt.op);
        assertEquals(10, lidt.size0);
        assertEquals(Op.SIDT, d(0x0f, 0x01, 0x48, 0x08).op);
        assertEquals(Op.BAD, d(0x0f, 0x01, 0xd8).op); // lidt needs memory
        assertEquals(Op.INVLPG, d(0x0f, 0x01, 0x3f).op);
        Instruction toCr3 = d(0x0f, 0x22, 0xd8); // mov %rax,%cr3
        assertEquals(Op.MOVCR, toCr3.op);
        assertEquals(Reg.CR0 + 3, toCr3.reg0);
        assertEquals(Reg.RAX, toCr3.reg1);
        Instruction fromCr8 = d(0x44, 0x0f, 0x20, 0xc0); // mov %cr8,%rax
        assertEquals(Reg.CR0 + 8, fromCr8.reg1);
        Instruction ignoresMod = d(0x0f, 0x20, 0x18); // the CPU ignores mod: mov %cr3,%rax, no disp
        assertEquals(3, ignoresMod.length);
        assertEquals(Instruction.REG, ignoresMod.kind0);
        assertEquals(Op.IRET, d(0x48, 0xcf).op);
        assertEquals(8, d(0x48, 0xcf).opSize);
        assertEquals(Op.RDTSC, d(0x0f, 0x31).op);
        assertEquals(Op.CPUID, d(0x0f, 0xa2).op);
        assertEquals(Op.UD2, d(0x0f, 0x0b).op);
        assertEquals(Op.INT3, d(0xcc).op);
    }

    @Test
    void shiftByOneHasOneOperandAndStringOpsKeepRep() {
        Instruction shl1 = d(0xd1, 0xe0); // shl %eax (count 1 is implicit)
        assertEquals(Op.SHL, shl1.op);
        assertEquals(1, shl1.operandCount());
        Instruction shlCl = d(0xd3, 0xe0);
        assertEquals(Reg.RCX, shlCl.reg1);
        assertEquals(1, shlCl.size1);
        Instruction rep = d(0xf3, 0x48, 0xa5); // rep movsq
        assertEquals(Op.MOVS, rep.op);
        assertEquals(8, rep.opSize);
        assertTrue(rep.has(Instruction.REP));
        assertEquals(1, d(0xaa).opSize); // stosb
        assertEquals(Op.STOS, d(0xaa).op);
    }

    @Test
    void everyOperationHasARowAndEveryRowDecodesBackToItself() {
        EnumSet<Op> missing = EnumSet.allOf(Op.class);
        missing.remove(Op.BAD);
        for (OpcodeTable.Row row : OpcodeTable.rows()) {
            missing.remove(row.op);
            byte[] b = new byte[15];
            int p = 0;
            if (row.prefix != 0) {
                b[p++] = (byte) row.prefix;
            }
            if (row.map == OpcodeTable.MAP_0F) {
                b[p++] = 0x0F;
            }
            b[p++] = (byte) (row.opcode + (row.hasOpcodeRegister() ? 1 : 0)); // +r: use rcx, not 90 = nop
            if (row.hasModrm()) {
                boolean memoryOnly = row.mod == OpcodeTable.MOD_MEM;
                for (int i = 0; i < row.arity(); i++) {
                    memoryOnly |= row.form(i) == OpcodeTable.Form.M || row.form(i) == OpcodeTable.Form.Mp;
                }
                int mod = memoryOnly ? 0 : 3;
                int modrm = row.modrm >= 0 ? row.modrm : mod << 6 | Math.max(row.digit, 0) << 3 | 1;
                b[p] = (byte) modrm;
            }
            Instruction in = Decoder.decode(b, 0, b.length, 0);
            assertFalse(in.op == Op.BAD, "row " + row + " decodes to BAD");
            assertSame(row.op, in.op, "row " + row);
            assertSame(row, in.row, "row " + row);
            assertEquals(row.cond, in.cond);
            assertEquals(row.arity(), in.operandCount(), "row " + row);
        }
        assertTrue(missing.isEmpty(), "operations without an opcode row: " + missing);
    }
}
