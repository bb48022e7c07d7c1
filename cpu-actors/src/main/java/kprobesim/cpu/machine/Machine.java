package kprobesim.cpu.machine;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import kprobesim.cpu.actor.Ack;
import kprobesim.cpu.actor.AckCollector;
import kprobesim.cpu.actor.Board;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Clock;
import kprobesim.cpu.actor.ClockInterconnect;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.DirectInterconnect;
import kprobesim.cpu.actor.ExclusiveCoordinator;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.actor.Interconnect;
import kprobesim.cpu.actor.Reply;
import kprobesim.cpu.memory.PageAllocator;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The machine facade: physical memory, N CPU actors (plus the clock in deterministic mode, or the
 * exclusive-section coordinator in parallel mode) spawned as system actors of a given
 * {@link ActorSystem} (tests pass their ActorTestKit's), and the operations tools need: start,
 * wait for quiescence, send commands through the interconnect, snapshots, the run digest.
 *
 * <p>Methods returning {@link CompletionStage} never block; {@link #run} and {@link #snapshotsNow}
 * block the calling (non-actor) thread and are for CLIs, harnesses and tests.
 */
public final class Machine implements AutoCloseable {
    /** Window of the page allocator (Linux's direct map starts here). */
    public static final long ALLOCATOR_BASE = 0xffff888000000000L;
    public static final long ALLOCATOR_PAGES = 1L << 16;
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ActorSystem<?> system;
    private final MachineConfig config;
    private final Board board;
    private final List<ActorRef<Cpu.Command>> cpus;
    private final ActorRef<Clock.Command> clock;
    private final ActorRef<ExclusiveCoordinator.Command> coordinator;
    private final String name;
    /** Completes exceptionally if a CPU actor or the clock dies (a simulator bug): waits must not hang. */
    private final CompletableFuture<Void> crashed = new CompletableFuture<>();
    private volatile boolean closing;
    private final ActorRef<Void> watcher;

    private Machine(ActorSystem<?> system, MachineConfig config, PhysicalMemory memory, HypercallTable hypercalls,
            Idtr initialIdt, IntFunction<Cpu.BootState> boot) {
        this.system = system;
        this.config = config;
        this.name = "kprobesim-m" + SEQ.incrementAndGet();
        this.board = new Board(memory, new PageAllocator(memory, ALLOCATOR_BASE, ALLOCATOR_PAGES), hypercalls,
                config.mode(), config.cpus(), config.quantum(), config.timerEvery(), config.budget(),
                config.smpTimeout(), config.smpTimeoutRounds());
        board.setCurrentIdt(initialIdt);
        List<Cpu.BootState> boots = new ArrayList<>(config.cpus());
        for (int i = 0; i < config.cpus(); i++) {
            Cpu.BootState b = boot.apply(i);
            boots.add(b);
            board.setOnline(i, b.online());
        }
        Props dispatcher = DispatcherSelector.fromConfig(config.mode() == ExecutionMode.DETERMINISTIC
                ? "kprobesim.deterministic-dispatcher" : "kprobesim.cpu-dispatcher");
        List<ActorRef<Cpu.Command>> refs = new ArrayList<>(config.cpus());
        for (int i = 0; i < config.cpus(); i++) {
            refs.add(system.systemActorOf(Cpu.create(i, board, boots.get(i)), name + "-cpu" + i, dispatcher));
        }
        this.cpus = List.copyOf(refs);
        if (config.mode() == ExecutionMode.DETERMINISTIC) {
            clock = system.systemActorOf(Clock.create(board, config.seed()), name + "-clock", dispatcher);
            board.setInterconnect(new ClockInterconnect(clock, config.cpus()));
            clock.tell(new Clock.Attach(cpus));
            coordinator = null;
        } else {
            clock = null;
            coordinator = system.systemActorOf(ExclusiveCoordinator.create(board), name + "-exclusive", Props.empty());
            board.setInterconnect(new DirectInterconnect(cpus, board.quiescence(), coordinator));
        }
        List<ActorRef<?>> watched = new ArrayList<>(cpus);
        if (clock != null) {
            watched.add(clock);
        }
        watcher = system.systemActorOf(Behaviors.<Void>setup(ctx -> {
            watched.forEach(ctx::watch);
            return Behaviors.receive(Void.class)
                    .onSignal(akka.actor.typed.Terminated.class, t -> {
                        if (!closing) {
                            crashed.completeExceptionally(new IllegalStateException(
                                    "simulator bug: " + t.getRef().path().name() + " stopped (see the log)"));
                        }
                        return Behaviors.same();
                    }).build();
        }), name + "-watch", Props.empty());
    }

    /**
     * Builds a machine over {@code memory} whose CPU {@code i} starts in {@code boot.apply(i)}
     * and whose CPUs load {@code initialIdt}. Nothing runs until {@link #start}.
     */
    public static Machine create(ActorSystem<?> system, MachineConfig config, PhysicalMemory memory,
            HypercallTable hypercalls, Idtr initialIdt, IntFunction<Cpu.BootState> boot) {
        return new Machine(system, config, memory, hypercalls, initialIdt, boot);
    }

    /** A machine running a loaded program (see {@link ProgramLoader}) with an empty IDT. */
    public static Machine forProgram(ActorSystem<?> system, MachineConfig config, ProgramLoader.Loaded program,
            HypercallTable hypercalls) {
        return new Machine(system, config, program.memory(), hypercalls, Idtr.EMPTY, program::boot);
    }

    public MachineConfig config() {
        return config;
    }

    public Board board() {
        return board;
    }

    public PhysicalMemory memory() {
        return board.memory();
    }

    public Interconnect interconnect() {
        return board.interconnect();
    }

    /** The clock (deterministic mode) or null. */
    public ActorRef<Clock.Command> clock() {
        return clock;
    }

    public ActorSystem<?> system() {
        return system;
    }

    /** Starts every online CPU at its boot state. */
    public void start() {
        int[] all = new int[cpus.size()];
        Cpu.Command[] starts = new Cpu.Command[cpus.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            starts[i] = new Cpu.Start();
        }
        board.interconnect().sendBatch(all, starts); // one round boundary for all: reproducible

    }

    /** Sends {@code command} to {@code cpu} the way CPUs do (a round boundary in deterministic mode). */
    public void send(int cpu, Cpu.Command command) {
        board.interconnect().send(cpu, command);
    }

    /** Sends {@code make.apply(reply)} to {@code cpu} and completes with its acknowledgement (or times out). */
    public CompletionStage<BroadcastResult> request(int cpu, Function<Reply, Cpu.Command> make) {
        return broadcast(new int[] {cpu}, make);
    }

    /** A broadcast with wait from Java to {@code targets} (see {@link AckCollector}). */
    public CompletionStage<BroadcastResult> broadcast(int[] targets, Function<Reply, Cpu.Command> make) {
        CompletableFuture<BroadcastResult> f = new CompletableFuture<>();
        if (targets.length == 0) {
            f.complete(BroadcastResult.EMPTY);
            return f;
        }
        system.systemActorOf(AckCollector.create(board, targets, make, clock, f),
                name + "-collector" + SEQ.incrementAndGet(), Props.empty());
        return f;
    }

    /** Runs {@code work} while no CPU executes guest code (an exclusive section). */
    public CompletionStage<Void> exclusive(Runnable work) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        CompletableFuture<Ack> acked = new CompletableFuture<>();
        board.interconnect().runExclusive(work, Reply.to(oneShot(acked)));
        return acked.thenApply(a -> null);
    }

    /** An actor that completes {@code f} with the first message it gets, then stops (an ask without a timeout). */
    public <T> ActorRef<T> oneShot(CompletableFuture<T> f) {
        return system.systemActorOf(Behaviors.<T>receive((ctx, msg) -> {
            f.complete(msg);
            return Behaviors.stopped();
        }), name + "-reply" + SEQ.incrementAndGet(), Props.empty());
    }

    /**
     * Completes when no CPU has anything to do (all halted, stopped, done, dead or offline);
     * completes exceptionally if a CPU actor or the clock crashed.
     */
    public CompletionStage<Void> quiescent() {
        CompletableFuture<Void> q;
        if (clock == null) {
            q = board.quiescence().await().toCompletableFuture();
        } else {
            CompletableFuture<Long> f = new CompletableFuture<>();
            clock.tell(new Clock.AwaitQuiescence(oneShot(f)));
            q = f.thenApply(r -> null);
        }
        return CompletableFuture.anyOf(q, crashed).thenApply(x -> null);
    }

    /** Snapshot of every CPU, in CPU order. */
    public CompletionStage<List<CpuSnapshot>> snapshots() {
        List<CompletableFuture<CpuSnapshot>> fs = new ArrayList<>();
        for (ActorRef<Cpu.Command> c : cpus) {
            fs.add(AskPattern.<Cpu.Command, CpuSnapshot>ask(c, Cpu.GetSnapshot::new, ASK, system.scheduler())
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0]))
                .thenApply(v -> fs.stream().map(CompletableFuture::join).toList());
    }

    public List<CpuSnapshot> snapshotsNow() {
        return await(snapshots(), ASK);
    }

    /** The result of {@link #run}. */
    public record RunReport(List<CpuSnapshot> cpus, String digest, long wallMillis, boolean timedOut) {
        public long instructions() {
            return cpus.stream().mapToLong(CpuSnapshot::instructions).sum();
        }
    }

    /**
     * Starts the machine and blocks until it is quiescent (every CPU halted, stopped, out of
     * budget or dead) or {@code timeout} passed; then snapshots and digests it.
     */
    public RunReport run(Duration timeout) {
        long t0 = System.nanoTime();
        start();
        boolean timedOut = false;
        try {
            quiescent().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        List<CpuSnapshot> snaps = snapshotsNow();
        return new RunReport(snaps, RunDigest.of(snaps, memory()), wall, timedOut);
    }

    /** Non-blocking {@link #run}: start, wait for quiescence, snapshot and digest. */
    public CompletionStage<RunReport> runAsync() {
        long t0 = System.nanoTime();
        start();
        return quiescent().thenCompose(v -> snapshots()).thenApply(snaps ->
                new RunReport(snaps, RunDigest.of(snaps, memory()), (System.nanoTime() - t0) / 1_000_000, false));
    }

    public String digest(List<CpuSnapshot> snapshots) {
        return RunDigest.of(snapshots, memory());
    }

    /** Stops every actor of this machine (the actor system keeps running). */
    @Override
    public void close() {
        closing = true;
        system.classicSystem().stop(akka.actor.typed.javadsl.Adapter.toClassic(watcher));
        for (ActorRef<Cpu.Command> c : cpus) {
            system.classicSystem().stop(akka.actor.typed.javadsl.Adapter.toClassic(c));
        }
        if (clock != null) {
            system.classicSystem().stop(akka.actor.typed.javadsl.Adapter.toClassic(clock));
        }
        if (coordinator != null) {
            system.classicSystem().stop(akka.actor.typed.javadsl.Adapter.toClassic(coordinator));
        }
    }

    static <T> T await(CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
