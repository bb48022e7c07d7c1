package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import kprobesim.cpu.exec.CoreAccess;
import kprobesim.cpu.exec.CoreRegisters;
import kprobesim.cpu.exec.CpuException;
import kprobesim.cpu.exec.InterruptDelivery;
import kprobesim.cpu.exec.InterruptDelivery.Source;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.TaskState;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Reg;

/**
 * One simulated CPU: an {@link X86Core} owned by this actor, its TSS, pending interrupts and IPI
 * requests, and its status. It executes guest code in slices of {@link Board#quantum()}
 * instructions and handles messages only between slices, so everything that changes the core
 * from outside (an interrupt, an IDT load, a decode-cache flush) happens at an instruction
 * boundary, as on hardware.
 *
 * <ul>
 *   <li>Parallel mode: the CPU sends itself a {@code Slice} tick after each slice while it is
 *       runnable; other messages queue behind it and are handled in between.</li>
 *   <li>Deterministic mode: the {@link Clock} sends {@link RunQuantum} with the commands posted
 *       for this CPU since the last round; the CPU handles them in order, runs one quantum and
 *       answers {@link Clock.QuantumDone}.</li>
 * </ul>
 *
 * <p>External interrupts are delivered through the IDT only with IF=1 (NMI always), the highest
 * vector first. IPI requests ({@link CallFunction}, {@link LoadIdt}, {@link SyncCore},
 * {@link FlushTlb}, {@link FlushTlbRange}) behave like Linux's call-function IPIs: they run only with IF=1, so a CPU
 * spinning with interrupts off delays them (and a broadcaster's wait times out).
 */
public final class Cpu extends AbstractBehavior<Cpu.Command> {

    /** Everything a CPU understands. */
    public sealed interface Command {}

    /** Begin executing guest code (sent once by the machine). */
    public record Start() implements Command {}

    /** Stop executing for good (status STOPPED); acknowledged. */
    public record Stop(Reply replyTo) implements Command {}

    /** Deterministic mode: handle {@code inbox} in order, run one quantum, answer the clock. */
    public record RunQuantum(long round, List<Command> inbox, ActorRef<Clock.Command> clock) implements Command {}

    /** An external interrupt (device, timer, or NMI when vector is {@link Vectors#NMI}). */
    public record RaiseInterrupt(int vector) implements Command {}

    /** An interrupt vector sent by another CPU (counted as an IPI). */
    public record SendIpi(int fromCpu, int vector) implements Command {}

    /** Run {@code fn} in IPI context on this CPU (when IF=1), then acknowledge. */
    public record CallFunction(CpuFunction fn, Reply replyTo) implements Command {}

    /** {@code lidt} on this CPU (when IF=1), then acknowledge. */
    public record LoadIdt(long base, int limit, Reply replyTo) implements Command {}

    /** Drop every decoded instruction (when IF=1), then acknowledge. */
    public record SyncCore(Reply replyTo) implements Command {}

    /** Flush this CPU's TLB (when IF=1), then acknowledge. */
    public record FlushTlb(Reply replyTo) implements Command {}

    /**
     * Drop this CPU's translations of the pages overlapping [start, end) (when IF=1), then
     * acknowledge: the receiving side of Linux's {@code flush_tlb_mm_range} / {@code flush_tlb_page}
     * IPI ({@code flush_tlb_func}). Like Linux, a range of more than
     * {@link #SINGLE_PAGE_FLUSH_CEILING} pages flushes the whole TLB instead of page by page.
     */
    public record FlushTlbRange(long start, long end, Reply replyTo) implements Command {
        /** Linux's {@code tlb_single_page_flush_ceiling} (33): beyond it one full flush is cheaper. */
        public static final long SINGLE_PAGE_FLUSH_CEILING = 33;

        public FlushTlbRange {
            if (Long.compareUnsigned(start, end) > 0) {
                throw new IllegalArgumentException("bad TLB flush range: start=0x" + Long.toHexString(start)
                        + " end=0x" + Long.toHexString(end));
            }
        }

        /** Applies the flush to {@code core} (also what the initiating CPU does locally). */
        public void applyTo(X86Core core) {
            if (start == end) {
                return; // an empty range flushes nothing
            }
            long first = start >>> Page.SHIFT;
            long last = (end - 1) >>> Page.SHIFT; // end is exclusive
            if (last - first + 1 > SINGLE_PAGE_FLUSH_CEILING) {
                core.flushTlb();
                return;
            }
            for (long vpn = first; vpn <= last; vpn++) {
                core.invlpg(vpn << Page.SHIFT);
            }
        }
    }

    /** Hot-unplug: run queued IPI requests (acknowledging them), go offline, acknowledge. */
    public record Offline(Reply replyTo) implements Command {}

    /** Hotplug: come online, load the machine's current IDT, resume executing, acknowledge. */
    public record Online(Reply replyTo) implements Command {}

    /** {@code stop_this_cpu}: IF=0 and STOPPED (only an NMI wakes it); acknowledged. */
    public record Halt(Reply replyTo) implements Command {}

    /** Stop at this slice boundary until {@link Resume} (exclusive sections); acknowledged. */
    public record Park(Reply replyTo) implements Command {}

    public record Resume() implements Command {}

    public record GetSnapshot(ActorRef<CpuSnapshot> replyTo) implements Command {}

    /** An acknowledgement for a broadcast this CPU is waiting on. */
    public record AckReceived(Ack ack) implements Command {}

    /** Parallel mode: a command sent through the interconnect, counted for quiescence. */
    record Routed(Command command) implements Command {}

    private enum Slice implements Command { INSTANCE }

    private record WaitTimeout(long request) implements Command {}

    /** Initial architectural state. */
    public record BootState(long rip, long rsp, long rdi, long rflags, int cs, int ss, long gsBase, long rsp0,
            boolean online) {
        public static BootState kernel(long rip, long rsp, long rdi, long gsBase, long rsp0) {
            return new BootState(rip, rsp, rdi, Flags.RESERVED1, 0x10, 0x18, gsBase, rsp0, true);
        }
    }

    public static Behavior<Command> create(int id, Board board, BootState boot) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Cpu(ctx, timers, id, board, boot)));
    }

    // ------------------------------------------------------------------ state

    private final int id;
    private final Board board;
    private final TimerScheduler<Command> timers;
    private final X86Core core;
    private final TaskState tss = new TaskState();
    private final Context context = new Context();
    private final Receive<Command> receive;
    private final boolean deterministic;

    private CpuStatus status;
    private boolean parked;
    /** 256-bit pending-interrupt bitmap (like the local APIC's IRR). */
    private final long[] irr = new long[4];
    private int irrCount;
    private boolean nmiPending;
    /** IPI requests waiting for IF=1. */
    private final ArrayDeque<Command> ipiQueue = new ArrayDeque<>();
    /** Broadcasts this CPU waits on, by request id (insertion order: deterministic). */
    private final Map<Long, PendingBroadcast> waits = new LinkedHashMap<>();
    /** Continuations that became ready while parked. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private long requestSeq;
    private long round;
    private long nextTimer;
    private boolean yieldRequested;
    private boolean inRun;
    private boolean sliceScheduled;
    private boolean countedBusy;

    private long retired;
    private long interrupts;
    private long ipis;
    private CpuSnapshot.Fault fault;

    private Cpu(ActorContext<Command> ctx, TimerScheduler<Command> timers, int id, Board board, BootState boot) {
        super(ctx);
        this.id = id;
        this.board = board;
        this.timers = timers;
        this.deterministic = board.mode() == ExecutionMode.DETERMINISTIC;
        this.core = new X86Core(board.memory());
        core.setRip(boot.rip());
        core.setReg(Reg.RSP, boot.rsp());
        core.setReg(Reg.RDI, boot.rdi());
        core.setRflags(boot.rflags());
        CoreAccess.setSegments(core, boot.cs(), boot.ss());
        core.setGsBase(boot.gsBase());
        tss.setRsp0(boot.rsp0());
        Idtr idt = board.currentIdt();
        core.setIdtr(idt.base(), idt.limit());
        core.setHypercallHandler(this::hypercall);
        this.nextTimer = board.timerEvery();
        this.status = boot.online() ? CpuStatus.STOPPED : CpuStatus.OFFLINE;
        this.receive = newReceiveBuilder()
                .onMessage(Routed.class, this::onRouted)
                .onMessage(RunQuantum.class, this::onRunQuantum)
                .onMessageEquals(Slice.INSTANCE, this::onSlice)
                .onMessage(Start.class, this::onStart)
                .onMessage(Stop.class, this::onStop)
                .onMessage(RaiseInterrupt.class, this::onRaiseInterrupt)
                .onMessage(SendIpi.class, this::onSendIpi)
                .onMessage(CallFunction.class, this::onIpiRequest)
                .onMessage(LoadIdt.class, this::onIpiRequest)
                .onMessage(SyncCore.class, this::onIpiRequest)
                .onMessage(FlushTlb.class, this::onIpiRequest)
                .onMessage(FlushTlbRange.class, this::onIpiRequest)
                .onMessage(Offline.class, this::onOffline)
                .onMessage(Online.class, this::onOnline)
                .onMessage(Halt.class, this::onHalt)
                .onMessage(Park.class, this::onPark)
                .onMessage(Resume.class, this::onResume)
                .onMessage(GetSnapshot.class, this::onGetSnapshot)
                .onMessage(AckReceived.class, this::onAckReceived)
                .onMessage(WaitTimeout.class, this::onWaitTimeout)
                .build();
    }

    @Override
    public Receive<Command> createReceive() {
        return receive;
    }

    // ------------------------------------------------------------------ scheduling

    private Behavior<Command> onRouted(Routed r) {
        dispatch(r.command());
        board.quiescence().decrement(); // after the handler counted this CPU busy if it woke
        return this;
    }

    /** Handles a command taken out of an envelope (Routed, RunQuantum) with the same receive rows. */
    private void dispatch(Command c) {
        try {
            receive.receive(getContext(), c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Behavior<Command> onRunQuantum(RunQuantum q) {
        round = q.round();
        for (Command c : q.inbox()) {
            dispatch(c);
        }
        expireWaits();
        drainIpis();
        runSlice();
        q.clock().tell(new Clock.QuantumDone(id, idle()));
        return this;
    }

    private Behavior<Command> onSlice() {
        sliceScheduled = false;
        drainIpis();
        runSlice();
        return next();
    }

    /** Common tail of every handler: parallel-mode quiescence accounting and the next slice. */
    private Behavior<Command> next() {
        if (!deterministic) {
            boolean busy = !idle();
            if (busy != countedBusy) {
                countedBusy = busy;
                if (busy) {
                    board.quiescence().increment();
                } else {
                    board.quiescence().decrement();
                }
            }
            if (busy && runnable() && !sliceScheduled) {
                sliceScheduled = true;
                getContext().getSelf().tell(Slice.INSTANCE);
            }
        }
        return this;
    }

    private boolean timerOn() {
        return board.timerEvery() > 0;
    }

    private boolean ifSet() {
        return CoreAccess.interruptsEnabled(core);
    }

    /** Could execute guest code now. */
    private boolean runnable() {
        if (parked || !waits.isEmpty()) {
            return false;
        }
        return status == CpuStatus.RUNNING || (status == CpuStatus.HALTED && timerOn() && ifSet());
    }

    /** Nothing will happen on this CPU without an outside event. */
    private boolean idle() {
        return !runnable() && !parked && waits.isEmpty() && deferred.isEmpty();
    }

    // ------------------------------------------------------------------ the slice

    private void runSlice() {
        runDeferred();
        long left = board.quantum();
        while (left > 0 && runnable()) {
            if (status == CpuStatus.HALTED) {
                // hlt with IF=1 and a timer: idle time passes at once up to the next deadline.
                // Deterministic mode: idle time is charged to the round's quantum like retired
                // instructions, so an idle CPU's clock keeps pace with the busy ones (boot hook).
                long idleNs = nextTimer - core.tsc();
                if (deterministic && idleNs > left) {
                    core.setTsc(core.tsc() + left);
                    left = 0;
                    break;
                }
                core.setTsc(Math.max(core.tsc(), nextTimer));
                if (deterministic && idleNs > 0) {
                    left -= idleNs;
                }
                status = CpuStatus.RUNNING;
            }
            if (retired >= board.budget()) {
                status = CpuStatus.DONE;
                break;
            }
            if (timerOn() && core.tsc() >= nextTimer) {
                setIrr(Vectors.TIMER);
                while (nextTimer <= core.tsc()) {
                    nextTimer += board.timerEvery();
                }
            }
            if (nmiPending) {
                nmiPending = false;
                deliver(Vectors.NMI, Source.EXTERNAL);
            } else if (irrCount > 0 && ifSet()) {
                deliver(takeHighestIrr(), Source.EXTERNAL);
            }
            if (status != CpuStatus.RUNNING) {
                break;
            }
            long n = Math.min(left, board.budget() - retired);
            if (timerOn()) {
                n = Math.min(n, nextTimer - core.tsc());
            }
            if (irrCount > 0 && !ifSet()) {
                n = Math.min(n, 64); // notice a sti soon
            }
            n = Math.max(n, 1);
            CoreAccess.beginRun(core);
            inRun = true;
            RunResult r;
            try {
                r = core.run(n, X86Core.NO_END);
            } finally {
                inRun = false;
            }
            retired += r.instructions();
            left -= Math.max(1, r.instructions());
            switch (r.stop()) {
                case HLT -> onGuestHlt();
                case EXCEPTION -> deliverException(r.exception());
                default -> { }
            }
            if (yieldRequested) {
                yieldRequested = false;
                break;
            }
        }
        // the end of a slice is a boundary too: take IPIs that became deliverable (IF=1 now, or
        // the CPU just ran out of budget and will not run another slice to take them)
        drainIpis();
    }

    private void onGuestHlt() {
        if (yieldRequested) {
            return; // not a guest hlt: a hypercall asked the run to end
        }
        if (ifSet()) {
            if (irrCount == 0 && !nmiPending) {
                status = CpuStatus.HALTED;
            }
        } else if (!nmiPending) {
            status = CpuStatus.STOPPED;
        }
    }

    private void deliver(int vector, Source source) {
        long rip = core.rip();
        InterruptDelivery.Result r = InterruptDelivery.deliver(core, tss, vector, 0, source);
        afterDelivery(r, vector, rip);
    }

    private void deliverException(CpuException e) {
        long rip = core.rip();
        afterDelivery(InterruptDelivery.deliver(core, tss, e), e.vector(), rip);
    }

    private void afterDelivery(InterruptDelivery.Result r, int vector, long rip) {
        if (r.delivered()) {
            interrupts++;
            if (status == CpuStatus.HALTED || status == CpuStatus.STOPPED) {
                status = CpuStatus.RUNNING;
            }
        } else {
            status = CpuStatus.TRIPLE_FAULT;
            fault = new CpuSnapshot.Fault(vector, rip);
            getContext().getLog().debug("cpu {}: triple fault ({} at rip 0x{})", id, CpuException.name(vector),
                    Long.toHexString(rip));
        }
    }

    private void setIrr(int v) {
        long bit = 1L << (v & 63);
        if ((irr[v >>> 6] & bit) == 0) {
            irr[v >>> 6] |= bit;
            irrCount++;
        }
    }

    private int takeHighestIrr() {
        for (int w = 3; w >= 0; w--) {
            if (irr[w] != 0) {
                int b = 63 - Long.numberOfLeadingZeros(irr[w]);
                irr[w] &= ~(1L << b);
                irrCount--;
                return w * 64 + b;
            }
        }
        throw new IllegalStateException("empty IRR");
    }

    // ------------------------------------------------------------------ lifecycle and interrupts

    private Behavior<Command> onStart(Start s) {
        if (status == CpuStatus.STOPPED && board.isOnline(id)) {
            status = CpuStatus.RUNNING;
        }
        return next();
    }

    private Behavior<Command> onStop(Stop s) {
        if (status != CpuStatus.OFFLINE && status != CpuStatus.TRIPLE_FAULT) {
            status = CpuStatus.STOPPED;
        }
        ack(s.replyTo(), Ack.Outcome.DONE);
        return next();
    }

    private Behavior<Command> onHalt(Halt h) {
        if (status != CpuStatus.OFFLINE && status != CpuStatus.TRIPLE_FAULT) {
            core.setRflags(core.rflags() & ~Flags.IF);
            status = CpuStatus.STOPPED;
        }
        ack(h.replyTo(), Ack.Outcome.DONE);
        return next();
    }

    private Behavior<Command> onRaiseInterrupt(RaiseInterrupt r) {
        raise(r.vector());
        return next();
    }

    private Behavior<Command> onSendIpi(SendIpi s) {
        if (acceptsInterrupts()) {
            ipis++;
        }
        raise(s.vector());
        return next();
    }

    private boolean acceptsInterrupts() {
        return status != CpuStatus.OFFLINE && status != CpuStatus.TRIPLE_FAULT && status != CpuStatus.DONE;
    }

    private void raise(int vector) {
        if (!acceptsInterrupts()) {
            return; // an offline, dead or finished CPU drops interrupts
        }
        if (vector == Vectors.NMI) {
            nmiPending = true;
            if (status == CpuStatus.HALTED || status == CpuStatus.STOPPED) {
                status = CpuStatus.RUNNING;
            }
            return;
        }
        setIrr(vector & 0xff);
        if (status == CpuStatus.HALTED && ifSet()) {
            status = CpuStatus.RUNNING;
        }
    }

    // ------------------------------------------------------------------ IPI requests

    private Behavior<Command> onIpiRequest(Command c) {
        if (status == CpuStatus.OFFLINE) {
            ack(replyOf(c), Ack.Outcome.OFFLINE);
        } else if (ipiQueue.isEmpty() && canTakeIpi()) {
            runIpi(c);
        } else {
            ipiQueue.addLast(c);
        }
        return next();
    }

    private boolean canTakeIpi() {
        return status != CpuStatus.TRIPLE_FAULT && (ifSet() || status == CpuStatus.DONE);
    }

    private void drainIpis() {
        while (!ipiQueue.isEmpty() && canTakeIpi()) {
            runIpi(ipiQueue.pollFirst());
        }
    }

    private static Reply replyOf(Command c) {
        if (c instanceof CallFunction f) {
            return f.replyTo();
        } else if (c instanceof LoadIdt l) {
            return l.replyTo();
        } else if (c instanceof SyncCore s) {
            return s.replyTo();
        } else if (c instanceof FlushTlb t) {
            return t.replyTo();
        } else if (c instanceof FlushTlbRange t) {
            return t.replyTo();
        }
        throw new IllegalArgumentException(String.valueOf(c));
    }

    private void runIpi(Command c) {
        ipis++;
        if (c instanceof CallFunction f) {
            try {
                f.fn().run(context);
            } catch (RuntimeException e) {
                getContext().getLog().error("cpu " + id + ": call function failed", e);
            }
        } else if (c instanceof LoadIdt l) {
            core.setIdtr(l.base(), l.limit());
        } else if (c instanceof SyncCore) {
            core.flushDecodeCache();
        } else if (c instanceof FlushTlb) {
            core.flushTlb();
        } else if (c instanceof FlushTlbRange t) {
            t.applyTo(core);
        }
        ack(replyOf(c), Ack.Outcome.DONE);
    }

    private void ack(Reply to, Ack.Outcome outcome) {
        AckSink.acknowledge(board, to, id, outcome);
    }

    // ------------------------------------------------------------------ hotplug, parking

    private Behavior<Command> onOffline(Offline o) {
        if (status != CpuStatus.OFFLINE) {
            // flush_smp_call_function_queue: a dying CPU runs what was already queued for it
            while (!ipiQueue.isEmpty()) {
                runIpi(ipiQueue.pollFirst());
            }
            board.setOnline(id, false);
            status = CpuStatus.OFFLINE;
            java.util.Arrays.fill(irr, 0);
            irrCount = 0;
            nmiPending = false;
        }
        ack(o.replyTo(), Ack.Outcome.DONE);
        return next();
    }

    private Behavior<Command> onOnline(Online o) {
        if (status == CpuStatus.OFFLINE) {
            board.setOnline(id, true); // set before reading the IDT: see IdtReload on the race
            Idtr idt = board.currentIdt();
            core.setIdtr(idt.base(), idt.limit());
            core.flushDecodeCache();
            // TLB shootdowns skip offline CPUs, so translations cached before going offline may
            // be stale: start with an empty TLB, as a CPU coming up does.
            core.flushTlb();
            status = CpuStatus.RUNNING;
            if (!deterministic && board.exclusiveActive()) {
                parked = true; // joins the exclusive section in progress; its Resume wakes us
            }
        }
        ack(o.replyTo(), Ack.Outcome.DONE);
        return next();
    }

    private Behavior<Command> onPark(Park p) {
        parked = true;
        ack(p.replyTo(), Ack.Outcome.DONE);
        return next();
    }

    private Behavior<Command> onResume(Resume r) {
        parked = false;
        runDeferred();
        return next();
    }

    private Behavior<Command> onGetSnapshot(GetSnapshot g) {
        g.replyTo().tell(snapshot());
        return this;
    }

    private CpuSnapshot snapshot() {
        return new CpuSnapshot(id, CoreRegisters.of(core), status, board.isOnline(id), parked, !waits.isEmpty(),
                retired, interrupts, ipis, fault);
    }

    // ------------------------------------------------------------------ waiting for broadcasts

    /** Registers a wait; returns the reply route the targets must answer to. */
    private Reply.ToCpu startWait(int[] targets, Consumer<BroadcastResult> then) {
        long req = ++requestSeq;
        AckSink sink = deterministic ? null : new AckSink(targets.length);
        PendingBroadcast w = new PendingBroadcast(req, targets, then, sink);
        waits.put(req, w);
        if (deterministic) {
            w.deadlineRound = round + board.smpTimeoutRounds();
        } else {
            timers.startSingleTimer(new WaitTimeout(req), board.smpTimeout());
        }
        if (inRun) {
            // called from a hypercall: end the guest's run after the vmcall
            yieldRequested = true;
            CoreAccess.stopAfterCurrentInstruction(core);
        }
        return new Reply.ToCpu(id, req, sink);
    }

    private Behavior<Command> onAckReceived(AckReceived a) {
        PendingBroadcast w = waits.get(a.ack().request());
        if (w != null) {
            if (w.pending.remove(a.ack().cpu()) != null) {
                w.answered.put(a.ack().cpu(), a.ack().outcome());
            }
            w.collect();
            if (w.pending.isEmpty()) {
                finish(w);
            }
        }
        return next();
    }

    private Behavior<Command> onWaitTimeout(WaitTimeout t) {
        PendingBroadcast w = waits.get(t.request());
        if (w != null) {
            finish(w);
        }
        return next();
    }

    private void expireWaits() {
        if (waits.isEmpty()) {
            return;
        }
        for (Iterator<PendingBroadcast> it = new ArrayList<>(waits.values()).iterator(); it.hasNext(); ) {
            PendingBroadcast w = it.next();
            if (round >= w.deadlineRound && waits.containsKey(w.request)) {
                finish(w);
            }
        }
    }

    private void finish(PendingBroadcast w) {
        waits.remove(w.request);
        if (!deterministic) {
            timers.cancel(new WaitTimeout(w.request));
        }
        BroadcastResult result = w.result();
        deferred.addLast(() -> w.then.accept(result));
        runDeferred();
    }

    /** Runs ready continuations, unless parked (they must not race with an exclusive section). */
    private void runDeferred() {
        while (!parked && !deferred.isEmpty()) {
            Runnable r = deferred.pollFirst();
            try {
                r.run();
            } catch (RuntimeException e) {
                getContext().getLog().error("cpu " + id + ": continuation failed", e);
            }
        }
    }

    // ------------------------------------------------------------------ hypercalls

    private long hypercall(X86Core c, int nr, long rdi, long rsi, long rdx, long rcx, long r8, long r9) {
        Hypercall h = board.hypercalls().lookup(nr);
        if (h != null) {
            return h.call(context, rdi, rsi, rdx, rcx, r8, r9);
        }
        switch (nr) {
            case HypercallTable.SEND_IPI: {
                if (rdi != -1 && (rdi < 0 || rdi >= board.cpus())) {
                    return HypercallTable.EINVAL; // guest input never reaches Java unchecked
                }
                int[] targets = rdi == -1 ? board.onlineCpus(id) : new int[] {(int) rdi};
                for (int t : targets) {
                    context.sendIpi(t, (int) rsi & 0xff);
                }
                return targets.length;
            }
            case HypercallTable.CPU_ID:
                return id;
            case HypercallTable.SYNC_CORE:
                context.broadcast(SyncCore::new, r -> core.setReg(Reg.RAX, r.complete() ? 0 : -110));
                return 0;
            default:
                return HypercallTable.ENOSYS;
        }
    }

    /** The {@link CpuContext} handed to call functions and hypercalls. */
    private final class Context implements CpuContext {
        @Override
        public int cpuId() {
            return id;
        }

        @Override
        public X86Core core() {
            return core;
        }

        @Override
        public TaskState taskState() {
            return tss;
        }

        @Override
        public Board board() {
            return board;
        }

        @Override
        public void broadcast(Function<Reply, Command> make, Consumer<BroadcastResult> then) {
            broadcast(board.onlineCpus(id), make, then);
        }

        @Override
        public void broadcast(int[] cpus, Function<Reply, Command> make, Consumer<BroadcastResult> then) {
            if (cpus.length == 0) {
                then.accept(BroadcastResult.EMPTY);
                return;
            }
            Reply.ToCpu reply = startWait(cpus, then);
            for (int t : cpus) {
                board.interconnect().send(t, make.apply(reply));
            }
        }

        @Override
        public void sendIpi(int cpu, int vector) {
            board.interconnect().send(cpu, new SendIpi(id, vector));
        }

        @Override
        public void exclusive(Runnable work, Runnable then) {
            Reply.ToCpu reply = startWait(new int[] {Clock.CLOCK_ID}, r -> then.run());
            board.interconnect().runExclusive(work, reply);
        }
    }
}
