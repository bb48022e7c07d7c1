package kprobesim.cli.x86;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cli.BadInputException;
import kprobesim.cpu.exec.CpuException;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * Runs one {@link ExecRequest} on a fresh {@link X86Core} over a fresh {@link PhysicalMemory}.
 *
 * <p>Mapping: the regions in order (zero-filled, then their bytes), then the code at base, so
 * the code wins where a region overlaps it. Memory is mapped in whole 4 KiB pages, so an access
 * just outside a region but inside one of its pages does not fault.
 */
final class Machine {
    private Machine() {}

    static ExecOutcome run(ExecRequest request) {
        PhysicalMemory mem = new PhysicalMemory();
        for (ExecRequest.MemRegion r : request.mem()) {
            mem.map(r.addr(), r.length());
            if (r.contents().length > 0) {
                mem.write(r.addr(), r.contents(), 0, r.contents().length);
            }
        }
        byte[] code = request.code();
        if (code.length > 0) {
            mem.map(request.base(), code.length);
            mem.write(request.base(), code, 0, code.length);
        }
        checkDumpsAreMapped(mem, request.dumps());

        X86Core cpu = new X86Core(mem);
        for (int i = 0; i < 16; i++) {
            cpu.setReg(i, request.regs()[i]);
        }
        cpu.setRflags(request.rflags());
        cpu.setRip(request.base());
        RunResult result = cpu.run(request.maxInstructions(), request.base() + code.length);

        long[] regs = new long[16];
        for (int i = 0; i < 16; i++) {
            regs[i] = cpu.reg(i);
        }
        List<ExecOutcome.Dump> dumps = new ArrayList<>(request.dumps().size());
        for (ExecRequest.DumpRange d : request.dumps()) {
            dumps.add(new ExecOutcome.Dump(d.addr(), mem.readBytes(d.addr(), d.length())));
        }
        return new ExecOutcome(stop(result.stop()), fault(result.exception()), result.instructions(), regs,
                cpu.rip(), cpu.rflags(), List.copyOf(dumps));
    }

    /** A dump of unmapped memory is an input error, found before the run rather than after it. */
    private static void checkDumpsAreMapped(PhysicalMemory mem, List<ExecRequest.DumpRange> dumps) {
        for (ExecRequest.DumpRange d : dumps) {
            long end = d.addr() + d.length();
            for (long a = d.addr(); Long.compareUnsigned(a, end) < 0; a = (a & ~(long) Page.MASK) + Page.SIZE) {
                if (!mem.isMapped(a)) {
                    throw new BadInputException("dump " + Numbers.hex(d.addr()) + ":" + d.length()
                            + ": " + Numbers.hex(a) + " is not in the code or any --mem/--load region");
                }
            }
        }
    }

    private static ExecOutcome.Stop stop(RunResult.Stop stop) {
        return switch (stop) {
            case END -> ExecOutcome.Stop.END;
            case HLT -> ExecOutcome.Stop.HLT;
            case LIMIT -> ExecOutcome.Stop.LIMIT;
            case EXCEPTION -> ExecOutcome.Stop.EXCEPTION;
        };
    }

    private static ExecOutcome.Fault fault(CpuException e) {
        return e == null ? null : new ExecOutcome.Fault(e.vector(), e.errorCode() & 0xffffffffL, e.address());
    }
}
