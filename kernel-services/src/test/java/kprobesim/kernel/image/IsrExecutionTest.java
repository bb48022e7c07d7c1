package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.profile.KernelProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * isa tier: the entry stubs and the kretprobe trampoline run on a bare {@link X86Core}. The
 * test plays the CPU's part of exception delivery (it pushes the interrupt frame and jumps to
 * the stub) and the Java services' part (a hypercall handler that reads and edits pt_regs).
 */
class IsrExecutionTest {
    static final KernelImage KERNEL = KernelImage.build(KernelProfiles.MODERN);
    static final long STACK_BASE = 0xffffc90000000000L;
    static final long STACK_TOP = STACK_BASE + 0x4000;
    static final long INTERRUPTED_IP = 0xffffffff81001234L;
    static final long RESUME_IP = 0xffffffff81005678L;
    static final long USER_IP = 0x400506L;
    static final long KERNEL_CS = 0x10, KERNEL_SS = 0x18, USER_CS = 0x33, USER_SS = 0x2b;
    static final long FLAGS = 0x246; // IF ZF PF and the reserved bit 1

    final PhysicalMemory mem = new PhysicalMemory();
    final X86Core cpu = new X86Core(mem);
    final List<Hypercall> calls = new ArrayList<>();

    IsrExecutionTest() {
        KERNEL.mapInto(mem);
        mem.map(STACK_BASE, STACK_TOP - STACK_BASE);
        for (int r = 0; r < 16; r++) {
            if (r != Reg.RSP) {
                cpu.setReg(r, 0x1111_0000_0000_0000L * (r + 1) + r);
            }
        }
    }

    /** What the CPU does on delivery: push ss, sp, flags, cs, ip (and the error code), clear IF, jump. */
    long deliver(TrapVector v, long ip, long cs, long ss, long sp, long errorCode) {
        long rsp = STACK_TOP;
        rsp = push(rsp, ss);
        rsp = push(rsp, sp);
        rsp = push(rsp, FLAGS);
        rsp = push(rsp, cs);
        rsp = push(rsp, ip);
        if (v.cpuPushesErrorCode()) {
            rsp = push(rsp, errorCode);
        }
        cpu.setReg(Reg.RSP, rsp);
        cpu.setRflags(FLAGS & ~0x200L);
        cpu.setRip(KERNEL.entry(v));
        return STACK_TOP - 5 * 8 - PtRegs.ORIG_AX - 8; // where pt_regs must start
    }

    long push(long rsp, long value) {
        mem.write64(rsp - 8, value);
        return rsp - 8;
    }

    long saved(int reg) {
        return 0x1111_0000_0000_0000L * (reg + 1) + reg;
    }

    @ParameterizedTest
    @EnumSource(TrapVector.class)
    void stubBuildsPtRegsCallsTheHandlerAndIretqResumesAtTheEditedIp(TrapVector v) {
        long errorCode = 0x6;
        long frame = deliver(v, INTERRUPTED_IP, KERNEL_CS, KERNEL_SS, 0xffffc90000100000L, errorCode);
        Hypercall handlerCall = Hypercall.valueOf(v.handlerSymbol().toUpperCase());
        long[] seen = new long[PtRegs.SIZE / 8];
        long[] args = new long[2];
        cpu.setHypercallHandler((core, nr, rdi, rsi, rdx, rcx, r8, r9) -> {
            Hypercall h = Hypercall.of(nr).orElseThrow();
            calls.add(h);
            if (h == handlerCall) {
                args[0] = rdi;
                args[1] = rsi;
                PtRegs regs = PtRegs.at(core.memory(), rdi);
                for (PtRegs.Field f : PtRegs.FIELDS) {
                    seen[f.offset() / 8] = regs.get(f.offset());
                }
                regs.setIp(RESUME_IP);
                regs.set(PtRegs.AX, 0x4242);
            }
            return 0x9999; // clobbers rax in the handler; the frame's ax must win
        });
        RunResult r = cpu.run(1_000, RESUME_IP);

        assertEquals(RunResult.Stop.END, r.stop(), () -> r + " at 0x" + Long.toHexString(cpu.rip()));
        assertEquals(List.of(handlerCall, Hypercall.IRQENTRY_EXIT_COND_RESCHED), calls);
        assertEquals(frame, args[0], "%rdi = pt_regs");
        if (v.kind() != TrapVector.Kind.INTERRUPT) {
            assertEquals(v.cpuPushesErrorCode() ? errorCode : 0, args[1], "%rsi = error code");
        }
        for (PtRegs.Field f : PtRegs.FIELDS) {
            if (f.reg() >= 0) {
                assertEquals(saved(f.reg()), seen[f.offset() / 8], f.name());
            }
        }
        assertEquals(v.origAx(errorCode), seen[PtRegs.ORIG_AX / 8], "orig_ax");
        assertEquals(INTERRUPTED_IP, seen[PtRegs.IP / 8]);
        assertEquals(KERNEL_CS, seen[PtRegs.CS / 8]);
        assertEquals(FLAGS, seen[PtRegs.FLAGS / 8]);
        assertEquals(0xffffc90000100000L, seen[PtRegs.SP / 8]);
        assertEquals(KERNEL_SS, seen[PtRegs.SS / 8]);

        // iretq: resumes at the edited ip with the frame's registers, stack and flags
        assertEquals(RESUME_IP, cpu.rip());
        assertEquals(0x4242, cpu.reg(Reg.RAX));
        for (int reg = 1; reg < 16; reg++) {
            if (reg != Reg.RSP) {
                assertEquals(saved(reg), cpu.reg(reg), "register " + reg);
            }
        }
        assertEquals(0xffffc90000100000L, cpu.reg(Reg.RSP));
        assertEquals(FLAGS, cpu.rflags() & 0xfff);
    }

    @Test
    void returnToUserModeDeliversPendingSignalsThroughGetSignalBeforeIretq() {
        long frame = deliver(TrapVector.DIVIDE_ERROR, USER_IP, USER_CS, USER_SS, 0x7fff2add87e0L, 0);
        int[] work = {2, 0};
        int[] round = {0};
        long[] handleSignalRegs = {0};
        cpu.setHypercallHandler((core, nr, rdi, rsi, rdx, rcx, r8, r9) -> {
            Hypercall h = Hypercall.of(nr).orElseThrow();
            calls.add(h);
            return switch (h) {
                case EXIT_TO_USER_MODE_WORK -> work[round[0]++];
                case GET_SIGNAL -> 8; // SIGFPE
                case HANDLE_SIGNAL -> {
                    handleSignalRegs[0] = rsi;
                    PtRegs.at(core.memory(), rsi).setIp(0x400600); // the user's handler
                    yield 0;
                }
                default -> 0;
            };
        });
        RunResult r = cpu.run(1_000, 0x400600);
        assertEquals(RunResult.Stop.END, r.stop(), r::toString);
        assertEquals(List.of(Hypercall.DO_DIVIDE_ERROR, Hypercall.EXIT_TO_USER_MODE_WORK, Hypercall.GET_SIGNAL,
                Hypercall.HANDLE_SIGNAL, Hypercall.EXIT_TO_USER_MODE_WORK), calls);
        assertEquals(frame, handleSignalRegs[0]);
        assertEquals(3, cpu.cpl());
        assertEquals(0x7fff2add87e0L, cpu.reg(Reg.RSP));
    }

    @Test
    void kretprobeTrampolineReportsTheReturnValueAndReturnsToTheRealCaller() {
        long trampoline = KERNEL.address("kretprobe_trampoline");
        long realReturn = 0xffffffff81007777L;
        long sp = push(STACK_TOP, trampoline); // the probed function's return address, replaced
        cpu.setReg(Reg.RSP, sp);
        cpu.setReg(Reg.RDI, 4);
        cpu.setRflags(FLAGS);
        cpu.setRip(KERNEL.address("kprobesim_workload_leaf"));
        long[] seen = new long[4];
        cpu.setHypercallHandler((core, nr, rdi, rsi, rdx, rcx, r8, r9) -> {
            assertEquals(Hypercall.KRETPROBE_TRAMPOLINE, Hypercall.of(nr).orElseThrow());
            PtRegs regs = PtRegs.at(core.memory(), rdi);
            seen[0] = regs.ax();
            seen[1] = regs.sp();
            seen[2] = regs.ip();
            seen[3] = regs.flags();
            return realReturn;
        });
        RunResult r = cpu.run(1_000, realReturn);
        assertEquals(RunResult.Stop.END, r.stop(), r::toString);
        assertEquals(10, seen[0], "regs->ax = 4+3+2+1");
        assertEquals(STACK_TOP, seen[1], "regs->sp = the caller's stack");
        assertEquals(trampoline, seen[2]);
        assertEquals(FLAGS, seen[3] & 0xfff);
        assertEquals(10, cpu.reg(Reg.RAX));
        assertEquals(STACK_TOP, cpu.reg(Reg.RSP));
        assertEquals(FLAGS, cpu.rflags() & 0xfff, "the flags the probed function left");
        for (int reg : new int[] {Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.R15}) {
            assertEquals(saved(reg), cpu.reg(reg), "callee-saved register " + reg);
        }
    }

    @Test
    void recursiveWorkloadUsesOneFramePerLevel() {
        long sentinel = 0xffffffff81009999L;
        cpu.setReg(Reg.RSP, push(STACK_TOP, sentinel));
        cpu.setReg(Reg.RDI, 7);
        cpu.setRip(KERNEL.address("kprobesim_workload_recursive"));
        long[] deepest = {STACK_TOP};
        RunResult r;
        do {
            r = cpu.run(1, sentinel);
            deepest[0] = Math.min(deepest[0], cpu.reg(Reg.RSP));
        } while (r.stop() == RunResult.Stop.LIMIT);
        assertEquals(RunResult.Stop.END, r.stop());
        assertEquals(7, cpu.reg(Reg.RAX));
        assertEquals(STACK_TOP, cpu.reg(Reg.RSP));
        // 8 activations (depth 7..0) x (return address + saved rbp + 16 bytes of locals)
        assertEquals(STACK_TOP - 8 - 8 * 32 + 8, deepest[0]);
        assertTrue(deepest[0] < STACK_TOP - 200);
    }

    @Test
    void retFromForkRunsAKernelThreadFunctionThenDoExitWithItsResult() {
        long[] exitCode = {-1};
        long[] prev = {0};
        cpu.setHypercallHandler((core, nr, rdi, rsi, rdx, rcx, r8, r9) -> {
            Hypercall h = Hypercall.of(nr).orElseThrow();
            calls.add(h);
            if (h == Hypercall.SCHEDULE_TAIL) {
                prev[0] = rdi;
            } else if (h == Hypercall.DO_EXIT) {
                exitCode[0] = rdi;
            }
            return 0;
        });
        cpu.setReg(Reg.RSP, STACK_TOP - PtRegs.SIZE);
        cpu.setReg(Reg.RAX, 0xffff888000abc000L); // the previous task, as the switch returns it
        cpu.setReg(Reg.RBX, KERNEL.address("kprobesim_workload_leaf"));
        cpu.setReg(Reg.R12, 5);
        cpu.setRip(KERNEL.address("ret_from_fork"));
        RunResult r = cpu.run(1_000, X86Core.NO_END);
        assertEquals(List.of(Hypercall.SCHEDULE_TAIL, Hypercall.DO_EXIT), calls);
        assertEquals(0xffff888000abc000L, prev[0]);
        assertEquals(15, exitCode[0], "do_exit(fn(arg)) with fn = leaf, arg = 5");
        assertEquals(RunResult.Stop.EXCEPTION, r.stop(), "do_exit came back: BUG() (ud2)");
        assertEquals(6, r.exception().vector());
    }
}
