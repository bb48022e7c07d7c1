package kprobesim.bench;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.exec.GateDescriptor;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.cpu.machine.ProgramLoader;
import kprobesim.cpu.smp.IdtReload;

/**
 * Prints the machine's scale figures (issue 3, "Speed and scale"):
 * <ol>
 *   <li>aggregate guest instructions per second with 1..1024 CPUs in both modes (a fixed total of
 *       instructions split over the CPUs, so the per-instruction cost is comparable);</li>
 *   <li>heap per idle CPU actor (core, TLB, decode cache, actor, mailbox), excluding guest memory;</li>
 *   <li>latency of a broadcast IDT reload (intercept and restore) with 8, 64, 256 busy CPUs.</li>
 * </ol>
 * Usage: {@code java -cp benchmarks.jar kprobesim.bench.MachineScaleHarness [totalInstructions] [quantum]}.
 * Wall-clock figures; nothing here is asserted.
 */
public final class MachineScaleHarness {
    private static final String SPIN = ".globl _start\n_start: sti\n1: inc %rax\nadd %rdi, %rbx\njmp 1b\nh: iretq\n";
    private static final String IDLE = ".globl _start\n_start: hlt\n";

    private MachineScaleHarness() {}

    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 200_000_000L;
        long quantum = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", ConfigFactory.parseString(
                "akka.loglevel = WARNING\nakka.log-dead-letters = off").withFallback(ConfigFactory.load()));
        try {
            System.out.printf(Locale.ROOT, "host: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            throughput(system, total, quantum);
            memory(system, 1024);
            idtReload(system);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    static ObjectImage assemble(String src) {
        return Assembler.assemble(src, "bench.S", ProgramLoader.KERNEL_BASE).image();
    }

    static void throughput(ActorSystem<Void> system, long total, long quantum) {
        ObjectImage image = assemble(SPIN);
        // warm up the interpreter and actors
        for (ExecutionMode mode : ExecutionMode.values()) {
            run(system, image, 8, mode, total / 4, quantum);
        }
        System.out.printf(Locale.ROOT, "%n== aggregate throughput: %,d instructions in total, quantum %d%n", total, quantum);
        System.out.printf(Locale.ROOT, "%-14s %6s %12s %14s %12s%n", "mode", "cpus", "wall ms", "instr/s", "ns/instr");
        for (ExecutionMode mode : ExecutionMode.values()) {
            double base = 0;
            for (int cpus : new int[] {1, 2, 8, 64, 256, 1024}) {
                Machine.RunReport r = run(system, image, cpus, mode, total, quantum);
                double ns = r.wallMillis() * 1e6 / r.instructions();
                if (cpus == 1) {
                    base = ns;
                }
                System.out.printf(Locale.ROOT, "%-14s %6d %12d %,14.0f %12.2f  (%.2fx of 1 CPU)%n", mode.cliName(), cpus,
                        r.wallMillis(), r.instructions() * 1000.0 / Math.max(1, r.wallMillis()), ns, ns / base);
            }
        }
    }

    static Machine.RunReport run(ActorSystem<Void> system, ObjectImage image, int cpus, ExecutionMode mode,
            long total, long quantum) {
        ProgramLoader.Loaded p = ProgramLoader.load(image, cpus);
        MachineConfig cfg = MachineConfig.of(cpus, mode, 1).withQuantum(quantum).withBudget(total / cpus);
        try (Machine m = Machine.forProgram(system, cfg, p, new HypercallTable())) {
            return m.run(Duration.ofMinutes(10));
        }
    }

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100); // harness only: let the collector finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void memory(ActorSystem<Void> system, int cpus) {
        ObjectImage image = assemble(IDLE);
        ProgramLoader.Loaded p = ProgramLoader.load(image, cpus);
        long before = usedHeap();
        MachineConfig cfg = MachineConfig.of(cpus, ExecutionMode.PARALLEL, 1);
        Machine m = Machine.forProgram(system, cfg, p, new HypercallTable());
        m.run(Duration.ofMinutes(5));
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "%n== memory: %d idle CPU actors (each ran its code, then hlt): %,d bytes/CPU "
                + "(%.1f KiB; guest memory excluded)%n", cpus, (after - before) / cpus, (after - before) / 1024.0 / cpus);
        m.close();
    }

    static void idtReload(ActorSystem<Void> system) throws Exception {
        ObjectImage image = assemble(SPIN);
        long handler = image.symbol("h").orElseThrow().value();
        System.out.printf(Locale.ROOT, "%n== broadcast IDT reload (intercept vector 14 on CPU 0; restore), CPUs busy%n");
        System.out.printf(Locale.ROOT, "%-14s %6s %14s %14s%n", "mode", "cpus", "intercept ms", "restore ms");
        for (ExecutionMode mode : ExecutionMode.values()) {
            for (int cpus : new int[] {8, 64, 256}) {
                List<double[]> samples = new ArrayList<>();
                ProgramLoader.Loaded p = ProgramLoader.load(image, cpus);
                p.memory().map(0xfffffe0000000000L, 4096);
                GateDescriptor.interruptGate(handler).writeTo(p.memory(), 0xfffffe0000000000L, 14);
                MachineConfig cfg = MachineConfig.of(cpus, mode, 1).withQuantum(1000).withBudget(Long.MAX_VALUE / 2);
                try (Machine m = Machine.create(system, cfg, p.memory(), new HypercallTable(),
                        new Idtr(0xfffffe0000000000L, 0xfff), p::boot)) {
                    m.start();
                    for (int i = 0; i < 6; i++) {
                        long t0 = System.nanoTime();
                        IdtReload.Interception x = IdtReload.intercept(m, 0, 14, handler).toCompletableFuture()
                                .get(60, TimeUnit.SECONDS);
                        long t1 = System.nanoTime();
                        IdtReload.Restored r = IdtReload.restore(m, 0, x).toCompletableFuture().get(60, TimeUnit.SECONDS);
                        long t2 = System.nanoTime();
                        if (!x.loaded().complete() || !r.pageFreed()) {
                            throw new IllegalStateException("incomplete reload " + x + " " + r);
                        }
                        if (i > 0) {
                            samples.add(new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6});
                        }
                    }
                }
                double a = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
                double b = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
                System.out.printf(Locale.ROOT, "%-14s %6d %14.2f %14.2f%n", mode.cliName(), cpus, a, b);
            }
        }
    }
}
