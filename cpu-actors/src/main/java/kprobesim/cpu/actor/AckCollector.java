package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A broadcast with wait started from Java (outside any CPU): sends one request per target CPU
 * through the interconnect, collects the {@link Ack}s and completes a future with the
 * {@link BroadcastResult}, or with the missing CPUs after the machine's SMP timeout (wall clock
 * in parallel mode, clock rounds in deterministic mode). Stops itself when done.
 */
public final class AckCollector extends AbstractBehavior<AckCollector.Command> {

    public sealed interface Command {}

    private record Acked(Ack ack) implements Command {}

    private enum Timeout implements Command { INSTANCE }

    private record RoundsPassed(Long round) implements Command {}

    /**
     * @param clock the clock in deterministic mode (virtual timeout), or null in parallel mode
     */
    public static Behavior<Command> create(Board board, int[] targets, Function<Reply, Cpu.Command> make,
            ActorRef<Clock.Command> clock, CompletableFuture<BroadcastResult> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new AckCollector(ctx, timers, board, targets, make, clock, result)));
    }

    private final TreeMap<Integer, Ack.Outcome> answered = new TreeMap<>();
    private final TreeMap<Integer, Boolean> pending = new TreeMap<>();
    private final CompletableFuture<BroadcastResult> result;

    private AckCollector(ActorContext<Command> ctx, TimerScheduler<Command> timers, Board board, int[] targets,
            Function<Reply, Cpu.Command> make, ActorRef<Clock.Command> clock,
            CompletableFuture<BroadcastResult> result) {
        super(ctx);
        this.result = result;
        ActorRef<Ack> acks = ctx.messageAdapter(Ack.class, Acked::new);
        for (int t : targets) {
            pending.put(t, Boolean.TRUE);
        }
        Cpu.Command[] commands = new Cpu.Command[targets.length];
        for (int i = 0; i < targets.length; i++) {
            commands[i] = make.apply(Reply.to(acks));
        }
        board.interconnect().sendBatch(targets, commands);
        if (clock != null) {
            clock.tell(new Clock.AfterRounds(board.smpTimeoutRounds(), ctx.messageAdapter(Long.class, RoundsPassed::new)));
        } else {
            timers.startSingleTimer(Timeout.INSTANCE, board.smpTimeout());
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Acked.class, this::onAcked)
                .onMessageEquals(Timeout.INSTANCE, this::finish)
                .onMessage(RoundsPassed.class, r -> finish())
                .build();
    }

    private Behavior<Command> onAcked(Acked a) {
        if (pending.remove(a.ack().cpu()) != null) {
            answered.put(a.ack().cpu(), a.ack().outcome());
        }
        return pending.isEmpty() ? finish() : this;
    }

    private Behavior<Command> finish() {
        List<Integer> done = new ArrayList<>();
        List<Integer> offline = new ArrayList<>();
        answered.forEach((cpu, o) -> (o == Ack.Outcome.DONE ? done : offline).add(cpu));
        result.complete(new BroadcastResult(done, offline, new ArrayList<>(pending.keySet())));
        return Behaviors.stopped();
    }
}
