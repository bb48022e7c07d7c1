package kprobesim.cli.machine;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import kprobesim.cli.BadInputException;
import kprobesim.cli.ExecutionModeOption;
import kprobesim.cli.QuietAkkaConfig;
import kprobesim.cli.x86.Assembly;
import kprobesim.cli.x86.InputFiles;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.cpu.machine.ProgramLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kprobesim machine run}: assembles a program at the kernel base, starts every CPU at
 * {@code _start} (ring 0, IF=0, {@code %rdi} = CPU id, its own stack, GS = its per-CPU area),
 * runs until every CPU is halted (or stopped, dead, offline) or retired its instruction budget,
 * and prints the run report. The JSON line is a stable contract (see README, "CLI contract").
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Assemble FILE.S at 0xffffffff81000000 and run it on every CPU from _start with %rdi = CPU id.",
            "The run ends when every CPU halted or retired --instructions; the digest hashes all registers and memory.",
            "The IDT is empty until the program loads one (lidt); an unhandled exception triple-faults its CPU (see \"faults\")."
        })
public final class MachineRunCommand implements Callable<Integer> {
    /** Upper bound of --cpus: memory for stacks and actors stays reasonable. */
    static final int MAX_CPUS = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs, 1.." + MAX_CPUS + " (default: ${DEFAULT-VALUE}).")
    int cpus = 1;

    @Mixin
    ExecutionModeOption execution;

    @Option(names = "--quantum", paramLabel = "Q",
            description = "Instructions a CPU runs between message checks / per round (default: ${DEFAULT-VALUE}).")
    long quantum = MachineConfig.DEFAULT_QUANTUM;

    @Option(names = "--program", paramLabel = "FILE.S", required = true, description = "The program (GNU as AT&T syntax).")
    Path program;

    @Option(names = "--instructions", paramLabel = "N",
            description = "Instructions each CPU retires at most (default: ${DEFAULT-VALUE}).")
    long instructions = MachineConfig.DEFAULT_BUDGET;

    @Option(names = "--timer-every", paramLabel = "T",
            description = "Timer interrupt (vector 0xef) every T instructions of virtual time; 0 = off (default: ${DEFAULT-VALUE}).")
    long timerEvery = 0;

    @Option(names = "--json", description = "Print the report as one JSON line (the contract format).")
    boolean json;

    @Override
    public Integer call() {
        ExecutionMode m = execution.mode();
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw usage("--cpus must be 1.." + MAX_CPUS + ", got " + cpus);
        }
        if (quantum < 1) {
            throw usage("--quantum must be at least 1, got " + quantum);
        }
        if (instructions < 1) {
            throw usage("--instructions must be at least 1, got " + instructions);
        }
        if (timerEvery < 0) {
            throw usage("--timer-every must not be negative, got " + timerEvery);
        }
        String file = program.toString();
        ObjectImage image = Assembly.assemble(file, InputFiles.readText(program), ProgramLoader.KERNEL_BASE);
        if (ProgramLoader.entry(image).isEmpty()) {
            throw BadInputException.in(file, "no " + ProgramLoader.ENTRY + " symbol (every CPU starts there)");
        }
        ProgramLoader.Loaded loaded = ProgramLoader.load(image, cpus);
        MachineConfig cfg = MachineConfig.of(cpus, m, execution.seed()).withQuantum(quantum).withBudget(instructions)
                .withTimerEvery(timerEvery);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kprobesim", QuietAkkaConfig.load());
        Machine.RunReport report;
        try (Machine machine = Machine.forProgram(system, cfg, loaded, new HypercallTable())) {
            report = machine.run(Duration.ofDays(1));
        } finally {
            system.terminate();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? MachineRunJson.of(cfg, report) : MachineRunJson.summary(cfg, report));
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
