package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic mode's scheduler. Virtual time advances in rounds; in each round every CPU that
 * has work (is runnable, waits for something, or has posted commands) runs one quantum, <em>one
 * CPU at a time</em>, in an order drawn from the seed (a fresh seeded permutation per round).
 * The clock waits for each CPU's {@link QuantumDone} before starting the next, so exactly one CPU
 * touches memory at any moment.
 *
 * <p>Every command to a CPU — IPIs, acknowledgements between CPUs, IDT loads, hotplug, requests
 * from Java — is {@link Post}ed here and handed to the CPU inside its next {@link Cpu.RunQuantum},
 * taken from a per-CPU inbox snapshotted when the round starts: a command posted during round r
 * takes effect in round r+1, whatever the wall clock did. Exclusive work runs between rounds.
 * Nothing here reads the wall clock, hashes identities or iterates a hash map, so the same
 * program, configuration and seed give the same execution on any JVM. (Commands posted from
 * outside the machine take effect at the round boundary after they arrive; to be reproducible a
 * test posts them before the machine starts or from a CPU.)
 *
 * <p>When no CPU has work the machine is quiescent: the clock stops issuing rounds (and answers
 * {@link AwaitQuiescence}) until something is posted. Virtual timeouts ({@link AfterRounds}) still
 * fire then: idle rounds are skipped in one step.
 */
public final class Clock extends AbstractBehavior<Clock.Command> {
    /** The "CPU id" of acknowledgements sent by the clock or the exclusive coordinator. */
    public static final int CLOCK_ID = -1;

    public sealed interface Command {}

    /** Hands the CPUs to the clock (once, right after they are spawned). */
    public record Attach(List<ActorRef<Cpu.Command>> cpus) implements Command {}

    /** Deliver {@code command} to {@code cpu} at the next round boundary. */
    public record Post(int cpu, Cpu.Command command) implements Command {}

    /** Several posts that take effect at the same round boundary. */
    public record PostBatch(List<Post> posts) implements Command {}

    /** A CPU finished its quantum; {@code idle}: it has nothing to do until a command arrives. */
    public record QuantumDone(int cpu, boolean idle) implements Command {}

    /** Run {@code work} at the next round boundary (no CPU is executing), then ack {@code replyTo}. */
    public record Exclusive(Runnable work, Reply replyTo) implements Command {}

    /** Answer with the round number once {@code rounds} more rounds have passed. */
    public record AfterRounds(long rounds, ActorRef<Long> replyTo) implements Command {}

    /** Answer with the round number when no CPU has work. */
    public record AwaitQuiescence(ActorRef<Long> replyTo) implements Command {}

    public static Behavior<Command> create(Board board, long seed) {
        return Behaviors.setup(ctx -> new Clock(ctx, board, seed));
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): fixed arithmetic, identical on every JVM. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            long z = (state += 0x9e3779b97f4a7c15L);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound). */
        int nextInt(int bound) {
            return (int) Long.remainderUnsigned(next(), bound);
        }
    }

    private final Board board;
    private final SplitMix64 rng;
    private List<ActorRef<Cpu.Command>> cpus;
    private List<Cpu.Command>[] inbox;
    private List<Cpu.Command>[] roundInbox;
    private boolean[] idle;
    private int[] order = new int[0];
    private int pos;
    private boolean inRound;
    private boolean quiescent;
    private long round;
    private final ArrayDeque<Exclusive> exclusives = new ArrayDeque<>();
    private final TreeMap<Long, List<ActorRef<Long>>> deadlines = new TreeMap<>();
    private final List<ActorRef<Long>> quiescenceWaiters = new ArrayList<>();

    private Clock(ActorContext<Command> ctx, Board board, long seed) {
        super(ctx);
        this.board = board;
        this.rng = new SplitMix64(seed);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Attach.class, this::onAttach)
                .onMessage(Post.class, this::onPost)
                .onMessage(PostBatch.class, this::onPostBatch)
                .onMessage(QuantumDone.class, this::onQuantumDone)
                .onMessage(Exclusive.class, this::onExclusive)
                .onMessage(AfterRounds.class, this::onAfterRounds)
                .onMessage(AwaitQuiescence.class, this::onAwaitQuiescence)
                .build();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> onAttach(Attach a) {
        cpus = List.copyOf(a.cpus());
        int n = cpus.size();
        inbox = new List[n];
        roundInbox = new List[n];
        idle = new boolean[n];
        for (int i = 0; i < n; i++) {
            inbox[i] = new ArrayList<>();
            idle[i] = true;
        }
        startRound();
        return this;
    }

    private Behavior<Command> onPost(Post p) {
        if (cpus == null) {
            throw new IllegalStateException("post before attach");
        }
        inbox[p.cpu()].add(p.command());
        if (!inRound) {
            startRound();
        }
        return this;
    }

    private Behavior<Command> onPostBatch(PostBatch b) {
        for (Post p : b.posts()) {
            inbox[p.cpu()].add(p.command());
        }
        if (!inRound) {
            startRound();
        }
        return this;
    }

    private Behavior<Command> onExclusive(Exclusive e) {
        exclusives.addLast(e);
        if (!inRound && cpus != null) {
            startRound();
        }
        return this;
    }

    private Behavior<Command> onAfterRounds(AfterRounds a) {
        deadlines.computeIfAbsent(round + Math.max(1, a.rounds()), k -> new ArrayList<>()).add(a.replyTo());
        if (!inRound && cpus != null) {
            startRound();
        }
        return this;
    }

    private Behavior<Command> onAwaitQuiescence(AwaitQuiescence a) {
        if (quiescent && !inRound) {
            a.replyTo().tell(round);
        } else {
            quiescenceWaiters.add(a.replyTo());
        }
        return this;
    }

    private Behavior<Command> onQuantumDone(QuantumDone d) {
        if (!inRound || order[pos] != d.cpu()) {
            throw new IllegalStateException("unexpected " + d + " (round " + round + ")");
        }
        idle[d.cpu()] = d.idle();
        pos++;
        if (pos < order.length) {
            sendQuantum(order[pos]);
        } else {
            inRound = false;
            round++;
            startRound();
        }
        return this;
    }

    /** At a round boundary: exclusive work, due timeouts, then the next round or quiescence. */
    private void startRound() {
        while (true) {
            while (!exclusives.isEmpty()) {
                Exclusive e = exclusives.pollFirst();
                try {
                    e.work().run();
                } catch (RuntimeException ex) {
                    getContext().getLog().error("exclusive work failed", ex);
                }
                if (e.replyTo() instanceof Reply.ToCpu c) {
                    inbox[c.cpu()].add(new Cpu.AckReceived(new Ack(CLOCK_ID, c.request(), Ack.Outcome.DONE)));
                } else {
                    acknowledge(board, e.replyTo());
                }
            }
            fireDeadlines();
            int n = 0;
            int[] next = new int[cpus.size()];
            for (int i = 0; i < cpus.size(); i++) {
                if (!idle[i] || !inbox[i].isEmpty()) {
                    next[n++] = i;
                }
            }
            if (n == 0) {
                if (!deadlines.isEmpty()) {
                    round = Math.max(round, deadlines.firstKey()); // nothing runs: skip idle rounds
                    continue;
                }
                quiescent = true;
                for (ActorRef<Long> w : quiescenceWaiters) {
                    w.tell(round);
                }
                quiescenceWaiters.clear();
                return;
            }
            quiescent = false;
            // Fisher-Yates with the seeded generator: the seed decides the interleaving
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = next[i];
                next[i] = next[j];
                next[j] = t;
            }
            order = n == next.length ? next : java.util.Arrays.copyOf(next, n);
            for (int cpu : order) {
                List<Cpu.Command> in = inbox[cpu];
                if (in.isEmpty()) {
                    roundInbox[cpu] = List.of();
                } else {
                    roundInbox[cpu] = in;
                    inbox[cpu] = new ArrayList<>();
                }
            }
            pos = 0;
            inRound = true;
            sendQuantum(order[0]);
            return;
        }
    }

    private void sendQuantum(int cpu) {
        List<Cpu.Command> in = roundInbox[cpu];
        roundInbox[cpu] = null;
        cpus.get(cpu).tell(new Cpu.RunQuantum(round, in, getContext().getSelf()));
    }

    private void fireDeadlines() {
        while (!deadlines.isEmpty() && deadlines.firstKey() <= round) {
            Map.Entry<Long, List<ActorRef<Long>>> e = deadlines.pollFirstEntry();
            for (ActorRef<Long> r : e.getValue()) {
                r.tell(round);
            }
        }
    }

    /** Sends the exclusive-section acknowledgement (cpu {@link #CLOCK_ID}) to {@code to}. */
    static void acknowledge(Board board, Reply to) {
        AckSink.acknowledge(board, to, CLOCK_ID, Ack.Outcome.DONE);
    }
}
