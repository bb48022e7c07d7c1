package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayDeque;

/**
 * Parallel mode's exclusive sections (QEMU's {@code start_exclusive}/{@code end_exclusive}): one
 * at a time, it parks every online CPU (each acknowledges at a slice boundary and stops), runs
 * the work on its own thread while nothing executes guest code, resumes the CPUs, and then
 * acknowledges the requester. Requests queue; sections never overlap, so two CPUs asking at once
 * cannot park each other into a deadlock. A CPU that comes online during a section parks itself
 * (QEMU's {@code cpu_exec_start} waiting for {@code pending_cpus}).
 */
public final class ExclusiveCoordinator extends AbstractBehavior<ExclusiveCoordinator.Command> {

    public sealed interface Command {}

    /** Run {@code work} exclusively, then ack {@code replyTo}. */
    public record Request(Runnable work, Reply replyTo) implements Command {}

    private record Parked(Ack ack) implements Command {}

    public static Behavior<Command> create(Board board) {
        return Behaviors.setup(ctx -> new ExclusiveCoordinator(ctx, board));
    }

    private final Board board;
    private final ActorRef<Ack> parkedAdapter;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private Request current;
    private int[] parkedCpus;
    private int awaiting;

    private ExclusiveCoordinator(ActorContext<Command> ctx, Board board) {
        super(ctx);
        this.board = board;
        this.parkedAdapter = ctx.messageAdapter(Ack.class, Parked::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Request.class, this::onRequest)
                .onMessage(Parked.class, this::onParked)
                .build();
    }

    private Behavior<Command> onRequest(Request r) {
        queue.addLast(r);
        if (current == null) {
            startNext();
        }
        return this;
    }

    private void startNext() {
        current = queue.pollFirst();
        if (current == null) {
            return;
        }
        board.setExclusiveActive(true); // a CPU coming online from now on parks itself (Cpu.onOnline)
        parkedCpus = board.onlineCpus(-1);
        awaiting = parkedCpus.length;
        for (int cpu : parkedCpus) {
            board.interconnect().send(cpu, new Cpu.Park(Reply.to(parkedAdapter)));
        }
        if (awaiting == 0) {
            runCurrent();
        }
    }

    private Behavior<Command> onParked(Parked p) {
        if (--awaiting == 0) {
            runCurrent();
        }
        return this;
    }

    private void runCurrent() {
        try {
            current.work().run();
        } catch (RuntimeException e) {
            getContext().getLog().error("exclusive work failed", e);
        } finally {
            board.setExclusiveActive(false);
            // every CPU, not only the ones parked above: one may have come online (and parked
            // itself) meanwhile; Resume to a CPU that is not parked does nothing
            for (int cpu = 0; cpu < board.cpus(); cpu++) {
                board.interconnect().send(cpu, new Cpu.Resume());
            }
            Clock.acknowledge(board, current.replyTo());
            current = null;
        }
        startNext();
    }
}
