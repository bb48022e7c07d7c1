package kprobesim.cpu.exec;

import java.lang.invoke.VarHandle;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Reg;

/**
 * System and flag instructions: hlt, vmcall, clc/stc/cmc/cld/std/cli/sti, fences, lidt/sidt,
 * mov to/from control registers, invlpg, rdtsc, cpuid. Privileged ones raise #GP(0) outside
 * ring 0 (cli/sti too: IOPL is always 0 here).
 *
 * <h2>The simulated CPU seen by cpuid</h2>
 * <pre>
 *  leaf 0           eax = 1 (max leaf), ebx:edx:ecx = "KprobeSimCPU"
 *  leaf 1           eax = 0x00000f61 (family 15 model 6 stepping 1), ebx = 0, ecx = 0,
 *                   edx = FPU | TSC | CX8 | CMOV | FXSR | SSE | SSE2
 *  leaf 0x80000000  eax = 0x80000001
 *  leaf 0x80000001  edx = SYSCALL | NX | LM
 *  anything else    eax = ebx = ecx = edx = 0
 * </pre>
 */
final class SystemOps {
    /** "KprobeSimCPU" split the cpuid way: ebx, edx, ecx. */
    static final int VENDOR_EBX = 0x6f72704b; // "Kpro"
    static final int VENDOR_EDX = 0x69536562; // "beSi"
    static final int VENDOR_ECX = 0x5550436d; // "mCPU"

    private SystemOps() {}

    static void hlt(X86Core c, Instruction in) {
        c.requireRing0();
        c.halted = true;
    }

    /** vmcall: nr = eax, arguments rdi rsi rdx rcx r8 r9, result in rax; #UD without a handler. */
    static void vmcall(X86Core c, Instruction in) {
        HypercallHandler h = c.hypercallHandler;
        if (h == null) {
            throw c.ud();
        }
        long[] r = c.r;
        c.rip = c.nextRip; // the handler sees the return address, as after a VM exit
        long res = h.hypercall(c, (int) r[Reg.RAX], r[Reg.RDI], r[Reg.RSI], r[Reg.RDX], r[Reg.RCX],
                r[Reg.R8], r[Reg.R9]);
        r[Reg.RAX] = res;
        c.nextRip = c.rip;
    }

    static void flagOp(X86Core c, Instruction in) {
        switch (in.op) {
            case CLC: c.setFlags(Flags.CF, 0); break;
            case STC: c.setFlags(Flags.CF, Flags.CF); break;
            case CMC: c.setFlags(Flags.CF, c.cf() ? 0 : Flags.CF); break;
            case CLD: c.flags &= ~Flags.DF; break;
            case STD: c.flags |= Flags.DF; break;
            case CLI: c.requireRing0(); c.flags &= ~Flags.IF; break;
            default: c.requireRing0(); c.flags |= Flags.IF; break; // STI
        }
    }

    static void fence(X86Core c, Instruction in) {
        VarHandle.fullFence();
    }

    /** lidt m16&64 (ring 0) / sidt m16&64: 2-byte limit then 8-byte base. */
    static void idt(X86Core c, Instruction in) {
        long addr = c.ea(in);
        if (in.op == kprobesim.cpu.isa.Op.LIDT) {
            c.requireRing0();
            int limit = (int) c.load(addr, 2);
            long base = c.load(addr + 2, 8);
            c.idtLimit = limit;
            c.idtBase = base;
        } else {
            c.probeWrite(addr, 10);
            c.store(addr, 2, c.idtLimit);
            c.store(addr + 2, 8, c.idtBase);
        }
    }

    /** mov %crN,%reg / mov %reg,%crN for cr0, cr2, cr3, cr4, cr8; others #UD. Flags kept. */
    static void movCr(X86Core c, Instruction in) {
        c.requireRing0();
        if (Reg.isControl(in.reg0)) {
            long v = c.r[in.reg1];
            switch (in.reg0 - Reg.CR0) {
                case 0: c.cr0 = v; break;
                case 2: c.cr2 = v; break;
                case 3: c.cr3 = v; c.flushTlb(); break;
                case 4: c.cr4 = v; break;
                case 8: c.cr8 = v & 0xf; break;
                default: throw c.ud();
            }
        } else {
            long v;
            switch (in.reg1 - Reg.CR0) {
                case 0: v = c.cr0; break;
                case 2: v = c.cr2; break;
                case 3: v = c.cr3; break;
                case 4: v = c.cr4; break;
                case 8: v = c.cr8; break;
                default: throw c.ud();
            }
            c.r[in.reg0] = v;
        }
    }

    static void invlpg(X86Core c, Instruction in) {
        c.requireRing0();
        c.invlpg(c.ea(in));
    }

    /** rdtsc: edx:eax = virtual time (instructions retired before this one). */
    static void rdtsc(X86Core c, Instruction in) {
        long t = c.tsc;
        c.r[Reg.RAX] = t & 0xffffffffL;
        c.r[Reg.RDX] = t >>> 32;
    }

    static void cpuid(X86Core c, Instruction in) {
        int leaf = (int) c.r[Reg.RAX];
        long a = 0, b = 0, cx = 0, d = 0;
        switch (leaf) {
            case 0:
                a = 1;
                b = VENDOR_EBX;
                d = VENDOR_EDX;
                cx = VENDOR_ECX;
                break;
            case 1:
                a = 0x00000f61;
                d = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 24) | (1 << 25) | (1 << 26);
                break;
            case 0x80000000:
                a = 0x80000001L;
                break;
            case 0x80000001:
                d = (1 << 11) | (1 << 20) | (1 << 29);
                break;
            default:
                break;
        }
        c.r[Reg.RAX] = a & 0xffffffffL;
        c.r[Reg.RBX] = b & 0xffffffffL;
        c.r[Reg.RCX] = cx & 0xffffffffL;
        c.r[Reg.RDX] = d & 0xffffffffL;
    }

    /** The vendor string cpuid leaf 0 returns. */
    static String vendorString() {
        int[] w = {VENDOR_EBX, VENDOR_EDX, VENDOR_ECX};
        StringBuilder s = new StringBuilder();
        for (int x : w) {
            for (int i = 0; i < 4; i++) {
                s.append((char) ((x >>> (8 * i)) & 0xff));
            }
        }
        return s.toString();
    }
}
