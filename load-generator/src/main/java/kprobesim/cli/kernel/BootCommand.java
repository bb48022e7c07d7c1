package kprobesim.cli.kernel;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kprobesim.cli.ExecutionModeOption;
import kprobesim.cli.QuietAkkaConfig;
import kprobesim.cli.x86.Assembly;
import kprobesim.cli.x86.InputFiles;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.cpu.machine.Machine;
import kprobesim.kernel.boot.BootConfig;
import kprobesim.kernel.boot.Kernel;
import kprobesim.kernel.image.UserProgram;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.PreemptModel;
import kprobesim.kernel.task.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kprobesim boot}: boots the kernel of a profile on N CPUs, runs the idle tasks and the
 * given user programs (each a task named after its file, {@code _start} at 0x400000), and
 * prints dmesg, or with {@code --json} one JSON object:
 * {@code {"profile","release","cpus","preempt","mode","seed","digest","dmesg":[...],
 * "tasks":[{"pid","comm","state","exit_code","signal"}]}}.
 */
@Command(name = "boot",
        mixinStandardHelpOptions = true,
        description = {"Boot the simulated kernel, run user programs, print dmesg.",
                "Virtual time: 1 retired instruction = 1 ns per CPU; the timer ticks at HZ=1000.",
                "Without --run-for the run ends when every user program has ended (at most 1000 ms of virtual time)."})
public final class BootCommand implements Callable<Integer> {
    static final int MAX_CPUS = 64;
    static final long DEFAULT_CAP_MS = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    KernelProfileOption kernel;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs, 1.." + MAX_CPUS + " (default: ${DEFAULT-VALUE}).")
    int cpus = 1;

    @Option(names = "--preempt", paramLabel = "MODEL",
            description = "Preemption model: none, voluntary or full (default: the profile's).")
    String preempt;

    @Option(names = "--user-program", paramLabel = "FILE.S", description = "A user program to run (repeatable).")
    List<Path> programs = new ArrayList<>();

    @Option(names = "--run-for", paramLabel = "VIRTUAL_MS", description = "Run this many ms of virtual time.")
    Long runForMs;

    @Mixin
    ExecutionModeOption execution;

    @Option(names = "--vfs-root", paramLabel = "DIR",
            description = "Files of open(2) live in this host directory, which no guest path can leave (default: in memory).")
    Path vfsRoot;

    @Option(names = "--json", description = "Print one JSON object instead of dmesg.")
    boolean json;

    @Override
    public Integer call() {
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw usage("--cpus must be 1.." + MAX_CPUS + ", got " + cpus);
        }
        if (runForMs != null && (runForMs < 1 || runForMs > 3_600_000)) {
            throw usage("--run-for must be 1..3600000 virtual ms, got " + runForMs);
        }
        ExecutionMode m = execution.mode();
        KernelProfile profile = kernel.profile();
        PreemptModel model = profile.defaultPreempt();
        if (preempt != null) {
            model = PreemptModel.parse(preempt).orElseThrow(
                    () -> usage("--preempt must be none, voluntary or full, got '" + preempt + "'"));
        }
        List<UserProgram> userPrograms = new ArrayList<>();
        for (Path p : programs) {
            userPrograms.add(assemble(p));
        }
        BootConfig cfg = BootConfig.of(cpus, profile).withPreempt(model).withMode(m, execution.seed())
                .withRunForNs((runForMs == null ? DEFAULT_CAP_MS : runForMs) * 1_000_000L)
                .withStopWhenIdle(runForMs == null);
        if (vfsRoot != null) {
            if (!java.nio.file.Files.isDirectory(vfsRoot)) {
                throw usage("--vfs-root must be an existing directory, got '" + vfsRoot + "'");
            }
            cfg = cfg.withVfsRoot(vfsRoot);
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kprobesim", QuietAkkaConfig.load());
        String out;
        try (Kernel k = Kernel.boot(system, cfg)) {
            for (UserProgram p : userPrograms) {
                k.spawnUser(p);
            }
            k.start();
            if (!k.awaitEnd(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the run did not end within 10 minutes of wall time");
            }
            Machine machine = k.machine();
            String digest = machine.digest(machine.snapshotsNow());
            out = json ? json(k, digest) : String.join(System.lineSeparator(), k.log().dmesg());
        } finally {
            system.terminate();
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(out);
        return 0;
    }

    static String json(Kernel k, String digest) {
        BootConfig c = k.config();
        StringBuilder s = new StringBuilder(1024);
        s.append("{\"profile\":").append(str(c.profile().displayName()))
                .append(",\"release\":").append(str(c.profile().release()))
                .append(",\"cpus\":").append(c.cpus())
                .append(",\"preempt\":").append(str(c.preempt().name().toLowerCase(Locale.ROOT)))
                .append(",\"mode\":").append(str(c.mode().cliName()))
                .append(",\"seed\":").append(c.seed())
                .append(",\"digest\":").append(str(digest))
                .append(",\"dmesg\":[");
        List<String> dmesg = k.log().dmesg();
        for (int i = 0; i < dmesg.size(); i++) {
            s.append(i > 0 ? "," : "").append(str(dmesg.get(i)));
        }
        s.append("],\"tasks\":[");
        List<Task> tasks = k.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            s.append(i > 0 ? "," : "").append("{\"pid\":").append(t.pid())
                    .append(",\"comm\":").append(str(t.comm()))
                    .append(",\"kind\":").append(str(t.kind() == Task.Kind.USER ? "user" : "kernel"))
                    .append(",\"state\":").append(str(state(t)))
                    .append(",\"exit_code\":").append(exitCode(t))
                    .append(",\"signal\":").append(t.isDead() && t.termSignal != 0 ? Integer.toString(t.termSignal) : "null")
                    .append('}');
        }
        return s.append("]}").toString();
    }

    private static String state(Task t) {
        if (t.isDead()) {
            return t.termSignal != 0 ? "killed" : "exited";
        }
        return t.state == Task.State.RUNNING ? "running" : "sleeping";
    }

    /** exit(2)'s status for a user task, do_exit's code for a kernel thread; null if killed or alive. */
    private static String exitCode(Task t) {
        if (!t.isDead() || t.termSignal != 0) {
            return "null";
        }
        return Long.toString(t.kind() == Task.Kind.USER ? (t.exitCode >> 8) & 0xff : t.exitCode);
    }

    static String str(String v) {
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '\r' -> s.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        s.append(String.format("\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static UserProgram assemble(Path file) {
        UserProgram.Result r = UserProgram.assemble(new SourceFile(file.toString(), InputFiles.readText(file)));
        if (r instanceof UserProgram.Result.Failed f) {
            throw Assembly.firstError(f.errors());
        }
        return ((UserProgram.Result.Ok) r).program();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
