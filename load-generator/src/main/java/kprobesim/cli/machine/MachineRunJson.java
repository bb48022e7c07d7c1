package kprobesim.cli.machine;

import java.util.List;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.machine.MachineConfig;

/**
 * The {@code machine run} report. JSON keys in the contract's order:
 * {@code cpus, mode, seed, digest, wall_ms, instructions{total, per_cpu[]}, interrupts, ipis,
 * halted[] (ids of CPUs that ended in hlt), faults[] ({cpu, vector, rip} of CPUs that
 * triple-faulted: the first exception of the chain and where it happened)}.
 */
final class MachineRunJson {
    private MachineRunJson() {}

    static String of(MachineConfig cfg, Machine.RunReport r) {
        StringBuilder s = new StringBuilder(256 + 24 * r.cpus().size());
        s.append("{\"cpus\":").append(cfg.cpus())
                .append(",\"mode\":\"").append(cfg.mode().cliName()).append('"')
                .append(",\"seed\":").append(cfg.seed())
                .append(",\"digest\":\"").append(r.digest()).append('"')
                .append(",\"wall_ms\":").append(r.wallMillis())
                .append(",\"instructions\":{\"total\":").append(r.instructions()).append(",\"per_cpu\":[");
        join(s, r.cpus().stream().map(c -> Long.toString(c.instructions())).toList());
        s.append("]},\"interrupts\":").append(r.cpus().stream().mapToLong(CpuSnapshot::interrupts).sum())
                .append(",\"ipis\":").append(r.cpus().stream().mapToLong(CpuSnapshot::ipis).sum())
                .append(",\"halted\":[");
        join(s, halted(r).stream().map(c -> Integer.toString(c.cpu())).toList());
        s.append("],\"faults\":[");
        join(s, faulted(r).stream().map(c -> "{\"cpu\":" + c.cpu() + ",\"vector\":" + c.fault().vector()
                + ",\"rip\":\"0x" + Long.toHexString(c.fault().rip()) + "\"}").toList());
        return s.append("]}").toString();
    }

    static String summary(MachineConfig cfg, Machine.RunReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%d CPU(s), %s mode, seed %d: %d instructions in %d ms%n", cfg.cpus(),
                cfg.mode().cliName(), cfg.seed(), r.instructions(), r.wallMillis()));
        for (CpuSnapshot c : r.cpus()) {
            s.append(String.format("  cpu %-4d %-12s %12d instructions  %6d interrupts  %6d ipis  rip %016x%s%n",
                    c.cpu(), c.status().name().toLowerCase(java.util.Locale.ROOT), c.instructions(), c.interrupts(),
                    c.ipis(), c.registers().rip(), c.fault() == null ? ""
                            : String.format("  (triple fault: vector %d at %016x)", c.fault().vector(), c.fault().rip())));
        }
        s.append("digest ").append(r.digest());
        return s.toString();
    }

    private static List<CpuSnapshot> halted(Machine.RunReport r) {
        return r.cpus().stream().filter(CpuSnapshot::halted).toList();
    }

    private static List<CpuSnapshot> faulted(Machine.RunReport r) {
        return r.cpus().stream().filter(c -> c.status() == CpuStatus.TRIPLE_FAULT && c.fault() != null).toList();
    }

    private static void join(StringBuilder s, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(items.get(i));
        }
    }
}
