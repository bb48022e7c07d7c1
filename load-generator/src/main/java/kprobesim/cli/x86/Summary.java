package kprobesim.cli.x86;

import kprobesim.cpu.exec.CpuException;

/** The human-readable form of an {@link ExecOutcome} (what exec prints without --json). */
public final class Summary {
    private Summary() {}

    public static String of(ExecOutcome o) {
        StringBuilder s = new StringBuilder();
        s.append("stop: ").append(o.stop().json()).append(" after ").append(o.instructions()).append(" instructions");
        if (o.fault() != null) {
            ExecOutcome.Fault f = o.fault();
            s.append(", exception ").append(CpuException.name(f.vector())).append(" (vector ").append(f.vector()).append(", error ")
                    .append(Numbers.hex(f.error())).append(", address ").append(Numbers.hex(f.address())).append(')');
        }
        s.append('\n');
        for (int i = 0; i < 16; i++) {
            s.append(String.format("%-4s %016x%s", RegisterNames.GPR[i], o.regs()[i], i % 4 == 3 ? "\n" : "   "));
        }
        s.append(String.format("rip  %016x   rflags %016x", o.rip(), o.rflags()));
        for (ExecOutcome.Dump d : o.dumps()) {
            s.append('\n').append(String.format("dump %016x:", d.addr()));
            for (int i = 0; i < d.bytes().length; i++) {
                s.append(i > 0 && i % 16 == 0 ? String.format("%n     %016x:", d.addr() + i) : "")
                        .append(String.format(" %02x", d.bytes()[i] & 0xff));
            }
        }
        return s.toString();
    }
}
